"""Checks of the chapter 3 exercises (resources): one ``check_k(answer) -> Feedback`` per exercise.

Each check recomputes the right answer from ``data/`` with the library, so a change to the data or the
library moves the answer and its check together; the typical wrong answers get their own explanation.

>>> print(check_1(...))
✎ Not answered yet: Write your answer above (replace the ...) and run this cell.
>>> print(check_4(37))  # doctest: +ELLIPSIS
✘ Not yet: That is the delay with the real weather. ...

Exercises 1, 3, 4, 5 and 6 use the Hualong One crane case (``data/hualong_crane``), exercise 2 the fleet
pulse (``data/fleet_pulse``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from followup.checks import Feedback, Mistake, check_choice, check_number
from followup.datasets import fleet_pulse, hualong_crane
from followup.pulse import allocate_fleet, redeployment_cost
from followup.resources import conflicts, over_allocation, standby_cost, usage_profile

__all__ = [
    "ARTICLE_STANDBY_CNY",
    "BRACKETS_LIFT",
    "FIRST_HOURS",
    "BUFFER_MIN",
    "DURATION_SPREAD",
    "RUN_UP_WEEKS",
    "CHOICES_6",
    "check_1",
    "check_2",
    "check_3",
    "check_4",
    "check_5",
    "check_6",
]

#: Exercise 1: the first hours of the dome's wait, from its planned start, whose standby is priced.
FIRST_HOURS = 24
#: Exercise 2: the ISO weeks of the run-up to the Double 11 peak (week 46), peak week included.
RUN_UP_WEEKS = range(42, 47)
#: Exercise 5: the lift that keeps the hook (the polar-crane brackets) and the buffer left after it.
BRACKETS_LIFT = "L-PRB"
BUFFER_MIN = 30
#: Exercise 5: a lift lasts between 90 % and 150 % of its booked length, most likely as booked.
DURATION_SPREAD = (0.9, 1.0, 1.5)

_HOUR = pd.Timedelta(hours=1)


@cache
def _crane_case() -> hualong_crane.CraneCase:
    return hualong_crane.load()


@cache
def _fleet_case() -> fleet_pulse.FleetPulse:
    return fleet_pulse.load()


def _dome() -> pd.Series:
    return _crane_case().lifts.set_index("lift_id").loc[hualong_crane.DOME_LIFT]


@dataclass(frozen=True)
class _Standby:
    total: float  # CNY over the dome's wait
    delay_hours: float  # the wait, planned to replayed start of the dome
    crew_hours: float  # shift hours charged to the crews in that wait
    equipment: float  # CNY charged for equipment
    equipment_rate: float  # CNY per hour, all equipment
    crew_rate: float  # CNY per shift hour, all crews
    heavy_crane: float  # CNY charged for the 1,600 t crawler crane alone


@cache
def _standby(hours: float | None = None) -> _Standby:
    """The standby of the dome's wait from its planned start: the whole wait (to the replayed start), or its
    first ``hours``."""
    case = _crane_case()
    run = hualong_crane.replay(case.lifts, case.cranes, case.wind)
    dome = _dome()
    end = run.actual[hualong_crane.DOME_LIFT][0] if hours is None else dome["planned_start"] + hours * _HOUR
    charged = case.standby_hours(dome["planned_start"], end)
    cost = standby_cost(charged, case.standby_rates)
    crew = (case.standby_rates["category"] == "crew").to_numpy()
    hourly = case.standby_rates["rate"] * case.standby_rates["quantity"]
    return _Standby(
        total=cost.total,
        delay_hours=run.delay_hours(case.lifts, hualong_crane.DOME_LIFT) if hours is None else float(hours),
        crew_hours=float(charged[crew].max()),
        equipment=float(cost.table.loc[~crew, "cost"].sum()),
        equipment_rate=float(hourly[~crew].sum()),
        crew_rate=float(hourly[crew].sum()),
        heavy_crane=float(cost.table["cost"].iloc[0]),
    )


def check_1(answer) -> Feedback:
    """Exercise 1: the standby cost per hour (CNY) of the first :data:`FIRST_HOURS` hours of the dome's wait."""
    s, whole = _standby(FIRST_HOURS), _standby()
    return check_number(answer, s.total / s.delay_hours, decimals=0, unit="CNY per hour", mistakes=[
        Mistake(value=whole.total / whole.delay_hours,
                message="That is the average over the whole wait, to the replayed start (the article's two "
                        f"figures give it). The question asks for the first {FIRST_HOURS} hours only: charge each "
                        "item its hours in them."),
        Mistake(value=s.total / s.crew_hours,
                message=f"You divided by the crews' shift hours. The wait lasts all {FIRST_HOURS} hours; divide "
                        "the total by them."),
        Mistake(value=s.equipment_rate,
                message="That is the hourly rate of the equipment alone. The total also holds the crews' cost: "
                        "divide the whole standby cost by the hours of the wait."),
        Mistake(value=s.equipment_rate + s.crew_rate,
                message="That is the cost of an hour in which everything is charged. Crews are paid only for "
                        "their shift hours (charged_from to charged_to), so the average over the wait is lower."),
        Mistake(value=s.total,
                message="That is the total standby cost; the question asks for the cost per hour of the wait."),
    ])


def _run_up_moves() -> pd.DataFrame:
    case = _fleet_case()
    allocation = allocate_fleet(case.demand[["period", "region", "demand"]], int(case.fleet["vehicles"].iloc[0]))
    moves = redeployment_cost(allocation, float(case.fleet["cost_per_move_cny"].iloc[0])).set_index("period")
    return moves.loc[list(RUN_UP_WEEKS)]


def check_2(answer) -> Feedback:
    """Exercise 2: what the weekly pulse spends on moving trucks in :data:`RUN_UP_WEEKS` (CNY)."""
    run_up = _run_up_moves()
    expected = float(run_up["cost"].sum())
    return check_number(answer, expected, decimals=0, unit="CNY", mistakes=[
        Mistake(value=2 * expected,
                message="You counted every move twice, once where the truck leaves and once where it arrives. "
                        "A move is one truck changing region: count only the regions that gain trucks."),
        Mistake(value=float(run_up["moves"].sum()),
                message="That is the number of truck moves. Price them: each move costs cost_per_move_cny."),
        Mistake(value=float(run_up["cost"].iloc[-1]),
                message="That is the peak week alone. The run-up is the five weeks 42 to 46: add their costs."),
        Mistake(value=float(run_up["cost"].iloc[:-1].sum()),
                message="You left out the peak week itself; the question counts weeks 42 to 46, both included."),
    ])


def _bookings(unit: pd.Timedelta) -> pd.DataFrame:
    """Each lift's booked ``start`` and ``duration`` in ``unit`` from the phase's first midnight, by lift id."""
    lifts = _crane_case().lifts.set_index("lift_id")
    origin = lifts["planned_start"].min().normalize()
    return pd.DataFrame({"start": (lifts["planned_start"] - origin) / unit,
                         "duration": (lifts["planned_finish"] - lifts["planned_start"]) / unit})


def check_3(answer) -> Feedback:
    """Exercise 3: the number of hourly periods in which some crane is booked above its capacity."""
    lifts = _crane_case().lifts.set_index("lift_id")
    demand = pd.get_dummies(lifts["crane_id"]).astype(int)
    capacity = {crane: 1 for crane in demand.columns}

    def periods_over(unit):
        profile = usage_profile(_bookings(unit), demand, start_col="start", period=1)
        return over_allocation(profile, capacity)["period_start"].nunique()

    hours = _bookings(_HOUR)
    requests = pd.DataFrame({"resource": lifts["crane_id"], "start": hours["start"],
                             "finish": hours["start"] + hours["duration"], "units": 1, "id": lifts.index})
    overlap = conflicts(requests, capacity)["overlap"].sum()
    return check_number(answer, periods_over(_HOUR), rel=0, abs=0.01, unit="hours",
                        whole="Count whole hourly periods: a period the overlap touches, even partly, counts "
                              "as one.", mistakes=[
        Mistake(value=float(overlap),
                message="That is the length of the overlap itself (from conflicts). The histogram counts every "
                        "hourly period the overlap touches, even partly: count the periods over_allocation "
                        "lists."),
        Mistake(value=float(periods_over(pd.Timedelta(days=1))),
                message="That counts days. Use hourly periods: times in hours from the phase start and "
                        "period=1."),
        Mistake(when=lambda a: a == 0,
                message="The booked plan does have a clash: use the planned times, not the actual ones (after "
                        "the replay no crane is double-booked)."),
    ])


def _calm_wind(wind: pd.DataFrame, limit_ms: float) -> pd.DataFrame:
    """``wind`` with every hourly mean above ``limit_ms`` lowered to it: the weather of exercise 4.

    >>> case = hualong_crane.load()
    >>> bool((_calm_wind(case.wind, 10.0)["wind_mean_ms"] <= 10.0).all())
    True
    """
    return wind.assign(wind_mean_ms=wind["wind_mean_ms"].clip(upper=limit_ms))


def check_4(answer) -> Feedback:
    """Exercise 4: hours the dome lift starts late if no hour had been too windy for it.

    The exercise levels ``hualong_crane.dome_network(case, weather=False)`` first booked, first
    served; the check recomputes the delay independently, by replaying the site's rules with every
    hourly wind lowered to the dome's limit (the two agree: ``tests/test_exercises_resources.py``).
    """
    case = _crane_case()
    dome = _dome()
    calm = _calm_wind(case.wind, float(dome["max_wind_ms"]))
    run = hualong_crane.replay(case.lifts, case.cranes, calm)
    expected = run.delay_hours(case.lifts, hualong_crane.DOME_LIFT)
    closing = dome["after_lift"]
    closing_delay = run.delay_hours(case.lifts, closing)
    return check_number(answer, expected, decimals=1, unit="hours", mistakes=[
        Mistake(value=_standby().delay_hours,
                message="That is the delay with the real weather. Replay the plan with wind that never exceeds "
                        "the dome's limit and measure the dome's delay again."),
        Mistake(value=closing_delay,
                message=f"That is how late the closing module {closing} goes up. The dome waits for it plus the "
                        "closing work, but its own slot had some float: measure the dome's delay."),
        Mistake(value=60 * expected,
                message="That is the delay in minutes (the network's unit); give it in hours."),
        Mistake(when=lambda a: a == 0,
                message="Calm weather does not undo the booking clash: with the site's rule (first booked, first "
                        "served) the closing module still goes up the next morning and the dome must wait for it "
                        "and the closing work. A zero comes from the critical-first rule, a different plan."),
    ])


def _brackets_booking() -> float:
    lift = _crane_case().lifts.set_index("lift_id").loc[BRACKETS_LIFT]
    return (lift["planned_finish"] - lift["planned_start"]) / pd.Timedelta(minutes=1)


def _p_late(extra_minutes: float) -> float:
    """P(the brackets lift runs more than ``extra_minutes`` past its booked length), exactly (triangular)."""
    booked = _brackets_booking()
    low, mode, high = (f * booked for f in DURATION_SPREAD)
    limit = booked + extra_minutes
    if limit >= high:
        return 0.0
    if limit <= mode:  # not needed for the exercise's buffers, kept for the exact law
        return 1 - (limit - low) ** 2 / ((high - low) * (mode - low))
    return (high - limit) ** 2 / ((high - low) * (high - mode))


def check_5(answer) -> Feedback:
    """Exercise 5: probability that the closing module booked after the brackets, the changeover and a
    :data:`BUFFER_MIN`-minute buffer cannot start on time (a share between 0 and 1).

    The exact value is the triangular law's tail beyond booked + buffer; a Monte Carlo estimate with
    10,000 iterations is within 0.02 of it.
    """
    changeover = hualong_crane.CHANGEOVER / pd.Timedelta(minutes=1)
    expected = _p_late(BUFFER_MIN)
    return check_number(answer, expected, rel=0, abs=0.02, mistakes=[
        Mistake(value=_p_late(0),
                message="That is the probability with no buffer: the closing module's booking starts "
                        f"{BUFFER_MIN} minutes later than right after the changeover (buffer=...)."),
        Mistake(value=_p_late(BUFFER_MIN + changeover),
                message="You measured the overlap from the brackets' finish, but the hook is free only after "
                        "the changeover: the next lift must wait if the brackets plus the changeover run into "
                        "its booking."),
        Mistake(value=_p_late(2 * BUFFER_MIN),
                message="You moved the closing module's booking by the buffer twice: put the buffer either in "
                        "its start or in buffer=..., not in both."),
        Mistake(value=1 - expected,
                message="That is the probability that the closing module starts on time. The question asks for "
                        "the chance that it has to wait."),
        Mistake(when=lambda a: 1 < a <= 100,
                message="Give the probability as a share between 0 and 1 (a per cent divided by 100), not in "
                        "per cent."),
    ])


#: Exercise 6: "equipment standby alone cost CNY 900,000", as the article reports it (S3.2).
ARTICLE_STANDBY_CNY = 900_000

#: Exercise 6: the options (letter -> statement), shown in the exercise notebook.
CHOICES_6 = {
    "a": "Far too low: a crane of that size costs CNY 900,000 a day on standby.",
    "b": "It cannot be checked at all without the contract, so there is nothing to say about it.",
    "c": "Plausible as written: the 1,600-tonne crane alone costs about that much over the wait.",
    "d": "It adds up only if 'equipment standby' also covers the idle crews (or the rates are far higher than "
         "this reconstruction's): equipment alone is about two thirds of it.",
}
#: Exercise 6: the option the data support.
_ANSWER_6 = "d"


def check_6(answer) -> Feedback:
    """Exercise 6: which reading of "equipment standby alone cost CNY 900,000" (S3.2) the data support."""
    s = _standby()
    return check_choice(answer, _ANSWER_6, options=list(CHOICES_6), feedback={
        "c": f"The 1,600 t crane's standby in the data is CNY {s.heavy_crane:,.0f} over the "
             f"{s.delay_hours:.0f} hours, well short of the total; all equipment together is "
             f"CNY {s.equipment:,.0f}.",
        "d": f"At this reconstruction's rates (the datasheet's assumption, not the article's) equipment comes to "
             f"CNY {s.equipment:,.0f} ({100 * s.equipment / s.total:.0f} % of the total) and the crews to "
             f"CNY {s.total - s.equipment:,.0f}. What would have to be true for the figure to be equipment "
             f"alone: equipment rates about {ARTICLE_STANDBY_CNY / s.equipment:.1f} times those assumed. At the "
             "assumed rates it adds up only with the crews in it; the article does not say which.",
        "a": f"At CNY {s.equipment_rate:,.0f} an hour for all the equipment together, a day costs about "
             f"CNY {24 * s.equipment_rate:,.0f}; a single crane far less.",
        "b": "A sanity check needs no contract: divide the total by the hours and compare the hourly rate "
             "with what cranes and crews cost (the datasheet gives typical ranges).",
    })
