"""Limits on the sizes a caller controls, and the input checks the computing modules share.

Every public function refuses, before any work, a size it could not honour in a
few seconds and a few hundred megabytes (iterations, grid lengths, magnitudes),
and takes numbers only when they are real numbers: a ``True`` is not 1, ``1+1j``
is not 1, ``"3"`` is not 3. The limits are far above anything a course exercise
or a PSPLIB instance needs.

>>> count(5_000, "iterations", high=MAX_ITERATIONS, error=FollowupError)
5000
>>> count(True, "iterations", high=10, error=FollowupError)
Traceback (most recent call last):
...
followup.errors.FollowupError: iterations must be a whole number from 0 to 10, got True (a yes/no value)
"""

from __future__ import annotations

import math
import numbers

import numpy as np
import pandas as pd

from followup.errors import FollowupError, OrganisationError

__all__ = [
    "MAX_CELLS",
    "MAX_ITERATIONS",
    "MAX_MAGNITUDE",
    "MAX_PERIODS",
    "MAX_SAMPLING_PASSES",
    "aligned",
    "count",
    "elements",
    "finite_columns",
    "floats",
    "generator",
    "real",
    "real_array",
    "require_number",
    "shown",
]

#: Largest absolute time, lag or amount accepted: whole numbers up to it are exact in float64, and
#: a chain of a million of them stays far below int64's 9.2e18, so dates never wrap or overflow.
MAX_MAGNITUDE = 1e12
#: Monte Carlo draws per simulation.
MAX_ITERATIONS = 1_000_000
#: Cells (activities x iterations, resources x periods) one call may allocate: 160 MB of float64.
MAX_CELLS = 20_000_000
#: Periods of a time grid (a usage profile, the levelling horizon).
MAX_PERIODS = 1_000_000
#: Random activity lists ``level_resources`` may draw (each is 3+ schedule passes).
MAX_SAMPLING_PASSES = 2_000


def shown(value) -> str:
    """How a bad value is quoted in a message: numpy scalars as plain numbers, long text cut short."""
    if isinstance(value, (bool, np.bool_)):
        return f"{bool(value)} (a yes/no value)"
    if isinstance(value, np.generic):
        value = value.item()
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_real(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def count(value, name: str, *, low: int = 0, high: int, error=FollowupError, hint: str = "") -> int:
    """``value`` as an int in ``[low, high]``, or ``error`` naming ``name`` (7.0 counts as 7; True does not)."""
    whole = _is_real(value) and math.isfinite(float(value)) and float(value).is_integer()
    if not whole or not low <= value <= high:
        raise error(f"{name} must be a whole number from {low:,} to {high:,}{hint}, got {shown(value)}")
    return int(value)


def real(value, name: str, *, low: float = -MAX_MAGNITUDE, high: float = MAX_MAGNITUDE,
         low_open: bool = False, error=FollowupError, hint: str = "") -> float:
    """``value`` as a finite float in ``[low, high]`` (``(low, high]`` with ``low_open``), or ``error``."""
    ok = _is_real(value) and math.isfinite(float(value))
    if ok:
        number = float(value)
        ok = (low < number if low_open else low <= number) and number <= high
    if not ok:
        if low_open and low == 0:
            rule = f"a positive number up to {high:g}"
        else:
            rule = f"a finite number {'above' if low_open else 'from'} {low:g} to {high:g}"
        raise error(f"{name} must be {rule}{hint}, got {shown(value)}")
    return number


def require_number(value, name: str, *, low: float, high: float, integer: bool = False, unit: str = "",
                   above_low: bool = False, error=OrganisationError):
    """``value`` if it is a real number in ``[low, high]`` (``(low, high]`` with ``above_low``), else ``error``.

    The one wording of the organisation modules (``flow``, ``decisions``, ``communication``, ``pay``): the
    argument's name, the value, the rule, e.g. ``wait_per_handoff_hours is -2; give a number from 0 to 10000
    hours``. Booleans and text are refused (they are not numbers). Twin: ``requireNumber`` in
    ``followup/calculators/organisation_calculator.mjs`` (same rule, the page's own shorter wording; parity in
    ``tests/test_parity_organisation.py``).

    >>> require_number(3, "handoffs", low=0, high=100, integer=True)
    3
    >>> require_number(-1, "handoffs", low=0, high=100, integer=True)
    Traceback (most recent call last):
    ...
    followup.errors.OrganisationError: handoffs is -1; give a whole number from 0 to 100
    """
    rule = f"give {'a whole number' if integer else 'a number'} from {low:g} to {high:g}{f' {unit}' if unit else ''}"
    if above_low:
        rule = rule.replace(f"from {low:g}", f"above {low:g} and up")
    if not _is_real(value) or math.isnan(value):
        raise error(f"{name} is missing or not a number; {rule}")
    if (math.isinf(value) or value < low or value > high or (above_low and value == low)
            or (integer and value != int(value))):
        raise error(f"{name} is {value:g}; {rule}")
    return int(value) if integer else value


def elements(values) -> np.ndarray:
    """An array of ``values``; a list or tuple stays element by element (object dtype), so a ``True`` or a
    ``'7'`` among numbers is seen, not cast, and a ragged nested ``(1, 2)`` is one odd element.

    >>> elements([1, (2, 3), "4"]).shape
    (3,)
    """
    if isinstance(values, (list, tuple)):
        try:
            return np.asarray(values, dtype=object)  # a list of equal-length lists stays 2-D (and is refused so)
        except ValueError:
            pass
        out = np.empty(len(values), dtype=object)
        for k, value in enumerate(values):
            out[k] = value
        return out
    return np.asarray(values)


def _as_float(value, text: bool = False) -> float:
    if text and isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return math.nan
    if not _is_real(value):
        return math.nan
    try:
        return float(value)
    except OverflowError:  # an int beyond float's range
        return math.inf if value > 0 else -math.inf


def floats(values, *, text: bool = False) -> np.ndarray:
    """float64 values of a Series, array or list; NaN for blanks and for what is not a real number.

    Text (``"3"``, unless ``text=True`` reads numeric text), yes/no values and complex numbers become NaN,
    so the caller's check for a missing or non-numeric value reports them instead of reading them as numbers.

    >>> floats(pd.Series([1, "2", True, 1 + 1j, None, 10**400])).tolist()
    [1.0, nan, nan, nan, nan, inf]
    """
    series = values if isinstance(values, pd.Series) else pd.Series(elements(values))
    if series.dtype.kind in "iuf":
        return series.to_numpy(dtype=np.float64)
    return np.array([_as_float(v, text) for v in series.tolist()], dtype=np.float64)


def real_array(values, name: str, *, error=FollowupError) -> np.ndarray:
    """A float64 array of real numbers (NaN kept for blanks), refusing booleans, complex numbers and text.

    ``values`` is a Series, array or list; the message names the first bad element's label or position.
    """
    series = values if isinstance(values, pd.Series) else pd.Series(elements(values))
    out = floats(series)
    bad = np.isnan(out) & series.notna().to_numpy()
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise error(f"{name} at {series.index[k]!r} is {shown(series.iloc[k])}; give a real number "
                    "(not text, a yes/no value or a complex number)")
    return out


def finite_columns(frame: pd.DataFrame, columns, what: str, *, error=FollowupError, blanks=()) -> None:
    """Refuse a table whose ``columns`` hold anything but finite real numbers (NaN allowed in ``blanks``).

    For the plotting functions, which would otherwise fail inside matplotlib with "Axis limits cannot be NaN".
    """
    for column in columns:
        values = frame[column]
        numbers = floats(values)
        bad = ~np.isfinite(numbers) & ~(np.isnan(numbers) & values.isna().to_numpy() if column in blanks else False)
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            raise error(f"{what} has {shown(values.iloc[k])} in column {column!r} (row {frame.index[k]!r}); it "
                        "must hold finite numbers - pass the table the library computed")


def generator(seed, *, error=FollowupError) -> np.random.Generator:
    """A ``numpy.random.Generator`` from ``seed``: None (fresh entropy), a whole number >= 0, or a Generator."""
    if seed is None or isinstance(seed, np.random.Generator):
        return np.random.default_rng(seed)
    whole = _is_real(seed) and math.isfinite(float(seed)) and float(seed).is_integer() and seed >= 0
    if not whole:
        raise error(f"seed must be a whole number >= 0 (e.g. 0), None, or a numpy Generator, got {shown(seed)}")
    return np.random.default_rng(int(seed))


def aligned(named: dict, *, error=FollowupError) -> tuple[dict, pd.Index | None]:
    """Series among ``named`` (name -> value) put in the order of the first Series' index.

    Series are matched by label, never by position: if their labels are the same set, the others are
    reordered to the first one's order; if they differ (or a label repeats), ``error`` names both. A Series
    with the default index 0, 1, 2, ... (``pd.RangeIndex``) carries no labels and counts as a plain sequence.
    Returns the values (Series reordered, others untouched) and the common index (None without labels).

    >>> given, index = aligned({"a": pd.Series([1, 2], ["x", "y"]), "b": pd.Series([20, 10], ["y", "x"])})
    >>> given["b"].tolist(), index.tolist()
    ([10, 20], ['x', 'y'])
    """
    def labelled(value) -> bool:
        index = value.index
        return not (isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1)

    series = [(n, v) for n, v in named.items() if isinstance(v, pd.Series) and labelled(v)]
    if not series:
        return dict(named), None
    first_name, first = series[0]
    index = first.index
    out = dict(named)
    for name, value in series[1:]:
        if value.index.equals(index):
            continue
        same = (index.is_unique and value.index.is_unique and len(index) == len(value.index)
                and index.isin(value.index).all())
        if not same:
            extra = value.index.difference(index)
            lacking = index.difference(value.index)
            detail = (f"{name} has {shown(extra[0])} that {first_name} lacks" if len(extra) else
                      f"{first_name} has {shown(lacking[0])} that {name} lacks" if len(lacking) else
                      "a label repeats")
            raise error(f"{first_name} and {name} are Series with different indexes ({detail}); give them "
                        "the same labels, or pass plain lists/arrays to match by position")
        out[name] = value.reindex(index)
    return out, index
