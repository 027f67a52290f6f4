"""Loader of ``data/subsea_tunnel/``: a subsea TBM tunnel's TOP-5 risks and its settlement across a fault zone (S4.2).

Synthetic (see ``data/subsea_tunnel/DATASHEET.md``): a generic subsea tunnel calibrated to the figures
the article attributes to the Channel Tunnel: settlement held to 7 mm against a 15 mm allowance in a
fault zone, with grouting and strengthened segments. Five tables: the risk register (nine candidate
risks, contingency budgets for the TOP 5), the monitoring points, the daily TBM progress, the daily
crown-settlement readings and the grouting events::

    from followup.datasets import subsea_tunnel
    tunnel = subsea_tunnel.load()
    tunnel.settlement.settlement_mm.max()        # 7.0 mm
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from followup.datasets._validate import Column, case_dir, check_references, read_csv_checked, regenerate_command

CASE = "subsea_tunnel"

RISKS = (
    Column("risk_id", "str", pattern=r"R\d{2}", unique=True, description="risk id"),
    Column("risk", "str", unique=True, description="short name of the risk"),
    Column("category", "str", choices=("geotechnical", "hydrogeological", "equipment", "structural", "environmental"),
           description="risk category"),
    Column("cause", "str", description="what would make it happen"),
    Column("effect", "str", description="what happens if it does"),
    Column("severity", "int", min=1, max=10, description="FMEA severity of the effect (10 worst)"),
    Column("occurrence", "int", min=1, max=10, description="FMEA occurrence of the cause (10 most frequent)"),
    Column("detection", "int", min=1, max=10, description="FMEA detection (10 = hardest to detect in time)"),
    Column("probability", "float", min=0.0, max=1.0, description="probability that it happens during the drive"),
    Column("impact", "int", unit="CNY", min=0, max=10_000_000_000,
           description="cost if it happens (repair, delay, claims)"),
    Column("mitigation", "str", description="mitigation plan"),
    Column("contingency_cny", "int", unit="CNY", min=0, max=1_000_000_000, nullable=True,
           description="contingency budget held for the risk (empty: not in the TOP 5, no budget of its own)"),
)

MONITORING_POINTS = (
    Column("point_id", "str", pattern=r"SP\d{2}", unique=True, description="monitoring point (lining crown prism)"),
    Column("chainage_m", "float", unit="m", min=0, max=20_000, description="position along the tunnel"),
    Column("zone", "str", choices=("normal", "fault"), description="ground at the point"),
    Column("segment_type", "str", choices=("standard", "strengthened"),
           description="lining ring at the point: standard or strengthened (heavier reinforcement, thicker segments)"),
    Column("rock_cover_m", "float", unit="m", min=1, max=200, description="rock cover above the crown"),
    Column("allowance_mm", "float", unit="mm", min=0.1, max=100, description="allowed settlement of the crown"),
    Column("design_prediction_mm", "float", unit="mm", min=0, max=100,
           description="settlement the designers predicted with no reinforcement"),
)

TBM_PROGRESS = (
    Column("day", "int", unit="day", min=1, max=1000, unique=True, description="day of the fault-zone drive"),
    Column("face_chainage_m", "float", unit="m", min=0, max=20_000,
           description="TBM face position at the end of the day"),
    Column("rings_installed", "int", unit="rings", min=0, max=20_000, description="lining rings built, cumulative"),
    Column("activity", "str", choices=("boring", "probe_and_grout", "maintenance"),
           description="what the TBM did that day"),
)

SETTLEMENT = (
    Column("day", "int", key=True, unit="day", min=1, max=1000, description="day of the reading"),
    Column("point_id", "str", key=True, pattern=r"SP\d{2}", description="monitoring point"),
    Column("settlement_mm", "float", unit="mm", min=-5, max=100,
           description="crown settlement since the ring left the shield (negative: heave)"),
)

GROUTING = (
    Column("event_id", "str", pattern=r"G\d{2}", unique=True, description="grouting event"),
    Column("day", "int", unit="day", min=1, max=1000, description="day of the grouting"),
    Column("measure", "str", choices=("pre_excavation_grouting", "secondary_grouting"),
           description="curtain grouting ahead of the face, or grouting behind the lining where settlement grew"),
    Column("chainage_from_m", "float", unit="m", min=0, max=20_000, description="start of the grouted stretch"),
    Column("chainage_to_m", "float", unit="m", min=0, max=20_000, description="end of the grouted stretch"),
    Column("grout_volume_m3", "float", unit="m3", min=0.1, max=10_000, description="grout injected"),
    Column("trigger", "str", description="why the grouting was done"),
)

#: Every file of the case and its schema.
FILES = {"risks.csv": RISKS, "monitoring_points.csv": MONITORING_POINTS, "tbm_progress.csv": TBM_PROGRESS,
         "settlement.csv": SETTLEMENT, "grouting.csv": GROUTING}


@dataclass(frozen=True)
class SubseaTunnel:
    """The tables of the subsea-tunnel case (see the module docstring)."""

    risks: pd.DataFrame
    monitoring_points: pd.DataFrame
    tbm_progress: pd.DataFrame
    settlement: pd.DataFrame
    grouting: pd.DataFrame


def load(data_dir: str | Path | None = None) -> SubseaTunnel:
    """Read and check every file of the case; return a :class:`SubseaTunnel`.

    ``data_dir`` defaults to the repository's ``data/subsea_tunnel/``. Raises
    :class:`~followup.errors.DataError` naming file, column and data row when a file is missing,
    truncated, holds a value of the wrong type or range, or a reading names an unknown point.

    >>> tunnel = load()
    >>> float(tunnel.settlement.settlement_mm.max()), float(tunnel.monitoring_points.allowance_mm.max())
    (7.0, 15.0)
    """
    folder = case_dir(CASE, data_dir)
    fix = regenerate_command(CASE, folder, data_dir)
    points = read_csv_checked(folder / "monitoring_points.csv", MONITORING_POINTS, regenerate=fix)
    settlement = read_csv_checked(folder / "settlement.csv", SETTLEMENT, regenerate=fix)
    check_references(settlement, "point_id", points["point_id"], path=folder / "settlement.csv",
                     target="point_id in monitoring_points.csv")
    return SubseaTunnel(
        risks=read_csv_checked(folder / "risks.csv", RISKS, regenerate=fix),
        monitoring_points=points,
        tbm_progress=read_csv_checked(folder / "tbm_progress.csv", TBM_PROGRESS, regenerate=fix),
        settlement=settlement,
        grouting=read_csv_checked(folder / "grouting.csv", GROUTING, regenerate=fix),
    )
