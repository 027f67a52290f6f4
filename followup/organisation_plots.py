"""Charts of the organisation chapter (matplotlib; the numbers are computed in flow, decisions, ... ).

Each function takes results and returns a Figure, closed in pyplot so a notebook shows it once.
Colours are Okabe-Ito (:data:`followup.gantt.OKABE_ITO`), and each distinction has a second cue
(hatching, marker shape, line style) that survives greyscale.

>>> import pandas as pd
>>> fig = plot_value_stream(pd.Series({"apply": 1.0, "review": 2.0}), waits=[20.0])
>>> fig.axes[0].get_xlabel(), len(fig.axes[0].patches)  # touch, wait, touch
('Hours from application (mean case)', 3)
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from followup.bounds import require_number
from followup.errors import OrganisationError
from followup.gantt import OKABE_ITO

__all__ = ["plot_channels", "plot_efficiency_by_job_type", "plot_latency_vs_levels", "plot_payment_readings",
           "plot_value_stream"]

_TOUCH, _WAIT = OKABE_ITO["blue"], OKABE_ITO["orange"]
_PERIOD_STYLE = {0: (OKABE_ITO["vermillion"], "o", "-"), 1: (OKABE_ITO["blue"], "s", "--")}


def _figure(size) -> tuple[Figure, plt.Axes]:
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    plt.close(fig)
    ax.grid(color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    return fig, ax


def _need(frame, columns, what):
    if not isinstance(frame, pd.DataFrame) or any(c not in frame.columns for c in columns):
        raise OrganisationError(f"{what} must be a DataFrame with columns {', '.join(columns)}")


def plot_value_stream(touch_hours: pd.Series, waits, *, title: str = "Where a loan case's lead time goes") -> Figure:
    """One horizontal bar of a case's lead time: each step's mean touch hours (``touch_hours``, step -> hours,
    in the order of the steps), with the mean wait (hours) at each hand-off between consecutive steps in
    between (``waits``, one fewer than the steps, e.g. the ``mean_h`` of the hand-offs in order); waits of
    3 h or more are labelled."""
    if not isinstance(touch_hours, pd.Series) or touch_hours.empty:
        raise OrganisationError("touch_hours must be a non-empty Series: step -> mean touch hours, in order")
    waits = list(waits) if isinstance(waits, (list, tuple, pd.Series, np.ndarray)) else None
    if waits is None or len(waits) != len(touch_hours) - 1:
        raise OrganisationError(f"waits must list one wait per hand-off: {len(touch_hours) - 1} for "
                                f"{len(touch_hours)} steps")
    hours = [require_number(h, f"the touch hours of {step!r}", low=0, high=1e6, unit="hours")
             for step, h in touch_hours.items()]
    waits = [require_number(w, f"wait {k}", low=0, high=1e6, unit="hours") for k, w in enumerate(waits, start=1)]
    fig, ax = _figure((6.4, 2.6))
    left = 0.0
    for k, touch in enumerate(hours):
        for length, is_touch in ([(waits[k - 1], False)] if k else []) + [(touch, True)]:
            ax.barh(0, length, left=left, color=_TOUCH if is_touch else _WAIT, hatch=None if is_touch else "//",
                    edgecolor="white", linewidth=1)
            if not is_touch and length >= 3:
                ax.text(left + length / 2, 0, f"{length:.1f} h", ha="center", va="center", fontsize=9)
            left += length
    ax.set(title=title, xlabel="Hours from application (mean case)", yticks=[], xlim=(0, left * 1.01))
    ax.legend(handles=[Patch(color=_TOUCH, label="touch time (work on the case)"),
                       Patch(facecolor=_WAIT, hatch="//", edgecolor="white", label="waiting at a hand-off")],
              loc="upper center", bbox_to_anchor=(0.5, -0.45), ncols=2, frameon=False)
    return fig


def plot_efficiency_by_job_type(table: pd.DataFrame, *, title: str = "Labour-hour efficiency by job type") -> Figure:
    """Grouped bars: ``table`` indexed by job type with columns ``before`` and ``after`` (efficiency, share)."""
    _need(table, ("before", "after"), "table")
    fig, ax = _figure((9, 4))
    x = np.arange(len(table))
    ax.bar(x - 0.2, table["before"], 0.4, color=OKABE_ITO["sky_blue"], label="before: generalists")
    ax.bar(x + 0.2, table["after"], 0.4, color=OKABE_ITO["blue"], hatch="//", edgecolor="white",
           label="after: certified specialists")
    ax.axhline(1.0, color="black", linestyle=":", linewidth=1, label="the guide's standard time")
    ax.set_xticks(x, [name.replace("_", " ") for name in table.index], rotation=20, ha="right")
    ax.set(title=title, ylabel="Standard hours / actual hours", ylim=(0, max(1.2, float(table.max().max()) * 1.1)))
    ax.legend(loc="upper left", ncols=3, fontsize=9)
    return fig


def plot_latency_vs_levels(issues: pd.DataFrame, fit: pd.DataFrame, *,
                           title: str = "Decision latency against decision levels") -> Figure:
    """Each issue's ``latency_h`` against its ``decision_levels`` by ``period``, with the fitted lines of ``fit``."""
    _need(issues, ("period", "decision_levels", "latency_h"), "issues")
    _need(fit, ("analysis_h", "hours_per_level"), "fit")
    fig, ax = _figure((6.4, 4))
    rng = np.random.default_rng(0)  # horizontal jitter only, so points at the same level do not hide each other
    for k, (period, part) in enumerate(issues.groupby("period", sort=True)):
        colour, marker, line = _PERIOD_STYLE[k % 2]
        label = period.replace("_", " ")
        ax.scatter(part["decision_levels"] + rng.uniform(-0.12, 0.12, len(part)), part["latency_h"], color=colour,
                   marker=marker, alpha=0.6, s=22, label=f"{label}: issues")
        levels = np.arange(1, part["decision_levels"].max() + 1)
        row = fit.loc[period]
        ax.plot(levels, row["analysis_h"] + row["hours_per_level"] * levels, color=colour, linestyle=line,
                linewidth=2, label=f"{label}: {row['analysis_h']:.1f} h + {row['hours_per_level']:.1f} h per level")
    ax.set(title=title, xlabel="Decision levels the issue climbed", ylabel="Raised to decided (hours)",
           xticks=range(1, int(issues["decision_levels"].max()) + 1))
    ax.legend(loc="upper left", fontsize=9)
    return fig


def plot_channels(sizes: pd.DataFrame, *, mark: int | None = None,
                  leads_label: str = "across departments only through their heads",
                  title: str = "Channels grow with the square of the team") -> Figure:
    """Channels against team size: ``sizes`` with ``people``, ``channels`` and optionally ``through_leads``
    (labelled ``leads_label``); ``mark`` annotates both curves at that team size."""
    _need(sizes, ("people", "channels"), "sizes")
    # 6 in wide: shown 342 CSS px wide on a phone, 10 pt text stays about 8 CSS px
    fig, ax = _figure((6, 3.8))
    ax.plot(sizes["people"], sizes["channels"], color=OKABE_ITO["vermillion"], marker="o", markersize=3,
            label="everyone with everyone: n(n−1)/2")
    leads = "through_leads" in sizes.columns
    if leads:
        ax.plot(sizes["people"], sizes["through_leads"], color=OKABE_ITO["blue"], linestyle="--", marker="s",
                markersize=3, label=leads_label)
    ax.plot(sizes["people"], sizes["people"], color="#777777", linestyle=":", label="people (n)")
    if mark is not None and mark in set(sizes["people"]):
        row = sizes.loc[sizes["people"] == mark].iloc[0]
        ax.annotate(f"{mark} people: {int(row['channels'])}", (mark, row["channels"]), xytext=(-95, 18),
                    textcoords="offset points", arrowprops={"arrowstyle": "->"})
        if leads:
            ax.annotate(f"{mark} people: {int(row['through_leads'])}", (mark, row["through_leads"]),
                        xytext=(22, 30), textcoords="offset points", arrowprops={"arrowstyle": "->"})
    ax.set(title=title, xlabel="People in the team", ylabel="Channels (pairs who may talk)")
    ax.legend(loc="upper left", frameon=False)
    return fig


def plot_payment_readings(readings: pd.DataFrame, labels: dict[str, str] | None = None, *,
                          title: str = "Ten payment nodes of 15 %: three readings") -> Figure:
    """Cumulative payout after each node (``readings``: index node, one column per reading, share of the pot)."""
    if not isinstance(readings, pd.DataFrame) or readings.empty:
        raise OrganisationError("readings must be a non-empty DataFrame (followup.pay.payment_readings)")
    fig, ax = _figure((6.4, 3.8))
    styles = [(OKABE_ITO["vermillion"], "o", "-"), (OKABE_ITO["blue"], "s", "--"), (OKABE_ITO["green"], "^", "-.")]
    for (name, column), (colour, marker, line) in zip(readings.items(), styles * 3):
        ax.plot(readings.index, 100 * column, color=colour, marker=marker, linestyle=line,
                label=(labels or {}).get(name, name))
    ax.axhline(100, color="black", linestyle=":", linewidth=1.2)
    ax.text(readings.index[0], 103, "the whole pot", fontsize=9)
    ax.set(title=title, xlabel="Payment node reached", ylabel="Paid so far (% of the pot)",
           xticks=list(readings.index))
    ax.legend(loc="upper left", fontsize=9)
    return fig
