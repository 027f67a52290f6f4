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
✘ Not yet: Not answered yet: replace ... with your answer.
"""

from __future__ import annotations

import html
import math
import numbers
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from followup.errors import AnswerError

__all__ = [
    "Feedback",
    "Mistake",
    "check_choice",
    "check_number",
    "check_series",
    "check_set",
    "check_table",
]

NOT_ANSWERED = "Not answered yet: replace ... with your answer."


@dataclass(frozen=True)
class Feedback:
    """The result of a check: ``correct`` and a ``message`` for the learner.

    ``expected`` keeps the right answer for instructors and tests; it is never shown (not in ``str``,
    ``repr`` or the HTML). ``bool(feedback)`` is ``feedback.correct``.

    >>> print(Feedback(True, "Free float is 2 days."))
    ✔ Correct: Free float is 2 days.
    """

    correct: bool
    message: str
    expected: Any = field(default=None, repr=False, compare=False)

    def __bool__(self) -> bool:
        return bool(self.correct)

    @property
    def verdict(self) -> str:
        """"Correct" or "Not yet": the word that carries the meaning without colour."""
        return "Correct" if self.correct else "Not yet"

    @property
    def symbol(self) -> str:
        return "✔" if self.correct else "✘"

    def __str__(self) -> str:
        return f"{self.symbol} {self.verdict}: {self.message}"

    def _repr_html_(self) -> str:
        # Deterministic (nbval compares it): no ids, no timestamps. Colours reinforce; the symbol and the
        # verdict word carry the meaning for colour-blind and greyscale readers.
        border, background, text = (("#1a7f37", "#e6f4ea", "#0b3d1a") if self.correct
                                    else ("#b42318", "#fdecea", "#5c1010"))
        state = "correct" if self.correct else "not-yet"
        return (f'<div class="followup-feedback followup-feedback-{state}" role="status" '
                f'style="border:2px solid {border};border-left-width:8px;background:{background};'
                f'color:{text};padding:0.5em 0.8em;margin:0.4em 0;border-radius:4px">'
                f'<strong><span aria-hidden="true">{self.symbol}</span> {self.verdict}:</strong> '
                f"{html.escape(self.message)}</div>")


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


def _describe_type(answer) -> str:
    if isinstance(answer, str):
        return f"the text {answer!r}"
    if isinstance(answer, (bool, np.bool_)):
        return f"{bool(answer)} (a yes/no value)"
    return f"a {type(answer).__name__}"


def _as_number(answer) -> float | None:
    """The answer as a float, or None when it is not a single real number."""
    if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, numbers.Real):
        return None
    return float(answer)


def _close(a: float, b: float, rel: float, abs_: float | None) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_ or 0.0)


def _expected_number(expected, what="expected") -> float:
    number = _as_number(expected)
    if number is None or not math.isfinite(number):
        raise AnswerError(f"the {what} answer of a number check must be a finite number, got {expected!r}")
    return number


def _match_mistake(mistakes, answer, same: Callable[[Any, Any], bool]):
    for mistake in mistakes:
        if mistake.when is not None:
            if mistake.when(answer):
                return mistake
        elif same(answer, mistake.value):
            return mistake
    return None


def check_number(answer, expected, *, rel: float = 0.01, abs: float | None = None, unit: str = "",
                 mistakes: Iterable[Mistake] = ()) -> Feedback:
    """Check a numeric answer within a tolerance (relative ``rel`` or absolute ``abs``, whichever is looser).

    A correct answer wins; otherwise the first matching known mistake gives its message; otherwise the
    message says whether the answer is too high or too low and roughly how far (close, or a factor of ten
    off), never by an amount a learner could add back to get the answer.

    >>> print(check_number(16, 14, unit="days"))
    ✘ Not yet: Your answer is too high. Check your calculation.
    >>> print(check_number(14.5, 14, unit="days"))
    ✘ Not yet: Your answer is close but a little too high (within 10 %). Check rounding and the inputs you used.
    >>> print(check_number("14", 14))
    ✘ Not yet: A number is expected, but you gave the text '14'. Write it without quotes, e.g. 12.5.
    """
    mistakes = tuple(mistakes)
    target = _expected_number(expected)
    if _unanswered(answer):
        return Feedback(False, NOT_ANSWERED, target)
    value = _as_number(answer)
    if value is None:
        return Feedback(False, f"A number is expected, but you gave {_describe_type(answer)}. "
                               "Write it without quotes, e.g. 12.5.", target)
    if not math.isfinite(value):
        return Feedback(False, f"Your answer is {value}, not a finite number; check for a division by zero "
                               "or a missing value.", target)
    if _close(value, target, rel, abs):
        return Feedback(True, "Your answer matches, within the tolerance.", target)
    known = _match_mistake(mistakes, value, lambda a, v: _close(a, _expected_number(v, "mistake's"), rel, abs))
    if known:
        return Feedback(False, known.message, target)
    return Feedback(False, _off_by(value, target, unit), target)


def _off_by(value: float, target: float, unit: str) -> str:
    """Which way an answer is off, and roughly how far, without a figure a learner could add back."""
    if target and (value > 0) != (target > 0) and value != 0:
        return "Your answer has the wrong sign. Check which quantity is subtracted from which."
    direction = "too high" if value > target else "too low"
    if target and value and max(value / target, target / value) >= 10:
        expected_in = f"the answer is in {unit}; " if unit else ""
        return (f"Your answer is {direction} by a factor of ten or more. Check the units ({expected_in}"
                "per cent or fraction? thousands or units? hours or days?).")
    if target and math.fabs(value - target) <= 0.1 * math.fabs(target):
        return f"Your answer is close but a little {direction} (within 10 %). Check rounding and the inputs you used."
    return f"Your answer is {direction}. Check your calculation."


def _norm_choice(key):
    return key.strip().casefold() if isinstance(key, str) else key


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
        return Feedback(False, NOT_ANSWERED, correct)
    if not isinstance(answer, Hashable) or isinstance(answer, (tuple, frozenset)):
        return Feedback(False, f"Give one option, e.g. {valid[0]!r}, not {_describe_type(answer)}.", correct)
    chosen = _norm_choice(answer)
    if chosen not in valid:
        listed = ", ".join(str(v) for v in valid)
        return Feedback(False, f"{answer!r} is not one of the options ({listed}).", correct)
    if chosen == right:
        return Feedback(True, feedback.get(chosen, "That is the best answer."), correct)
    return Feedback(False, feedback.get(chosen, "That is not the best answer; re-read the question and "
                                                "compare the options again."), correct)


def _norm_items(items, text_ids: bool) -> set:
    return {str(i).strip() if text_ids else i for i in items}


def _listing(items) -> str:
    return ", ".join(sorted(map(str, items)))


def check_set(answer, expected: Iterable[Hashable], *, item: str = "item", name_missing: bool = True,
              mistakes: Iterable[Mistake] = ()) -> Feedback:
    """Check a set of ids (e.g. the critical activities): order and repeats do not matter.

    The message says which ids should not be there and which are missing (or only how many are missing,
    with ``name_missing=False``). When the expected ids are text, answers are compared as text, so
    ``{1, 2}`` matches ``{"1", "2"}``. A :class:`Mistake` ``value`` is a set compared exactly.

    >>> print(check_set(["A", "C", "F"], {"A", "C", "E", "G"}, item="activity"))
    ✘ Not yet: Should not be there: F. Missing: E, G.
    """
    mistakes = tuple(mistakes)
    if isinstance(expected, (str, bytes)) or not isinstance(expected, Iterable):
        raise AnswerError(f"the expected answer of a set check must be a collection of ids, got {expected!r}")
    expected = list(expected)
    text_ids = all(isinstance(e, str) for e in expected)
    target = _norm_items(expected, text_ids)
    if _unanswered(answer):
        return Feedback(False, NOT_ANSWERED, target)
    if isinstance(answer, (str, bytes)) or not isinstance(answer, Iterable) or isinstance(answer, Mapping):
        example = "{'A', 'C'}" if text_ids else "{1, 3}"  # the form only: real ids would hint at the answer
        return Feedback(False, f"A collection of {item} ids is expected, such as {example}, but you gave "
                               f"{_describe_type(answer)}.", target)
    given = _norm_items(answer, text_ids)
    if given == target:
        return Feedback(True, f"All {len(target)} {item} ids, and nothing else.", target)
    known = _match_mistake(mistakes, given, lambda a, v: a == _norm_items(v, text_ids))
    if known:
        return Feedback(False, known.message, target)
    parts = []
    extra, missing = given - target, target - given
    if extra:
        parts.append(f"Should not be there: {_listing(extra)}.")
    if missing:
        parts.append(f"Missing: {_listing(missing)}." if name_missing
                     else f"{len(missing)} {item} id{'s' if len(missing) > 1 else ''} missing.")
    return Feedback(False, " ".join(parts), target)


def _frame(value) -> pd.DataFrame | None:
    if isinstance(value, pd.DataFrame):
        return value
    if isinstance(value, pd.Series):
        return value.to_frame(name=value.name if value.name is not None else "value")
    return None


def _cells_match(a: pd.Series, e: pd.Series, rel: float, abs_: float | None) -> np.ndarray:
    """Element-wise: numbers within tolerance (NaN only matches NaN), anything else exactly."""
    if pd.api.types.is_numeric_dtype(e) and not pd.api.types.is_bool_dtype(e):
        a_num = pd.to_numeric(a, errors="coerce").to_numpy(dtype=float)
        e_num = e.to_numpy(dtype=float)
        both_nan = np.isnan(a_num) & np.isnan(e_num)
        close = np.isclose(a_num, e_num, rtol=rel, atol=abs_ or 0.0)
        return both_nan | close
    return np.array([x == y or (pd.isna(x) and pd.isna(y)) if not isinstance(x, str) or not isinstance(y, str)
                     else x.strip() == y.strip() for x, y in zip(a, e)], dtype=bool)


def _compare_frames(answer: pd.DataFrame, expected: pd.DataFrame, rel, abs_):
    """(message of the first problem, or None when every checked cell matches)."""
    missing_cols = [c for c in expected.columns if c not in answer.columns]
    if missing_cols:
        return f"Your table has no column {', '.join(map(repr, missing_cols))}."
    if answer.index.has_duplicates:
        return f"Row {answer.index[answer.index.duplicated()][0]!s} appears more than once in your table."
    missing_rows = expected.index.difference(answer.index)
    extra_rows = answer.index.difference(expected.index)
    if len(missing_rows) == len(expected) and len(expected):
        return ("None of your rows carries an expected label: label the rows as in the question, "
                "e.g. with df.set_index('id').")
    if len(missing_rows) or len(extra_rows):
        parts = []
        if len(extra_rows):
            parts.append(f"Rows that should not be there: {_listing(extra_rows[:5])}.")
        if len(missing_rows):
            parts.append(f"Missing rows: {_listing(missing_rows[:5])}.")
        return " ".join(parts)
    answer = answer.loc[expected.index]
    for column in expected.columns:
        a, e = answer[column], expected[column]
        numeric = pd.api.types.is_numeric_dtype(e) and not pd.api.types.is_bool_dtype(e)
        if numeric:
            not_numbers = [i for i, v in zip(a.index, a) if _as_number(v) is None and not pd.isna(v)]
            if not_numbers:
                return (f"Column {column!r} should hold numbers, but row {not_numbers[0]!r} holds "
                        f"{_describe_type(a[not_numbers[0]])}.")
        ok = _cells_match(a, e, rel, abs_)
        if not ok.all():
            wrong = list(a.index[~ok])
            shown = []
            for row in wrong[:3]:
                if numeric and not pd.isna(a[row]) and not pd.isna(e[row]):
                    shown.append(f"{row!s} ({'too high' if float(a[row]) > float(e[row]) else 'too low'})")
                else:
                    shown.append(f"{row!s}")
            more = f" and {len(wrong) - 3} more" if len(wrong) > 3 else ""
            return (f"{len(wrong)} of {len(e)} rows differ in column {column!r}: "
                    f"{', '.join(shown)}{more}.")
    return None


def check_table(answer, expected: pd.DataFrame, *, rel: float = 0.01, abs: float | None = None,
                columns: Iterable[str] | None = None, mistakes: Iterable[Mistake] = ()) -> Feedback:
    """Check a table row by row: rows are matched by index, numeric cells within tolerance, others exactly.

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
        return Feedback(False, NOT_ANSWERED, target)
    given = _frame(answer)
    if given is None:
        return Feedback(False, f"A table (pandas DataFrame) is expected, but you gave {_describe_type(answer)}.",
                        target)
    problem = _compare_frames(given, target, rel, abs)
    if problem is None:
        return Feedback(True, f"All {len(target)} rows match.", target)

    def same(a, v):
        wrong = _frame(v)
        if wrong is None:
            raise AnswerError(f"a table check's Mistake value must be a DataFrame or Series, got {type(v).__name__}")
        return _compare_frames(a, wrong[[c for c in target.columns if c in wrong.columns]], rel, abs) is None

    known = _match_mistake(mistakes, given, same)
    if known:
        return Feedback(False, known.message, target)
    return Feedback(False, problem, target)


def check_series(answer, expected: pd.Series, *, rel: float = 0.01, abs: float | None = None,
                 mistakes: Iterable[Mistake] = ()) -> Feedback:
    """Check a Series (e.g. total float per activity) element by element, like :func:`check_table`.

    The answer's name does not matter; its index must hold the same labels.

    >>> expected = pd.Series([0, 4], index=["weld", "paint"], name="total_float")
    >>> print(check_series(pd.Series([0, 4], index=["weld", "paint"]), expected))
    ✔ Correct: All 2 rows match.
    """
    if not isinstance(expected, pd.Series):
        raise AnswerError(f"the expected answer of a series check must be a Series, got {type(expected).__name__}")
    column = expected.name if expected.name is not None else "value"
    if isinstance(answer, pd.Series):
        answer = answer.rename(column)
    elif not _unanswered(answer):
        return Feedback(False, f"A pandas Series is expected, but you gave {_describe_type(answer)}.", expected)

    def as_table_mistake(m: Mistake) -> Mistake:
        # Authors write Series mistakes; check_table compares one-column frames.
        if m.when is not None:
            return Mistake(message=m.message, when=lambda frame: m.when(frame.iloc[:, 0]))
        return Mistake(message=m.message, value=m.value.rename(column) if isinstance(m.value, pd.Series) else m.value)

    return check_table(answer, expected.rename(column).to_frame(), rel=rel, abs=abs,
                       mistakes=[as_table_mistake(m) for m in mistakes])
