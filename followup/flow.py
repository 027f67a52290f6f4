"""Flow metrics of a process from its event log: lead time, touch time, waiting at hand-offs, flow efficiency.

A request that passes from team to team (a car loan: sales, finance, risk control) is *worked on*
only part of the time; the rest it waits in the next team's queue. From an event log with one row
per step (``case_id, step, team, start, end``):

- **lead time** of a case: first start to last end (what the customer waits);
- **touch time**: the sum of the steps' own durations (work actually done);
- **waiting**: lead time minus touch time, most of it at the **hand-offs**, where the case changes team;
- **flow efficiency**: touch time / lead time (Modig and Åhlström's measure of how much of the
  lead time adds value);
- **Little's law** (Little 1961): average work in progress = throughput × average lead time, for
  any stable system, whatever the order of service.

>>> import pandas as pd
>>> log = pd.DataFrame({"case_id": ["L1", "L1"], "step": ["apply", "review"], "team": ["sales", "risk"],
...                     "start": pd.to_datetime(["2025-03-03 09:00", "2025-03-03 15:00"]),
...                     "end": pd.to_datetime(["2025-03-03 10:00", "2025-03-03 16:00"])})
>>> flow = case_flow(log).loc["L1"]
>>> flow["lead_time_h"], flow["touch_time_h"], flow["handoffs"], round(flow["flow_efficiency"], 3)
(np.float64(7.0), np.float64(2.0), np.float64(1.0), np.float64(0.286))
>>> lead_time(touch_hours=2, handoffs=1, wait_per_handoff_hours=5)
7.0
>>> littles_law(throughput=6.0, lead_time=7.0 / 24)   # cases per day x days
1.75
"""

from __future__ import annotations

import pandas as pd

from followup.bounds import require_number
from followup.errors import OrganisationError

__all__ = [
    "LOG_COLUMNS",
    "MAX_LOG_ROWS",
    "average_wip",
    "case_flow",
    "flow_efficiency",
    "handoff_waits",
    "lead_time",
    "littles_law",
    "throughput",
]

#: The columns an event log must have (more are allowed).
LOG_COLUMNS = ("case_id", "step", "team", "start", "end")
#: The largest log the functions accept (a size bound: the work grows with the rows).
MAX_LOG_ROWS = 1_000_000
#: The largest hours and hand-offs the formula functions accept (a year of waiting is already absurd).
MAX_HOURS = 10_000
MAX_HANDOFFS = 100
HOUR = pd.Timedelta(hours=1)


def _checked_log(log: pd.DataFrame) -> pd.DataFrame:
    """The log sorted by case and start, after checking its columns, size and times."""
    if not isinstance(log, pd.DataFrame):
        raise OrganisationError(f"log must be a pandas DataFrame with columns {', '.join(LOG_COLUMNS)}; "
                                f"got {type(log).__name__}")
    missing = [c for c in LOG_COLUMNS if c not in log.columns]
    if missing:
        raise OrganisationError(f"log has no column {', '.join(map(repr, missing))}; an event log needs "
                                f"{', '.join(LOG_COLUMNS)} (one row per step of a case)")
    if not 0 < len(log) <= MAX_LOG_ROWS:
        raise OrganisationError(f"log has {len(log):,} rows; give 1 to {MAX_LOG_ROWS:,} steps")
    for column in ("start", "end"):
        if not pd.api.types.is_datetime64_any_dtype(log[column]):
            raise OrganisationError(f"log column {column!r} holds {log[column].dtype}, not times; "
                                    f"convert it with pd.to_datetime(log[{column!r}])")
    if log[["start", "end"]].isna().any().any():
        row = log.index[log[["start", "end"]].isna().any(axis=1).to_numpy()][0]
        raise OrganisationError(f"log row {row!r} (case {log.loc[row, 'case_id']!r}) has no start or end; "
                                "fill it in or drop the step")
    backwards = log["end"] < log["start"]
    if backwards.any():
        row = log.index[backwards.to_numpy()][0]
        raise OrganisationError(f"step {log.loc[row, 'step']!r} of case {log.loc[row, 'case_id']!r} ends before "
                                "it starts; swap start and end or correct the times")
    ordered = log.sort_values(["case_id", "start", "end"], kind="stable")
    previous_end = ordered.groupby("case_id")["end"].shift()
    overlap = previous_end > ordered["start"]
    if overlap.any():
        row = ordered.index[overlap.to_numpy()][0]
        raise OrganisationError(f"step {log.loc[row, 'step']!r} of case {log.loc[row, 'case_id']!r} starts before "
                                "the previous step of the case ends; a case's steps must follow one another")
    return ordered


def case_flow(log: pd.DataFrame) -> pd.DataFrame:
    """Per case: ``lead_time_h``, ``touch_time_h``, ``waiting_h``, ``handoffs``, ``flow_efficiency``.

    Indexed by ``case_id``; hours as floats. A hand-off is a change of ``team`` between two
    consecutive steps of a case. Raises :class:`~followup.errors.OrganisationError` naming the
    column, case or step when the log cannot be read as a sequence of steps.
    """
    ordered = _checked_log(log)
    grouped = ordered.groupby("case_id", sort=True)
    lead = (grouped["end"].max() - grouped["start"].min()) / HOUR
    touch = ((ordered["end"] - ordered["start"]) / HOUR).groupby(ordered["case_id"]).sum()
    changes = (ordered["team"] != grouped["team"].shift()) & grouped["team"].shift().notna()
    handoffs = changes.groupby(ordered["case_id"]).sum().astype("int64")
    frame = pd.DataFrame({"lead_time_h": lead, "touch_time_h": touch, "waiting_h": lead - touch,
                          "handoffs": handoffs})
    frame["flow_efficiency"] = frame["touch_time_h"] / frame["lead_time_h"].where(frame["lead_time_h"] > 0)
    return frame.rename_axis("case_id")


def handoff_waits(log: pd.DataFrame) -> pd.DataFrame:
    """One row per hand-off: ``case_id``, ``from_team``, ``to_team``, ``wait_h`` (end of one step to the next's start).

    Group it to see where the queues are, e.g. ``handoff_waits(log).groupby(["from_team", "to_team"])["wait_h"].mean()``.
    """
    ordered = _checked_log(log)
    grouped = ordered.groupby("case_id", sort=True)
    before_team, before_end = grouped["team"].shift(), grouped["end"].shift()
    is_handoff = before_team.notna() & (before_team != ordered["team"])
    rows = ordered[is_handoff.to_numpy()]
    return pd.DataFrame({
        "case_id": rows["case_id"].to_numpy(),
        "from_team": before_team[is_handoff].to_numpy(),
        "to_team": rows["team"].to_numpy(),
        "wait_h": ((rows["start"] - before_end[is_handoff]) / HOUR).to_numpy(),
    })


def _span_days(log: pd.DataFrame) -> float:
    ordered = _checked_log(log)
    span = (ordered["end"].max() - ordered["start"].min()) / pd.Timedelta(days=1)
    if span <= 0:
        raise OrganisationError("the log spans no time (every step starts and ends at the same moment); "
                                "give steps with durations")
    return span


def average_wip(log: pd.DataFrame) -> float:
    """Average number of open cases over the log's span (first start to last end), in cases.

    A case is open from its first start to its last end; the time-average of the count of open
    cases is the sum of the lead times divided by the span.
    """
    return float(case_flow(log)["lead_time_h"].sum() / 24 / _span_days(log))


def throughput(log: pd.DataFrame) -> float:
    """Cases completed per day over the log's span (first start to last end)."""
    return float(_checked_log(log)["case_id"].nunique() / _span_days(log))


def lead_time(touch_hours: float, handoffs: int, wait_per_handoff_hours: float) -> float:
    """Lead time in hours of a request worked for ``touch_hours`` that waits ``wait_per_handoff_hours`` at each hand-off.

    Twin of ``leadTime`` in ``followup/calculators/organisation_calculator.mjs``.

    >>> lead_time(4, 3, 12)
    40.0
    """
    touch = require_number(touch_hours, "touch_hours", low=0, high=MAX_HOURS, unit="hours", above_low=True)
    count = require_number(handoffs, "handoffs", low=0, high=MAX_HANDOFFS, integer=True)
    wait = require_number(wait_per_handoff_hours, "wait_per_handoff_hours", low=0, high=MAX_HOURS, unit="hours")
    return float(touch + count * wait)


def flow_efficiency(touch_hours: float, lead_time_hours: float) -> float:
    """Touch time / lead time, a share from 0 to 1.

    Twin of ``flowEfficiency`` in ``followup/calculators/organisation_calculator.mjs``.

    >>> flow_efficiency(4, 40)
    0.1
    """
    touch = require_number(touch_hours, "touch_hours", low=0, high=MAX_HOURS, unit="hours", above_low=True)
    lead = require_number(lead_time_hours, "lead_time_hours", low=0, high=MAX_HOURS * (MAX_HANDOFFS + 1),
                          unit="hours", above_low=True)
    if lead < touch:
        raise OrganisationError(f"lead_time_hours ({lead:g}) is shorter than touch_hours ({touch:g}); "
                                "the lead time includes the touch time: give a lead time at least as long")
    return float(touch / lead)


def littles_law(*, wip: float | None = None, throughput: float | None = None,
                lead_time: float | None = None) -> float:
    """Little's law L = λW: give exactly two of ``wip``, ``throughput`` and ``lead_time``; return the third.

    Units must agree: throughput in cases per day with a lead time in days gives work in progress in cases.

    >>> littles_law(wip=12, throughput=3)    # lead time, days
    4.0
    """
    given = {"wip": wip, "throughput": throughput, "lead_time": lead_time}
    known = {k: v for k, v in given.items() if v is not None}
    if len(known) != 2:
        raise OrganisationError(f"littles_law needs exactly two of wip, throughput and lead_time; got "
                                f"{', '.join(known) or 'none'}: leave out only the one to compute")
    for name, value in known.items():
        require_number(value, name, low=0, high=1e12, above_low=True)
    if wip is None:
        return float(throughput * lead_time)
    if throughput is None:
        return float(wip / lead_time)
    return float(wip / throughput)
