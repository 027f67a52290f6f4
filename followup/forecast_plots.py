"""Charts of a recurring peak (matplotlib; the forecasts are computed in :mod:`followup.forecast`).

A business that follows up a cycle that comes round again reads it window against window: the same
event window of each year on one axis. The function returns the Figure, closed in pyplot so a
notebook shows it once. Colours are Okabe-Ito (:data:`followup.gantt.OKABE_ITO`), and each year also
has its own marker and line style, so the lines stay apart in greyscale.

>>> import pandas as pd
>>> days = pd.date_range("2024-06-01", periods=3)
>>> windows = {2024: pd.DataFrame({"date": days, "orders": [1000, 3000, 2000]}),
...            2025: pd.DataFrame({"date": days + pd.DateOffset(years=1), "orders": [1500, 4000, 2500]})}
>>> fig = plot_event_windows(windows, title="Two windows")
>>> fig.axes[0].get_xlabel(), [line.get_label() for line in fig.axes[0].get_lines()]
('Day of June', ['2024', '2025'])
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from followup.bounds import MAX_MAGNITUDE, finite_columns, real
from followup.errors import DataError
from followup.gantt import OKABE_ITO

__all__ = ["plot_event_windows"]

# One style per year: colour, marker, line style (the first five are the 618 chart's years).
_STYLES = tuple(zip(
    (OKABE_ITO[c] for c in ("sky_blue", "orange", "green", "purple", "blue", "vermillion", "black", "yellow")),
    "osD^vPX*", ("-", "--", "-.", ":", "-", "--", "-.", ":")))


def plot_event_windows(windows: Mapping, *, column: str = "orders", scale: float = 1000,
                       ylabel: str = "Orders per day (thousands)",
                       title: str = "The same event window, year after year") -> Figure:
    """One line per year of an event window's daily ``column`` (divided by ``scale``) against the day of the month.

    ``windows`` maps a year to its window's rows (``date`` and ``column``), e.g. from
    :meth:`followup.datasets.order_peak_618.OrderPeakCase.window`; at most eight years, each within one
    month (the month of the first window names the x axis).
    """
    if not isinstance(windows, Mapping) or not 1 <= len(windows) <= len(_STYLES):
        raise DataError(f"windows must map 1 to {len(_STYLES)} years to their window's rows (date, {column})")
    real(scale, "scale", low=0, low_open=True, error=DataError, hint=" (e.g. 1000 for thousands)")
    for year, window in windows.items():
        if not isinstance(window, pd.DataFrame) or window.empty or not {"date", column} <= set(window.columns):
            raise DataError(f"the window of {year!r} must be a non-empty DataFrame with columns date and {column}")
        finite_columns(window, [column], f"the window of {year!r}", error=DataError)
        if (window[column].astype(float).abs() > MAX_MAGNITUDE).any():
            raise DataError(f"the window of {year!r} has a {column} value beyond {MAX_MAGNITUDE:g}")
        if not pd.api.types.is_datetime64_any_dtype(window["date"]) or window["date"].isna().any() \
                or window["date"].dt.to_period("M").nunique() != 1:
            raise DataError(f"the window of {year!r} needs dates (datetime64, no NaT) within one month")
    first = next(iter(windows.values()))["date"]
    days = pd.concat([window["date"].dt.day for window in windows.values()])
    fig, ax = plt.subplots(figsize=(9, 4.5), layout="constrained")
    plt.close(fig)  # returned, not left to pyplot: shown once in notebooks
    for (year, window), (colour, marker, line) in zip(windows.items(), _STYLES):
        ax.plot(window["date"].dt.day, window[column] / scale, color=colour, marker=marker, linestyle=line,
                markersize=5, label=str(year))
    ax.set(title=title, xlabel=f"Day of {first.dt.month_name().iloc[0]}", ylabel=ylabel,
           xticks=range(int(days.min()), int(days.max()) + 1))
    ax.grid(color="#DDDDDD", linewidth=0.6)
    ax.legend(title="Year", ncols=min(len(windows), 5), loc="upper left")
    return fig
