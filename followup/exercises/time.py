"""Checks of the exercises of chapter 2 (time): one ``check_k(answer)`` per exercise.

Each check recomputes the right answer - from the exercise network below or from
``data/`` with the library - and returns a :class:`followup.checks.Feedback` that
recognises the typical mistakes of that exercise::

    >>> from followup.exercises.time import check_4
    >>> print(check_4(...))
    ✎ Not answered yet: Write your answer above (replace the ...) and run this cell.
    >>> print(check_4(10_600_800))  # doctest: +ELLIPSIS
    ✘ Not yet: That is the standby cost alone. ...

Exercises 1-2 use :func:`hand_network`, exercise 3 the pipeline case
(``data/pipeline``), exercise 4 its welding options and standby costs,
exercises 5-6 the order-peak case (``data/order_peak_618``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

import pandas as pd

from followup.checks import Feedback, Mistake, check_number, check_series, check_set, check_table
from followup.datasets import order_peak_618, pipeline
from followup.forecast import forecast_errors, same_period_growth, seasonal_naive, shift_capacity, staff_needed
from followup.resources import standby_cost
from followup.schedule import critical_path_method, links_from_predecessors

__all__ = [
    "PASS_COLUMNS",
    "BREAK_EVEN_DECIMALS",
    "DUMMY_ACTIVITIES",
    "SECTION_B_SLIP_DAYS",
    "WHOLE_WORKERS",
    "check_1",
    "check_2",
    "check_3",
    "check_4",
    "check_5",
    "check_6",
    "hand_network",
]

#: The columns exercise 1 asks for, one row per activity id.
PASS_COLUMNS = ["early_start", "early_finish", "late_start", "late_finish"]
#: Exercise 3: days section B's welding (WLD-B) loses.
SECTION_B_SLIP_DAYS = 12
#: Exercise 3: the pipeline network's zero-duration start and finish (optional in an answer).
DUMMY_ACTIVITIES = ("START", "FINISH")
#: Exercise 4 asks for the break-even to the nearest USD 1,000 (``decimals=-3``).
BREAK_EVEN_DECIMALS = -3
#: Exercises 5-6: a number of workers is whole; a fraction still has to be ordered as a whole worker.
WHOLE_WORKERS = ("Give a whole number of workers: a fraction of a worker still has to be ordered as a whole "
                 "one, so round up (math.ceil).")
#: Exercise 5-6: the peak day planned for (618 is the festival's fixed date).
PEAK_YEAR = 2026


def hand_network() -> pd.DataFrame:
    """The eight-activity network of exercises 1 and 2 (days, finish-to-start links only).

    A valve station tie-in: the valves are a long-lead item, the civil works and
    the cabling run in parallel with their delivery.

    >>> hand_network()["id"].tolist()
    ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']
    """
    return pd.DataFrame({
        "id": ["A", "B", "C", "D", "E", "F", "G", "H"],
        "name": ["Mobilise crew", "Excavate", "Deliver valves", "Pour foundations", "Install valves",
                 "Lay cable", "Test", "Hand over"],
        "duration": [2, 4, 9, 3, 5, 6, 2, 1],
        "predecessors": ["", "A", "A", "B", "C; D", "B", "E; F", "G"],
    })


def _hand_schedule():
    network = hand_network()
    return critical_path_method(network, links_from_predecessors(network))


def _passes_with(forward, backward) -> pd.DataFrame:
    """The pass table of the hand network computed with ``forward`` (for ES) and ``backward`` (for LF).

    ``max``/``min`` give the right answer; swapping either reproduces a typical mistake.
    """
    network = hand_network()
    links = links_from_predecessors(network)
    duration = network.set_index("id")["duration"]
    es, ef, ls, lf = {}, {}, {}, {}
    for activity in network["id"]:  # predecessors come first in the table
        before = links.loc[links["successor"] == activity, "predecessor"]
        es[activity] = forward((ef[p] for p in before), default=0)
        ef[activity] = es[activity] + duration[activity]
    end = max(ef.values())
    for activity in network["id"][::-1]:
        after = links.loc[links["predecessor"] == activity, "successor"]
        lf[activity] = backward((ls[s] for s in after), default=end)
        ls[activity] = lf[activity] - duration[activity]
    return pd.DataFrame({"early_start": es, "early_finish": ef, "late_start": ls, "late_finish": lf})


def check_1(answer) -> Feedback:
    """Exercise 1: the forward and backward pass of :func:`hand_network` by hand.

    ``answer``: a DataFrame indexed by activity id with the columns of :data:`PASS_COLUMNS`.
    """
    expected = _hand_schedule().table[PASS_COLUMNS]
    return check_table(answer, expected, rel=0, abs=1e-9, mistakes=[
        Mistake("Your forward pass starts an activity when its *first* predecessor finishes. It can start only "
                "when all of them have: take the largest early finish of the predecessors.",
                value=_passes_with(min, min)),
        Mistake("Your backward pass takes the largest late start of the successors. An activity must finish "
                "before the first successor has to start: its late finish is the smallest of their late starts.",
                value=_passes_with(max, max)),
    ])


def check_2(answer) -> Feedback:
    """Exercise 2: the free float of every activity of :func:`hand_network` (a Series indexed by id)."""
    schedule = _hand_schedule()
    table = schedule.table
    links = schedule.links
    # The typical slip: the successor's early *finish* instead of its early start.
    ef_based = (links.assign(next_finish=table.loc[links["successor"], "early_finish"].to_numpy())
                .groupby("predecessor")["next_finish"].min()
                .reindex(table.index, fill_value=schedule.duration) - table["early_finish"])
    return check_series(answer, table["free_float"], rel=0, abs=1e-9, mistakes=[
        Mistake("These are the total floats (late start - early start). Free float is measured against the "
                "successors: the smallest early start of the successors minus the activity's early finish.",
                value=table["total_float"]),
        Mistake("You used the successors' early finish; free float uses their early start.",
                value=ef_based),
        Mistake("Free float is never negative when the schedule has no imposed finish: check the subtraction "
                "(successor's early start minus this activity's early finish).",
                when=lambda values: bool((pd.to_numeric(values, errors="coerce") < 0).any())),
    ])


@lru_cache(maxsize=1)
def _pipeline_case() -> pipeline.PipelineCase:
    return pipeline.load()


def _pipeline_schedule(slip_days: int = 0):
    plan = _pipeline_case().activities_for("manual")
    plan.loc[plan["id"] == "WLD-B", "duration"] += slip_days
    return critical_path_method(plan, links_from_predecessors(plan))


def check_3(answer) -> Feedback:
    """Exercise 3: the critical activities after section B's welding loses :data:`SECTION_B_SLIP_DAYS` days."""
    before = set(_pipeline_schedule().critical_activities)
    after = set(_pipeline_schedule(SECTION_B_SLIP_DAYS).critical_activities)
    changed_only = after - before
    # The dummy START and FINISH carry no work: a path written with or without them is the same answer.
    # Neither the missing nor the extra ids are named: either would hand over the answer.
    return check_set(answer, after, item="activity", name_ids=False, optional=DUMMY_ACTIVITIES, concept=(
        f"An activity is critical when it has zero total float in the schedule with section B's welding "
        f"{SECTION_B_SLIP_DAYS} days longer."), mistakes=[
        Mistake("That is the baseline's critical path. Section B's welding had less total float than the slip, "
                "so the slip moves the critical path: reschedule with the longer duration.", value=before),
        Mistake("Section A's chain now has float (the project waits for section B), so it is no longer "
                "critical: keep only the activities with zero total float after the change.",
                value=before | after),
        Mistake("These are only the activities that became critical. The activities shared by both paths "
                "(from the contract award to the line pipe, and from the tie-ins to handover) stay critical.",
                value=changed_only),
    ])


@dataclass(frozen=True)
class _Window:
    standby_total: float  # USD for the wait from rain onset to the next dry season
    standby_planned_onset: float  # the same, counted (wrongly) from the planned onset
    standby_lateness: float  # the same, counted (wrongly) for the days of lateness only
    extra_equipment: float  # USD, mechanised minus manual equipment over the wetland welding
    freight: float  # USD, air freight paid


def _window() -> _Window:
    case = _pipeline_case()
    rains = case.rain_window.set_index("scenario")
    dry = int(rains.loc["actual", "dry_season_start_day"])
    wet = case.welding_options[case.welding_options["section"] == "W"].set_index("option")
    equipment = {option: wet.loc[option, "equipment_usd_per_day"] * case.welding_days(option, "W")
                 for option in ("manual", "auto_air")}
    plan = case.activities_for("manual")
    table = critical_path_method(plan, links_from_predecessors(plan)).table
    late_days = int(table.loc[table["rain_exposed"], "early_finish"].max()) - case.rain_start_day("actual")
    return _Window(
        standby_total=standby_cost(dry - case.rain_start_day("actual"), case.standby_costs).total,
        standby_planned_onset=standby_cost(dry - case.rain_start_day("planned"), case.standby_costs).total,
        standby_lateness=standby_cost(late_days, case.standby_costs).total,
        extra_equipment=float(equipment["auto_air"] - equipment["manual"]),
        freight=float(wet.loc["auto_air", "freight_usd"]),
    )


def check_4(answer) -> Feedback:
    """Exercise 4: the highest air-freight cost (USD) at which switching to automatic welding still pays."""
    w = _window()
    break_even = w.standby_total - w.extra_equipment
    return check_number(answer, break_even, decimals=BREAK_EVEN_DECIMALS, unit="USD", mistakes=[
        Mistake("That is the standby cost alone. The switch also costs more to run: subtract the extra equipment "
                "cost of mechanised over manual welding in the wetland.", value=w.standby_total),
        Mistake("You added the extra equipment cost. It is a cost of the switch, so it lowers what you could "
                "afford to pay for the freight.", value=w.standby_total + w.extra_equipment),
        Mistake("You counted the wait from the planned rain onset. The rains came early: the work stops on the "
                "actual onset and waits until the dry season starts.",
                value=w.standby_planned_onset - w.extra_equipment),
        Mistake("You priced only the days of lateness. Missing the window does not cost the days you are late; "
                "it costs the wait until the next dry season.", value=w.standby_lateness - w.extra_equipment),
        Mistake("That is the net saving at the price actually paid. The break-even is the freight price at which "
                "the saving would fall to zero.", value=w.standby_total - w.extra_equipment - w.freight),
    ], too_low="Too low. Recheck the standby: every item's quantity x rate, for every day from the actual "
               "onset of the rains to the start of the dry season.",
       too_high="Too high. Recheck the two parts: the standby of the wait for the dry season, less the extra "
                "equipment cost of mechanised welding over its (shorter) welding days.")


@dataclass(frozen=True)
class _PeakPlan:
    last_peak: float  # peak-day orders of the year before PEAK_YEAR
    forecast: float  # peak-day orders forecast for PEAK_YEAR
    permanent_capacity: float  # orders the permanents handle on the peak day, with overtime
    temp_per_hour: float  # orders one temp handles in an hour
    shift_hours: float
    temps: int  # temps to order, no buffer
    worst_shortfall: float  # most negative peak-day error (forecast - actual) / actual, 2022 onwards
    worst_overshoot: float  # most positive one
    norms: pd.Series

    @property
    def temp_capacity(self) -> float:
        """Orders one temp handles in a shift."""
        return self.temp_per_hour * self.shift_hours

    def temps_for(self, peak: float, permanent: float | None = None, per_hour: float | None = None) -> int:
        """Temps to order for ``peak`` orders (by default with this plan's permanents and temp rate)."""
        return staff_needed(peak, per_hour=self.temp_per_hour if per_hour is None else per_hour,
                            shift_hours=self.shift_hours,
                            permanent=self.permanent_capacity if permanent is None else permanent)


def _peak_day_errors(case: order_peak_618.OrderPeakCase) -> pd.Series:
    """Peak-day error (%) of "last year's 618 window x January-May growth", every year with a year before it.

    >>> _peak_day_errors(order_peak_618.load()).index.tolist()
    [2022, 2023, 2024, 2025]
    """
    history = case.daily_orders.set_index("date")["orders"]
    errors = {}
    for year in sorted(case.events.loc[case.events["event"] == "618", "year"])[1:]:
        window = case.window(year)
        growth = same_period_growth(history, f"{year}-01-01", f"{year}-05-31")
        forecast = seasonal_naive(history, window["date"], growth=growth)
        errors[year] = forecast_errors(window["orders"], forecast).peak_error
    return pd.Series(errors, name="peak_day_error_pct")


def _peak_plan(case: order_peak_618.OrderPeakCase | None = None) -> _PeakPlan:
    """The staffing arithmetic of exercises 5 and 6 (and of the chapter), from ``data/order_peak_618``.

    The peak-day forecast is last year's peak x last year's growth of the whole
    year; the permanents work a shift plus the allowed overtime, net of absence;
    temps work a shift at ``temp_productivity`` of a permanent's rate.

    >>> plan = _peak_plan()
    >>> plan.temps == plan.temps_for(plan.forecast)
    True
    """
    case = case if case is not None else order_peak_618.load()
    history = case.daily_orders.set_index("date")["orders"]
    last = PEAK_YEAR - 1
    growth = same_period_growth(history, f"{last}-01-01", f"{last}-12-31")
    last_peak = float(case.window(last)["orders"].max())
    norms = case.staffing_norms.set_index("year").loc[PEAK_YEAR]
    rate = norms["orders_per_labour_hour"]
    permanent = shift_capacity(norms["permanent_headcount"], per_hour=rate,
                               hours=norms["shift_hours"] + norms["overtime_hours_max"],
                               absence_rate=norms["absence_rate"])
    errors = _peak_day_errors(case) / 100
    plan = _PeakPlan(
        last_peak=last_peak, forecast=last_peak * growth, permanent_capacity=permanent,
        temp_per_hour=float(rate * norms["temp_productivity"]), shift_hours=float(norms["shift_hours"]),
        temps=0, worst_shortfall=float(errors.min()), worst_overshoot=float(errors.max()), norms=norms,
    )
    return replace(plan, temps=plan.temps_for(plan.forecast))


def check_5(answer) -> Feedback:
    """Exercise 5: temporary workers to order for the 2026 peak day (no buffer)."""
    p = _peak_plan()
    n = p.norms
    rate = n["orders_per_labour_hour"]
    no_overtime = shift_capacity(n["permanent_headcount"], per_hour=rate, hours=n["shift_hours"],
                                 absence_rate=n["absence_rate"])
    no_absence = shift_capacity(n["permanent_headcount"], per_hour=rate,
                                hours=n["shift_hours"] + n["overtime_hours_max"])
    return check_number(answer, p.temps, rel=0, abs=0.5, whole=WHOLE_WORKERS, unit="workers", mistakes=[
        Mistake("Round up: a fraction of a worker still has to be a whole worker, or the peak is not covered.",
                value=p.temps - 1),
        Mistake("The permanents' capacity is missing the overtime. In festival weeks each permanent may work "
                "the allowed overtime on top of the shift.",
                value=p.temps_for(p.forecast, permanent=no_overtime)),
        Mistake("You counted every temp at a permanent's rate. A temp works at temp_productivity of it.",
                value=p.temps_for(p.forecast, per_hour=rate)),
        Mistake("Some permanents are absent on any day: multiply the headcount by (1 - absence_rate).",
                value=p.temps_for(p.forecast, permanent=no_absence)),
        Mistake("You planned for last year's peak. Scale it by last year's growth (2025 orders / 2024 orders): "
                "the business has grown.", value=p.temps_for(p.last_peak)),
    ], too_low="Too few. Recheck each step: the growth (whole years), the permanents' capacity and what one "
               "temp handles in a shift.",
       too_high="Too many. Recheck each step: the permanents' capacity includes their overtime, and the gap is "
                "divided by what one temp handles in a shift.")


def check_6(answer) -> Feedback:
    """Exercise 6: temps to order so the peak is covered even if the forecast falls short as badly as it ever has."""
    p = _peak_plan()
    # error = (forecast - actual) / actual, so the actual peak is forecast / (1 + error).
    covered = p.forecast / (1 + p.worst_shortfall)
    expected = p.temps_for(covered)
    return check_number(answer, expected, rel=0, abs=3, whole=WHOLE_WORKERS, unit="workers", mistakes=[
        Mistake("That is the plan without a buffer (exercise 5). The forecast has fallen short on the peak "
                "day before: size the order for the worst shortfall.", value=p.temps),
        Mistake("The error is measured against the actual: actual = forecast / (1 + error). Multiplying the "
                "forecast by (1 + |error|) under-states the peak.",
                value=p.temps_for(p.forecast * (1 - p.worst_shortfall))),
        Mistake("You used the largest over-forecast. The buffer must cover the year the forecast fell "
                "*short* of the actual peak (the most negative error).",
                value=p.temps_for(p.forecast / (1 + p.worst_overshoot))),
        Mistake("You added the buffer to the number of temps instead of the orders: apply the error to the "
                "forecast peak, then convert the gap to temps.",
                value=math.ceil(p.temps / (1 + p.worst_shortfall))),
    ], too_low="Too few to cover the worst year. Recheck which year's error you used (the most negative) and "
               "how you turned it into the peak to cover.",
       too_high="More than the worst year calls for. Recheck the peak-day errors: each year's forecast is the "
                "year before's peak x the January-May growth of that year.")

