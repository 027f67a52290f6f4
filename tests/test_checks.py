"""Every branch of the exercise checks: correct, unanswered, wrong type, known mistakes, generic feedback."""

import numpy as np
import pandas as pd
from decimal import Decimal

import pytest

from followup.checks import (
    NOT_ANSWERED,
    Feedback,
    Mistake,
    check_choice,
    check_number,
    check_series,
    check_set,
    check_table,
)
from followup.errors import AnswerError

# ---- Feedback ---------------------------------------------------------------------------------------------


def test_feedback_truthiness_and_text():
    yes, no = Feedback(True, "Well done."), Feedback(False, "Too low.")
    assert bool(yes) and not bool(no)
    assert str(yes) == "✔ Correct: Well done."
    assert str(no) == "✘ Not yet: Too low."


@pytest.mark.parametrize("feedback", [
    check_number(1, 98765), check_number(98765, 98765), check_number(..., 98765),
    check_choice("a", "c", options="abc"), check_set(["A"], {"A", "Q"}, name_ids=False),
    check_series(pd.Series({"x": 1}), pd.Series({"x": 98765})),
], ids=["wrong", "right", "blank", "choice", "set", "series"])
def test_feedback_exposes_no_expected_value(feedback):
    # Only the verdict, the message and its kind: nothing a learner could feed back to pass.
    assert set(vars(feedback)) == {"correct", "message", "kind"}
    assert not hasattr(feedback, "expected")
    assert all(t not in text for t in ("98765", "'c'", "Q")
               for text in (repr(feedback), str(feedback), feedback._repr_html_()))


def test_feedback_html_is_deterministic_escaped_and_readable_without_colour():
    fb = Feedback(False, "Use <b>early start</b> & not finish")
    html = fb._repr_html_()
    assert html == Feedback(False, "Use <b>early start</b> & not finish")._repr_html_()
    assert "&lt;b&gt;early start&lt;/b&gt; &amp; not finish" in html
    assert "✘" in html and "Not yet" in html and 'role="status"' in html
    good = Feedback(True, "ok")._repr_html_()
    assert "✔" in good and "Correct" in good and good != html
    assert "followup-feedback-correct" in good and "followup-feedback-not-yet" in html


# ---- Mistake ----------------------------------------------------------------------------------------------

def test_mistake_needs_exactly_one_trigger_and_a_message():
    with pytest.raises(AnswerError, match="exactly one of value"):
        Mistake(message="x")
    with pytest.raises(AnswerError, match="exactly one of value"):
        Mistake(message="x", value=1, when=lambda a: True)
    with pytest.raises(AnswerError, match="needs a message"):
        Mistake(message="  ", value=1)
    assert Mistake(message="zero", value=0).value == 0


# ---- check_number -----------------------------------------------------------------------------------------

FREE_FLOAT_MISTAKES = [
    Mistake(value=12.0, message="You used the successor's early finish; free float uses its early *start*."),
    Mistake(when=lambda a: a < 0, message="Float can't be negative here: no finish date is imposed."),
]


@pytest.mark.parametrize("answer", [14, 14.0, 14.1, np.float64(13.9), np.int32(14)])
def test_number_correct_within_tolerance(answer):
    fb = check_number(answer, 14.0, mistakes=FREE_FLOAT_MISTAKES)
    assert fb.correct and fb.kind == "correct"


def test_number_tolerances():
    assert not check_number(14.2, 14.0)                      # 1.4 % > 1 %
    assert check_number(14.2, 14.0, rel=0.02)
    assert check_number(0.4, 0.0, abs=0.5)                   # relative tolerance alone can't match 0
    assert not check_number(0.4, 0.0)
    assert check_number(10.4, 10, rel=0, abs=0.5) and not check_number(10.6, 10, rel=0, abs=0.5)


@pytest.mark.parametrize("answer", [None, ...])
def test_number_unanswered(answer):
    fb = check_number(answer, 14.0)
    assert not fb and fb.message == NOT_ANSWERED == "Write your answer above (replace the ...) and run this cell."
    assert fb.kind == "not-answered" and str(fb).startswith("✎ Not answered yet:")


def test_an_unanswered_check_is_a_neutral_instruction_not_an_error_box():
    html = check_number(..., 14.0)._repr_html_()
    assert "followup-feedback-to-do" in html and "Write your answer above" in html
    assert "#b42318" not in html and "✘" not in html and "Not yet" not in html


@pytest.mark.parametrize("answer", [1e30, 1e300, -1.7e308, 5e-324])
def test_rounding_checks_never_raise_on_huge_or_tiny_answers(answer):
    for options in ({"decimals": 2}, {"sig": 2}, {"decimals": 0}):
        fb = check_number(answer, 0.756, **options)
        assert not fb and fb.kind == "hint", fb


def test_table_and_series_at_a_stated_number_of_decimals():
    expected = pd.Series({"rate": 7.749, "turnover": 39.35})
    assert check_series({"rate": 7.7, "turnover": 39.4}, expected, decimals=1)
    assert check_series({"rate": 7.749, "turnover": 39.351}, expected, decimals=1)
    for wrong in ({"rate": 7.8, "turnover": 39.4}, {"rate": 7.7, "turnover": 39.3}):
        assert not check_series(wrong, expected, decimals=1), wrong
    assert not check_series({"rate": 1e300, "turnover": float("inf")}, expected, decimals=1)


@pytest.mark.parametrize("answer, said, advice", [
    ("14", "the text '14'", "without quotes"), (np.str_("14"), "the text '14'", "without quotes"),
    (True, "True (a yes/no value)", "the number itself"),
    ([14, 15], "a list of 2 values", "One number is expected"), ([14], "a list of 1 value", "One number"),
    (pd.Series([14]), "a Series of 1 value", ".item()"), (np.array(14.0), "a 0-d array", ".item()"),
    (pd.Series([14, 15]), "a Series of 2 values", "One number is expected"),
    (pd.DataFrame({"x": [14, 15]}), "a table (DataFrame)", "Pick the one cell"),
    (object(), "an object", "Give one number")])
def test_number_wrong_type_says_what_is_expected_and_what_to_do(answer, said, advice):
    fb = check_number(answer, 14.0)
    assert not fb and fb.kind == "form" and "A number is expected" in fb.message
    assert said in fb.message and advice in fb.message
    if not isinstance(answer, str):
        assert "quotes" not in fb.message  # advice for text only


def test_number_a_decimal_is_a_number():
    assert check_number(Decimal("14.0"), 14.0)
    assert not check_number(Decimal("NaN"), 14.0)


@pytest.mark.parametrize("answer, expected, options", [
    (0.0008, 0.000815, {"sig": 2}),          # right at one significant figure
    (0.75, 0.7559, {"decimals": 2}),         # cut off instead of rounded
    (0.8, 0.7559, {"decimals": 2}),          # rounded to one decimal
    (12000, 12345, {"decimals": -2}),        # to the nearest thousand instead of hundred
    (0.7571, 0.7559, {"decimals": 3}),       # one unit of the last place asked away
    (10.15, 10.0, {"rel": 0.01}),            # just outside the tolerance
])
def test_a_rounding_slip_gets_a_precision_message_not_a_method_one(answer, expected, options):
    fb = check_number(answer, expected, too_low="Too low: you used > instead of >=.",
                      too_high="Too high: you counted the fraud too.", **options)
    assert not fb and fb.kind == "hint"
    assert "close" in fb.message and (">=" not in fb.message) and "fraud" not in fb.message


def test_a_method_message_still_fires_far_from_the_answer():
    assert check_number(0.5, 0.7559, decimals=2, too_low="Too low: check the threshold.").message == \
        "Too low: check the threshold."


def test_an_exact_answer_is_not_said_to_be_within_a_tolerance():
    assert check_number(12, 12, rel=0, abs=0).message == "Your answer matches."
    assert check_number(12, 12, rel=0, abs=0.5, whole="Whole.").message == "Your answer matches."
    assert "tolerance" in check_number(12.05, 12).message
    assert "precision asked" in check_number(12.0, 12, decimals=1).message


def test_a_choice_of_the_wrong_form_shows_the_form_with_a_wrong_option():
    for right in "abcd":
        message = check_choice(1, right, options="abcd").message
        assert "in quotes" in message and f"'{right}'" not in message


def test_grammar_of_the_type_names():
    assert "an int" in check_set(5, CRITICAL).message


@pytest.mark.parametrize("answer", [float("nan"), float("inf")])
def test_number_not_finite(answer):
    fb = check_number(answer, 14.0)
    assert not fb and "not a finite number" in fb.message


def test_number_known_mistakes_by_value_and_by_predicate():
    assert check_number(12.05, 14.0, mistakes=FREE_FLOAT_MISTAKES).message.startswith("You used the successor")
    assert check_number(-3, 14.0, mistakes=FREE_FLOAT_MISTAKES).message.startswith("Float can't be negative")


def test_number_first_matching_mistake_wins_and_correct_beats_mistakes():
    mistakes = [Mistake(when=lambda a: a > 10, message="first"), Mistake(value=20, message="second")]
    assert check_number(20, 14, mistakes=mistakes).message == "first"
    assert check_number(14, 14, mistakes=[Mistake(value=14, message="clash")]).correct


def test_number_generic_message_says_which_way_but_no_amount_to_add_back():
    high = check_number(17.5, 14.0, unit="days", mistakes=FREE_FLOAT_MISTAKES)
    assert high.message == "Your answer is too high. Check your calculation."
    low = check_number(1_200_000, 1_250_000, unit="CNY")
    assert low.message.startswith("Your answer is close but a little too low (within 10 %)")
    assert not any(figure in low.message for figure in ("50,000", "1,250,000", "4 %"))
    units = check_number(0.25, 25, unit="%")
    assert "too low by a factor of ten or more" in units.message and "the answer is in %" in units.message
    assert "wrong sign" in check_number(-3, 3).message
    zero = check_number(2, 0, unit="days")
    assert zero.message == "Your answer is too high. Check your calculation."


def test_number_bad_expected_or_mistake_is_an_author_error():
    with pytest.raises(AnswerError, match="must be a finite number"):
        check_number(1, "14")
    with pytest.raises(AnswerError, match="mistake's answer"):
        check_number(1, 14, mistakes=[Mistake(value="12", message="m")])


# ---- check_choice -----------------------------------------------------------------------------------------

WHY = {"a": "Accuracy rewards flagging nothing when fraud is rare.",
       "c": "Yes: recall is the share of fraud caught."}


def test_choice_correct_with_its_feedback_and_case_insensitive():
    fb = check_choice(" C ", "c", options="abcd", feedback=WHY)
    assert fb and fb.message == WHY["c"]


def test_choice_wrong_with_option_feedback_or_generic():
    assert check_choice("a", "c", options="abcd", feedback=WHY).message == WHY["a"]
    generic = check_choice("b", "c", options="abcd", feedback=WHY)
    assert not generic and "not the best answer" in generic.message
    assert check_choice("c", "c").message == "That is the best answer."


def test_choice_unanswered_unknown_option_and_wrong_shape():
    assert check_choice(..., "c", options="abcd").message == NOT_ANSWERED
    unknown = check_choice("e", "c", options="abcd")
    assert not unknown and "'e' is not one of the options (a, b, c, d)" in unknown.message
    listed = check_choice(["a", "c"], "c", options="abcd")
    assert not listed and "Give one option" in listed.message and "a list" in listed.message


def test_choice_numeric_options_and_author_error():
    assert check_choice(2, 2, options=[1, 2, 3])
    assert not check_choice(3, 2, options=[1, 2, 3])
    with pytest.raises(AnswerError, match="not among the options"):
        check_choice("a", "z", options="abcd")


# ---- check_set --------------------------------------------------------------------------------------------

CRITICAL = {"A", "C", "E", "G"}


def test_set_correct_regardless_of_order_repeats_and_container():
    for answer in (["G", "E", "C", "A"], ("A", "A", "C", "E", "G"), {"A", "C", "E", "G"}, pd.Series(list("ACEG"))):
        assert check_set(answer, CRITICAL, item="activity").correct


def test_set_names_extra_and_missing():
    fb = check_set(["A", "C", "F"], CRITICAL, item="activity")
    assert fb.message == "Should not be there: F. Missing: E, G."
    assert check_set(["A", "C", "E", "G", "B"], CRITICAL).message == "Should not be there: B."
    assert check_set(["A"], CRITICAL).message == "Missing: C, E, G."


def test_set_can_keep_both_sides_secret():
    # Naming the extra ids of a superset hands over the answer as surely as naming the missing ones.
    fb = check_set(["A", "C", "F"], CRITICAL, item="activity", name_ids=False, concept="Zero total float.")
    assert fb.message == "1 activity id should not be there and 2 activity ids are missing. Zero total float."
    assert check_set(["A", "C", "E"], CRITICAL, item="activity", name_ids=False).message == \
        "1 activity id is missing."
    superset = check_set([*CRITICAL, "B", "D"], CRITICAL, item="activity", name_ids=False)
    assert superset.message == "2 activity ids should not be there."


def test_set_long_listings_count_the_rest_instead_of_cutting_an_id():
    many = [f"ACT-{i:03d}" for i in range(30)]
    message = check_set(many, {"X"}).message
    assert "ACT-007 and 22 more." in message and "ACT-008" not in message


def test_set_given_a_table_or_series_says_so():
    table = check_set(pd.DataFrame({"id": ["A", "C"], "name": ["x", "y"]}), CRITICAL, item="activity")
    assert table.kind == "form" and "you gave a table" in table.message and "name" not in table.message
    assert check_set(pd.Series(list("ACEG"), index=list("WXYZ")), CRITICAL)  # a Series of ids: its values


def test_set_text_ids_compare_as_text():
    assert check_set([1, 2, " 3"], {"1", "2", "3"}).correct
    assert not check_set(["1"], {1})       # numeric ids compare as numbers


def test_set_mistake_and_wrong_types():
    mistakes = [Mistake(value={"A", "C", "E"}, message="G has zero float too: every zero-float activity is critical.")]
    assert check_set(["E", "C", "A"], CRITICAL, mistakes=mistakes).message.startswith("G has zero float")
    assert check_set(["A", "B"], CRITICAL, mistakes=[Mistake(when=lambda s: "B" in s, message="B has float")]
                     ).message == "B has float"
    text = check_set("A, C, E, G", CRITICAL, item="activity")
    assert not text and "A collection of activity ids is expected" in text.message and "the text" in text.message
    assert "A collection" in check_set(5, CRITICAL).message
    assert "A collection" in check_set({"A": 1}, CRITICAL).message
    assert check_set(None, CRITICAL).message == NOT_ANSWERED
    with pytest.raises(AnswerError, match="collection of ids"):
        check_set({"A"}, "ACEG")


# ---- check_table / check_series ---------------------------------------------------------------------------

@pytest.fixture
def floats():
    return pd.DataFrame({"total_float": [0.0, 2.0, 0.0, 5.0, 1.0], "free_float": [0.0, 2.0, 0.0, 3.0, 1.0],
                         "critical": [True, False, True, False, False]}, index=list("ABCDE"))


def test_table_correct_with_tolerance_extra_columns_and_row_order(floats):
    answer = floats.iloc[::-1].assign(free_float=floats["free_float"] * 1.005, note="mine")
    fb = check_table(answer, floats)
    assert fb and fb.message == "All 5 rows match."


def test_table_names_first_wrong_rows_with_direction(floats):
    answer = floats.assign(free_float=[0.0, 3.0, 0.0, 2.0, 1.0])
    fb = check_table(answer, floats)
    assert fb.message == "2 of 5 rows differ in column 'free_float': B (too high), D (too low)."
    many = floats.assign(total_float=[9.0, 9.0, 9.0, 9.0, 1.0])
    assert check_table(many, floats).message.endswith("A (too high), B (too high), C (too high) and 1 more.")


def test_table_non_numeric_columns_compare_exactly(floats):
    fb = check_table(floats.assign(critical=[True, True, True, False, False]), floats)
    assert fb.message == "1 of 5 rows differ in column 'critical': B."
    letters = pd.DataFrame({"ap": ["H", "M"]}, index=["r1", "r2"])
    assert check_table(pd.DataFrame({"ap": [" H", "M "]}, index=["r1", "r2"]), letters)
    assert not check_table(pd.DataFrame({"ap": ["H", "L"]}, index=["r1", "r2"]), letters)


def test_table_nan_only_matches_nan():
    expected = pd.DataFrame({"x": [1.0, np.nan]})
    assert check_table(pd.DataFrame({"x": [1.0, np.nan]}), expected)
    assert "1 of 2 rows differ in column 'x': 1." == check_table(pd.DataFrame({"x": [1.0, 0.0]}), expected).message
    assert "0." in check_table(pd.DataFrame({"x": [np.nan, np.nan]}), expected).message


def test_table_structure_problems(floats):
    assert check_table(floats.drop(columns="free_float"), floats).message == "Your table has no column 'free_float'."
    assert check_table(floats.drop(index="D"), floats).message == "Missing rows: D."
    extra = pd.concat([floats, floats.loc[["A"]].rename(index={"A": "Z"})])
    assert check_table(extra, floats).message == "Rows that should not be there: Z."
    assert "appears more than once" in check_table(pd.concat([floats, floats.loc[["A"]]]), floats).message
    relabelled = floats.reset_index(drop=True)
    assert "set_index" in check_table(relabelled, floats).message


def test_table_text_in_a_numeric_column(floats):
    answer = floats.astype({"free_float": object})
    answer.loc["C", "free_float"] = "zero"
    fb = check_table(answer, floats)
    assert fb.message == "Column 'free_float' should hold numbers, but row 'C' holds the text 'zero'."


def test_table_columns_subset_unanswered_wrong_type_and_author_error(floats):
    only_total = floats.assign(free_float=99.0)
    assert check_table(only_total, floats, columns=["total_float"])
    assert check_table(..., floats).message == NOT_ANSWERED
    listed = check_table([[0, 0]], floats)
    assert not listed and "A table (pandas DataFrame) is expected" in listed.message
    with pytest.raises(AnswerError, match="must be a DataFrame or Series"):
        check_table(floats, [[0]])


def test_table_known_mistakes(floats):
    from_finish = floats.assign(free_float=[0.0, 4.0, 0.0, 5.0, 3.0])
    mistakes = [Mistake(value=from_finish, message="You used the successor's early finish.")]
    assert check_table(from_finish, floats, mistakes=mistakes).message == "You used the successor's early finish."
    negative = [Mistake(when=lambda t: (t["total_float"] < 0).any(), message="Float can't be negative here.")]
    assert check_table(floats.assign(total_float=-1.0), floats, mistakes=negative).message.startswith("Float can't")
    with pytest.raises(AnswerError, match="Mistake value must be a DataFrame"):
        check_table(from_finish, floats, mistakes=[Mistake(value=3, message="m")])


def test_series_checks():
    expected = pd.Series([0, 4, 0], index=["weld", "paint", "test"], name="total_float")
    assert check_series(pd.Series([0, 4, 0], index=["weld", "paint", "test"], name="tf"), expected)
    wrong = check_series(pd.Series([0, 3, 0], index=["weld", "paint", "test"]), expected)
    assert wrong.message == "1 of 3 values differ: paint (too low)."
    kpis = pd.Series({"stockout_rate_pct": 3.2, "turnover": 41.0})
    unlabelled = check_series(pd.Series([3.2, 41.0]), kpis).message
    assert "set_index" not in unlabelled and "row" not in unlabelled and "stockout_rate_pct, turnover" in unlabelled
    assert "table" in check_series(kpis.to_frame(), kpis).message
    assert check_series(..., expected).message == NOT_ANSWERED
    assert "A pandas Series is expected" in check_series([0, 4, 0], expected).message
    unnamed = pd.Series([1.0, 2.0])
    assert check_series(pd.Series([1.0, 2.0]), unnamed)
    with pytest.raises(AnswerError, match="must be a Series"):
        check_series(expected, expected.to_frame())


def test_series_mistakes_receive_series():
    expected = pd.Series([0, 4], index=["weld", "paint"])
    doubled = pd.Series([0, 8], index=["weld", "paint"])
    by_value = [Mistake(value=doubled, message="You counted both shifts.")]
    assert check_series(doubled, expected, mistakes=by_value).message == "You counted both shifts."
    by_rule = [Mistake(when=lambda s: isinstance(s, pd.Series) and s.max() > 5, message="Too much float.")]
    assert check_series(doubled, expected, mistakes=by_rule).message == "Too much float."


def test_feedback_box_follows_the_theme():
    # No fixed light background or dark text: the book's CSS sets the colours per mode (variables), and
    # elsewhere (JupyterLab light or dark) the text inherits and the background is a translucent tint.
    import pathlib
    import re

    for feedback in (Feedback(True, "ok"), Feedback(False, "no"), check_number(..., 1)):
        html = feedback._repr_html_()
        assert "color:inherit" in html
        background = re.search(r"background:([^;]+);", html).group(1)
        assert re.fullmatch(r"var\(--followup-feedback-background, rgba\(\d+, \d+, \d+, 0\.\d+\)\)", background)
    css = (pathlib.Path(__file__).resolve().parents[1] / "_static" / "book.css").read_text()
    for state in ("correct", "not-yet", "to-do"):
        assert f'html[data-theme="dark"] .followup-feedback-{state}' in css
    assert ':has(> div.followup-feedback)' in css
