"""Checks of the numbers a caller passes to the organisation modules, in one wording.

``flow``, ``decisions``, ``communication`` and ``pay`` check their arguments here, so a
bad value always reads the same way: the argument's name, the value, the rule to
follow. The calculator's JavaScript twin is ``requireNumber`` in
``followup/calculators/organisation_calculator.mjs`` (same messages; parity test in
``tests/test_parity_organisation.py``).

>>> require_number(3, "handoffs", low=0, high=100, integer=True)
3
>>> require_number(-1, "handoffs", low=0, high=100, integer=True)
Traceback (most recent call last):
...
followup.errors.OrganisationError: handoffs is -1; give a whole number from 0 to 100
"""

from __future__ import annotations

import math
import numbers

from followup.errors import OrganisationError

__all__ = ["require_number"]


def _rule(low: float, high: float, integer: bool, unit: str) -> str:
    unit = f" {unit}" if unit else ""
    kind = "a whole number" if integer else "a number"
    return f"give {kind} from {low:g} to {high:g}{unit}"


def require_number(value, name: str, *, low: float, high: float, integer: bool = False, unit: str = "",
                   above_low: bool = False):
    """``value`` if it is a real number in ``[low, high]`` (``(low, high]`` with ``above_low``), else raise.

    The message names the argument, the value and the rule, e.g. ``wait_per_handoff_hours is -2;
    give a number from 0 to 10000 hours``. Booleans and text are refused (they are not numbers).
    """
    rule = _rule(low, high, integer, unit)
    if above_low:
        rule = rule.replace(f"from {low:g}", f"above {low:g} and up")
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or math.isnan(value):
        raise OrganisationError(f"{name} is missing or not a number; {rule}")
    if (math.isinf(value) or value < low or value > high or (above_low and value == low)
            or (integer and value != int(value))):
        raise OrganisationError(f"{name} is {value:g}; {rule}")
    return int(value) if integer else value
