"""Rebuild the Hualong One crane case files (article paragraph S3.2) byte for byte.

    python data/hualong_crane/generate.py            # writes into data/hualong_crane/
    python data/hualong_crane/generate.py --out DIR  # writes into DIR (used by the tests)

The routine lifts of the 14-day dome phase and the hourly wind are drawn with
``numpy.random.default_rng(SEED)``; the lifts of the story (the tower-crane
double booking, the closing wall module and the dome lift) and every rate are
fixed parameters documented in DATASHEET.md. The actual times of the story's
lifts are not typed in: they follow from the site rules below, as
``followup.cases.hualong_crane.replay`` recomputes them.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # run as a script from anywhere: make `followup` importable

from followup.datasets._validate import CaseFiles, run_generator, write_case  # noqa: E402
from followup.cases.hualong_crane import rated_capacity, replay  # noqa: E402 - the case's rules

SEED = 20240314
PHASE_START = datetime(2024, 3, 4)  # Monday 00:00, local site time
PHASE_DAYS = 14
MINUTE = "%Y-%m-%dT%H:%M"

CONTRACTORS = [
    "Civil works", "Formwork and scaffolding", "Reinforcement", "Steel containment liner", "Post-tensioning",
    "Embedded parts", "Polar crane", "Mechanical piping", "Electrical", "HVAC", "Instrumentation and control",
    "Fire protection", "Steel structures", "Heavy lifting", "Non-destructive testing", "Insulation and painting",
    "Waterproofing", "Survey and metrology", "Logistics and site services", "Commissioning preparation",
]
CONTRACTOR = {f"C{i:02d}": f"C{i:02d} {name}" for i, name in enumerate(CONTRACTORS, start=1)}

# crane_id, type, model class, max capacity t, standby CNY/h, booking date, booked from, booked to,
# operating from, operating to (lift hours of day), in-service wind limit m/s
CRANES = [
    ("CC1600", "crawler crane", "1,600 t crawler crane with superlift counterweight", 1600.0, 7200.0,
     "2023-09-08", "2024-03-08T00:00", "2024-03-18T00:00", "00:00", "24:00", 12.0),
    ("CC400", "crawler crane", "400 t crawler crane", 400.0, 2600.0,
     "2024-01-15", "2024-03-04T00:00", "2024-03-18T00:00", "07:00", "18:00", 13.0),
    ("TC1", "tower crane", "flat-top tower crane, 64 t, 80 m jib", 64.0, 700.0,
     "", "", "", "07:00", "18:00", 20.0),
    ("TC2", "tower crane", "flat-top tower crane, 64 t, 80 m jib", 64.0, 700.0,
     "", "", "", "07:00", "18:00", 20.0),
    ("TC3", "tower crane", "luffing-jib tower crane, 25 t, 70 m jib", 25.0, 550.0,
     "", "", "", "07:00", "18:00", 20.0),
]
# crane_id -> [(radius m, rated capacity t)] in the configuration used on this site
LOAD_CHARTS = {
    "CC1600": [(18, 1600), (24, 1250), (30, 980), (36, 800), (44, 640), (52, 520), (60, 430), (72, 330),
               (84, 260), (96, 200)],
    "CC400": [(6, 400), (10, 260), (16, 160), (24, 100), (32, 70), (40, 52), (50, 38), (60, 28)],
    "TC1": [(15, 64), (25, 40), (35, 28), (45, 21), (55, 16.5), (65, 13), (75, 11), (80, 10)],
    "TC2": [(15, 64), (25, 40), (35, 28), (45, 21), (55, 16.5), (65, 13), (75, 11), (80, 10)],
    "TC3": [(13, 25), (20, 20), (30, 13), (40, 9.5), (50, 7.2), (60, 5.8), (70, 4.8)],
}

# The story (S3.2). Times are planned; the actual ones are replayed from the site rules.
STORY = [
    # lift_id, contractor, description, crane, hook load t, radius m, planned start, planned finish,
    # after_lift, gap_h, max wind m/s
    ("L-PCG1", "C07", "Polar crane girder, half 1 (with rigging)", "CC1600", 236.0, 38.0,
     "2024-03-09T07:00", "2024-03-09T12:30", "", None, 10.0),
    ("L-PCG2", "C07", "Polar crane girder, half 2 (with rigging)", "CC1600", 236.0, 38.0,
     "2024-03-10T07:00", "2024-03-10T12:30", "L-PCG1", 12.0, 10.0),
    ("L-PRB", "C07", "Polar crane rail brackets, last bundle of 6", "TC2", 18.5, 41.0,
     "2024-03-12T13:05", "2024-03-12T16:10", "", None, 15.0),
    ("L-CV9", "C04", "Steel liner wall module CV-R9 (closing module of the top ring)", "TC2", 19.2, 39.0,
     "2024-03-12T14:30", "2024-03-12T17:20", "", None, 12.0),
    ("L-DOME", "C14", "Inner containment steel dome, 340 t, with lifting frame and rigging", "CC1600", 505.0, 42.0,
     "2024-03-14T06:00", "2024-03-14T14:00", "L-CV9", 30.0, 10.0),
]
DOME_READY = "L-CV9"  # closing seams welded, NDT and wall-top survey take gap_h after it is set

# item, category, crane_id, quantity, unit, CNY per unit-hour, charged from, charged to, basis
STANDBY = [
    ("1,600 t crawler crane with crew", "equipment", "CC1600", 1, "crane", 7200.0, "00:00", "24:00",
     "booked hire charged per calendar hour: about CNY 173,000 a day incl. operators and lift engineer"),
    ("400 t crawler crane (dome rigging support)", "equipment", "CC400", 1, "crane", 2600.0, "00:00", "24:00",
     "monthly hire with operator spread over calendar hours"),
    ("Tower crane TC1 (locked out of the dome-lift zone)", "equipment", "TC1", 1, "crane", 700.0, "00:00",
     "24:00", "monthly rental and operators spread over calendar hours"),
    ("Tower crane TC2 (locked out of the dome-lift zone)", "equipment", "TC2", 1, "crane", 700.0, "00:00",
     "24:00", "monthly rental and operators spread over calendar hours"),
    ("Tower crane TC3 (locked out of the dome-lift zone)", "equipment", "TC3", 1, "crane", 550.0, "00:00",
     "24:00", "monthly rental and operators spread over calendar hours"),
    ("Dome lifting frame, slings and shackles (hired set)", "equipment", "", 1, "set", 900.0, "00:00", "24:00",
     "specialist rigging hire"),
    ("Temporary dome supports, wind bracing and assembly platform", "equipment", "", 1, "set", 2794.0, "00:00",
     "24:00", "hired steel and platform, pro rata of the assembly contract"),
    ("Generator sets and lighting towers", "equipment", "", 4, "unit", 150.0, "00:00", "24:00",
     "kept running for the night lift option"),
    ("Aerial work platforms", "equipment", "", 6, "unit", 110.0, "00:00", "24:00", "daily hire / 24"),
    ("Rigging crew of the heavy-lift contractor", "crew", "", 24, "person", 95.0, "07:00", "19:00",
     "fully loaded hourly cost, paid on the day shift"),
    ("Liner welders and fitters waiting to weld the dome to the wall", "crew", "", 60, "person", 88.0, "07:00",
     "19:00", "nuclear-qualified welders, fully loaded"),
    ("NDT inspectors", "crew", "", 8, "person", 123.5, "07:00", "19:00", "level II/III inspectors, fully loaded"),
    ("Lift supervisors, QC and safety staff", "crew", "", 12, "person", 150.0, "07:00", "19:00",
     "engineers and supervisors, fully loaded"),
    ("Civil crew held for the dome-ring concrete preparation", "crew", "", 20, "person", 70.0, "07:00", "19:00",
     "general workers, fully loaded"),
]


def chart_capacity(crane: str, radius: float) -> float:
    """Rated capacity at ``radius`` on ``crane``'s chart (:func:`followup.cases.hualong_crane.rated_capacity`)."""
    capacity = rated_capacity(LOAD_CHARTS[crane], radius)
    if capacity is None:
        raise ValueError(f"radius {radius} m is beyond the chart of {crane}")
    return capacity


def hourly_wind(rng: np.random.Generator) -> pd.DataFrame:
    """Calm diurnal wind with a cold front from 14 March 14:00 to 15 March 18:59 (the 37-hour story)."""
    hours = pd.date_range(PHASE_START, periods=PHASE_DAYS * 24, freq="h")
    diurnal = 3.5 + 1.6 * np.sin((hours.hour.to_numpy() - 9) / 24 * 2 * np.pi)
    noise = np.zeros(len(hours))
    for k in range(1, len(hours)):  # AR(1): wind persists from hour to hour
        noise[k] = 0.7 * noise[k - 1] + rng.normal(0, 0.6)
    mean = np.clip(diurnal + noise, 0.5, 7.8)
    front = (hours >= datetime(2024, 3, 14, 14)) & (hours < datetime(2024, 3, 15, 19))
    mean[front] = np.clip(12.5 + rng.normal(0, 1.2, front.sum()), 10.6, 15.5)
    mean = np.round(mean, 1)  # as written, so the replay sees the file's values
    gust = np.round(mean * rng.uniform(1.25, 1.45, len(hours)), 1)
    return pd.DataFrame({"hour_start": hours, "wind_mean_ms": mean, "wind_gust_ms": gust})


def routine_lifts(rng: np.random.Generator, reserved: dict[str, list]) -> list[tuple]:
    """Routine lifts of every contractor on the day shift, never overlapping on a crane or a reserved slot."""
    busy = {crane: list(slots) for crane, slots in reserved.items()}
    per_crane = {"TC1": 46, "TC2": 40, "TC3": 38, "CC400": 12}
    descriptions = {
        "C01": "concrete bucket", "C02": "climbing formwork panel", "C03": "rebar cage", "C04": "liner plate stack",
        "C05": "tendon coil", "C06": "embedded plate bundle", "C07": "polar crane parts", "C08": "pipe spool",
        "C09": "cable drum", "C10": "duct module", "C11": "instrument rack", "C12": "sprinkler pipe bundle",
        "C13": "steel beam bundle", "C14": "rigging gear", "C15": "radiography container",
        "C16": "paint and insulation pallet", "C17": "membrane rolls", "C18": "anchor plate set",
        "C19": "survey target frame", "C20": "site cabin",
    }
    heavy = ["C02", "C03", "C07", "C08", "C10", "C13"]
    lifts = []
    for crane, count in per_crane.items():
        made = 0
        while made < count:
            day = int(rng.integers(0, PHASE_DAYS))
            if crane == "CC400" and day in (10, 11):  # 14-15 March: kept free for the dome-lift rigging support
                continue
            start = PHASE_START + timedelta(days=day, hours=7, minutes=5 * int(rng.integers(0, 120)))
            duration = timedelta(minutes=5 * int(rng.integers(6, 37)))
            finish = start + duration
            if finish > PHASE_START + timedelta(days=day, hours=18):
                continue
            gap = timedelta(minutes=10)  # hook change, tag-lines, radio check
            if any(start < b + gap and a < finish + gap for a, b in busy[crane]):
                continue
            contractor = heavy[int(rng.integers(len(heavy)))] if crane == "CC400" else \
                f"C{int(rng.integers(1, 21)):02d}"
            chart = LOAD_CHARTS[crane]
            radius = float(rng.uniform(chart[0][0] + 1, chart[-1][0] - 1))
            load = chart_capacity(crane, radius) * rng.uniform(0.15, 0.8)
            busy[crane].append((start, finish))
            lifts.append((crane, start, finish, contractor, descriptions[contractor], round(load, 1),
                          round(radius, 1)))
            made += 1
    return lifts


def build() -> CaseFiles:
    """Every file of the case as (frame, fixed formats), keyed by file name."""
    rng = np.random.default_rng(SEED)
    wind = hourly_wind(rng)

    def ts(text):
        return pd.Timestamp(text) if text else pd.NaT

    story = pd.DataFrame(STORY, columns=["lift_id", "contractor_id", "description", "crane_id", "hook_load_t",
                                         "radius_m", "planned_start", "planned_finish", "after_lift", "gap_h",
                                         "max_wind_ms"])
    story["planned_start"] = story["planned_start"].map(ts)
    story["planned_finish"] = story["planned_finish"].map(ts)
    reserved = {c: [] for c in ("TC1", "TC2", "TC3", "CC400")}
    for row in story.itertuples():
        if row.crane_id in reserved:
            reserved[row.crane_id].append((row.planned_start, row.planned_finish))
    # TC2's morning of 13 March is free in the plan: that is where the deferred module goes
    reserved["TC2"].append((datetime(2024, 3, 13, 7), datetime(2024, 3, 13, 11)))

    routine = pd.DataFrame(routine_lifts(rng, reserved), columns=[
        "crane_id", "planned_start", "planned_finish", "contractor_id", "description", "hook_load_t", "radius_m"])
    routine["description"] = routine["description"].str.capitalize()
    routine["after_lift"] = ""
    routine["gap_h"] = np.nan
    routine["max_wind_ms"] = routine["crane_id"].map({c[0]: c[10] for c in CRANES})
    lifts = pd.concat([story, routine], ignore_index=True).sort_values(["planned_start", "crane_id"], kind="stable")
    lifts = lifts.reset_index(drop=True)
    routine_ids = iter(range(1, len(lifts) + 1))
    lifts["lift_id"] = [lid if isinstance(lid, str) else f"L{next(routine_ids):03d}" for lid in lifts["lift_id"]]
    lifts.insert(2, "contractor", lifts["contractor_id"].map(CONTRACTOR))
    lifts["actual_start"] = lifts["planned_start"]
    lifts["actual_finish"] = lifts["planned_finish"]

    cranes = pd.DataFrame(CRANES, columns=[
        "crane_id", "crane_type", "model_class", "max_capacity_t", "standby_cny_per_hour", "booking_date",
        "booked_from", "booked_to", "operating_from", "operating_to", "max_wind_ms"])
    for column in ("booking_date", "booked_from", "booked_to"):
        cranes[column] = cranes[column].map(ts)
    charts = pd.DataFrame([(c, r, cap) for c, rows in LOAD_CHARTS.items() for r, cap in rows],
                          columns=["crane_id", "radius_m", "capacity_t"]).astype({"radius_m": float})
    standby = pd.DataFrame(STANDBY, columns=["item", "category", "crane_id", "quantity", "unit", "rate",
                                             "charged_from", "charged_to", "basis"])

    # the story's actual times follow from the site rules (see the loader), not from typing them in
    run = replay(lifts, cranes, wind)
    lifts = lifts.set_index("lift_id")
    for lift_id, (start, finish) in run.actual.items():
        lifts.loc[lift_id, ["actual_start", "actual_finish"]] = [start, finish]
    lifts = lifts.reset_index()

    minute = {"planned_start": MINUTE, "planned_finish": MINUTE, "actual_start": MINUTE, "actual_finish": MINUTE,
              "hook_load_t": ".1f", "radius_m": ".1f", "gap_h": ".1f", "max_wind_ms": ".1f"}
    return {
        "lifts.csv": (lifts, minute),
        "cranes.csv": (cranes, {"max_capacity_t": ".1f", "standby_cny_per_hour": ".2f", "booking_date": "%Y-%m-%d",
                                "booked_from": MINUTE, "booked_to": MINUTE, "max_wind_ms": ".1f"}),
        "load_charts.csv": (charts, {"radius_m": ".1f", "capacity_t": ".1f"}),
        "wind.csv": (wind, {"hour_start": MINUTE, "wind_mean_ms": ".1f", "wind_gust_ms": ".1f"}),
        "standby_rates.csv": (standby, {"rate": ".2f"}),
    }


def generate(out_dir: str | Path = HERE) -> list[Path]:
    """Write every file of the case into ``out_dir`` (default: this folder); return their paths."""
    return write_case(build(), out_dir)


if __name__ == "__main__":
    run_generator(build, HERE, __doc__)
