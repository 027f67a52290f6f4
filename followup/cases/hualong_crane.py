"""The rules of the Hualong One crane case (S3.2): the lift replay, the dome network, crane holds,
priority rules and the project profile of the crane clash.

:mod:`followup.datasets.hualong_crane` reads the files; this module says what they mean. The data
generator (``data/hualong_crane/generate.py``), chapter 3, its exercise checks and the resource-pulse
calculator all call these functions::

    >>> from followup.datasets import hualong_crane as loader
    >>> case = loader.load()
    >>> run = replay(case.lifts, case.cranes, case.wind)
    >>> run.delay_hours(case.lifts, DOME_LIFT)
    37.0
    >>> project_profile(dome_network(case), 1, "booking", case.standby_rates).delay_hours   # the same, levelled
    37.0

All times are naive local site time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from followup.errors import DataError, ResourceError
from followup.levelling import serial_sgs
from followup.resources import StandbyCost, conflicts, standby_cost, usage_profile
from followup.schedule import critical_path_method

if TYPE_CHECKING:
    from followup.datasets.hualong_crane import CraneCase

__all__ = ["CHANGEOVER", "CLOSE_WORK", "DOME_LIFT", "MAX_TOWER_CRANES", "MINUTES_PER_HOUR", "NETWORK_DAYS",
           "NETWORK_START", "PRIORITIES", "START", "TOWER_CRANE", "WINDY_SPELL", "DomeNetwork", "ProjectProfile",
           "Replay", "charged_hours", "dome_network", "hold_tower_cranes", "project_profile", "rated_capacity",
           "replay"]

DOME_LIFT = "L-DOME"
CHANGEOVER = timedelta(minutes=10)  # hook change, tag lines and radio check between two lifts of one crane
MINUTES_PER_HOUR = 60
#: the levelling rules a reader can pick: who gets the crane first
PRIORITIES = {"booking": "first booked, first served", "lft": "critical first (latest finish time)"}
#: tower cranes the calculator offers for TC2's pool (its profiles are computed for 1..this many)
MAX_TOWER_CRANES = 6


def rated_capacity(chart: list[tuple[float, float]], radius: float) -> float | None:
    """A load chart's rated capacity at ``radius``: the value at the next chart radius at or beyond it
    (never interpolated up); ``None`` beyond the chart. ``chart``: (radius, capacity) pairs.

    >>> rated_capacity([(18, 1600), (24, 1250), (30, 980)], 20.5)
    1250
    """
    for chart_radius, capacity in sorted(chart):
        if chart_radius >= radius:
            return capacity
    return None


def _clock(day: datetime, hhmm: str) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return datetime.combine(day.date(), time()) + timedelta(hours=hours, minutes=minutes)


def charged_hours(start: datetime, finish: datetime, charged_from: str, charged_to: str) -> float:
    """Hours of ``[start, finish)`` that fall between ``charged_from`` and ``charged_to`` each day.

    >>> charged_hours(datetime(2024, 3, 14, 6), datetime(2024, 3, 15, 19), "07:00", "19:00")
    24.0
    """
    total = timedelta()
    day = datetime.combine(start.date(), time())
    while day < finish:
        lo, hi = max(start, _clock(day, charged_from)), min(finish, _clock(day, charged_to))
        total += max(hi - lo, timedelta())
        day += timedelta(days=1)
    return total.total_seconds() / 3600


@dataclass(frozen=True)
class Replay:
    """Result of :func:`replay`: the planned-time ``conflicts`` and the ``actual`` (start, finish) per lift."""

    conflicts: pd.DataFrame
    actual: dict

    def delay_hours(self, lifts: pd.DataFrame, lift_id: str) -> float:
        """Hours between the planned and the replayed start of ``lift_id``."""
        planned = lifts.set_index("lift_id").loc[lift_id, "planned_start"]
        return (self.actual[lift_id][0] - planned).total_seconds() / 3600


def _feasible_start(start, duration, crane, wind_limit, wind: pd.Series) -> datetime:
    """First start at or after ``start`` inside the crane's operating hours with calm enough wind."""
    round_the_clock = crane["operating_from"] == "00:00" and crane["operating_to"] == "24:00"
    for _ in range(24 * 60):
        day_open, day_close = _clock(start, crane["operating_from"]), _clock(start, crane["operating_to"])
        if start < day_open:
            start = day_open
            continue
        if start + duration > day_close and not round_the_clock:
            start = _clock(start + timedelta(days=1), crane["operating_from"])
            continue
        first_hour = start.replace(minute=0, second=0, microsecond=0)
        hours = wind[(wind.index >= first_hour) & (wind.index < start + duration)]
        if len(hours) < -(-(start + duration - first_hour) // timedelta(hours=1)):
            raise DataError(
                f"wind.csv has no hourly wind for {start:%Y-%m-%dT%H:%M}+{duration}; extend the file "
                f"(regenerate it with `python data/hualong_crane/generate.py`)"
            )
        if (hours <= wind_limit).all():
            return start
        start = first_hour + timedelta(hours=1)
    raise DataError(f"no start with wind <= {wind_limit} m/s within 60 days after {start}; check wind.csv")


def replay(lifts: pd.DataFrame, cranes: pd.DataFrame, wind: pd.DataFrame, *, changeover=CHANGEOVER) -> Replay:
    """Recompute actual lift times from the planned ones with the site's rules.

    1. Two lifts booked on one crane at overlapping times (found with
       :func:`followup.resources.conflicts`): the earlier-booked lift keeps the
       hook; the other waits for it plus ``changeover``.
    2. A lift with ``after_lift`` waits for that lift's finish plus ``gap_h``.
    3. A lift must fit in its crane's daily operating hours, else it moves to the
       next day's first hour; and every hour it spans must have a mean wind at
       most its ``max_wind_ms``, else it moves to the next full hour.

    A lift that no rule touches keeps its planned times.
    """
    origin = wind["hour_start"].min()
    hours = lambda t: (t - origin) / pd.Timedelta(hours=1)  # noqa: E731
    bookings = pd.DataFrame({"resource": lifts["crane_id"], "start": hours(lifts["planned_start"]),
                             "finish": hours(lifts["planned_finish"]), "units": 1, "id": lifts["lift_id"]})
    clashes = conflicts(bookings, {crane: 1 for crane in cranes["crane_id"]})
    holder = {}  # deferred lift -> lift that keeps the hook
    for ids in clashes["ids"]:
        ordered = lifts.set_index("lift_id").loc[list(ids)].sort_values("planned_start").index.tolist()
        for before, after in zip(ordered, ordered[1:]):
            holder.setdefault(after, before)

    crane_rows = cranes.set_index("crane_id")
    wind_by_hour = wind.set_index("hour_start")["wind_mean_ms"]
    actual: dict = {}
    for row in lifts.sort_values("planned_start", kind="stable").itertuples():
        start = row.planned_start
        duration = row.planned_finish - row.planned_start
        for earlier, gap in ((holder.get(row.lift_id), changeover),
                             (row.after_lift, timedelta(hours=0 if pd.isna(row.gap_h) else row.gap_h))):
            if earlier is None or pd.isna(earlier) or earlier == "":
                continue
            if earlier not in actual:
                raise DataError(
                    f"lifts.csv, lift {row.lift_id!r}: it waits for {earlier!r}, which is not planned earlier; "
                    f"fix after_lift or the planned times"
                )
            start = max(start, actual[earlier][1] + gap)
        start = _feasible_start(start, duration, crane_rows.loc[row.crane_id], row.max_wind_ms, wind_by_hour)
        actual[row.lift_id] = (start, start + duration)
    return Replay(conflicts=clashes, actual=actual)


TOWER_CRANE = "TC2"  # the tower crane of the clash
NETWORK_START = pd.Timestamp("2024-03-12 07:00")  # TC2 opens on the day of the clash
NETWORK_DAYS = 2  # TC2 lifts booked on 12 and 13 March
CLOSE_WORK = "CLOSE"  # welding, NDT and survey between the closing module and the dome lift
START = "START"
WINDY_SPELL = "too windy for the dome"  # the calendar block of the cold front


@dataclass(frozen=True)
class DomeNetwork:
    """The dome's chain as a network for resource levelling, times in whole minutes from ``origin``.

    ``activities`` has ``id``, ``name``, ``duration`` and ``kind``: ``"milestone"`` (``START``),
    ``"lift"`` (a TC2 lift of 12-13 March, or the dome lift), ``"work"`` (the closing work) or ``"calendar"`` (a
    block that holds a crane: a TC2 night, or the spell too windy for the dome).
    ``demands`` (indexed by id) gives what each holds of ``TC2`` and ``CC1600``; a night
    holds every tower crane of the pool, so ``capacities["TC2"]`` cranes.
    ``dome_slot`` is the dome lift's booked start (minutes from ``origin``).
    """

    activities: pd.DataFrame
    links: pd.DataFrame
    demands: pd.DataFrame
    capacities: dict
    origin: pd.Timestamp
    dome_slot: int

    def priority(self, rule: str) -> pd.Series:
        """Keys for :func:`followup.levelling.serial_sgs` (smaller first), calendar blocks always first.

        ``"booking"`` (first booked, first served) ranks by early start, which for a lift is
        its booked start; ``"lft"`` (critical first) by latest finish of the CPM.

        >>> from followup.datasets import hualong_crane as loader
        >>> net = dome_network(loader.load())
        >>> net.priority("booking")[["TC2 shut 12 Mar", DOME_LIFT]].tolist()
        [-1, 2820]
        """
        column = {"booking": "early_start", "lft": "late_finish"}.get(rule)
        if column is None:
            raise ResourceError(f"priority rule {rule!r} is unknown; use 'booking' (first booked, first served) "
                                "or 'lft' (critical first)")
        cpm = critical_path_method(self.activities, self.links).table
        is_block = (self.activities.set_index("id")["kind"] == "calendar").reindex(cpm.index)
        return cpm[column].where(~is_block, -1).astype(int)


def hold_tower_cranes(activities: pd.DataFrame, demands: pd.DataFrame, tower_cranes) -> tuple[pd.DataFrame, dict]:
    """Demands and capacities with ``tower_cranes`` cranes in the TC2 pool, every one shut at night.

    A night block holds all the pool's cranes (the site stops its tower cranes together);
    the dome's crawler crane stays one crane.

    >>> from followup.datasets import hualong_crane as loader
    >>> net = dome_network(loader.load())
    >>> dem, caps = hold_tower_cranes(net.activities, net.demands, 2)
    >>> caps, int(dem.loc["TC2 shut 12 Mar", "TC2"])
    ({'TC2': 2, 'CC1600': 1}, 2)
    """
    whole = not isinstance(tower_cranes, bool) and isinstance(tower_cranes, (int, float, np.integer, np.floating)) \
        and float(tower_cranes).is_integer()
    if not whole or tower_cranes < 1:
        raise ResourceError(f"tower_cranes is {tower_cranes!r}; give a whole number of tower cranes, 1 or more")
    nights = activities.loc[activities["kind"] == "calendar", "id"]
    held = demands.copy()
    nights = [i for i in nights if held.loc[i, TOWER_CRANE] > 0]
    held.loc[nights, TOWER_CRANE] = int(tower_cranes)
    return held, {TOWER_CRANE: int(tower_cranes), "CC1600": 1}


def dome_network(case: CraneCase, tower_cranes: int = 1, *, weather: bool = True) -> DomeNetwork:
    """The two days around the TC2 clash as a network, with crane nights and wind as calendar blocks.

    Every TC2 lift booked on 12-13 March is released at its booked start (an SS link
    from ``START`` with that lag); the closing module is followed by ``gap_h`` hours of
    closing work and then the dome lift, which may not start before its booked slot.
    A network knows no calendar, so TC2's shut hours (``cranes.csv``) and the hours whose
    mean wind (``wind.csv``) exceeds the dome's limit join as activities fixed at their
    minute that hold the crane, as a lift would. Levelled first-booked-first-served, this
    network reproduces :func:`replay`'s 37-hour dome delay (S3.2). ``weather=False`` leaves the
    windy spell out: the same week with every hour calm enough for the dome.

    >>> from followup.datasets import hualong_crane as loader
    >>> net = dome_network(loader.load())
    >>> len(net.activities), net.dome_slot, net.capacities
    (12, 2820, {'TC2': 1, 'CC1600': 1})
    """
    origin = NETWORK_START
    minutes = lambda t: int(round((t - origin) / pd.Timedelta(minutes=1)))  # noqa: E731
    lifts = case.lifts.set_index("lift_id")
    dome = lifts.loc[DOME_LIFT]
    window = lifts[(lifts["crane_id"] == TOWER_CRANE)
                   & lifts["planned_start"].between(origin, origin + pd.Timedelta(days=NETWORK_DAYS))]
    rows, links = [(START, "12 March 07:00", 0, "milestone")], []
    for lift, r in window.iterrows():
        start = minutes(r["planned_start"])
        what = r["description"].split(",")[0].split(" (")[0][:30]  # a short label for charts
        rows.append((lift, f"{lift} {what}", minutes(r["planned_finish"]) - start, "lift"))
        links.append((START, lift, "SS", start))  # not before its booking
    slot = minutes(dome["planned_start"])
    rows += [(CLOSE_WORK, "CLOSE weld, NDT, survey", int(round(dome["gap_h"] * 60)), "work"),
             (DOME_LIFT, f"{DOME_LIFT} containment dome", minutes(dome["planned_finish"]) - slot, "lift")]
    links += [(dome["after_lift"], CLOSE_WORK, "FS", 0), (CLOSE_WORK, DOME_LIFT, "FS", 0), (START, DOME_LIFT, "SS", slot)]
    demand = {lift: {TOWER_CRANE: 1, "CC1600": 0} for lift in window.index}
    demand[DOME_LIFT] = {TOWER_CRANE: 0, "CC1600": 1}

    cranes = case.cranes.set_index("crane_id")
    open_from, open_to = cranes.loc[TOWER_CRANE, ["operating_from", "operating_to"]]
    for night in pd.date_range(origin.normalize(), periods=NETWORK_DAYS + 1):
        shut, reopen = _clock(night, open_to), _clock(night + pd.Timedelta(days=1), open_from)
        rows.append((f"{TOWER_CRANE} shut {night:%d %b}", f"{TOWER_CRANE} shut {night:%d %b}",
                     minutes(reopen) - minutes(shut), "calendar"))
        links.append((START, rows[-1][0], "SS", minutes(shut)))
        demand[rows[-1][0]] = {TOWER_CRANE: 1, "CC1600": 0}
    if weather:
        wind = case.wind.set_index("hour_start")["wind_mean_ms"]
        windy = wind[(wind.index >= origin) & (wind > dome["max_wind_ms"])].index
        if len(windy) == 0 or len(windy) != (windy[-1] - windy[0]) / pd.Timedelta(hours=1) + 1:
            raise DataError(f"wind.csv: the hours above the dome's limit of {dome['max_wind_ms']} m/s after "
                            f"{origin} should form one spell; regenerate it with "
                            "`python data/hualong_crane/generate.py`")
        rows.append((WINDY_SPELL, WINDY_SPELL, minutes(windy[-1] + pd.Timedelta(hours=1)) - minutes(windy[0]),
                     "calendar"))
        links.append((START, WINDY_SPELL, "SS", minutes(windy[0])))
        demand[WINDY_SPELL] = {TOWER_CRANE: 0, "CC1600": 1}

    activities = pd.DataFrame(rows, columns=["id", "name", "duration", "kind"])
    demands = pd.DataFrame.from_dict(demand, orient="index").rename_axis("id")
    demands, capacities = hold_tower_cranes(activities, demands, tower_cranes)
    return DomeNetwork(activities=activities,
                       links=pd.DataFrame(links, columns=["predecessor", "successor", "type", "lag"]),
                       demands=demands, capacities=capacities, origin=origin, dome_slot=slot)


@dataclass(frozen=True)
class ProjectProfile:
    """The project side of the crane clash: the levelled network and what the dome's wait costs."""

    starts: pd.Series  # levelled start of each activity, minutes from the network's origin
    usage: pd.Series  # TC2 cranes in use by lifts, peak per hour (index: hour start in minutes)
    moved: pd.Series  # hours each lift or work starts after its early start (only those that wait)
    dome_start: int  # minutes from the origin
    dome_finish: int
    delay_hours: float  # the dome lift's start after its booked slot
    standby: StandbyCost  # every standby item, charged for its own hours of that delay


def project_profile(network: DomeNetwork, tower_cranes, priority: str, rates: pd.DataFrame) -> ProjectProfile:
    """Level ``network`` with ``tower_cranes`` in the TC2 pool by the ``priority`` rule; price the dome's wait.

    ``priority`` is ``"booking"`` or ``"lft"`` (:meth:`DomeNetwork.priority`). Each item of ``rates``
    (``item``, ``rate``, ``quantity``, ``charged_from``, ``charged_to``) is charged for the hours of
    the delay inside its daily charged hours.

    >>> from followup.datasets import hualong_crane as loader
    >>> case = loader.load()
    >>> p = project_profile(dome_network(case), 2, "booking", case.standby_rates)
    >>> p.delay_hours, list(p.moved.index)      # a second tower crane: nobody waits
    (0.0, [])
    """
    demands, capacities = hold_tower_cranes(network.activities, network.demands, tower_cranes)
    keys = network.priority(priority)
    levelled = serial_sgs(network.activities, network.links, demands, capacities, priority=keys)
    early = critical_path_method(network.activities, network.links).table["early_start"]
    kind = network.activities.set_index("id")["kind"]
    busy = kind.index[kind.isin(["lift", "work"])]
    shift = (levelled.starts - early).loc[busy]
    lifts = kind.index[kind == "lift"]
    usage = usage_profile(levelled.table.loc[lifts], demands.loc[lifts, [TOWER_CRANE]],
                          period=MINUTES_PER_HOUR, start_col="start")[TOWER_CRANE]
    start, finish = int(levelled.starts[DOME_LIFT]), int(levelled.table.loc[DOME_LIFT, "finish"])
    slot = network.origin + pd.Timedelta(minutes=network.dome_slot)
    waited = slot + pd.Timedelta(minutes=start - network.dome_slot)
    hours = pd.Series([charged_hours(slot, waited, r.charged_from, r.charged_to) for r in rates.itertuples()],
                      index=rates["item"].tolist())
    return ProjectProfile(
        starts=levelled.starts, usage=usage, moved=shift[shift > 0] / MINUTES_PER_HOUR,
        dome_start=start, dome_finish=finish, delay_hours=(start - network.dome_slot) / MINUTES_PER_HOUR,
        standby=standby_cost(hours, rates))
