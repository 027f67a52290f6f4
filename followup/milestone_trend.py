"""Milestone trend analysis: where each milestone's forecast date went, report after report.

The project's follow-up instrument for a preset deliverable (article paragraph S1.2): at every
monthly report the team forecasts the date of each milestone that is not yet reached. Plotted
against the report date, a flat line is a milestone on track, a rising line one that slips; a line
that meets the diagonal (forecast = report date) is a milestone reached (Meredith, Shafer and
Mantel, *Project Management: A Strategic Managerial Approach*, 10th ed., 2018; the German
*Meilensteintrendanalyse*).

>>> import pandas as pd
>>> reports = pd.DataFrame({"report_date": pd.to_datetime(["2024-01-31", "2024-02-29", "2024-03-31"]),
...                         "milestone": ["M1"] * 3,
...                         "forecast_date": pd.to_datetime(["2024-03-15", "2024-03-29", "2024-03-29"])})
>>> milestone_trend(reports, {"M1": "2024-03-15"})["M1"].tolist()
[0, 14, 14]
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from followup.errors import DataError

__all__ = ["forecast_table", "milestone_trend", "reached_on"]

COLUMNS = ("report_date", "milestone", "forecast_date")
MAX_ROWS = 100_000


def _checked(reports: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(reports, pd.DataFrame):
        raise DataError(f"reports must be a DataFrame with columns {', '.join(COLUMNS)}, got {type(reports).__name__}")
    missing = [c for c in COLUMNS if c not in reports.columns]
    if missing:
        raise DataError(f"reports has no column {', '.join(map(repr, missing))}; it needs {', '.join(COLUMNS)}")
    if len(reports) > MAX_ROWS:
        raise DataError(f"reports has {len(reports):,} rows, more than {MAX_ROWS:,}; analyse fewer reports")
    repeated = reports.duplicated(["report_date", "milestone"])
    if repeated.any():
        row = reports[repeated].iloc[0]
        raise DataError(f"milestone {row['milestone']!r} has two forecasts in the report of "
                        f"{pd.Timestamp(row['report_date']).date()}; keep one")
    return reports


def forecast_table(reports: pd.DataFrame) -> pd.DataFrame:
    """Forecast date of each milestone (columns) at each report (rows), blank where it was not forecast."""
    reports = _checked(reports)
    order = list(dict.fromkeys(reports["milestone"]))
    return reports.pivot(index="report_date", columns="milestone", values="forecast_date")[order]


def milestone_trend(reports: pd.DataFrame, baseline: Mapping[str, object]) -> pd.DataFrame:
    """Slip in days of each milestone's forecast against its ``baseline`` date (positive: late), per report.

    ``baseline`` maps every milestone of ``reports`` to its planned date (the project's baseline).
    """
    table = forecast_table(reports)
    unknown = [m for m in table.columns if m not in baseline]
    if unknown:
        raise DataError(f"milestone {unknown[0]!r} has no baseline date; add it to baseline "
                        f"(known: {', '.join(map(str, baseline))})")
    slips = {m: (table[m] - pd.Timestamp(baseline[m])).dt.days.astype("Int64") for m in table.columns}
    return pd.DataFrame(slips, index=table.index).rename_axis(columns="milestone")


def reached_on(reports: pd.DataFrame) -> pd.Series:
    """The date each milestone was reached: the first report whose forecast is on or before the report date.

    Milestones not yet reached are left out.
    """
    reports = _checked(reports)
    done = reports[reports["forecast_date"] <= reports["report_date"]]
    return done.sort_values("report_date").groupby("milestone", sort=False)["forecast_date"].first()
