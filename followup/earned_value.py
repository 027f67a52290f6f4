"""Earned value of a schedule: planned value, earned value and the schedule performance index.

A burn-down shows how much work is left; earned value management (EVM) compares,
at a status date, the budget of the work *planned* by then (planned value, PV)
with the budget of the work actually *done* by then (earned value, EV). Their
ratio is the schedule performance index, SPI = EV / PV (below 1: behind plan),
and their difference the schedule variance, SV = EV - PV (PMBOK Guide, 7.4).
Plotted over time, PV is the S-curve of the baseline.

Each activity's budget is earned evenly from its start to its finish, the same
spreading rule as :func:`followup.progress.burndown` (which this module uses, so
the two charts agree): PV from the baseline's dates, EV from the dates of a
progress schedule (what happened, or the current forecast). The budget can be
money or labour (person-days): EVM in labour units is common where costs are not
tracked per activity. Without actual costs there is no cost performance index,
so this module computes only the schedule side.

SPI in budget units has a known blind spot: a stalled activity that is a small
share of the budget barely moves it, even when it holds up the finish. The
*earned schedule* ES (Lipke, 2003) answers in time instead: the date by which
the baseline had planned the value earned so far; SPI(t) = ES / status date and
the time variance ES - status are in days.

Example
-------
>>> import pandas as pd
>>> from followup.schedule import critical_path_method
>>> acts = pd.DataFrame({"id": ["A", "B"], "duration": [2, 4], "budget": [20, 40]})
>>> plan = critical_path_method(acts, pd.DataFrame({"predecessor": ["A"], "successor": ["B"]}))
>>> late = critical_path_method(acts.assign(duration=[4, 4]),
...                             pd.DataFrame({"predecessor": ["A"], "successor": ["B"]}))
>>> s = status_at(plan, late, 4, budget="budget")
>>> s.planned_value, s.earned_value, round(s.spi, 2)
(40.0, 20.0, 0.5)
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from followup.errors import ScheduleError
from followup.progress import burndown
from followup.schedule import Schedule, _show

__all__ = ["EarnedValueStatus", "earned_value_curve", "plot_s_curve", "status_at"]

_BUDGET = "_budget"  # the column under which the budget is handed to burndown


@dataclass(frozen=True)
class EarnedValueStatus:
    """The schedule side of earned value at one status date.

    ``planned_value`` and ``earned_value`` are in the budget's unit; ``spi`` is
    EV / PV (NaN before any work is planned), ``schedule_variance`` EV - PV,
    ``budget_at_completion`` the total budget; ``earned_schedule`` the earliest
    baseline time whose PV equals EV, ``spi_time`` ES / status and
    ``time_variance`` ES - status, in the schedule's time unit.
    """

    status: float
    planned_value: float
    earned_value: float
    budget_at_completion: float
    earned_schedule: float

    @property
    def time_variance(self) -> float:
        return self.earned_schedule - self.status

    @property
    def spi_time(self) -> float:
        return self.earned_schedule / self.status if self.status > 0 else float("nan")

    @property
    def schedule_variance(self) -> float:
        return self.earned_value - self.planned_value

    @property
    def spi(self) -> float:
        return self.earned_value / self.planned_value if self.planned_value > 0 else float("nan")


def _budgets(baseline: Schedule, budget) -> pd.Series:
    """Each baseline activity's budget, from a column of its table or a Series by id."""
    table = baseline.table
    if isinstance(budget, str):
        if budget not in table.columns:
            raise ScheduleError(
                f"the baseline table has no budget column '{budget}' (columns: {list(table.columns)}); "
                f"carry it in the activities DataFrame or pass a Series of budgets indexed by id"
            )
        values = table[budget]
    elif isinstance(budget, pd.Series):
        missing = [i for i in table.index if i not in budget.index]
        if missing:
            raise ScheduleError(
                f"budget has no value for activity id(s) {missing[:5]}: give one budget per baseline activity"
            )
        values = budget.reindex(table.index)
    else:
        raise ScheduleError(
            f"budget must be a column name of the baseline table or a Series indexed by id, "
            f"got {type(budget).__name__}"
        )
    amounts = pd.to_numeric(values, errors="coerce")
    bad = amounts.index[~np.isfinite(amounts.to_numpy(float)) | (amounts.to_numpy(float) < 0)]
    if len(bad):
        raise ScheduleError(f"activity '{bad[0]}' has budget {_show(values.loc[bad[0]])}: give a number >= 0")
    return amounts.astype(float)


def _with_budget(schedule: Schedule, amounts: pd.Series, what: str) -> Schedule:
    """The schedule restricted to the budgeted ids, with the budget as a work column."""
    if not isinstance(schedule, Schedule):
        raise ScheduleError(
            f"{what} must be the Schedule returned by critical_path_method, got {type(schedule).__name__}"
        )
    missing = [i for i in amounts.index if i not in schedule.table.index]
    if missing:
        raise ScheduleError(
            f"the {what} has no activity {missing[:5]} of the baseline: both schedules must hold the same "
            f"activities (extra ones, such as a weather milestone, are ignored)"
        )
    return replace(schedule, table=schedule.table.loc[amounts.index].assign(**{_BUDGET: amounts}))


def earned_value_curve(baseline: Schedule, progress: Schedule, *, budget, periods=None,
                       status: float | None = None) -> pd.DataFrame:
    """Planned value, earned value and SPI at each period end.

    Parameters
    ----------
    baseline : Schedule
        The plan the project is measured against (its early dates).
    progress : Schedule
        What happened, or the current forecast: the same activities with their
        actual (or forecast) dates; activities not in the baseline are ignored.
    budget : str or Series
        A column of ``baseline.table`` or a Series indexed by activity id.
    periods : None, number or sequence
        As in :func:`followup.progress.burndown` (a number is the period length).
        The curve runs to the later finish of the two schedules.
    status : number, optional
        The status date: earned value after it is not yet known, so it is NaN.

    Returns
    -------
    DataFrame
        ``period``, ``planned_value``, ``earned_value``, ``spi``.

    Examples
    --------
    >>> import pandas as pd
    >>> from followup.schedule import critical_path_method
    >>> acts = pd.DataFrame({"id": ["A"], "duration": [2], "budget": [10]})
    >>> plan = critical_path_method(acts)
    >>> late = critical_path_method(acts.assign(duration=[4]))
    >>> earned_value_curve(plan, late, budget="budget", periods=2).to_dict("list")
    {'period': [0, 2, 4], 'planned_value': [0.0, 10.0, 10.0], 'earned_value': [0.0, 5.0, 10.0], 'spi': [nan, 0.5, 1.0]}
    """
    amounts = _budgets(baseline, budget)
    planned = _with_budget(baseline, amounts, "baseline")
    done = _with_budget(progress, amounts, "progress schedule")
    last = max(float(planned.table["early_finish"].max()), float(done.table["early_finish"].max()))
    first = min(0.0, float(planned.table["early_start"].min()), float(done.table["early_start"].min()))
    if periods is None or isinstance(periods, (int, float, np.number)) and not isinstance(periods, bool):
        step = 1.0 if periods is None else float(periods)
        if not step > 0 or not np.isfinite(step):
            raise ScheduleError(f"periods as a number is the period length and must be > 0, got {periods!r}")
        count = int(np.ceil(round((last - first) / step, 9))) + 1
        periods = first + step * np.arange(count)
    times = np.asarray(list(periods), dtype=float)
    pv = burndown(planned, work=_BUDGET, periods=times)["planned_completed"].to_numpy()
    ev = burndown(done, work=_BUDGET, periods=times)["planned_completed"].to_numpy()
    if status is not None:
        ev = np.where(times <= float(status), ev, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        spi = np.where(pv > 0, ev / np.where(pv > 0, pv, 1.0), np.nan)
    result = pd.DataFrame({"period": times, "planned_value": pv, "earned_value": ev, "spi": spi})
    if np.all(times == np.round(times)):
        result["period"] = result["period"].astype(np.int64)
    return result


def status_at(baseline: Schedule, progress: Schedule, status: float, *, budget) -> EarnedValueStatus:
    """Planned value, earned value and SPI at one status date.

    >>> import pandas as pd
    >>> from followup.schedule import critical_path_method
    >>> acts = pd.DataFrame({"id": ["A"], "duration": [10], "budget": [100]})
    >>> s = status_at(critical_path_method(acts), critical_path_method(acts.assign(duration=[20])), 5,
    ...               budget="budget")
    >>> s.planned_value, s.earned_value, s.schedule_variance, s.spi
    (50.0, 25.0, -25.0, 0.5)
    >>> s.earned_schedule, s.time_variance, s.spi_time
    (2.5, -2.5, 0.5)
    """
    try:
        when = float(status)
    except (TypeError, ValueError):
        raise ScheduleError(f"status must be a number (time from the project start), got {status!r}") from None
    if not np.isfinite(when):
        raise ScheduleError(f"status must be a finite time from the project start, got {status!r}")
    row = earned_value_curve(baseline, progress, budget=budget, periods=[when]).iloc[0]
    amounts = _budgets(baseline, budget)
    earned = float(row["earned_value"])
    return EarnedValueStatus(status=when, planned_value=float(row["planned_value"]), earned_value=earned,
                             budget_at_completion=float(amounts.sum()),
                             earned_schedule=_earned_schedule(baseline, amounts, earned))


def _earned_schedule(baseline: Schedule, amounts: pd.Series, earned: float) -> float:
    """The earliest time at which the baseline's PV reaches ``earned``.

    PV is piecewise linear between the baseline's start and finish dates, so it is
    evaluated there and interpolated inside the first segment that reaches EV.
    """
    table = baseline.table
    breaks = np.union1d(table["early_start"].to_numpy(float), table["early_finish"].to_numpy(float))
    breaks = np.union1d(breaks, [0.0])
    planned = _with_budget(baseline, amounts, "baseline")
    pv = burndown(planned, work=_BUDGET, periods=breaks)["planned_completed"].to_numpy()
    reached = int(np.searchsorted(pv, earned - 1e-9 * max(1.0, abs(earned)), side="left"))
    if reached == 0:
        return float(breaks[0])
    if reached >= len(breaks):
        return float(breaks[-1])
    low, high = pv[reached - 1], pv[reached]
    share = (earned - low) / (high - low) if high > low else 1.0
    return float(breaks[reached - 1] + share * (breaks[reached] - breaks[reached - 1]))


def plot_s_curve(curve: pd.DataFrame, *, status: float | None = None, title: str = "Planned and earned value",
                 time_unit: str = "days", budget_unit: str = "budget", ax=None):
    """Draw the S-curves of :func:`earned_value_curve`: PV solid, EV dashed with markers.

    A vertical dotted line marks the status date when given. Returns the Figure.

    >>> import pandas as pd
    >>> curve = pd.DataFrame({"period": [0, 1, 2], "planned_value": [0, 5, 10],
    ...                       "earned_value": [0, 2, 6], "spi": [float("nan"), 0.4, 0.6]})
    >>> [line.get_label() for line in plot_s_curve(curve, status=1).axes[0].lines]
    ['planned value (PV)', 'earned value (EV)', 'status date (1)']
    """
    from matplotlib.ticker import StrMethodFormatter

    from followup.gantt import OKABE_ITO, _new_axes  # the charts share one palette and figure rule

    missing = [c for c in ("period", "planned_value", "earned_value")
               if not isinstance(curve, pd.DataFrame) or c not in curve.columns]
    if missing:
        raise ScheduleError(f"plot_s_curve needs the DataFrame from earned_value_curve, missing column(s) {missing}")
    fig, ax = _new_axes(ax, (8, 4.5))
    ax.plot(curve["period"], curve["planned_value"], color=OKABE_ITO["blue"], linewidth=2,
            label="planned value (PV)")
    known = curve[curve["earned_value"].notna()]
    every = max(1, len(known) // 20)  # markers a reader can count, not a smear
    ax.plot(known["period"], known["earned_value"], color=OKABE_ITO["vermillion"], linestyle="--", marker="o",
            markevery=every, markersize=4, linewidth=2, label="earned value (EV)")
    if status is not None:
        ax.axvline(status, color="black", linestyle=":", label=f"status date ({status:g})")
    ax.set_xlabel(f"Time ({time_unit}) from project start")
    ax.set_ylabel(f"Cumulative value ({budget_unit})")
    ax.set_title(title)
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))  # 100,000 reads faster than 100000
    ax.grid(color="#DDDDDD", linewidth=0.6)
    ax.legend(loc="upper left", fontsize="small")
    return fig
