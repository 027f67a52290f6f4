"""What every exercise check of every chapter does, whatever its exercise."""
import importlib
import pkgutil

import pytest

import followup.exercises
from _feedback_checks import rejected

CHECKS = [
    getattr(module, name)
    for info in pkgutil.iter_modules(followup.exercises.__path__)
    for module in [importlib.import_module(f"followup.exercises.{info.name}")]
    for name in sorted(dir(module))
    if name.startswith("check_") and getattr(getattr(module, name), "__module__", None) == module.__name__
]


def test_every_chapter_has_checks():
    modules = {check.__module__ for check in CHECKS}
    assert modules == {"followup.exercises.goals", "followup.exercises.time", "followup.exercises.resources",
                       "followup.exercises.risk", "followup.exercises.organisation"}


@pytest.mark.parametrize("check", CHECKS, ids=[f"{c.__module__.rsplit('.', 1)[1]}.{c.__name__}" for c in CHECKS])
def test_a_blank_answer_is_not_answered_yet(check):
    for blank in (..., None):
        feedback = check(blank)
        rejected(feedback, "Write your answer above")
        assert feedback.kind == "not-answered" and "Not answered yet" in str(feedback)


# ---- issue 14: no check raises, none leaks, each accepts every right form at the stated precision ----------
import math  # noqa: E402
import pathlib  # noqa: E402
import sys  # noqa: E402
from decimal import ROUND_HALF_UP, Decimal  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from followup.checks import KINDS  # noqa: E402
from followup.exercises import goals, organisation, resources, risk, time  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools"))
from sample_submissions import answer_key  # noqa: E402  (the instructor side: the library exposes no answer)

IDS = [f"{c.__module__.rsplit('.', 1)[1]}.{c.__name__}" for c in CHECKS]
SCALARS = st.one_of(
    st.none(), st.just(...), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.integers(10_000, 50_000).map(lambda n: "9" * n), st.binary(max_size=10),
    st.just(pd.NA), st.just(np.nan), st.just(pd.NaT), st.complex_numbers(allow_nan=True), st.builds(object),
    st.sampled_from(["a", "B", " b ", "START", "wld-b", "R01"]))
ANSWERS = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.sets(st.text(max_size=5), max_size=5),
        st.dictionaries(st.text(max_size=5), inner, max_size=5), st.tuples(inner, inner),
        st.lists(inner, max_size=5).map(lambda v: pd.Series(v, dtype=object)),
        st.dictionaries(st.sampled_from(list("ABCDEFGH")), st.one_of(st.integers(), st.floats(), st.just(pd.NA)),
                        max_size=8).map(pd.Series),
        st.dictionaries(st.sampled_from(["early_start", "late_finish", "x"]), st.lists(inner, min_size=2, max_size=2),
                        max_size=3).map(lambda d: pd.DataFrame(d, index=["A", "B"]))),
    max_leaves=8)


@pytest.mark.parametrize("check", CHECKS, ids=IDS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(answer=ANSWERS)
def test_no_check_raises_on_any_answer(check, answer):
    feedback = check(answer)
    assert isinstance(feedback.correct, bool) and feedback.kind in KINDS
    assert isinstance(feedback.message, str) and 0 < len(feedback.message) < 1000


@pytest.mark.parametrize("check", CHECKS, ids=IDS)
def test_feedback_exposes_no_expected_value(check):
    for answer in (..., 0, "z"):
        assert set(vars(check(answer))) == {"correct", "message", "kind"}


def _round(value, places):
    return float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


PRECISION = [  # (check, decimal places the question states, or significant figures as ("sig", n))
    (time.check_4, time.BREAK_EVEN_DECIMALS), (resources.check_1, 0), (resources.check_2, 0),
    (resources.check_4, 1), (risk.check_1, ("sig", risk.FPR_SIGNIFICANT_FIGURES)),
    (risk.check_3, risk.RECALL_DECIMALS), (risk.check_5, 0), (goals.check_5, 0),
    (organisation.check_2, organisation.FLOW_DECIMALS), (organisation.check_3, organisation.LEAD_TIME_DECIMALS),
    (organisation.check_4, organisation.WIP_DECIMALS), (organisation.check_6, 0),
]


@pytest.mark.parametrize(("check", "precision"), PRECISION, ids=[f"{c.__module__[19:]}.{c.__name__}" for c, _ in PRECISION])
def test_values_that_round_right_pass_and_the_nearest_wrong_roundings_fail(check, precision):
    module = sys.modules[check.__module__]
    expected = float(answer_key(module.__name__)[int(check.__name__[6:])].expected)
    places = precision if not isinstance(precision, tuple) else precision[1] - 1 - math.floor(math.log10(abs(expected)))
    rounded = _round(expected, places)
    step = 10.0 ** -places
    assert check(expected) and check(rounded), (expected, rounded)
    assert check(_round(expected, places + 2)), "a more precise value that rounds right passes"
    for wrong in (rounded - step, rounded + step):
        assert not check(_round(wrong, places)), (rounded, wrong)


@pytest.mark.parametrize("check", [time.check_5, time.check_6], ids=["time.check_5", "time.check_6"])
def test_whole_workers_are_required_where_rounding_up_is_taught(check):
    expected = answer_key("followup.exercises.time")[int(check.__name__[6:])].expected
    assert check(expected) and check(float(expected))
    for fraction in (expected - 0.13, expected + 0.4):
        feedback = check(fraction)
        assert not feedback and "whole number" in feedback.message and feedback.kind == "form"


def test_equivalent_forms_are_accepted():
    keys = answer_key("followup.exercises.time")
    path = keys[3].expected
    assert time.check_3(path) and time.check_3(path - {"START", "FINISH"}) and time.check_3(sorted(path))
    assert time.check_3({i.lower() for i in path})
    assert time.check_2(keys[2].expected.to_dict())  # a dict where a Series is asked
    assert risk.check_2(answer_key("followup.exercises.risk")[2].expected.to_dict())
    top5 = answer_key("followup.exercises.risk")[4].expected
    assert risk.check_4({i.lower() for i in top5}) and risk.check_4(list(top5))
    assert risk.check_6(" A ") and resources.check_6("D")


@pytest.mark.parametrize(("check", "module"), [(time.check_4, "time"), (risk.check_5, "risk"), (resources.check_1, "resources")],
                         ids=["time.check_4", "risk.check_5", "resources.check_1"])
def test_a_factor_of_ten_is_named_before_the_direction_hint(check, module):
    expected = float(answer_key(f"followup.exercises.{module}")[int(check.__name__[6:])].expected)
    for factor in (10, 1000, 0.01):
        feedback = check(expected * factor)
        assert "factor of ten" in feedback.message and feedback.kind == "hint", feedback.message


def test_no_per_cent_hint_gives_the_answer_away():
    for check, k, module in ((resources.check_5, 5, "resources"), (risk.check_3, 3, "risk")):
        expected = float(answer_key(f"followup.exercises.{module}")[k].expected)
        message = check(100 * expected).message
        assert f"{expected:.2f}" not in message and f"{100 * expected:.0f} %" not in message, message


def test_goals_kpis_at_one_decimal_pass_and_the_nearest_wrong_roundings_fail():
    expected = answer_key("followup.exercises.goals")[1].expected
    rounded = expected.map(lambda v: _round(v, goals.KPI_DECIMALS))
    assert goals.check_1(expected) and goals.check_1(rounded) and goals.check_1(rounded.to_dict())
    for label in expected.index:
        for step in (-0.1, 0.1):
            wrong = rounded.copy()
            wrong[label] = _round(wrong[label] + step, 1)
            assert not goals.check_1(wrong), (label, step)


@pytest.mark.parametrize("check", [goals.check_2, goals.check_4, organisation.check_1],
                         ids=["goals.check_2", "goals.check_4", "organisation.check_1"])
def test_whole_units_are_required_for_levels_samples_and_channels(check):
    expected = answer_key(check.__module__)[int(check.__name__[6:])].expected
    assert check(expected) and check(float(expected)) and check(np.int64(expected))
    for fraction in (expected - 0.3, expected + 0.4):
        feedback = check(fraction)
        assert not feedback and "whole number" in feedback.message and feedback.kind == "form", feedback


def test_goals_and_organisation_ids_in_any_case_and_form():
    milestones = answer_key("followup.exercises.goals")[3].expected
    assert goals.check_3({m.lower() for m in milestones}) and goals.check_3(sorted(milestones))
    assert goals.check_3([f" {m} " for m in milestones])
    tasks = answer_key("followup.exercises.organisation")[5].expected
    assert organisation.check_5({t.lower() for t in tasks}) and organisation.check_5(tuple(tasks))
    # the named mistakes are found whatever the case the ids are written in
    assert "Two Responsibles are allowed" in organisation.check_5({t.lower() for t in tasks} | {"f2"}).message
    assert "reached before that report" in goals.check_3({m.lower() for m in milestones} | {"m1"}).message
    assert goals.check_6(" C ") and not goals.check_6("A")


@pytest.mark.parametrize(("check", "module"), [(goals.check_5, "goals"), (organisation.check_3, "organisation"),
                                               (organisation.check_2, "organisation")],
                         ids=["goals.check_5", "organisation.check_3", "organisation.check_2"])
def test_a_factor_of_ten_is_named_before_the_direction_hint_in_goals_and_organisation(check, module):
    expected = float(answer_key(f"followup.exercises.{module}")[int(check.__name__[6:])].expected)
    for factor in (10, 1000):
        feedback = check(expected * factor)
        assert "factor of ten" in feedback.message and feedback.kind == "hint", feedback.message
