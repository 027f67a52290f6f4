"""Checks of the exercises of chapter 1 (goals): one ``check_k(answer)`` per exercise.

Each check recomputes the right answer from ``data/`` with the library and returns a
:class:`followup.checks.Feedback` that recognises the typical mistakes of that exercise; it never shows
the expected answer::

    >>> from followup.exercises.goals import check_4
    >>> print(check_4(...))
    ✎ Not answered yet: Write your answer above (replace the ...) and run this cell.
    >>> print(check_4(181))  # doctest: +ELLIPSIS
    ✘ Not yet: That sample demonstrates the yield at 95 % confidence; ...

Exercises 1-2 use the replenishment case (``data/retail_replenishment``), 3-5 the new-product case
(``data/npd_launch``), 6 the service team's monthly KPI (``data/retail_replenishment/service_monthly.csv``).
"""

from __future__ import annotations

import math
from functools import lru_cache

import pandas as pd

from followup.acceptance import demonstration_sample_size
from followup.cases.npd_launch import design_change_cost
from followup.checks import Feedback, Mistake, check_choice, check_number, check_series, check_set
from followup.control_chart import p_chart
from followup.datasets import npd_launch, retail_replenishment
from followup.errors import DataError
from followup.milestone_trend import milestone_trend
from followup.replenishment import order_up_to_levels, simulate_periodic_review

__all__ = [
    "CHANGE_LATE",
    "CHANGE_EARLY",
    "EXERCISE_1_SERIES",
    "EXERCISE_2_SERIES",
    "EXERCISE_2_TARGET",
    "EXERCISE_3_REPORT",
    "EXERCISE_4_PLAN",
    "EXERCISE_6_MONTH",
    "KPI_DECIMALS",
    "KPI_NAMES",
    "WHOLE_UNITS",
    "check_1",
    "check_2",
    "check_3",
    "check_4",
    "check_5",
    "check_6",
]

#: Exercise 1: the (store, SKU) whose 2025 KPIs are asked for, and the names of the answer's two values.
EXERCISE_1_SERIES = ("S01", "SKU20")
KPI_NAMES = ("stockout_rate_pct", "turnover")
#: Exercise 2: the series, its review period (days) and the stock-out target (share of SKU-days).
EXERCISE_2_SERIES = ("S02", "SKU14")
EXERCISE_2_TARGET = 0.02
REVIEW_PERIOD = 7
MAX_LEVEL = 2_000  # the search for S stops here: far above any level the series needs
#: Exercise 3: the report whose jumps are asked for, and what counts as a jump (days).
EXERCISE_3_REPORT = "2024-05-31"
JUMP_DAYS = 14
#: Exercise 4: target yield, confidence, failures allowed (the chapter's plan table stops at three failures).
EXERCISE_4_PLAN = (0.95, 0.90, 4)
#: Exercise 5: the circuit change priced after these two milestones.
CHANGE_EARLY, CHANGE_LATE = "M2", "M4"
#: Exercise 6: the month judged on the p-chart (baseline: 2024).
EXERCISE_6_MONTH = "2025-12-01"
#: Exercise 1 asks for both KPIs to one decimal; exercises 2 and 4 for whole units, exercise 5 to the yuan.
KPI_DECIMALS = 1
WHOLE_UNITS = "Give a whole number of units: an order-up-to level and a test sample are counted in whole units."


@lru_cache(maxsize=1)
def _retail() -> retail_replenishment.RetailCase:
    return retail_replenishment.load()


@lru_cache(maxsize=1)
def _npd() -> npd_launch.NpdCase:
    return npd_launch.load()


def _series_2025(store: str, sku: str) -> pd.DataFrame:
    daily = _retail().daily
    return daily[(daily["date"].dt.year == 2025) & (daily["store"] == store) & (daily["sku"] == sku)]


def _series_kpis(store: str, sku: str) -> pd.Series:
    """Stock-out rate (% of SKU-days) and inventory turnover (per year, at cost) of one series in 2025.

    For one SKU the unit cost cancels from turnover: units sold / average closing stock in units.

    >>> _series_kpis("S02", "SKU20").round(1).to_dict()  # not exercise 1's series: docstrings show no answer
    {'stockout_rate_pct': 10.7, 'turnover': 42.6}
    """
    rows = _series_2025(store, sku)
    if rows.empty:
        raise DataError(f"no 2025 rows for store {store!r} and sku {sku!r}; see policy.csv")
    return pd.Series({"stockout_rate_pct": 100 * float((rows["demand"] > rows["sold"]).mean()),
                      "turnover": float(rows["sold"].sum() / rows["closing_stock"].mean())})


def _ids(given) -> set[str]:
    """A set answer's ids as the check compares them (text, case-folded to the data's upper case)."""
    return {str(i).strip().upper() for i in given}


def _close_to(value: float, abs_: float):
    return lambda answer: math.isclose(float(answer), value, rel_tol=0, abs_tol=abs_)


def _element(name: str, test):
    """A Mistake predicate on one value of a Series answer (False when it is missing or not a number)."""
    def when(answer: pd.Series) -> bool:
        value = pd.to_numeric(pd.Series(answer).get(name), errors="coerce")
        return bool(pd.notna(value) and test(value))
    return when


def check_1(answer) -> Feedback:
    """Exercise 1: the 2025 stock-out rate (%) and turnover of :data:`EXERCISE_1_SERIES`, a Series named by :data:`KPI_NAMES`."""
    rows = _series_2025(*EXERCISE_1_SERIES)
    expected = _series_kpis(*EXERCISE_1_SERIES)
    tolerance = 0.051  # a named mistake is recognised within about the precision asked (one decimal)
    zero_stock = 100 * float((rows["closing_stock"] == 0).mean())
    per_unit = 100 * (1 - rows["sold"].sum() / rows["demand"].sum())
    fill = 100 * rows["sold"].sum() / rows["demand"].sum()
    on_demand = float(rows["demand"].sum() / rows["closing_stock"].mean())
    two_points = float(rows["sold"].sum() / ((rows["closing_stock"].iloc[0] + rows["closing_stock"].iloc[-1]) / 2))
    rate, turn = KPI_NAMES
    return check_series(answer, expected, decimals=KPI_DECIMALS, mistakes=[
        Mistake("Your stock-out rate counts days that closed with an empty shelf. A stock-out day is one on which "
                "some demand went unmet (demand > sold); a shelf can close empty after serving every shopper.",
                when=_element(rate, _close_to(zero_stock, tolerance))),
        Mistake("Your stock-out rate is per unit (1 - fill rate). The question asks per SKU-day: the share of "
                "days with some demand unmet.", when=_element(rate, _close_to(per_unit, tolerance))),
        Mistake("That is the fill rate (units sold / units demanded), not the stock-out rate.",
                when=_element(rate, _close_to(fill, tolerance))),
        Mistake("Give the stock-out rate in per cent (e.g. 3.5 for 3.5 %), not as a fraction.",
                when=_element(rate, _close_to(expected[rate] / 100, 0.00051))),
        Mistake("Your turnover divides the units *demanded* by the average stock. Turnover counts what was sold: "
                "lost demand never passed through the stock.", when=_element(turn, _close_to(on_demand, tolerance))),
        Mistake("Your average stock is the mean of the first and the last day only. Average the closing stock of "
                "every day of the year.", when=_element(turn, _close_to(two_points, tolerance))),
    ])


def _smallest_order_up_to(store: str, sku: str, target: float, review_period: int = REVIEW_PERIOD) -> int:
    """The smallest order-up-to level S whose 2025 stock-out rate (per SKU-day) is at most ``target``.

    Simulates the series' 2025 demand for S = 0, 1, ... (at most :data:`MAX_LEVEL`), weekly review,
    the SKU's lead time, the shelf starting at S.

    >>> _smallest_order_up_to("S01", "SKU14", 0.02)  # not exercise 2's series
    91
    """
    case = _retail()
    column = list(zip(case.policy["store"], case.policy["sku"])).index((store, sku))
    demand = case.demand_matrix(2025)[:, [column]]
    lead = case.per_series("lead_time_days")[[column]]
    for level in range(MAX_LEVEL + 1):
        if simulate_periodic_review(demand, [level], review_period, lead).stockout_days.mean() <= target:
            return level
    raise DataError(f"no order-up-to level up to {MAX_LEVEL} meets {target:.1%}")


def check_2(answer) -> Feedback:
    """Exercise 2: the smallest order-up-to level of :data:`EXERCISE_2_SERIES` meeting :data:`EXERCISE_2_TARGET`."""
    store, sku = EXERCISE_2_SERIES
    expected = _smallest_order_up_to(store, sku, EXERCISE_2_TARGET)
    case = _retail()
    column = list(zip(case.policy["store"], case.policy["sku"])).index((store, sku))
    as_is = int(case.policy["order_up_to"].iloc[column])
    normal = int(order_up_to_levels(case.demand_matrix(2024)[:, [column]], REVIEW_PERIOD,
                                    case.per_series("lead_time_days")[[column]], 2.054)[0])
    return check_number(answer, expected, rel=0, abs=0, unit="units", whole=WHOLE_UNITS, mistakes=[
        Mistake("That level misses the target by a little: its stock-out rate is still above the target. Take the "
                "smallest level whose rate is at or below it.", value=expected - 1),
        Mistake("That is the stores' own level from policy.csv. It meets the target, but is it the smallest that "
                "does? Simulate lower levels.", value=as_is),
        Mistake("That is the textbook formula with z for 98 % of cycles without a stock-out. The target here is a "
                "share of SKU-days, which a formula for cycles does not give: simulate the levels on 2025's demand.",
                value=normal),
    ], too_low="Too low: with that level the shelf runs empty on more than the target share of days. Raise S and "
               "simulate again.",
       too_high="That level meets the target, but a smaller one does too. Lower S until the rate would rise above "
                "the target.")


def _jumps() -> pd.Series:
    trend = milestone_trend(_npd().reports, _npd().baseline)
    return trend.diff().loc[pd.Timestamp(EXERCISE_3_REPORT)]


def check_3(answer) -> Feedback:
    """Exercise 3: the milestones whose forecast moved :data:`JUMP_DAYS` days or more later in :data:`EXERCISE_3_REPORT`."""
    jumps = _jumps()
    expected = set(jumps.index[(jumps >= JUMP_DAYS).fillna(False).to_numpy()])
    reported = set(jumps.index[jumps.notna().to_numpy()])
    first = min(expected)
    # Neither the missing nor the extra ids are named: either would hand over the answer.
    return check_set(answer, expected, item="milestone", name_ids=False, concept=(
        f"A milestone belongs in the set when its forecast in the report of {EXERCISE_3_REPORT} is "
        f"{JUMP_DAYS} days or more later than in the report before it."), mistakes=[
        Mistake("Only the milestone where the problem arose? The chart shows the later lines stepping up in the "
                "same report: nothing downstream absorbed the slip.", value={first}),
        Mistake("A milestone reached before that report has no forecast in it, so it cannot jump: look only at "
                "the lines still running in that report.", when=lambda given: "M1" in _ids(given)),
        Mistake("Some of those moved less than two weeks, or not at all. Compare each milestone's forecast with its "
                "forecast in the previous report.",
                when=lambda given: bool(_ids(given) - expected) and _ids(given) <= reported),
    ])


def check_4(answer) -> Feedback:
    """Exercise 4: the smallest sample that demonstrates the yield of :data:`EXERCISE_4_PLAN` (target, confidence, failures)."""
    target, confidence, failures = EXERCISE_4_PLAN
    expected = demonstration_sample_size(target, confidence, failures)
    return check_number(answer, expected, rel=0, abs=0, unit="units", whole=WHOLE_UNITS, mistakes=[
        Mistake("That sample demonstrates the yield at 95 % confidence; the question asks for 90 %, which needs "
                "fewer units.", value=demonstration_sample_size(target, 0.95, failures)),
        Mistake("That is the zero-failure plan. With failures allowed, more units must be tested to show the same "
                "yield.", value=demonstration_sample_size(target, confidence, 0)),
        Mistake("You swapped the yield and the confidence: the failure probability of a line at the target is "
                "1 - 0.95, and the pass probability must be at most 1 - 0.90.",
                value=demonstration_sample_size(confidence, target, failures)),
        Mistake("One unit short: with that sample a line at exactly the target still passes more often than "
                "1 - confidence allows.", value=expected - 1),
    ], too_low="Too small: a line at exactly the target yield would pass that plan too often. Test more units.",
       too_high="That sample demonstrates the yield, but a smaller one does too: find the smallest n for which "
                "P(at most c failures | yield = target) <= 1 - confidence.")


def check_5(answer) -> Feedback:
    """Exercise 5: how much more (CNY) the circuit change costs after :data:`CHANGE_LATE` than after :data:`CHANGE_EARLY`."""
    case = _npd()
    cost = design_change_cost(case)
    late, early = cost.loc[CHANGE_LATE], cost.loc[CHANGE_EARLY]
    expected = late["total"] - early["total"]
    items = case.commitments
    by_date = {m: items["committed_on"] <= case.reached_on[m] for m in (CHANGE_EARLY, CHANGE_LATE)}
    tooling = items["category"] == "tooling"
    tooling_only = float(((items["amount_cny"] * items["scrap_share"])[by_date[CHANGE_LATE] & tooling]).sum()
                         - ((items["amount_cny"] * items["scrap_share"])[by_date[CHANGE_EARLY] & tooling]).sum())
    return check_number(answer, expected, decimals=0, unit="CNY", mistakes=[
        Mistake("You counted only the scrapped commitments. A later change also moves the launch further: add the "
                "difference in delay days x the cost of a day's delay.", value=late["scrapped"] - early["scrapped"]),
        Mistake("You counted the whole amount committed between the two milestones. A change scraps only each "
                "item's scrap_share of it.", value=late["committed"] - early["committed"]),
        Mistake("You counted the tooling alone. Other commitments (line, materials, certification, trial builds) "
                "also depend on the design.", value=tooling_only),
        Mistake("That is the cost of the change after the later milestone, not how much more it costs than after "
                "the earlier one.", value=late["total"]),
        Mistake("The redesign engineering costs the same at both milestones, so it cancels in the difference; you "
                "seem to have added it.", value=expected + late["redesign"]),
    ], too_low="Too low. Check that you included every item committed on or before the later milestone's date, "
               "and the delay cost.",
       too_high="Too high. Check the scrap shares, and that items committed after the later milestone are left out.")


def _month_chart() -> pd.Series:
    service = _retail().service_monthly
    chart = p_chart(service["resolved_48h"], service["complaints"], baseline=slice(0, 12), index=service["month"])
    return chart.loc[pd.Timestamp(EXERCISE_6_MONTH)]


#: Exercise 6: the letter of each reading of the month, as the exercise lists them.
_SIGNAL_OPTIONS = {"baseline": "a", "below-centre": "b", "inside-limits": "c", "large-drop": "d"}


def check_6(answer) -> Feedback:
    """Exercise 6: is the December 2025 drop a signal? One of ``"a"``-``"d"`` (see the exercise)."""
    row = _month_chart()
    letter = _SIGNAL_OPTIONS
    correct = letter["large-drop"] if bool(row["signal"]) else letter["inside-limits"]
    return check_choice(answer, correct, options=sorted(letter.values()), feedback={
        letter["large-drop"]: "A drop that large feels like a signal, but compare the month's rate with its own "
                              "lower limit, computed for its number of complaints: where does it fall?",
        letter["inside-limits"]: "Right: the month stays inside its 3-sigma limits, so the drop is within what "
                                 "chance produces with this many complaints. Watch the next months (a run below "
                                 "the centre line would be a signal).",
        letter["below-centre"]: "Every month below the centre line would then be a signal: half of all months "
                                "are, by chance alone.",
        letter["baseline"]: "The 2024 baseline is enough to set the limits; one more month is judged against them.",
    })
