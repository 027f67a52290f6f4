"""Loader of ``data/hualong_crane/``: the lifts of a Hualong One containment dome phase (S3.2).

A tower crane was booked twice for overlapping lifts; the closing wall module
slipped to the next morning, the dome could not be ready for its calm-weather
slot, and a cold front kept it on the ground until the next calm evening.
This module reads and checks the files; the case's rules (the replay of the
lifts, the dome network, crane holds, priority rules, the project profile) live
in :mod:`followup.cases.hualong_crane`::

    >>> from followup.cases.hualong_crane import DOME_LIFT, replay
    >>> case = load()
    >>> replay(case.lifts, case.cranes, case.wind).delay_hours(case.lifts, DOME_LIFT)
    37.0

All times are naive local site time. See ``data/hualong_crane/DATASHEET.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from followup.cases import hualong_crane as rules
# The rules' old home was this module: their names stay importable from here for existing code.
from followup.cases.hualong_crane import (  # noqa: F401
    CHANGEOVER, CLOSE_WORK, DOME_LIFT, NETWORK_DAYS, NETWORK_START, START, TOWER_CRANE, WINDY_SPELL, DomeNetwork,
    Replay, charged_hours, dome_network, hold_tower_cranes, replay)
from followup.datasets._validate import Column, case_dir, check_references, location, read_csv_checked
from followup.errors import DataError, ResourceError  # noqa: F401 - ResourceError: raised by the rules, once here

CASE = "hualong_crane"
CLOCK = r"([01]\d|2[0-3]):[0-5]\d|24:00"

LIFTS = (
    Column("lift_id", "str", pattern=r"L[-A-Z0-9]+", unique=True, description="lift request id"),
    Column("contractor_id", "str", pattern=r"C(0[1-9]|1\d|20)", description="requesting contractor, C01-C20"),
    Column("contractor", "str", description="contractor id and trade (generic, not a company name)"),
    Column("description", "str", description="what is lifted"),
    Column("crane_id", "str", description="crane requested (a crane_id of cranes.csv)"),
    Column("hook_load_t", "float", unit="t", min=0.1, max=1600, description="load plus rigging on the hook"),
    Column("radius_m", "float", unit="m", min=1, max=120, description="working radius of the lift"),
    Column("planned_start", "datetime", min="2024-03-04T00:00", max="2024-03-18T00:00",
           description="booked start, to the minute"),
    Column("planned_finish", "datetime", min="2024-03-04T00:00", max="2024-03-18T00:00",
           description="booked finish, to the minute"),
    Column("after_lift", "str", nullable=True, description="lift that must be complete first (empty: none)"),
    Column("gap_h", "float", unit="h", min=0, max=200, nullable=True,
           description="work needed between after_lift's finish and this lift (welding, NDT, survey)"),
    Column("max_wind_ms", "float", unit="m/s", min=1, max=30, description="highest hourly mean wind for this lift"),
    Column("actual_start", "datetime", min="2024-03-04T00:00", max="2024-03-20T00:00", description="actual start"),
    Column("actual_finish", "datetime", min="2024-03-04T00:00", max="2024-03-20T00:00",
           description="actual finish"),
)
CRANES = (
    Column("crane_id", "str", unique=True, description="crane id"),
    Column("crane_type", "str", choices=("crawler crane", "tower crane"), description="kind of crane"),
    Column("model_class", "str", description="capacity class (no maker or model named)"),
    Column("max_capacity_t", "float", unit="t", min=1, max=5000, description="rated capacity at minimum radius"),
    Column("standby_cny_per_hour", "float", unit="CNY/h", min=0, max=100000,
           description="hire charged per hour while the crane waits (calendar hour)"),
    Column("booking_date", "date", nullable=True, description="date the booking was confirmed (empty: site crane)"),
    Column("booked_from", "datetime", nullable=True, description="start of the booked period"),
    Column("booked_to", "datetime", nullable=True, description="end of the booked period"),
    Column("operating_from", "str", pattern=CLOCK, description="earliest lift time of day, HH:MM"),
    Column("operating_to", "str", pattern=CLOCK,
           description="latest lift finish time of day, HH:MM (24:00 = midnight)"),
    Column("max_wind_ms", "float", unit="m/s", min=1, max=30, description="in-service wind limit (hourly mean)"),
)
LOAD_CHARTS = (
    Column("crane_id", "str", key=True, description="crane id"),
    Column("radius_m", "float", key=True, unit="m", min=1, max=150, description="working radius"),
    Column("capacity_t", "float", unit="t", min=0.1, max=5000, description="rated capacity at that radius"),
)
WIND = (
    Column("hour_start", "datetime", unique=True, description="start of the hour"),
    Column("wind_mean_ms", "float", unit="m/s", min=0, max=60, description="hourly mean wind at hook height"),
    Column("wind_gust_ms", "float", unit="m/s", min=0, max=80, description="highest 3-second gust of the hour"),
)
STANDBY_RATES = (
    Column("item", "str", unique=True, description="what stands by"),
    Column("category", "str", choices=("equipment", "crew"), description="cost category"),
    Column("crane_id", "str", nullable=True, description="the crane of cranes.csv, for crane rows"),
    Column("quantity", "int", min=1, max=1000, description="how many units"),
    Column("unit", "str", description="unit of the quantity"),
    Column("rate", "float", unit="CNY per unit-hour", min=0, max=100000,
           description="standby cost of one unit per charged hour (`rate` of followup.resources.standby_cost)"),
    Column("charged_from", "str", pattern=CLOCK, description="daily start of the charged hours"),
    Column("charged_to", "str", pattern=CLOCK, description="daily end of the charged hours (24:00 = midnight)"),
    Column("basis", "str", description="how the rate was set"),
)
FILES = {
    "lifts.csv": LIFTS,
    "cranes.csv": CRANES,
    "load_charts.csv": LOAD_CHARTS,
    "wind.csv": WIND,
    "standby_rates.csv": STANDBY_RATES,
}


@dataclass(frozen=True)
class CraneCase:
    """The crane case: one DataFrame per file (see the datasheet)."""

    lifts: pd.DataFrame
    cranes: pd.DataFrame
    load_charts: pd.DataFrame
    wind: pd.DataFrame
    standby_rates: pd.DataFrame

    def capacity_at(self, crane_id: str, radius_m: float) -> float:
        """Rated capacity at ``radius_m``, read at the next chart radius at or beyond it (never interpolated up).

        >>> load().capacity_at("CC1600", 42.0)
        640.0
        """
        chart = self.load_charts[self.load_charts["crane_id"] == crane_id]
        capacity = rules.rated_capacity(list(zip(chart["radius_m"], chart["capacity_t"])), radius_m)
        if capacity is None:
            raise DataError(
                f"crane {crane_id!r}: radius {radius_m} m is beyond its chart in load_charts.csv "
                f"(max {chart['radius_m'].max()} m); move the crane or choose another one"
            )
        return float(capacity)

    def standby_hours(self, start: datetime, finish: datetime) -> pd.Series:
        """Hours charged per standby item while the work waits from ``start`` to ``finish``.

        Equipment is charged every calendar hour, crews only in their daily
        ``charged_from``-``charged_to`` hours. Feeds
        :func:`followup.resources.standby_cost` as ``delay_hours``.
        """
        return pd.Series(
            [rules.charged_hours(start, finish, row.charged_from, row.charged_to) for row in self.standby_rates.itertuples()],
            index=self.standby_rates["item"].tolist(), name="hours")


def load(data_dir: str | Path | None = None) -> CraneCase:
    """Read and check every file of the case (default folder ``data/hualong_crane/``).

    Raises :class:`~followup.errors.DataError` naming file, column and data row.
    """
    folder = case_dir(CASE, data_dir)
    frames = {name: read_csv_checked(folder / name, schema) for name, schema in FILES.items()}
    lifts, cranes = frames["lifts.csv"], frames["cranes.csv"]
    crane_ids = set(cranes["crane_id"])
    check_references(lifts, "crane_id", crane_ids, path=folder / "lifts.csv", target="crane_id in cranes.csv")
    check_references(lifts, "after_lift", set(lifts["lift_id"]), path=folder / "lifts.csv",
                     target="lift_id in this file")
    check_references(frames["load_charts.csv"], "crane_id", crane_ids, path=folder / "load_charts.csv",
                     target="crane_id in cranes.csv")
    check_references(frames["standby_rates.csv"], "crane_id", crane_ids, path=folder / "standby_rates.csv",
                     target="crane_id in cranes.csv")
    for kind in ("planned", "actual"):
        backwards = lifts[lifts[f"{kind}_finish"] <= lifts[f"{kind}_start"]]
        if len(backwards):
            raise DataError(
                f"{location(folder / 'lifts.csv', f'{kind}_finish', int(backwards.index[0]) + 1)}: finishes "
                f"at or before {kind}_start; correct the times"
            )
    return CraneCase(lifts=lifts, cranes=cranes, load_charts=frames["load_charts.csv"], wind=frames["wind.csv"],
                     standby_rates=frames["standby_rates.csv"])


