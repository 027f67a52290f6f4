"""Periodic-review, order-up-to replenishment and its KPIs: inventory turnover, stock-out rate, fill rate.

Business follow-up of a store's shelves (article paragraph S1.1): every ``review_period`` days the
store orders enough to bring its *inventory position* (stock on hand plus stock on order) up to the
*order-up-to level* S; the order arrives ``lead_time`` days later. Demand not met from the shelf is
lost (a shopper who finds the shelf empty buys elsewhere). This is the (R, S) policy of Silver, Pyke
and Thomas, *Inventory and Production Management in Supply Chains* (4th ed., 2017), chapter 6.

The KPIs, defined precisely (:func:`inventory_kpis`):

* **stock-out rate** (per SKU-day): the share of SKU-store-days on which some demand went unmet;
* **fill rate** (per demand unit): units sold / units demanded (1 - fill rate is the stock-out rate
  per unit, a different number);
* **inventory turnover** (at cost, per year): cost of the units sold / average stock at cost,
  scaled to 365 days.

>>> import numpy as np
>>> demand = np.array([[3], [4], [2], [5], [3], [4]])
>>> run = simulate_periodic_review(demand, order_up_to=[6], review_period=2, lead_time=[1])
>>> run.sold[:, 0].tolist(), run.closing_stock[:, 0].tolist()   # day 5: 3 demanded, 1 on the shelf
([3, 4, 2, 5, 1, 4], [3, 2, 0, 1, 0, 2])
>>> k = inventory_kpis(run, unit_cost=[10.0])
>>> round(k.stockout_rate, 3), round(k.fill_rate, 3)   # 1 day in 6; 19 of 21 units
(0.167, 0.905)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from followup.errors import SimulationError

__all__ = [
    "InventoryKpis",
    "ReplenishmentRun",
    "best_policy",
    "inventory_kpis",
    "order_up_to_levels",
    "policy_grid",
    "simulate_periodic_review",
]

#: Bounds on what a caller controls, checked before any work.
MAX_CELLS = 2_000_000  # days x series of one simulation
MAX_PERIOD_DAYS = 90  # review period and lead time
MAX_GRID = 500  # policies in one grid
DAYS_PER_YEAR = 365


@dataclass(frozen=True)
class ReplenishmentRun:
    """Daily outcome of a simulation; every array is (days, series) of whole units."""

    demand: np.ndarray
    sold: np.ndarray
    received: np.ndarray  # units arriving at the start of the day
    ordered: np.ndarray  # units ordered at the end of the day (0 on days without a review)
    closing_stock: np.ndarray  # on hand at the end of the day

    @property
    def stockout_days(self) -> np.ndarray:
        """True where some demand of the day went unmet."""
        return self.demand > self.sold


@dataclass(frozen=True)
class InventoryKpis:
    """The KPIs of one run (see the module docstring for their definitions)."""

    turnover: float  # per year, at cost
    stockout_rate: float  # share of SKU-days with unmet demand
    fill_rate: float  # units sold / units demanded
    average_stock_cost: float  # mean closing stock at cost (currency of unit_cost)
    days_of_inventory: float  # 365 / turnover


def _whole(values, name: str, shape: tuple[int, ...] | None = None, low: int = 0, high: int | None = None) -> np.ndarray:
    array = np.asarray(values)
    if array.dtype == bool or not (np.issubdtype(array.dtype, np.integer) or np.issubdtype(array.dtype, np.floating)):
        raise SimulationError(f"{name} must hold whole numbers, got {array.dtype} values; convert with .astype(int)")
    if np.issubdtype(array.dtype, np.floating):
        if not np.isfinite(array).all() or (array != np.round(array)).any():
            raise SimulationError(f"{name} must hold whole numbers (units or days); round the values first")
        array = array.astype(np.int64)
    if shape is not None and array.shape != shape:
        raise SimulationError(f"{name} has shape {array.shape}, expected {shape}: one value per series")
    if array.size and array.min() < low:
        raise SimulationError(f"{name} holds {int(array.min())}, below the minimum {low}; give values >= {low}")
    if high is not None and array.size and array.max() > high:
        raise SimulationError(f"{name} holds {int(array.max())}, above the maximum {high}; give values <= {high}")
    return array.astype(np.int64)


def simulate_periodic_review(demand, order_up_to, review_period: int, lead_time, *, initial_stock=None,
                             review_offset: int = 0) -> ReplenishmentRun:
    """Simulate an (R, S) policy with lost sales, day by day, for every series (SKU x store) at once.

    ``demand`` is (days, series); ``order_up_to`` is one level per series, or (days, series) for a
    level that changes over time (e.g. raised for a promotion); ``lead_time`` is one whole number of
    days (>= 1) per series. Each day: the orders due arrive, the shelf sells ``min(demand, on hand)``,
    and on review days (``day % review_period == review_offset``) the store orders
    ``max(0, S - on hand - on order)``. The shelf starts at S with nothing on order unless
    ``initial_stock`` is given.

    >>> run = simulate_periodic_review([[5], [5], [5]], [6], review_period=1, lead_time=[1])
    >>> run.ordered[:, 0].tolist(), run.sold[:, 0].tolist()
    ([5, 5, 5], [5, 5, 5])
    """
    demand = np.asarray(demand)
    if demand.ndim != 2:
        raise SimulationError(f"demand must be a (days, series) table, got {demand.ndim} dimension(s); "
                              "use demand.reshape(-1, 1) for one series")
    days, series = demand.shape
    if days * series > MAX_CELLS:
        raise SimulationError(f"demand has {days} x {series} = {days * series:,} cells, more than {MAX_CELLS:,}; "
                              "simulate fewer days or series at a time")
    demand = _whole(demand, "demand")
    if not isinstance(review_period, (int, np.integer)) or isinstance(review_period, bool) \
            or not 1 <= review_period <= MAX_PERIOD_DAYS:
        raise SimulationError(f"review_period is {review_period!r}; give a whole number of days from 1 to "
                              f"{MAX_PERIOD_DAYS}")
    if not isinstance(review_offset, (int, np.integer)) or not 0 <= review_offset < review_period:
        raise SimulationError(f"review_offset is {review_offset!r}; give a day from 0 to review_period - 1")
    lead = _whole(lead_time, "lead_time", (series,), low=1, high=MAX_PERIOD_DAYS)
    levels = np.asarray(order_up_to)
    levels = _whole(levels, "order_up_to", (days, series) if levels.ndim == 2 else (series,))
    if levels.ndim == 1:
        levels = np.broadcast_to(levels, (days, series))
    on_hand = levels[0].copy() if initial_stock is None else _whole(initial_stock, "initial_stock", (series,)).copy()

    sold = np.zeros((days, series), dtype=np.int64)
    received = np.zeros((days, series), dtype=np.int64)
    ordered = np.zeros((days, series), dtype=np.int64)
    closing = np.zeros((days, series), dtype=np.int64)
    # arrivals[t] holds what arrives at the start of day t; orders placed near the end fall off the horizon.
    arrivals = np.zeros((days + MAX_PERIOD_DAYS + 1, series), dtype=np.int64)
    on_order = np.zeros(series, dtype=np.int64)
    columns = np.arange(series)
    for t in range(days):
        received[t] = arrivals[t]
        on_hand += arrivals[t]
        on_order -= arrivals[t]
        sold[t] = np.minimum(demand[t], on_hand)
        on_hand -= sold[t]
        if t % review_period == review_offset:
            ordered[t] = np.maximum(0, levels[t] - on_hand - on_order)
            on_order += ordered[t]
            arrivals[t + lead, columns] += ordered[t]
        closing[t] = on_hand
    return ReplenishmentRun(demand=demand, sold=sold, received=received, ordered=ordered, closing_stock=closing)


def inventory_kpis(run: ReplenishmentRun, unit_cost) -> InventoryKpis:
    """Turnover (per year, at cost), stock-out rate (per SKU-day) and fill rate (per unit) of a run.

    ``unit_cost`` is one purchase cost per series. Turnover = cost of the units sold / mean closing
    stock at cost x 365 / days simulated.

    >>> run = simulate_periodic_review([[2]] * 10, [4], review_period=1, lead_time=[1])
    >>> k = inventory_kpis(run, [1.0])
    >>> k.turnover, k.stockout_rate, k.fill_rate
    (365.0, 0.0, 1.0)
    """
    cost = np.asarray(unit_cost, dtype=float)
    days, series = run.demand.shape
    if cost.shape != (series,) or not np.isfinite(cost).all() or (cost <= 0).any():
        raise SimulationError(f"unit_cost must be {series} positive costs, one per series; got shape {cost.shape}")
    demanded = run.demand.sum()
    if days == 0 or demanded == 0:
        raise SimulationError("the run has no demand, so fill rate and turnover are undefined; simulate days "
                              "with demand")
    cogs = float((run.sold * cost).sum())
    average_stock = float((run.closing_stock * cost).sum(axis=1).mean())
    turnover = math.inf if average_stock == 0 else cogs / average_stock * DAYS_PER_YEAR / days
    return InventoryKpis(
        turnover=turnover,
        stockout_rate=float(run.stockout_days.mean()),
        fill_rate=float(run.sold.sum() / demanded),
        average_stock_cost=average_stock,
        days_of_inventory=DAYS_PER_YEAR / turnover if turnover else math.inf,
    )


def order_up_to_levels(history, review_period: int, lead_time, safety_factor: float) -> np.ndarray:
    """S = mean x (R + L) + z x sd x sqrt(R + L), rounded up, per series, from daily demand ``history``.

    The protection interval R + L is the time an order must cover: until the next order arrives.
    ``safety_factor`` z is the number of standard deviations of demand over that interval held as
    safety stock (between -3 and 5).

    >>> order_up_to_levels([[4], [6], [4], [6]], review_period=2, lead_time=[1], safety_factor=1.0).tolist()
    [17]
    """
    history = _whole(np.asarray(history), "history")
    if history.ndim != 2 or len(history) < 2:
        raise SimulationError("history must be a (days, series) table of at least two days of demand")
    lead = _whole(lead_time, "lead_time", (history.shape[1],), low=1, high=MAX_PERIOD_DAYS)
    if not isinstance(review_period, (int, np.integer)) or not 1 <= review_period <= MAX_PERIOD_DAYS:
        raise SimulationError(f"review_period is {review_period!r}; give a whole number of days from 1 to "
                              f"{MAX_PERIOD_DAYS}")
    if not isinstance(safety_factor, (int, float, np.number)) or isinstance(safety_factor, bool) \
            or not -3 <= safety_factor <= 5:
        raise SimulationError(f"safety_factor is {safety_factor!r}; give a number of standard deviations "
                              "from -3 to 5")
    cover = review_period + lead
    level = history.mean(axis=0) * cover + safety_factor * history.std(axis=0, ddof=1) * np.sqrt(cover)
    return np.maximum(0, np.ceil(level - 1e-9)).astype(np.int64)


def policy_grid(demand, history, lead_time, unit_cost, review_periods, safety_factors) -> pd.DataFrame:
    """The KPIs of every (review period, safety factor) policy on ``demand``, levels set from ``history``.

    Returns one row per policy: ``review_period``, ``safety_factor``, ``turnover``, ``stockout_rate``,
    ``fill_rate``, ``average_stock_cost``. At most :data:`MAX_GRID` policies.

    >>> grid = policy_grid([[3], [5]] * 20, [[3], [5]] * 5, [2], [1.0], [1, 7], [0.0, 2.0])
    >>> grid[["review_period", "safety_factor"]].values.tolist()
    [[1.0, 0.0], [1.0, 2.0], [7.0, 0.0], [7.0, 2.0]]
    """
    periods, factors = list(review_periods), list(safety_factors)
    if not periods or not factors or len(periods) * len(factors) > MAX_GRID:
        raise SimulationError(f"the grid has {len(periods)} x {len(factors)} policies; give 1 to {MAX_GRID}")
    rows = []
    for period in periods:
        for z in factors:
            levels = order_up_to_levels(history, period, lead_time, z)
            kpis = inventory_kpis(simulate_periodic_review(demand, levels, period, lead_time), unit_cost)
            rows.append({"review_period": period, "safety_factor": float(z), "turnover": kpis.turnover,
                         "stockout_rate": kpis.stockout_rate, "fill_rate": kpis.fill_rate,
                         "average_stock_cost": kpis.average_stock_cost})
    return pd.DataFrame(rows)


def best_policy(grid: pd.DataFrame, max_stockout_rate: float, review_period: int | None = None) -> pd.Series:
    """The policy of ``grid`` with the highest turnover whose stock-out rate is at most ``max_stockout_rate``.

    Ties go to the earlier row. With ``review_period``, only that period's policies compete.
    The goal calculator ships its answer for every target (``goal_calculator.best_steps``), so the page
    needs no twin (tests/test_parity_goals.py).

    >>> grid = pd.DataFrame({"review_period": [7, 7], "safety_factor": [0.0, 1.0],
    ...                      "turnover": [30.0, 20.0], "stockout_rate": [0.09, 0.02]})
    >>> float(best_policy(grid, 0.05)["safety_factor"])
    1.0
    """
    if isinstance(max_stockout_rate, bool) or not isinstance(max_stockout_rate, (int, float, np.number)) \
            or not 0 <= max_stockout_rate <= 1:
        raise SimulationError(f"max_stockout_rate is {max_stockout_rate!r}; give a share from 0 to 1 "
                              "(e.g. 0.05 for 5 %)")
    candidates = grid if review_period is None else grid[grid["review_period"] == review_period]
    if candidates.empty:
        raise SimulationError(f"no policy in the grid has review_period {review_period!r}; use one of "
                              f"{sorted(grid['review_period'].unique().tolist())}")
    meets = candidates[candidates["stockout_rate"] <= max_stockout_rate]
    if meets.empty:
        lowest = candidates["stockout_rate"].min()
        raise SimulationError(f"no policy in the grid keeps the stock-out rate at or below {max_stockout_rate:.2%} "
                              f"(the lowest is {lowest:.2%}); raise the target or extend the grid's safety factors")
    return meets.loc[meets["turnover"].idxmax()]
