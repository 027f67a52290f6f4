"""Rebuild the pipeline-delay case files (article paragraph S2.2) byte for byte.

    python data/pipeline/generate.py            # writes into data/pipeline/
    python data/pipeline/generate.py --out DIR  # writes into DIR (used by the tests)

The case is deterministic: every figure below is a chosen, documented
parameter (see DATASHEET.md), so there is no random draw and nothing to seed.
Welding durations are not typed in: they are computed from section length,
joint length and welding productivity, with followup.cases.pipeline.welding_days, the rule the chapter and the calculator use.
"""

from __future__ import annotations

import math
import sys
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # run as a script from anywhere: make `followup` importable

from followup.datasets._validate import CaseFiles, run_generator, write_case  # noqa: E402
from followup.cases.pipeline import welding_days  # noqa: E402 - the rule the loader and the calculator use

PROJECT_START = date(2023, 4, 3)  # day 0, a Monday
JOINT_LENGTH_M = 12.2  # single random length, 40 ft

PROJECT = {
    "project_start_date": PROJECT_START,
    "length_km": 360.0,
    "diameter_in": 36,
    "wall_thickness_mm": 14.3,
    "steel_grade": "API 5L X70",
    "coating": "3LPE",
    "joint_length_m": JOINT_LENGTH_M,
    "design_pressure_bar": 95.0,
    "currency": "USD",
}

# section, name, km_from, km_to, terrain, rain_exposed
SECTIONS = [
    ("A", "Upland section A (border station to km 160)", 0.0, 160.0, "rolling upland, firm ground", False),
    ("B", "Upland section B (km 160 to km 312)", 160.0, 312.0, "savanna and farmland, firm ground", False),
    ("W", "Wetland section W (km 312 to km 360, river floodplain)", 312.0, 360.0,
     "seasonal wetland and river floodplain, flooded in the rains", True),
]

# option, section, method, spreads, joints/spread-day, welders/spread, equipment USD/day, freight USD, mobilisation days
WELDING_OPTIONS = [
    ("manual", "A", "manual SMAW (cellulosic, stove-pipe)", 1, 100, 40, 9000.0, 0.0, 0),
    ("manual", "B", "manual SMAW (cellulosic, stove-pipe)", 1, 100, 40, 9000.0, 0.0, 0),
    ("manual", "W", "manual SMAW (cellulosic, stove-pipe)", 1, 45, 36, 9000.0, 0.0, 0),
    ("auto_air", "W", "mechanised GMAW (internal root + external bugs)", 1, 100, 22, 25000.0, 1200000.0, 18),
    ("auto_sea", "W", "mechanised GMAW (internal root + external bugs)", 1, 100, 22, 25000.0, 180000.0, 60),
]

# The two upland sections run the same crew sequence; only durations, the welding spread and the
# right-of-way lag differ. code, name, predecessors, crew, crew size ({s}: the section, {lag}: the lag)
UPLAND_SEQUENCE = [
    ("CLR", "Clearing and grading", "MOB; ROW SS+{lag}", "clearing crew {s}", 55),
    ("DTR", "Ditching", "CLR-{s} SS+20", "ditching crew {s}", 30),
    ("STR", "Stringing and bending", "CLR-{s} SS+15; PROC-LP", "stringing crew {s}", 35),
    ("WLD", "Mainline welding", "STR-{s} SS+10; STR-{s} FF+5", "welding spread {spread}", 120),
    ("NDT", "Radiographic testing of welds", "WLD-{s} SS+5; WLD-{s} FF+3", "NDT crew {s}", 12),
    ("FJC", "Field joint coating", "NDT-{s} SS+5; NDT-{s} FF+3", "coating crew {s}", 30),
    ("LWR", "Lowering-in and backfill", "FJC-{s} SS+10; FJC-{s} FF+5; DTR-{s} SS+10", "lowering crew {s}", 45),
]


def upland_section(section: str, spread: int, row_lag: int, durations: tuple) -> list[tuple]:
    """The activity rows of an upland section, ``durations`` in the order of ``UPLAND_SEQUENCE``."""
    return [(f"{code}-{section}", f"{name}, section {section}", "construction", section, days,
             preds.format(s=section, lag=row_lag), crew.format(s=section, spread=spread), size, False)
            for (code, name, preds, crew, size), days in zip(UPLAND_SEQUENCE, durations, strict=True)]


# id, name, phase, section, duration days (None: computed from welding), predecessors, crew, crew size, rain exposed
ACTIVITIES = [
    ("START", "Contract award (notice to proceed)", "milestone", "all", 0, "", "", 0, False),
    ("SURV", "Route survey and LiDAR corridor mapping", "engineering", "all", 45, "START", "survey crew", 18, False),
    ("GEO", "Geotechnical investigation (boreholes at crossings and wetland)", "engineering", "all", 60,
     "SURV SS+20", "geotechnical crew", 14, False),
    ("DES-B", "Basic design (route, wall thickness, hydraulics)", "engineering", "all", 40, "SURV",
     "design team", 25, False),
    ("DES-D", "Detailed design and construction drawings", "engineering", "all", 90, "DES-B; GEO",
     "design team", 40, False),
    ("ROW", "Right-of-way acquisition and land access", "land", "all", 150, "SURV", "land team", 30, False),
    ("PROC-LP", "Line pipe: mill order, coating, shipping and delivery to pipe yards", "procurement", "all",
     210, "DES-B", "", 0, False),
    ("PROC-VAL", "Mainline valves, fittings and pig traps (long lead)", "procurement", "all", 270, "DES-B",
     "", 0, False),
    ("PROC-HDD", "HDD subcontract and rig mobilisation", "procurement", "all", 60, "DES-D SS+30", "", 0, False),
    ("CAMP", "Construction camps (three) and pipe yards", "construction", "all", 60, "ROW SS+60",
     "camp builders", 60, False),
    ("MOB", "Mobilisation of the three spreads", "construction", "all", 30, "CAMP SS+30", "spread staff", 45,
     False),
    # section, welding spread, right-of-way lag, days of CLR DTR STR WLD NDT FJC LWR (WLD: from productivity)
    *upland_section("A", 1, 90, (70, 100, 60, None, 120, 120, 110)),
    *upland_section("B", 2, 120, (65, 95, 55, None, 115, 115, 105)),
    ("CLR-W", "Clearing, timber-mat access road and dewatering, section W", "construction", "W", 35, "MOB; ROW",
     "wetland clearing crew", 60, True),
    ("STR-W", "Stringing on mats (swamp buggies), section W", "construction", "W", 30, "CLR-W SS+10; PROC-LP",
     "wetland stringing crew", 40, True),
    ("WLD-W", "Welding, wetland section W", "construction", "W", None, "STR-W SS+5; STR-W FF+3",
     "welding spread 3 (wetland)", 110, True),
    ("NDT-W", "NDT of welds, section W", "construction", "W", 30, "WLD-W SS+4; WLD-W FF+2", "NDT crew W", 12,
     True),
    ("FJC-W", "Field joint coating, section W", "construction", "W", 32, "NDT-W SS+3; NDT-W FF+2",
     "coating crew W", 30, True),
    ("LWR-W", "Ditching and lowering-in with concrete set-on weights, section W", "construction", "W", 30,
     "FJC-W SS+6; FJC-W FF+4", "wetland lowering crew", 70, True),
    ("BKF-W", "Backfill and bank protection, section W", "construction", "W", 25, "LWR-W SS+5; LWR-W FF+3",
     "wetland backfill crew", 40, True),
    ("HDD-R", "River crossing by horizontal directional drilling (1.4 km)", "construction", "W", 70,
     "PROC-HDD; GEO", "HDD crew", 28, False),
    ("RDX", "Road and rail crossings (14 auger bores)", "construction", "A", 60, "CLR-A SS+30",
     "boring crew", 16, False),
    ("VAL-I", "Block-valve stations installation", "construction", "all", 40, "PROC-VAL; CLR-B SS+30",
     "mechanical crew", 25, False),
    ("CP", "Cathodic protection (ground beds, test posts)", "construction", "all", 40, "LWR-A SS+30",
     "CP crew", 12, False),
    ("TIE", "Tie-ins of sections and crossings", "construction", "all", 30, "LWR-A; LWR-B; BKF-W; HDD-R; RDX",
     "tie-in crew", 35, False),
    ("HYD", "Hydrostatic testing (test sections)", "precommissioning", "all", 45, "TIE; VAL-I",
     "hydrotest crew", 25, False),
    ("CLD", "Cleaning, gauging and drying", "precommissioning", "all", 30, "HYD", "pigging crew", 15, False),
    ("PCOM", "Pre-commissioning (instrument loops, SCADA, valve function tests)", "precommissioning", "all", 25,
     "CLD; CP", "pre-commissioning team", 20, False),
    ("COM", "Commissioning and line fill", "commissioning", "all", 30, "PCOM", "commissioning team", 25, False),
    ("FINISH", "Mechanical completion and handover", "milestone", "all", 0, "COM", "", 0, False),
]

# scenario, rain start day, dry season start day, known from day, note
PLANNED_RAIN_DAY = 406
EARLY_BY_DAYS = 14  # S2.2: the rainy season arrived two weeks early
DRY_SEASON_DAY = 560
FORECAST_DAY = 286  # revised seasonal outlook: 14 days before wetland welding was due to start
RAIN_WINDOW = [
    ("planned", PLANNED_RAIN_DAY, DRY_SEASON_DAY, 0,
     "climatological onset used in the baseline plan (long-term median)"),
    ("actual", PLANNED_RAIN_DAY - EARLY_BY_DAYS, DRY_SEASON_DAY, FORECAST_DAY,
     "onset two weeks early, announced by the revised seasonal outlook"),
]

# item, category, quantity, unit, standby USD per unit-day, basis
STANDBY = [
    ("Pipelayers (side booms, 90 t)", "equipment", 8, "machine", 1400.0,
     "about 60 % of a 2,300 USD/day operated rate"),
    ("Amphibious (swamp) excavators", "equipment", 6, "machine", 1600.0,
     "long-reach pontoon excavators, owner's standby rate"),
    ("Swamp buggies and marsh carriers", "equipment", 4, "machine", 900.0, "standby rate"),
    ("Welding equipment of the wetland spread", "equipment", 1, "spread", 6000.0,
     "engine welders, clamps, shelters kept on site"),
    ("Key crew retained on site", "crew", 85, "person", 220.0,
     "retention pay plus board; the rest of the spread is demobilised"),
    ("Camp operation and security (wetland camp)", "site", 1, "camp", 7500.0, "catering, power, guards"),
    ("Site supervision and overheads", "site", 1, "site", 6500.0, "contractor's and owner's staff"),
]


def build() -> CaseFiles:
    """Every file of the case as (frame, fixed formats), keyed by file name."""
    project = pd.DataFrame([PROJECT])
    project["project_start_date"] = pd.to_datetime(project["project_start_date"])

    sections = pd.DataFrame(SECTIONS, columns=["section", "name", "km_from", "km_to", "terrain", "rain_exposed"])
    sections["length_km"] = sections["km_to"] - sections["km_from"]
    sections["joints"] = [math.ceil(round(km * 1000 / JOINT_LENGTH_M, 6)) for km in sections["length_km"]]
    sections = sections[["section", "name", "km_from", "km_to", "length_km", "joints", "terrain", "rain_exposed"]]

    options = pd.DataFrame(WELDING_OPTIONS, columns=[
        "option", "section", "method", "spreads", "joints_per_spread_day", "welders_per_spread",
        "equipment_usd_per_day", "freight_usd", "mobilisation_days"])

    joints = dict(zip(sections["section"], sections["joints"]))
    manual = options[options["option"] == "manual"].set_index("section")
    rows = []
    for act_id, name, phase, section, duration, preds, crew, crew_size, wet in ACTIVITIES:
        if duration is None:  # a welding activity: its duration follows from productivity
            spread = manual.loc[section]
            duration = welding_days(joints[section], spread["joints_per_spread_day"], spread["spreads"])
        rows.append((act_id, name, phase, section, duration, preds, crew, crew_size, wet))
    activities = pd.DataFrame(rows, columns=[
        "id", "name", "phase", "section", "duration", "predecessors", "crew", "crew_size",
        "rain_exposed"])

    rain = pd.DataFrame(RAIN_WINDOW, columns=[
        "scenario", "rain_start_day", "dry_season_start_day", "known_from_day", "note"])
    to_date = lambda day: pd.Timestamp(PROJECT_START + timedelta(days=int(day)))  # noqa: E731
    rain.insert(2, "rain_start_date", rain["rain_start_day"].map(to_date))
    rain.insert(4, "dry_season_start_date", rain["dry_season_start_day"].map(to_date))

    standby = pd.DataFrame(STANDBY, columns=["item", "category", "quantity", "unit", "rate", "basis"])

    return {
        "project.csv": (project, {"project_start_date": "%Y-%m-%d", "length_km": ".1f",
                                  "wall_thickness_mm": ".1f", "joint_length_m": ".1f",
                                  "design_pressure_bar": ".1f"}),
        "sections.csv": (sections, {"km_from": ".1f", "km_to": ".1f", "length_km": ".1f"}),
        "activities.csv": (activities, {}),
        "welding_options.csv": (options, {"equipment_usd_per_day": ".2f", "freight_usd": ".2f"}),
        "rain_window.csv": (rain, {"rain_start_date": "%Y-%m-%d", "dry_season_start_date": "%Y-%m-%d"}),
        "standby_costs.csv": (standby, {"rate": ".2f"}),
    }


def generate(out_dir: str | Path = HERE) -> list[Path]:
    """Write every file of the case into ``out_dir`` (default: this folder); return their paths."""
    return write_case(build(), out_dir)


if __name__ == "__main__":
    run_generator(build, HERE, __doc__)
