"""The in-browser calculators: anywidget widgets whose ES modules draw in the page.

Each works on the static site with no kernel and in JupyterLab. Where an input ranges
over a finite set (the AIAG table, rule x number of cranes, the welding options) Python
computes the results when the notebook runs and ships them as traits; the page only picks
and draws. The page computes only what a reader types freely (a CPM's durations and
predecessors, the pulse arithmetic, the ranking of typed ratings), in functions that name
their Python twins; Python recomputes the same on every change (``result``, ``error``),
and ``tests/test_parity.py`` keeps the twins equal::

    from followup.calculators import FloatCalculator, PulseCalculator, RpnCalculator
    FloatCalculator.from_case()                 # chapter 2, the pipeline case
    PulseCalculator.from_case()                 # chapter 3, fleet pulse and Hualong One cranes
    RpnCalculator.from_case("subsea_tunnel")    # chapter 4 (or "pd1_trial")

In a chapter, make the calculator the last value of a cell tagged ``nbval-ignore-output`` and
execute the notebook, so its widget state is stored and the static page can run it. Pass traits
to ``from_case`` to start elsewhere, e.g. ``FloatCalculator.from_case(welding_option="auto_air")``.
The ES modules are split for reading (``panel.mjs`` drawing helpers, ``cpm.mjs`` the critical
path method) and bundled into one module per widget by :func:`followup.calculators._base.bundle_module`.
"""

from followup.calculators.float_calculator import FloatCalculator, FloatResult, float_result
from followup.calculators.pulse_calculator import PulseCalculator, PulseResult
from followup.calculators.rpn_calculator import RpnCalculator, RpnResult, rpn_result

__all__ = ["FloatCalculator", "FloatResult", "PulseCalculator", "PulseResult", "RpnCalculator", "RpnResult",
           "float_result", "rpn_result"]
