"""The in-browser calculators: anywidget widgets whose ES modules compute and draw in the page.

Each works on the static site with no kernel and in JupyterLab; Python recomputes
the same result with the library on every change (``result``, ``error``), and
``tests/test_parity.py`` keeps the JavaScript equal to the library::

    from followup.calculators import FloatCalculator, PulseCalculator, RpnCalculator
    FloatCalculator.from_case()                 # chapter 2, the pipeline case
    PulseCalculator.from_case()                 # chapter 3, fleet pulse and Hualong One cranes
    RpnCalculator.from_case("subsea_tunnel")    # chapter 4 (or "pd1_trial")
"""

from followup.calculators.float_calculator import FloatCalculator, FloatResult, float_result
from followup.calculators.pulse_calculator import PulseCalculator, PulseResult
from followup.calculators.rpn_calculator import RpnCalculator, RpnResult, rpn_result

__all__ = ["FloatCalculator", "FloatResult", "PulseCalculator", "PulseResult", "RpnCalculator", "RpnResult",
           "float_result", "rpn_result"]
