"""The uniform way exercises check a learner's answer and give feedback.

An exercise module recomputes the right answer from the data and hands it, with the learner's answer,
to one of the checks below. Each returns a :class:`Feedback` - never raises on a learner's mistake -
that says "Correct" or "Not yet", and *why*: known mistakes (:class:`Mistake`) are recognised and
explained; otherwise the message says what kind of error it is (too high, missing ids, wrong rows)
without giving the expected answer away.

>>> fb = check_number(12.0, 14.0, unit="days", mistakes=[
...     Mistake(value=12.0, message="You used the successor's early finish; free float uses its early start.")])
>>> bool(fb), str(fb)
(False, "✘ Not yet: You used the successor's early finish; free float uses its early start.")
>>> print(check_number(..., 14.0))
✎ Not answered yet: Write your answer above (replace the ...) and run this cell.
"""

from __future__ import annotations

import html
import math
import numbers
import reprlib
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Context, Decimal
from typing import Any

import numpy as np
import pandas as pd

from followup.errors import AnswerError

__all__ = [
    "KINDS",
    "NOT_ANSWERED",
    "Feedback",
    "Mistake",
    "check_choice",
    "check_number",
    "check_series",
    "check_set",
    "check_table",
]

#: What a check says before anyone answered: the stored output of an exercise page, so it reads as an
#: instruction in a neutral box, not as an error.
NOT_ANSWERED = "Write your answer above (replace the ...) and run this cell."


#: What a :class:`Feedback` is about (its ``kind``): graders count the named mistakes to plan a session.
KINDS = ("correct", "mistake", "not-answered", "form", "hint")


@dataclass(frozen=True)
class Feedback:
    """The result of a check: ``correct``, a ``message`` for the learner and its ``kind`` (one of :data:`KINDS`).

    It carries no expected value: a learner (or a grader) can only learn whether an answer is right and
    why not, never feed the right answer back. ``kind`` is ``"mistake"`` when a named :class:`Mistake`
    explained the answer, ``"form"`` for an answer of the wrong type or shape, ``"hint"`` for a direction.
    ``bool(feedback)`` is ``feedback.correct``.

    >>> print(Feedback(True, "Free float is 2 days."))
    ✔ Correct: Free float is 2 days.
    """

    correct: bool
    message: str
    kind: str = field(default="", compare=False)

    def __post_init__(self):
        if not self.kind:
            object.__setattr__(self, "kind", "correct" if self.correct else "hint")

    def __bool__(self) -> bool:
        return bool(self.correct)

    @property
    def verdict(self) -> str:
        """"Correct", "Not yet" or "Not answered yet": the words that carry the meaning without colour."""
        if self.kind == "not-answered":
            return "Not answered yet"
        return "Correct" if self.correct else "Not yet"

    @property
    def symbol(self) -> str:
        if self.kind == "not-answered":
            return "✎"
        return "✔" if self.correct else "✘"

    def __str__(self) -> str:
        return f"{self.symbol} {self.verdict}: {self.message}"

    def _repr_html_(self) -> str:
        # Deterministic (nbval compares it): no ids, no timestamps. Colours reinforce; the symbol and the
        # verdict word carry the meaning for colour-blind and greyscale readers.
        # An unanswered check is the page's resting state: neutral grey, not an error red.
        # The box follows the theme: its text inherits the page's colour, its background is a light tint of
        # its border's colour over whatever is behind it (JupyterLab's light or dark theme), and the book's
        # _static/book.css sets the variables per light and dark mode (and clears the theme's light band
        # behind HTML outputs in dark mode).
        state = "correct" if self.correct else "to-do" if self.kind == "not-answered" else "not-yet"
        border, tint = _FEEDBACK_COLOURS[state]
        return (f'<div class="followup-feedback followup-feedback-{state}" role="status" '
                f'style="border:2px solid var(--followup-feedback-border, {border});border-left-width:8px;'
                f'background:var(--followup-feedback-background, {tint});color:inherit;'
                f'padding:0.5em 0.8em;margin:0.4em 0;border-radius:4px">'
                f'<strong><span aria-hidden="true">{self.symbol}</span> {self.verdict}:</strong> '
                f"{html.escape(self.message)}</div>")


#: A feedback box's border and background tint by state, where no stylesheet sets them (Jupyter); the
#: book's light and dark values are in _static/book.css (``.followup-feedback-<state>``).
_FEEDBACK_COLOURS = {"correct": ("#2da44e", "rgba(45, 164, 78, 0.12)"),
                     "not-yet": ("#cf222e", "rgba(207, 34, 46, 0.12)"),
                     "to-do": ("#8c959f", "rgba(140, 149, 159, 0.14)")}


@dataclass(frozen=True)
class Mistake:
    """A common wrong answer and the explanation to give when a learner makes it.

    Give either ``value`` (the wrong answer that mistake produces, compared with the check's tolerance)
    or ``when`` (a predicate on the learner's answer, e.g. ``lambda a: a < 0``).
    """

    message: str
    value: Any = None
    when: Callable[[Any], Any] | None = None

    def __post_init__(self):
        if (self.value is None) == (self.when is None):
            raise AnswerError(f"Mistake({self.message!r}) needs exactly one of value=... or when=...")
        if not isinstance(self.message, str) or not self.message.strip():
            raise AnswerError("a Mistake needs a message explaining the mistake to the learner")


def _unanswered(answer) -> bool:
    return answer is None or answer is Ellipsis


_SHORT = reprlib.Repr()
_SHORT.maxstring = 40
_SHORT.maxother = 40


def _a(word: str) -> str:
    """``word`` with its indefinite article: "an int", "a float"."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def _is_text(answer) -> bool:
    return isinstance(answer, str)  # np.str_ is a str subclass: numpy text reads as text


def _describe_type(answer) -> str:
    if _is_text(answer):
        return f"the text {_SHORT.repr(str(answer))}"
    if isinstance(answer, (bool, np.bool_)):
        return f"{bool(answer)} (a yes/no value)"
    if isinstance(answer, pd.DataFrame):
        return f"a table (DataFrame) of {answer.shape[0]} x {answer.shape[1]} cells"
    if isinstance(answer, pd.Series):
        return f"a Series of {len(answer)} value{'s' if len(answer) != 1 else ''}"
    if isinstance(answer, np.ndarray):
        return "a 0-d array" if answer.ndim == 0 else f"an array of {answer.size} values"
    if isinstance(answer, (list, tuple, set, frozenset)):
        return f"{_a(type(answer).__name__)} of {len(answer)} value{'s' if len(answer) != 1 else ''}"
    return _a(type(answer).__name__)


def _one_value(answer) -> bool:
    """A container holding exactly one value (a 1-element Series or array, a 0-d array)."""
    return isinstance(answer, (pd.Series, np.ndarray)) and answer.size == 1


def _number_advice(answer) -> str:
    """What to do with an answer that is not one number, by what it is."""
    if _is_text(answer):
        return "Write it without quotes, e.g. 12.5."
    if isinstance(answer, (bool, np.bool_)):
        return "Give the number itself, e.g. 12.5, not a comparison's True or False."
    if _one_value(answer):
        return "Take the value out of it with .item() or float(...)."
    if isinstance(answer, pd.DataFrame):
        return "Pick the one cell asked for, e.g. df.loc[row, column]."
    if isinstance(answer, (pd.Series, np.ndarray, list, tuple, set, frozenset, Mapping)):
        return "One number is expected: pick the value the question asks for, or combine them (sum, mean ...)."
    return "Give one number, e.g. 12.5."


def _number_form(answer) -> str:
    return f"A number is expected, but you gave {_describe_type(answer)}. {_number_advice(answer)}"


def _as_number(answer) -> float | None:
    """The answer as a float, or None when it is not a single real number."""
    if isinstance(answer, Decimal) and answer.is_finite():
        return float(answer)  # a Decimal is a number, though not a numbers.Real
    if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, numbers.Real):
        return None
    try:
        return float(answer)
    except (TypeError, ValueError, OverflowError):
        return None


_WIDE = Context(prec=800)


def _rounded(value: float, decimals: int | None, sig: int | None) -> Decimal:
    """``value`` rounded half up to ``decimals`` places or ``sig`` significant figures (as written by hand)."""
    exact = Decimal(repr(float(value)))  # repr of a numpy float is "np.float64(...)"
    if sig is not None:
        decimals = sig - 1 - math.floor(math.log10(math.fabs(value))) if value else sig - 1
    # Enough digits for any finite float (1e308 to two places): the default 28 would raise on a learner's 1e30.
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=_WIDE)


def _close(a: float, b: float, rel: float, abs_: float | None) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_ or 0.0)


def _expected_number(expected, what="expected") -> float:
    number = _as_number(expected)
    if number is None or not math.isfinite(number):
        raise AnswerError(f"the {what} answer of a number check must be a finite number, got {expected!r}")
    return number


def _holds(predicate, answer) -> bool:
    """``predicate(answer)``, false when the answer is one the predicate cannot judge (a learner's NA, a list)."""
    try:
        return bool(predicate(answer))
    except AnswerError:  # the author's mistake, not the learner's: say so
        raise
    except Exception:  # a learner's answer may be anything; a predicate that cannot judge it does not match
        return False


def _match_mistake(mistakes, answer, same: Callable[[Any, Any], bool]):
    for mistake in mistakes:
        if mistake.when is not None:
            if _holds(mistake.when, answer):
                return mistake
        elif _holds(lambda a: same(a, mistake.value), answer):
            return mistake
    return None


def check_number(answer, expected, *, rel: float = 0.01, abs: float | None = None, decimals: int | None = None,
                 sig: int | None = None, whole: str | None = None, unit: str = "",
                 mistakes: Iterable[Mistake] = (), too_low: str = "", too_high: str = "") -> Feedback:
    """Check a numeric answer at the precision the question states.

    With ``decimals`` (places) or ``sig`` (significant figures) an answer is right when it rounds, half
    up, to what the expected value rounds to: the rounded value and any more precise one pass, the nearest
    wrong roundings fail. Without them it must lie within ``rel`` or ``abs`` of the expected value.
    ``whole`` (a message) requires a whole number, e.g. where the exercise teaches rounding up.

    The order of the feedback: a correct answer; a known :class:`Mistake`; a factor of ten or more off
    (units: per cent or share, thousands, hours or days); then which way the answer is off - ``too_low`` /
    ``too_high`` when given, what to recheck - never by an amount a learner could add back.

    >>> print(check_number(16, 14, unit="days"))
    ✘ Not yet: Your answer is too high. Check your calculation.
    >>> print(check_number(14.5, 14, unit="days"))
    ✘ Not yet: Your answer is close but a little too high (within 10 %). Check rounding and the inputs you used.
    >>> print(check_number("14", 14))
    ✘ Not yet: A number is expected, but you gave the text '14'. Write it without quotes, e.g. 12.5.
    >>> bool(check_number(0.43, 0.428, decimals=2)), bool(check_number(0.42, 0.428, decimals=2))
    (True, False)
    """
    mistakes = tuple(mistakes)
    target = _expected_number(expected)
    if _unanswered(answer):
        return Feedback(False, NOT_ANSWERED, "not-answered")
    value = _as_number(answer)
    if value is None:
        return Feedback(False, _number_form(answer), "form")
    if not math.isfinite(value):
        return Feedback(False, f"Your answer is {value}, not a finite number; check for a division by zero "
                               "or a missing value.", "form")

    def same(a: float, b: float) -> bool:
        if decimals is not None or sig is not None:
            return a == b or _rounded(a, decimals, sig) == _rounded(b, decimals, sig)
        return _close(a, b, rel, abs)

    fraction = bool(whole) and not value.is_integer()
    if not fraction and same(value, target):
        if decimals is not None or sig is not None:
            return Feedback(True, "Your answer matches, to the precision asked.")
        exact = bool(whole) or (rel == 0 and not abs)
        return Feedback(True, "Your answer matches." if exact else "Your answer matches, within the tolerance.")
    known = _match_mistake(mistakes, value, lambda a, v: same(a, _expected_number(v, "mistake's")))
    if known:
        return Feedback(False, known.message, "mistake")
    if fraction:
        return Feedback(False, whole, "form")
    # A near miss is a precision slip, whatever the messages for a wrong method say (they name a method).
    slip = _precision_slip(value, target, decimals, sig, None if whole else (rel, abs))
    if slip:
        return Feedback(False, slip, "hint")
    return Feedback(False, _off_by(value, target, unit, too_low, too_high), "hint")


def _precision_words(decimals: int | None, sig: int | None) -> str:
    if sig is not None:
        return f"{sig} significant figure{'s' if sig != 1 else ''}"
    if decimals > 0:
        return f"{decimals} decimal place{'s' if decimals != 1 else ''}"
    return "the nearest whole number" if decimals == 0 else f"the nearest {10 ** -decimals:,}"


def _precision_slip(value: float, target: float, decimals: int | None, sig: int | None,
                    tolerance: tuple[float, float | None] | None) -> str:
    """The message for an answer that is the expected value at the wrong precision, or just outside the
    tolerance; "" when the answer is further off than a rounding slip can take it.

    At a stated precision a slip is the expected value cut off instead of rounded, or rounded to up to three
    places fewer, or one unit of the last place asked away; with a tolerance, within twice the tolerance.
    """
    direction = "too high" if value > target else "too low"
    if decimals is not None or sig is not None:
        asked = decimals if sig is None else sig
        if sig is not None and target == 0:
            return ""
        def at(places, rounding):
            if sig is not None:
                places = places - 1 - math.floor(math.log10(math.fabs(target)))
            exact = Decimal(repr(float(target)))
            return exact.quantize(Decimal(1).scaleb(-places), rounding=rounding, context=_WIDE)
        coarse = {at(asked - k, r) for k in range(1, 4) if sig is None or asked - k >= 1
                  for r in (ROUND_HALF_UP, ROUND_DOWN)}
        forms = coarse | {at(asked, ROUND_DOWN)}
        unit = Decimal(1).scaleb(-(asked if sig is None else asked - 1 - math.floor(math.log10(math.fabs(target)))))
        near = math.fabs(value - target) <= 1.5 * float(unit)
        if not near and not any(math.isclose(value, float(f), rel_tol=1e-12, abs_tol=0) for f in forms):
            return ""
        return (f"Your answer is close but {direction}: not right to {_precision_words(decimals, sig)}, the "
                "precision asked. Keep full precision until the last step, then round (not cut off) the result "
                "to that precision.")
    if tolerance is None:
        return ""
    rel, abs_ = tolerance
    allowed = max(rel * math.fabs(target), abs_ or 0.0)
    if allowed and math.fabs(value - target) <= 2 * allowed:
        return (f"Your answer is close but {direction}, just outside the tolerance. Check rounding: keep full "
                "precision in the intermediate values, and check the inputs you used.")
    return ""


def _off_by(value: float, target: float, unit: str, too_low: str = "", too_high: str = "") -> str:
    """Which way an answer is off, and roughly how far, without a figure a learner could add back.

    A factor of ten or more is a unit slip before it is a calculation slip, so it is named first.
    """
    if target and (value > 0) != (target > 0) and value != 0:
        return "Your answer has the wrong sign. Check which quantity is subtracted from which."
    direction = "too high" if value > target else "too low"
    if target and value and max(value / target, target / value) >= 10:
        expected_in = f"the answer is in {unit}; " if unit else ""
        return (f"Your answer is {direction} by a factor of ten or more. Check the units ({expected_in}"
                "per cent or fraction? thousands or units? hours or days?).")
    specific = too_high if value > target else too_low
    if specific:
        return specific
    if target and math.fabs(value - target) <= 0.1 * math.fabs(target):
        return f"Your answer is close but a little {direction} (within 10 %). Check rounding and the inputs you used."
    return f"Your answer is {direction}. Check your calculation."


def _norm_choice(key):
    return str(key).strip().casefold() if isinstance(key, str) else key


def check_choice(answer, correct: Hashable, *, options: Iterable[Hashable] | None = None,
                 feedback: Mapping[Hashable, str] | None = None) -> Feedback:
    """Check a multiple-choice answer (one option key, e.g. ``"b"``), with feedback per option.

    ``feedback`` maps option keys to what to say when that option is chosen (for the right one too).
    Text keys are compared ignoring case and surrounding spaces. ``options`` (default: the keys of
    ``feedback`` plus ``correct``) lists the valid keys.

    >>> why = {"a": "Accuracy rewards flagging nothing when fraud is rare.", "c": "Recall counts caught fraud."}
    >>> print(check_choice("A", "c", options="abcd", feedback=why))
    ✘ Not yet: Accuracy rewards flagging nothing when fraud is rare.
    >>> print(check_choice("c", "c", options="abcd", feedback=why))
    ✔ Correct: Recall counts caught fraud.
    """
    feedback = {_norm_choice(k): v for k, v in (feedback or {}).items()}
    valid = [_norm_choice(k) for k in (options if options is not None else [*feedback, correct])]
    right = _norm_choice(correct)
    if right not in valid:
        raise AnswerError(f"the correct option {correct!r} is not among the options {valid!r}")
    if _unanswered(answer):
        return Feedback(False, NOT_ANSWERED, "not-answered")
    # Compare only answers of the options' own type: pd.NA == "a" is NA, whose truth value raises.
    if not any(type(answer) is type(v) or (_is_text(answer) and _is_text(v)) for v in valid):
        # The example shows the form with an option that is not the answer.
        example = next((v for v in valid if v != right), right)
        return Feedback(False, f"Give one option as text, in quotes, e.g. {example!r}, not {_describe_type(answer)}.",
                        "form")
    chosen = _norm_choice(str(answer) if _is_text(answer) else answer)
    if chosen not in valid:
        listed = ", ".join(str(v) for v in valid)
        return Feedback(False, f"{_SHORT.repr(answer)} is not one of the options ({listed}).", "form")
    if chosen == right:
        return Feedback(True, feedback.get(chosen, "That is the best answer."))
    return Feedback(False, feedback.get(chosen, "That is not the best answer; re-read the question and "
                                                "compare the options again."), "mistake")


def _norm_items(items, text_ids: bool) -> set:
    return {str(i).strip().casefold() if text_ids else i for i in items}


def _listing(items, limit: int = 8) -> str:
    """Ids sorted and joined; past ``limit`` the rest are counted, so no id is cut in two."""
    ids = sorted(map(str, items))
    shown = ", ".join(ids[:limit])
    return shown if len(ids) <= limit else f"{shown} and {len(ids) - limit} more"


def _count(n: int, item: str) -> str:
    return f"{n} {item} id{'s' if n != 1 else ''}"


def check_set(answer, expected: Iterable[Hashable], *, item: str = "item", name_ids: bool = True,
              concept: str = "", optional: Iterable[Hashable] = (), mistakes: Iterable[Mistake] = ()) -> Feedback:
    """Check a set of ids (e.g. the critical activities): order, repeats and the case of text ids do not matter.

    The message says which ids should not be there and which are missing. With ``name_ids=False`` it names
    neither side - naming the extra ids of a superset would hand over the answer as surely as naming the
    missing ones - but counts them and adds ``concept``, what tells the right ids from the others. When the
    expected ids are text, answers are compared as text, so ``{1, 2}`` matches ``{"1", "2"}``. ``optional``
    ids (e.g. a network's dummy START and FINISH) may be given or left out. A :class:`Mistake` ``value`` is a
    set compared the same way.

    >>> print(check_set(["A", "C", "F"], {"A", "C", "E", "G"}, item="activity"))
    ✘ Not yet: Should not be there: F. Missing: E, G.
    >>> print(check_set(["A", "C", "F"], {"A", "C", "E", "G"}, item="activity", name_ids=False,
    ...                 concept="A critical activity has zero total float."))
    ✘ Not yet: 1 activity id should not be there and 2 activity ids are missing. A critical activity has zero total float.
    >>> bool(check_set(["a", "c"], {"START", "A", "C"}, optional={"START"}))
    True
    """
    mistakes = tuple(mistakes)
    if isinstance(expected, (str, bytes)) or not isinstance(expected, Iterable):
        raise AnswerError(f"the expected answer of a set check must be a collection of ids, got {expected!r}")
    expected = list(expected)
    text_ids = all(isinstance(e, str) for e in expected)
    spare = _norm_items(optional, text_ids)
    target = _norm_items(expected, text_ids) - spare
    as_written = {next(iter(_norm_items([e], text_ids))): e for e in expected}
    if _unanswered(answer):
        return Feedback(False, NOT_ANSWERED, "not-answered")
    example = "{'A', 'C'}" if text_ids else "{1, 3}"  # the form only: real ids would hint at the answer
    if isinstance(answer, pd.DataFrame):
        return Feedback(False, f"A set of {item} ids is expected, such as {example}, but you gave a table "
                               "(DataFrame): take the ids from it, e.g. set(df.index) or set(df['id']).", "form")
    if isinstance(answer, (str, bytes)) or not isinstance(answer, Iterable) or isinstance(answer, Mapping):
        return Feedback(False, f"A collection of {item} ids is expected, such as {example}, but you gave "
                               f"{_describe_type(answer)}.", "form")
    try:
        answer = list(answer)
        given = _norm_items(answer, text_ids) - spare
        as_given = {next(iter(_norm_items([a], text_ids))): a for a in answer}
    except TypeError:  # unhashable items, e.g. a list of lists
        return Feedback(False, f"Each {item} id must be a single id, such as {example}: your collection holds "
                               "lists or other collections.", "form")
    if given == target:
        return Feedback(True, f"All {len(target)} {item} ids, and nothing else.")
    # A predicate sees the ids as the learner wrote them (stripped); a value is compared case-folded.
    written = {str(as_given[g]).strip() if text_ids else as_given[g] for g in given}
    mistakes = [m if m.when is None else Mistake(m.message, when=lambda _, m=m: m.when(written)) for m in mistakes]
    known = _match_mistake(mistakes, given, lambda a, v: a == _norm_items(v, text_ids) - spare)
    if known:
        return Feedback(False, known.message, "mistake")
    extra, missing = given - target, target - given
    if not name_ids:
        counts = []
        if extra:
            counts.append(f"{_count(len(extra), item)} should not be there")
        if missing:
            counts.append(f"{_count(len(missing), item)} {'is' if len(missing) == 1 else 'are'} missing")
        message = " and ".join(counts)
        return Feedback(False, f"{message[0].upper()}{message[1:]}." + (f" {concept}" if concept else ""), "hint")
    parts = []
    if extra:
        parts.append(f"Should not be there: {_listing(as_given[x] for x in extra)}.")
    if missing:
        parts.append(f"Missing: {_listing(as_written[m] for m in missing)}.")
    return Feedback(False, " ".join(parts), "hint")


def _frame(value) -> pd.DataFrame | None:
    if isinstance(value, pd.DataFrame):
        return value
    if isinstance(value, pd.Series):
        return value.to_frame(name=value.name if value.name is not None else "value")
    return None


def _cells_match(a: pd.Series, e: pd.Series, rel: float, abs_: float | None, decimals: int | None = None) -> np.ndarray:
    """Element-wise: numbers within tolerance, or rounding alike to ``decimals`` places (NaN only matches
    NaN), anything else exactly."""
    if pd.api.types.is_numeric_dtype(e) and not pd.api.types.is_bool_dtype(e):
        a_num = pd.to_numeric(a, errors="coerce").to_numpy(dtype=float)
        e_num = e.to_numpy(dtype=float)
        both_nan = np.isnan(a_num) & np.isnan(e_num)
        if decimals is not None:
            close = np.array([x == y or (math.isfinite(x) and math.isfinite(y)
                                         and _rounded(x, decimals, None) == _rounded(y, decimals, None))
                              for x, y in zip(a_num, e_num)], dtype=bool)
        else:
            close = np.isclose(a_num, e_num, rtol=rel, atol=abs_ or 0.0)
        return both_nan | close
    return np.array([x == y or (pd.isna(x) and pd.isna(y)) if not isinstance(x, str) or not isinstance(y, str)
                     else x.strip() == y.strip() for x, y in zip(a, e)], dtype=bool)


def _compare_frames(answer: pd.DataFrame, expected: pd.DataFrame, rel, abs_, decimals=None, series=False):
    """(message of the first problem, or None when every checked cell matches).

    With ``series`` the frames are one-column views of Series: the message speaks of values and labels.
    """
    missing_cols = [c for c in expected.columns if c not in answer.columns]
    if missing_cols:
        return f"Your table has no column {', '.join(map(repr, missing_cols))}."
    if answer.index.has_duplicates:
        twice = answer.index[answer.index.duplicated()][0]
        return (f"The label {twice!s} appears more than once in your Series." if series
                else f"Row {twice!s} appears more than once in your table.")
    missing_rows = expected.index.difference(answer.index)
    extra_rows = answer.index.difference(expected.index)
    if len(missing_rows) == len(expected) and len(expected):
        if series:  # the labels are the question's names (ids, KPI names), never its answer
            return (f"None of your values carries an expected label: label them as the question says "
                    f"({_listing(expected.index)}), e.g. with pd.Series({{label: value, ...}}).")
        return ("None of your rows carries an expected label: label the rows as in the question, "
                "e.g. with df.set_index('id').")
    if len(missing_rows) or len(extra_rows):
        parts = []
        noun = "labels" if series else "rows"
        if len(extra_rows):
            parts.append(f"{noun.capitalize()} that should not be there: {_listing(extra_rows, 5)}.")
        if len(missing_rows):
            parts.append(f"Missing {noun}: {_listing(missing_rows, 5)}.")
        return " ".join(parts)
    answer = answer.loc[expected.index]
    for column in expected.columns:
        a, e = answer[column], expected[column]
        numeric = pd.api.types.is_numeric_dtype(e) and not pd.api.types.is_bool_dtype(e)
        if numeric:
            not_numbers = [i for i, v in zip(a.index, a) if _as_number(v) is None and not pd.isna(v)]
            if not_numbers:
                where = f"the value labelled {not_numbers[0]!s}" if series else \
                    f"column {column!r} should hold numbers, but row {not_numbers[0]!r}"
                if series:
                    return (f"Each value should be a number, but {where} is "
                            f"{_describe_type(a[not_numbers[0]])}.")
                return f"{where[0].upper()}{where[1:]} holds {_describe_type(a[not_numbers[0]])}."
        ok = _cells_match(a, e, rel, abs_, decimals)
        if not ok.all():
            wrong = list(a.index[~ok])
            shown = []
            for row in wrong[:3]:
                if numeric and not pd.isna(a[row]) and not pd.isna(e[row]):
                    shown.append(f"{row!s} ({'too high' if float(a[row]) > float(e[row]) else 'too low'})")
                else:
                    shown.append(f"{row!s}")
            more = f" and {len(wrong) - 3} more" if len(wrong) > 3 else ""
            if series:
                return f"{len(wrong)} of {len(e)} values differ: {', '.join(shown)}{more}."
            return (f"{len(wrong)} of {len(e)} rows differ in column {column!r}: "
                    f"{', '.join(shown)}{more}.")
    return None


def check_table(answer, expected: pd.DataFrame, *, rel: float = 0.01, abs: float | None = None,
                decimals: int | None = None, columns: Iterable[str] | None = None,
                mistakes: Iterable[Mistake] = (), _series: bool = False) -> Feedback:
    """Check a table row by row: rows are matched by index, numeric cells within tolerance, others exactly.

    With ``decimals`` a numeric cell is right when it rounds, half up, to what the expected cell rounds to
    (as in :func:`check_number`); ``rel`` and ``abs`` are then not used.

    Only ``columns`` (default: all of ``expected``'s) are compared; extra columns in the answer are fine.
    The message names the first column that differs and its first wrong rows (with too high / too low),
    never the expected values. A :class:`Mistake` ``value`` is a table that mistake produces.

    >>> expected = pd.DataFrame({"free_float": [0, 2, 0]}, index=["A", "B", "C"])
    >>> print(check_table(pd.DataFrame({"free_float": [0, 3, 0]}, index=["A", "B", "C"]), expected))
    ✘ Not yet: 1 of 3 rows differ in column 'free_float': B (too high).
    """
    mistakes = tuple(mistakes)
    target = _frame(expected)
    if target is None:
        raise AnswerError(f"the expected answer of a table check must be a DataFrame or Series, "
                          f"got {type(expected).__name__}")
    if columns is not None:
        target = target[list(columns)]
    if _unanswered(answer):
        return Feedback(False, NOT_ANSWERED, "not-answered")
    given = _frame(answer)
    if given is None:
        return Feedback(False, f"A table (pandas DataFrame) is expected, but you gave {_describe_type(answer)}.",
                        "form")
    try:
        problem = _compare_frames(given, target, rel, abs, decimals, _series)
    except (TypeError, ValueError, KeyError, OverflowError):  # cells no comparison can judge (lists, objects)
        return Feedback(False, "Your table could not be compared cell by cell: give one number or label per "
                               "cell, with the rows labelled by id.", "form")
    if problem is None:
        return Feedback(True, f"All {len(target)} {'values' if _series else 'rows'} match.")

    def same(a, v):
        wrong = _frame(v)
        if wrong is None:
            raise AnswerError(f"a table check's Mistake value must be a DataFrame or Series, got {type(v).__name__}")
        return _compare_frames(a, wrong[[c for c in target.columns if c in wrong.columns]], rel, abs, decimals) is None

    known = _match_mistake(mistakes, given, same)
    if known:
        return Feedback(False, known.message, "mistake")
    return Feedback(False, problem, "hint")


def check_series(answer, expected: pd.Series, *, rel: float = 0.01, abs: float | None = None,
                 decimals: int | None = None, mistakes: Iterable[Mistake] = ()) -> Feedback:
    """Check a Series (e.g. total float per activity) element by element, like :func:`check_table`.

    The answer's name does not matter; its index must hold the same labels. A dict ``{label: value}``
    is read as the Series it spells.

    >>> expected = pd.Series([0, 4], index=["weld", "paint"], name="total_float")
    >>> print(check_series(pd.Series([0, 4], index=["weld", "paint"]), expected))
    ✔ Correct: All 2 values match.
    """
    if not isinstance(expected, pd.Series):
        raise AnswerError(f"the expected answer of a series check must be a Series, got {type(expected).__name__}")
    column = expected.name if expected.name is not None else "value"
    if isinstance(answer, Mapping) and not isinstance(answer, pd.Series):
        try:
            answer = pd.Series(dict(answer))
        except (TypeError, ValueError):
            return Feedback(False, "A Series (or a dict {id: value}) is expected; your dict could not be read "
                                   "as one value per id.", "form")
    if isinstance(answer, pd.Series):
        answer = answer.rename(column)
    elif isinstance(answer, pd.DataFrame):
        how = ("its one row as a Series: df.iloc[0]" if len(answer) == 1 else
               "its column as a Series: df[column], with the labels as its index")
        return Feedback(False, f"A pandas Series is expected, but you gave a table (DataFrame): take {how}.", "form")
    elif not _unanswered(answer):
        return Feedback(False, f"A pandas Series is expected, but you gave {_describe_type(answer)}.", "form")

    def as_table_mistake(m: Mistake) -> Mistake:
        # Authors write Series mistakes; check_table compares one-column frames.
        if m.when is not None:
            return Mistake(message=m.message, when=lambda frame: m.when(frame.iloc[:, 0]))
        return Mistake(message=m.message, value=m.value.rename(column) if isinstance(m.value, pd.Series) else m.value)

    return check_table(answer, expected.rename(column).to_frame(), rel=rel, abs=abs, decimals=decimals,
                       mistakes=[as_table_mistake(m) for m in mistakes], _series=True)
