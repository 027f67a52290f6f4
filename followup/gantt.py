"""Charts of a schedule: Gantt, burn-down, and the delay against the day a decision is taken (matplotlib;
the models are computed elsewhere).

Colours come from the Okabe-Ito palette, which colour-blind readers can tell
apart, and every distinction also has a second cue that survives greyscale
printing: critical bars are hatched, float is a thin bar, milestones are
diamonds, the plan and the actual curves differ in line style and markers.

The functions return the Figure. When they create it, it is closed in pyplot so
a notebook shows it once (as the cell's value); call ``display(fig)`` or
``fig.savefig(...)`` to show or save it elsewhere.

Example
-------
>>> import pandas as pd
>>> from followup.schedule import critical_path_method
>>> acts = pd.DataFrame({"id": ["A", "B", "M"], "duration": [3, 2, 0]})
>>> links = pd.DataFrame({"predecessor": ["A", "B"], "successor": ["M", "M"]})
>>> fig = plot_gantt(critical_path_method(acts, links), title="Toy plan")
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
['A', 'B', 'M']
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import ScaledTranslation

from followup.bounds import MAX_MAGNITUDE, finite_columns, real
from followup.errors import ScheduleError
from followup.schedule import Schedule

__all__ = ["OKABE_ITO", "plot_burndown", "plot_decision_window", "plot_gantt"]

# Okabe & Ito (2008), "Color Universal Design": distinguishable with any colour-vision type.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}
_CRITICAL = OKABE_ITO["vermillion"]
_NORMAL = OKABE_ITO["blue"]
_FLOAT = "#8C8C8C"
_NEGATIVE_FLOAT = OKABE_ITO["purple"]


def _new_axes(ax, size):
    if ax is not None:
        if not isinstance(ax, Axes):
            raise ScheduleError(f"ax must be a matplotlib Axes (e.g. from plt.subplots()), got {type(ax).__name__}")
        return ax.figure, ax
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    plt.close(fig)  # returned, not left to pyplot: shown once in notebooks
    return fig, ax


def plot_gantt(
    schedule: Schedule,
    *,
    title: str = "Schedule (early dates)",
    time_unit: str = "days",
    ax=None,
    label: str = "name",
    max_label: int = 36,
) -> Figure:
    """Draw activities as bars on their early dates, one row each in input order.

    Critical activities are vermillion and hatched, others blue; a thin grey bar
    after each bar spans its total float (to the late finish; when the float is
    negative, a purple bar just under the activity reaches back to the late finish); milestones (duration 0) are diamonds; a
    dashed line marks an imposed finish that differs from the computed one.

    Parameters
    ----------
    schedule : Schedule
        From :func:`followup.schedule.critical_path_method`.
    title, time_unit : str
        Chart title; the unit of the time axis ("days", "weeks", "hours").
    ax : matplotlib Axes, optional
        Draw into it instead of a new figure.
    label : str
        Table column used for the row labels (default ``name``; ``id`` for ids; ``id+name`` for both).
    max_label : int
        Longer labels lose a trailing parenthesis, then words, to fit (marked with "…").

    The figure is 6 in wide, so its 10 pt text still shows at about 8 CSS px when a phone shrinks it to
    342 px; the key sits under the chart, not beside it.
    """
    if not isinstance(schedule, Schedule):
        raise ScheduleError(
            f"plot_gantt needs the Schedule returned by critical_path_method, got {type(schedule).__name__}"
        )
    table = schedule.table
    if label == "id":
        labels = table.index.astype(str).tolist()
    elif label == "id+name" and "name" in table.columns:
        labels = [f"{i} {name}" for i, name in zip(table.index.astype(str), table["name"].astype(str))]
    elif label in table.columns:
        labels = table[label].astype(str).tolist()
    else:
        raise ScheduleError(f"no column '{label}' to label the bars (columns: id, {', '.join(table.columns)})")
    labels = [_short_label(text, max_label) for text in labels]
    n = len(table)
    fig, ax = _new_axes(ax, (6, max(3.0, 0.3 * n + 2.2)))
    y = np.arange(n)
    start = table["early_start"].to_numpy(float)
    length = table["duration"].to_numpy(float)
    slack = table["total_float"].to_numpy(float)
    critical = table["critical"].to_numpy(bool)
    is_bar = length > 0

    for mask, colour, hatch in ((critical & is_bar, _CRITICAL, "///"), (~critical & is_bar, _NORMAL, None)):
        ax.barh(
            y[mask], length[mask], left=start[mask], height=0.6, color=colour, hatch=hatch,
            edgecolor="black", linewidth=0.6,
        )
    finish = start + length
    late = slack > 0
    ax.barh(y[late], slack[late], left=finish[late], height=0.16, color=_FLOAT)
    # Negative float runs back over the bar itself: draw it just below the bar so both stay visible.
    behind = slack < 0
    ax.barh(y[behind] + 0.38, slack[behind], left=finish[behind], height=0.12, color=_NEGATIVE_FLOAT)
    for mask, colour in ((critical & ~is_bar, _CRITICAL), (~critical & ~is_bar, _NORMAL)):
        ax.scatter(start[mask], y[mask], marker="D", s=70, color=colour, edgecolor="black", zorder=3)
    if schedule.finish != schedule.duration:
        ax.axvline(schedule.finish, color="black", linestyle="--", linewidth=1)

    ends = np.concatenate([start, finish + slack, [0.0, float(schedule.finish)]])
    pad = 0.03 * (ends.max() - ends.min()) or 1.0
    ax.set_xlim(ends.min() - pad, ends.max() + pad)  # room for diamonds at the edges
    ax.set_yticks(y, labels)
    ax.invert_yaxis()  # first activity on top, as in every planning tool
    ax.set_xlabel(f"Time ({time_unit}) from project start")
    ax.set_ylabel("Activity")
    ax.set_title("\n".join(textwrap.wrap(title, 44)))  # two lines rather than cut off at 6 in
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)

    handles = [
        Patch(facecolor=_CRITICAL, hatch="///", edgecolor="black", label="critical activity"),
        Patch(facecolor=_NORMAL, edgecolor="black", label="activity with float"),
        Line2D([], [], color=_FLOAT, linewidth=4, label="total float"),
    ]
    if (slack < 0).any():
        handles.append(Line2D([], [], color=_NEGATIVE_FLOAT, linewidth=4, label="negative float (late)"))
    # one key entry per kind of diamond drawn, in the colour it is drawn in
    for mask, colour, name in ((critical & ~is_bar, _CRITICAL, "critical milestone"),
                               (~critical & ~is_bar, _NORMAL, "milestone")):
        if mask.any():
            handles.append(Line2D([], [], marker="D", linestyle="none", markeredgecolor="black",
                                  markerfacecolor=colour, label=name))
    if schedule.finish != schedule.duration:
        handles.append(Line2D([], [], color="black", linestyle="--", label=f"imposed finish ({schedule.finish:g})"))
    # under the axis label: half an inch below the axes, whatever their height
    below = ax.transAxes + ScaledTranslation(0, -0.5, fig.dpi_scale_trans)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below, ncol=2,
              frameon=False)
    return fig


def _short_label(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters: a trailing parenthesis first, then whole words, marked with "…".

    >>> _short_label("Main-cohort enrolment (900 patients)", 24)
    'Main-cohort enrolment'
    >>> _short_label("Selection and activation of 150 sites", 25)
    'Selection and activation…'
    """
    if len(text) <= width:
        return text
    if " (" in text and len(text.split(" (")[0]) <= width:
        return text.split(" (")[0]
    return textwrap.shorten(text, width=width, placeholder="…")


def plot_burndown(
    series: pd.DataFrame,
    *,
    title: str = "Planned work remaining",
    time_unit: str = "days",
    work_unit: str = "work",
    burn_up: bool = False,
    ax=None,
) -> Figure:
    """Draw a burn-down (or burn-up) chart from :func:`followup.progress.burndown`.

    The plan is a solid blue line; the actual, when the series has it, a dashed
    vermillion line with circle markers at each recorded time.

    Parameters
    ----------
    series : DataFrame
        ``period``, ``planned_remaining``, ``planned_completed`` and optionally
        ``actual_remaining``/``actual_completed``.
    title, time_unit, work_unit : str
        Chart title; units of the axes ("days"; "work-days", "hours", "CNY").
    burn_up : bool
        Plot completed work instead of remaining work.
    ax : matplotlib Axes, optional
    """
    kind = "completed" if burn_up else "remaining"
    needed = ["period", f"planned_{kind}"]
    missing = [c for c in needed if not isinstance(series, pd.DataFrame) or c not in series.columns]
    if missing:
        raise ScheduleError(
            f"plot_burndown needs the DataFrame from followup.progress.burndown, missing column(s) {missing}"
        )
    finite_columns(series, needed, "the burn-down table", error=ScheduleError)
    if f"actual_{kind}" in series.columns:
        finite_columns(series, [f"actual_{kind}"], "the burn-down table", error=ScheduleError,
                       blanks=[f"actual_{kind}"])
    fig, ax = _new_axes(ax, (8, 4.5))
    ax.plot(series["period"], series[f"planned_{kind}"], color=_NORMAL, linewidth=2, label=f"planned {kind}")
    if f"actual_{kind}" in series.columns:
        recorded = series[series[f"actual_{kind}"].notna()]
        ax.plot(
            recorded["period"], recorded[f"actual_{kind}"], color=_CRITICAL, linestyle="--", marker="o",
            linewidth=2, label=f"actual {kind}",
        )
    ax.set_xlabel(f"Time ({time_unit}) from project start")
    ax.set_ylabel(f"Work {kind} ({work_unit})")
    ax.set_title(title)
    ax.set_ylim(bottom=0)
    ax.grid(color="#DDDDDD", linewidth=0.6)
    ax.legend(loc="upper left" if burn_up else "upper right", fontsize="small")
    return fig


def plot_decision_window(
    delays: pd.Series,
    *,
    known_day: float | None = None,
    last_day: float | None = None,
    decision: str = "decision",
    known: str = "information known",
    title: str = "Project delay against the day the decision is taken",
    time_unit: str = "days",
    ax=None,
) -> Figure:
    """Step chart of the project delay for each day a decision could be taken: zero inside the window,
    then a cliff when a later decision misses it.

    ``delays`` maps the decision day (project day) to the delay it causes, in ``time_unit``. A dashed
    blue line marks ``known_day`` (when the information arrived, labelled ``known``), a dotted black line
    ``last_day`` (the last day to decide at no delay); each is left out when ``None``.

    >>> delays = pd.Series([0, 0, 0, 120, 121], index=[10, 11, 12, 13, 14])
    >>> fig = plot_decision_window(delays, known_day=10, last_day=12, decision="go decision")
    >>> fig.axes[0].get_xlabel(), fig.axes[0].get_legend().get_texts()[2].get_text()
    ('Day the go decision is taken (project day)', 'last day to decide (day 12)')
    """
    if not isinstance(delays, pd.Series) or delays.empty:
        raise ScheduleError("delays must be a non-empty pandas Series: decision day -> project delay")
    frame = pd.DataFrame({"day": delays.index, "delay": delays.to_numpy()})
    finite_columns(frame, ["day", "delay"], "delays (its index is the decision day)", error=ScheduleError)
    if (frame[["day", "delay"]].astype(float).abs() > MAX_MAGNITUDE).any(axis=None):
        raise ScheduleError(f"delays holds a day or delay beyond {MAX_MAGNITUDE:g}; pass the delays the schedule gave")
    for name, day in (("known_day", known_day), ("last_day", last_day)):
        if day is not None:
            real(day, name, error=ScheduleError, hint=" (a project day) or None")
    fig, ax = _new_axes(ax, (6.4, 3.8))
    ax.step(frame["day"], frame["delay"], where="post", color=_CRITICAL, linewidth=2, label="project delay")
    if known_day is not None:
        ax.axvline(known_day, color=_NORMAL, linestyle="--", label=f"{known} (day {known_day:g})")
    if last_day is not None:
        ax.axvline(last_day, color="black", linestyle=":", label=f"last day to decide (day {last_day:g})")
    ax.set(title=title, xlabel=f"Day the {decision} is taken (project day)", ylabel=f"Project delay ({time_unit})")
    ax.grid(color="#DDDDDD", linewidth=0.6)
    ax.legend(loc="upper left")
    return fig
