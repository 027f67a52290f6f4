"""The checks of chapter 2's exercises: each accepts the worked solution and names the typical mistakes.

The right answers are recomputed here the way exercises/solutions/02-time-solutions.ipynb computes them (from
the data, with the library), not read from the checks module, so a check that drifts from its solution fails.
"""

import math

import pandas as pd
import pytest

from followup.datasets import order_peak_618, pipeline
from followup.exercises import time as ex
from followup.forecast import forecast_errors, same_period_growth, seasonal_naive, shift_capacity, staff_needed
from followup.resources import standby_cost
from followup.schedule import critical_path_method, links_from_predecessors

NETWORK = ex.hand_network()
LINKS = links_from_predecessors(NETWORK)
HAND = critical_path_method(NETWORK, LINKS).table

PIPELINE = pipeline.load()
PLAN = PIPELINE.activities_for("manual")
BASELINE = critical_path_method(PLAN, links_from_predecessors(PLAN))

ORDERS_CASE = order_peak_618.load()
NORMS = ORDERS_CASE.staffing_norms.set_index("year").loc[2026]


def by_hand(forward=max, backward=min):
    """Exercise 1 as the solution does it: the two passes written out (FS links only).

    Swapping ``forward`` or ``backward`` for the other of min/max gives a learner's typical slip.
    """
    duration = NETWORK.set_index("id")["duration"]
    es, ef, ls, lf = {}, {}, {}, {}
    for a in NETWORK["id"]:
        before = LINKS.loc[LINKS["successor"] == a, "predecessor"]
        es[a] = forward((ef[p] for p in before), default=0)
        ef[a] = es[a] + duration[a]
    end = max(ef.values())
    for a in NETWORK["id"][::-1]:
        after = LINKS.loc[LINKS["predecessor"] == a, "successor"]
        lf[a] = backward((ls[s] for s in after), default=end)
        ls[a] = lf[a] - duration[a]
    return pd.DataFrame({"early_start": es, "early_finish": ef, "late_start": ls, "late_finish": lf})


def slipped_critical():
    slipped = PLAN.copy()
    slipped.loc[slipped["id"] == "WLD-B", "duration"] += ex.SECTION_B_SLIP_DAYS
    return set(critical_path_method(slipped, links_from_predecessors(slipped)).critical_activities)


def break_even_parts():
    rains = PIPELINE.rain_window.set_index("scenario")
    wetland = PIPELINE.welding_options[PIPELINE.welding_options["section"] == "W"].set_index("option")
    waiting = int(rains.loc["actual", "dry_season_start_day"] - rains.loc["actual", "rain_start_day"])
    standby = standby_cost(waiting, PIPELINE.standby_costs).total
    equipment = {o: wetland.loc[o, "equipment_usd_per_day"] * PIPELINE.welding_days(o, "W")
                 for o in ("manual", "auto_air")}
    return standby, equipment["auto_air"] - equipment["manual"], wetland.loc["auto_air", "freight_usd"]


HISTORY = ORDERS_CASE.daily_orders.set_index("date")["orders"]


def peak_parts():
    """Exercise 5 as the solution does it: (forecast, permanent capacity, orders per temp-hour)."""
    forecast = (ORDERS_CASE.window(2025)["orders"].max()
                * same_period_growth(HISTORY, "2025-01-01", "2025-12-31"))
    rate = NORMS["orders_per_labour_hour"]
    permanent = shift_capacity(NORMS["permanent_headcount"], per_hour=rate,
                               hours=NORMS["shift_hours"] + NORMS["overtime_hours_max"],
                               absence_rate=NORMS["absence_rate"])
    return forecast, permanent, rate * NORMS["temp_productivity"]


def temps_for(peak, permanent, per_hour):
    return staff_needed(peak, per_hour=per_hour, shift_hours=NORMS["shift_hours"], permanent=permanent)


def worst_shortfall():
    errors = []
    for year in range(2022, 2026):
        window = ORDERS_CASE.window(year)
        growth = same_period_growth(HISTORY, f"{year}-01-01", f"{year}-05-31")
        errors.append(forecast_errors(window["orders"], seasonal_naive(HISTORY, window["date"], growth=growth))
                      .peak_error / 100)
    return min(errors)


# ----------------------------------------------------------------------------- exercise 1
def test_1_accepts_the_passes_by_hand():
    answer = by_hand()
    assert answer.loc["E", "early_start"] == 11 and answer.loc["B", "late_finish"] == 8  # the solution's text
    assert ex.check_1(answer)
    assert ex.check_1(answer.iloc[::-1])  # row order does not matter, labels do


def test_1_names_the_forward_pass_that_waits_for_the_first_predecessor():
    wrong = by_hand(forward=min)
    assert wrong.loc["E", "early_start"] == 9  # min(EF C = 11, EF D = 9)
    feedback = ex.check_1(wrong)
    assert not feedback and "take the largest early finish" in feedback.message


def test_1_names_the_backward_pass_that_takes_the_largest_late_start():
    wrong = by_hand(backward=max)
    assert wrong.loc["B", "late_finish"] == 10  # max(LS D = 8, LS F = 10)
    feedback = ex.check_1(wrong)
    assert not feedback and "smallest of their late starts" in feedback.message


def test_1_points_at_the_wrong_column_and_rows_otherwise():
    wrong = by_hand()
    wrong.loc["F", "late_start"] += 1
    feedback = ex.check_1(wrong)
    assert not feedback and "'late_start'" in feedback.message and "F (too high)" in feedback.message


# ----------------------------------------------------------------------------- exercise 2
def test_2_accepts_the_free_floats():
    free = HAND["free_float"]
    assert free[["B", "D", "F"]].tolist() == [0, 2, 4]
    assert ex.check_2(free)


def test_2_rejects_total_float_with_its_own_message():
    feedback = ex.check_2(HAND["total_float"])
    assert not feedback and "These are the total floats" in feedback.message


def test_2_rejects_the_successors_early_finish():
    wrong = HAND["free_float"].copy()
    wrong[["A", "B", "C", "D", "E", "F", "G"]] = [4, 3, 5, 7, 2, 6, 1]  # min EF of successors - EF
    feedback = ex.check_2(wrong)
    assert not feedback and "successors' early finish" in feedback.message


def test_2_rejects_negative_free_float():
    wrong = HAND["free_float"].copy()
    wrong["D"] = -2
    feedback = ex.check_2(wrong)
    assert not feedback and "never negative" in feedback.message


# ----------------------------------------------------------------------------- exercise 3
def test_3_accepts_the_new_critical_path():
    answer = slipped_critical()
    assert {"WLD-B", "TIE"} <= answer and "WLD-A" not in answer
    assert ex.check_3(answer)
    assert ex.check_3(sorted(answer))  # any collection


def test_3_rejects_the_baseline_critical_path():
    feedback = ex.check_3(BASELINE.critical_activities)
    assert not feedback and "baseline's critical path" in feedback.message


def test_3_rejects_both_paths_and_the_changed_part_alone():
    after, before = slipped_critical(), set(BASELINE.critical_activities)
    assert "no longer critical" in ex.check_3(after | before).message
    assert "shared by both paths" in ex.check_3(after - before).message


def test_3_does_not_give_missing_ids_away():
    feedback = ex.check_3({"START", "FINISH"})
    assert not feedback and "13 activity ids are missing" in feedback.message and "WLD-B" not in feedback.message


# ----------------------------------------------------------------------------- exercise 4
def test_4_accepts_the_break_even_freight():
    standby, extra, freight = break_even_parts()
    answer = standby - extra
    assert answer == pytest.approx(10_392_800) and freight == 1_200_000  # DATASHEET.md, S2.2
    assert ex.check_4(answer)


@pytest.mark.parametrize("wrong, words", [
    (lambda standby, extra, freight: standby, "standby cost alone"),
    (lambda standby, extra, freight: standby + extra, "You added the extra equipment cost"),
    (lambda standby, extra, freight: standby - extra - freight, "net saving"),
], ids=["standby only", "equipment added", "net saving"])
def test_4_names_the_typical_mistakes(wrong, words):
    feedback = ex.check_4(wrong(*break_even_parts()))
    assert not feedback and words in feedback.message


def test_4_names_the_wait_from_the_planned_onset_and_the_days_of_lateness():
    _, extra, _ = break_even_parts()
    rains = PIPELINE.rain_window.set_index("scenario")
    from_planned = standby_cost(int(rains.loc["actual", "dry_season_start_day"] - rains.loc["planned", "rain_start_day"]),
                                PIPELINE.standby_costs).total
    assert "planned rain onset" in ex.check_4(from_planned - extra).message
    assert "days of lateness" in ex.check_4(standby_cost(10, PIPELINE.standby_costs).total - extra).message


# ----------------------------------------------------------------------------- exercise 5
def test_5_accepts_the_temps_for_the_2026_peak():
    answer = temps_for(*peak_parts())
    assert answer == 1_499  # DATASHEET.md
    assert ex.check_5(answer)


def test_5_names_the_typical_mistakes():
    forecast, permanent, per_temp = peak_parts()
    no_overtime = permanent * NORMS["shift_hours"] / (NORMS["shift_hours"] + NORMS["overtime_hours_max"])
    per_shift = per_temp * NORMS["shift_hours"]
    assert "Round up" in ex.check_5(math.floor((forecast - permanent) / per_shift)).message
    assert "overtime" in ex.check_5(temps_for(forecast, no_overtime, per_temp)).message
    assert "temp_productivity" in ex.check_5(temps_for(forecast, permanent, per_temp / NORMS["temp_productivity"])).message
    assert "absent" in ex.check_5(temps_for(forecast, permanent / (1 - NORMS["absence_rate"]), per_temp)).message
    last_peak = ORDERS_CASE.window(2025)["orders"].max()
    assert "last year's peak" in ex.check_5(temps_for(last_peak, permanent, per_temp)).message


# ----------------------------------------------------------------------------- exercise 6
def test_6_accepts_the_buffered_order_with_the_exact_or_the_rounded_error():
    forecast, permanent, per_temp = peak_parts()
    worst = worst_shortfall()
    assert round(100 * worst, 1) == -16.5  # 2023, DATASHEET.md
    assert ex.check_6(temps_for(forecast / (1 + worst), permanent, per_temp))
    assert ex.check_6(temps_for(forecast / (1 - 0.165), permanent, per_temp))


def test_6_names_the_typical_mistakes():
    forecast, permanent, per_temp = peak_parts()
    worst = worst_shortfall()
    assert "without a buffer" in ex.check_6(temps_for(forecast, permanent, per_temp)).message
    assert "measured against the actual" in ex.check_6(temps_for(forecast * (1 - worst), permanent, per_temp)).message
    assert "over-forecast" in ex.check_6(temps_for(forecast / 1.145, permanent, per_temp)).message


def test_peak_plan_agrees_with_the_chapter_figures():
    plan = ex._peak_plan()
    assert round(plan.forecast) == 335_222 and plan.permanent_capacity == 177_840 and plan.temps == 1_499


def test_docstring_examples_run():
    import doctest

    result = doctest.testmod(ex, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    assert result.attempted >= 4 and result.failed == 0


# ----------------------------------------------------------------------------- no answer given away
@pytest.mark.parametrize(("check", "expected"), [
    (ex.check_4, lambda: break_even_parts()[0] - break_even_parts()[1]),
    (ex.check_5, lambda: temps_for(*peak_parts())),
    (ex.check_6, lambda: temps_for(peak_parts()[0] / (1 + worst_shortfall()), *peak_parts()[1:])),
])
@pytest.mark.parametrize("factor", [0.7, 1.3])
def test_an_unexplained_wrong_number_says_which_way_but_not_by_how_much(check, expected, factor):
    # "Too low by N" would let a learner add N and pass without understanding.
    answer = round(expected() * factor)
    feedback = check(answer)
    assert not feedback
    words = ("Too low", "Too few") if factor < 1 else ("Too high", "Too many", "More than")
    assert feedback.message.startswith(words), feedback.message
    assert not any(ch.isdigit() for ch in feedback.message), feedback.message
