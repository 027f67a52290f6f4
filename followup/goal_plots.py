"""Charts of the goals chapter; each takes computed results and returns a ``matplotlib.figure.Figure``.

Colours are Okabe-Ito (:data:`followup.gantt.OKABE_ITO`) and every series also differs by marker or
line style, so the charts read in greyscale and for colour-blind readers.

>>> import pandas as pd
>>> from followup.control_chart import p_chart
>>> chart = p_chart([45, 47, 44, 30], [50, 50, 50, 50])
>>> fig = plot_p_chart(chart, title="Resolved within 48 h")
>>> fig.axes[0].get_title()
'Resolved within 48 h'
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MultipleLocator, NullFormatter, PercentFormatter

from followup.gantt import OKABE_ITO

__all__ = ["plot_change_cost", "plot_milestone_trend", "plot_oc_curves", "plot_p_chart", "plot_policy_tradeoff",
           "plot_stock_paths"]

_COLOURS = [OKABE_ITO[c] for c in ("blue", "orange", "green", "vermillion", "purple", "sky_blue", "black")]
_MARKERS = "osD^vP*"
_LINES = ["-", "--", "-.", ":", "-", "--", "-."]
_GRID = {"color": "#DDDDDD", "linewidth": 0.6}


def _figure(size=(9, 4.5)) -> tuple[Figure, object]:
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    plt.close(fig)  # returned, not left to pyplot: shown once in notebooks (as followup.gantt does)
    return fig, ax


def plot_policy_tradeoff(grid: pd.DataFrame, *, marks: Mapping[str, tuple[float, float]] | None = None,
                         title: str = "Turnover against stock-outs as the policy moves") -> Figure:
    """Stock-out rate (per SKU-day) against inventory turnover, one line per review period of ``grid``.

    ``grid`` is :func:`followup.replenishment.policy_grid`'s table; along a line the safety factor
    rises from right (lean stock, many stock-outs) to left. ``marks`` labels points
    ``{label: (turnover, stockout_rate)}`` such as the as-is policy.
    """
    fig, ax = _figure()
    for k, (period, rows) in enumerate(grid.groupby("review_period", sort=True)):
        ax.plot(rows["turnover"], rows["stockout_rate"], color=_COLOURS[k % 7], marker=_MARKERS[k % 7],
                linestyle=_LINES[k % 7], markersize=4, label=f"review every {period:g} day{'s' if period != 1 else ''}")
    # the mark furthest left gets the top label, so the lines from the labels' left ends never cross
    for k, (label, (turnover, rate)) in enumerate(sorted((marks or {}).items(), key=lambda m: m[1][0])):
        ax.plot([turnover], [rate], marker="X", markersize=11, color="black", linestyle="none")
        # labels stacked in the empty upper middle (above the short review periods' lines), a thin line to each mark
        ax.annotate(label, (turnover, rate), xytext=(0.42, 0.92 - 0.08 * k), textcoords="axes fraction",
                    fontsize=9, ha="left", va="top",
                    arrowprops={"arrowstyle": "-", "color": "black", "linewidth": 0.6, "shrinkB": 6,
                                   "relpos": (0, 0)})
    ax.set(title=title, xlabel="Inventory turnover (cost of goods sold / average stock at cost, per year, log scale)",
           ylabel="Stock-out rate (share of SKU-days)")
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xticks([20, 30, 50, 100, 200, 300])
    ax.yaxis.set_major_locator(MultipleLocator(0.02))
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.grid(**_GRID)
    ax.legend(title="Safety factor rises to the left", loc="upper left", fontsize=9)
    return fig


def plot_p_chart(chart: pd.DataFrame, *, title: str, ylabel: str = "Share of the month's cases") -> Figure:
    """A p-chart from :func:`followup.control_chart.p_chart`: the rate, centre line, 3-sigma limits, signals ringed."""
    fig, ax = _figure((9, 4))
    x = chart.index
    ax.plot(x, chart["rate"], color=OKABE_ITO["blue"], marker="o", label="monthly rate")
    ax.plot(x, chart["centre"], color="black", linestyle="-", linewidth=1, label="centre line (baseline)")
    ax.step(x, chart["upper"], where="mid", color=OKABE_ITO["vermillion"], linestyle="--", label="3-sigma limits")
    ax.step(x, chart["lower"], where="mid", color=OKABE_ITO["vermillion"], linestyle="--")
    signals = chart[chart["signal"]]
    ax.plot(signals.index, signals["rate"], linestyle="none", marker="o", markersize=14, markerfacecolor="none",
            markeredgecolor=OKABE_ITO["vermillion"], markeredgewidth=2, label="signal (outside the limits)")
    ax.set(title=title, xlabel="Month", ylabel=ylabel)
    ax.yaxis.set_major_locator(MultipleLocator(0.02))
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.grid(**_GRID)
    ax.legend(loc="lower left", fontsize=9)
    return fig


def plot_milestone_trend(forecasts: pd.DataFrame, names: Mapping[str, str] | None = None, *,
                         title: str = "Milestone trend analysis") -> Figure:
    """Forecast date (y) of each milestone at each report (x), from :func:`followup.milestone_trend.forecast_table`.

    A flat line is on track, a rising one slips; the diagonal marks forecast = report date, where a
    line ends when its milestone is reached.
    """
    fig, ax = _figure((9, 5.5))
    for k, milestone in enumerate(forecasts.columns):
        line = forecasts[milestone].dropna()
        label = f"{milestone} {names[milestone]}" if names and milestone in names else milestone
        ax.plot(line.index, line.to_numpy(), color=_COLOURS[k % 7], marker=_MARKERS[k % 7],
                linestyle=_LINES[k % 7], label=label)
    low = min(forecasts.index.min(), forecasts.min().min())
    high = max(forecasts.index.max(), forecasts.max().max())
    ax.plot([low, high], [low, high], color="#777777", linewidth=1, linestyle=":", label="forecast = report date")
    ax.set_xlim(forecasts.index.min() - pd.Timedelta(days=10), forecasts.index.max() + pd.Timedelta(days=10))
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
        axis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.set(title=title, xlabel="Date of the monthly report", ylabel="Forecast date of the milestone")
    ax.grid(**_GRID)
    ax.legend(loc="lower right", fontsize=9)
    return fig


def plot_oc_curves(curves: Mapping[str, pd.Series], *, target_yield: float, marks=(0.93, 0.95, 0.97),
                   title: str = "Operating characteristic: who passes the acceptance test?") -> Figure:
    """P(pass) against the line's true yield, one curve per plan (``{label: oc_curve(...)}``)."""
    fig, ax = _figure()
    for k, (label, curve) in enumerate(curves.items()):
        ax.plot(curve.index, curve.to_numpy(), color=_COLOURS[k % 7], linestyle=_LINES[k % 7], linewidth=2,
                label=label)
    ax.axvline(target_yield, color="black", linewidth=1, linestyle=":", label=f"target yield {target_yield:.0%}")
    for y in marks:
        ax.axvline(y, color="#BBBBBB", linewidth=0.8)
    ax.set(title=title, xlabel="True yield of the line", ylabel="Probability the trial run passes", ylim=(0, 1.02))
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.grid(**_GRID)
    ax.legend(loc="upper left", fontsize=9)
    return fig


def plot_change_cost(cost: pd.DataFrame, names: Mapping[str, str] | None = None, *,
                     title: str = "What the same circuit change costs, by the milestone it comes after") -> Figure:
    """Stacked bars of :func:`followup.change_cost.change_cost_by_phase`: redesign, scrapped commitments, delay."""
    fig, ax = _figure()
    labels = [f"{m}\n" + textwrap.fill(names[m], 16) if names and m in names else m for m in cost.index]
    x = np.arange(len(cost))
    bottom = np.zeros(len(cost))
    parts = (("redesign", "redesign engineering", OKABE_ITO["sky_blue"], ""),
             ("scrapped", "commitments scrapped", OKABE_ITO["vermillion"], "//"),
             ("delay_cost", "later launch", OKABE_ITO["orange"], ".."))
    for column, label, colour, hatch in parts:
        values = cost[column].to_numpy() / 1e6
        ax.bar(x, values, bottom=bottom, color=colour, hatch=hatch, edgecolor="black", linewidth=0.5, label=label)
        bottom += values
    for xi, total in zip(x, bottom):
        ax.annotate(f"{total:.1f}", (xi, total), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=9)
    ax.set_xticks(x, labels, fontsize=8)
    ax.set(title=title, ylabel="Cost of the change (CNY million)")
    ax.grid(axis="y", **_GRID)
    ax.legend(loc="upper left", fontsize=9)
    return fig


def plot_stock_paths(paths: Mapping[str, pd.Series], *, window: tuple | None = None,
                     title: str, ylabel: str = "Units on the shelf at closing") -> Figure:
    """Closing stock over time, one line per scenario (``{label: Series indexed by date}``), a window shaded."""
    fig, ax = _figure((9, 4))
    if window is not None:
        ax.axvspan(window[0], window[1], color="#CCCCCC", alpha=0.5, label="promotion")
    for k, (label, path) in enumerate(paths.items()):
        ax.step(path.index, path.to_numpy(), where="post", color=_COLOURS[k % 7], linestyle=_LINES[k % 7],
                linewidth=1.8, label=label)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
    ax.set(title=title, xlabel="Day (2025)", ylabel=ylabel)
    ax.grid(**_GRID)
    ax.legend(loc="upper left", fontsize=9)
    return fig
