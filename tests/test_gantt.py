"""Gantt and burn-down charts: what is drawn, where, and how it reads without colour."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from followup.errors import ScheduleError  # noqa: E402
from followup.gantt import OKABE_ITO, plot_burndown, plot_gantt  # noqa: E402
from followup.progress import burndown  # noqa: E402
from followup.schedule import critical_path_method  # noqa: E402


def schedule(finish=None):
    # S(0) -> A(3) -> M(0); S -> B(1) -> M: A critical, B has 2 days of float.
    acts = pd.DataFrame(
        {"id": ["S", "A", "B", "M"], "name": ["kick-off", "dig", "order", "done"], "duration": [0, 3, 1, 0]}
    )
    links = pd.DataFrame({"predecessor": ["S", "S", "A", "B"], "successor": ["A", "B", "M", "M"]})
    return critical_path_method(acts, links, finish=finish)


def bars(ax, height):
    return [p for p in ax.patches if np.isclose(p.get_height(), height)]


def test_gantt_bars_float_milestones_and_labels():
    open_before = plt.get_fignums()
    fig = plot_gantt(schedule(), title="Dig plan", time_unit="weeks")
    assert isinstance(fig, Figure)
    assert plt.get_fignums() == open_before  # closed in pyplot: a notebook shows it once
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["kick-off", "dig", "order", "done"]
    assert ax.get_xlabel() == "Time (weeks) from project start"
    assert ax.get_title() == "Dig plan"
    activity_bars = bars(ax, 0.6)
    assert len(activity_bars) == 2  # milestones are not bars
    critical = [p for p in activity_bars if p.get_hatch()]
    other = [p for p in activity_bars if not p.get_hatch()]
    assert len(critical) == 1 and critical[0].get_width() == 3
    assert critical[0].get_facecolor() == to_rgba(OKABE_ITO["vermillion"])
    assert other[0].get_facecolor() == to_rgba(OKABE_ITO["blue"])
    # B: thin float bar from its early finish 1 to its late finish 3.
    (float_bar,) = bars(ax, 0.16)
    assert (float_bar.get_x(), float_bar.get_width()) == (1, 2)
    markers = [c for c in ax.collections if len(c.get_offsets())]
    assert sum(len(c.get_offsets()) for c in markers) == 2  # two diamonds
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["critical activity", "activity with float", "total float", "critical milestone"]


def test_gantt_critical_and_other_bars_differ_in_greyscale():
    fig = plot_gantt(schedule())
    ax = fig.axes[0]

    def grey(patch):
        r, g, b, _ = patch.get_facecolor()
        return 0.299 * r + 0.587 * g + 0.114 * b

    critical, other = sorted(bars(ax, 0.6), key=lambda p: not p.get_hatch())
    assert critical.get_hatch() and not other.get_hatch()  # a cue independent of colour
    assert abs(grey(critical) - grey(other)) > 0.1


def test_gantt_negative_float_and_imposed_finish():
    fig = plot_gantt(schedule(finish=2), label="id")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["S", "A", "B", "M"]
    # A (critical) has total float 2 - 3 = -1: a purple bar from EF 3 back to LF 2.
    negative = bars(ax, 0.12)
    assert negative and all(p.get_facecolor() == to_rgba(OKABE_ITO["purple"]) for p in negative)
    widths = sorted(p.get_width() for p in negative)
    assert widths == [-1, -1, -1]  # S, A and M all sit on the late chain
    assert any(line.get_xdata()[0] == 2 and line.get_linestyle() == "--" for line in ax.lines)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "negative float (late)" in legend and "imposed finish (2)" in legend
    left, right = ax.get_xlim()
    assert left < -1 and right > 3


def test_gantt_draws_into_given_axes():
    fig, (left, right) = plt.subplots(1, 2)
    try:
        assert plot_gantt(schedule(), ax=right) is fig
        assert right.get_title() and not left.get_title()
    finally:
        plt.close(fig)


def test_gantt_errors():
    with pytest.raises(ScheduleError, match=r"needs the Schedule returned by critical_path_method, got DataFrame"):
        plot_gantt(schedule().table)
    with pytest.raises(ScheduleError, match=r"no column 'label' to label the bars"):
        plot_gantt(schedule(), label="label")


def test_burndown_chart_plan_and_actual():
    series = burndown(schedule(), actual=pd.Series({0: 4.0, 2: 3.0}))
    fig = plot_burndown(series, time_unit="days", work_unit="work-days")
    ax = fig.axes[0]
    plan, act = ax.lines
    assert list(plan.get_ydata()) == series["planned_remaining"].tolist()
    assert list(act.get_xdata()) == [0, 2] and act.get_linestyle() == "--" and act.get_marker() == "o"
    assert ax.get_ylabel() == "Work remaining (work-days)"
    assert ax.get_xlabel() == "Time (days) from project start"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["planned remaining", "actual remaining"]
    up = plot_burndown(series, burn_up=True).axes[0]
    assert list(up.lines[0].get_ydata()) == series["planned_completed"].tolist()
    assert up.get_ylabel() == "Work completed (work)"


def test_burndown_chart_needs_burndown_columns():
    with pytest.raises(ScheduleError, match=r"missing column\(s\) \['period', 'planned_remaining'\]"):
        plot_burndown(pd.DataFrame({"x": [1]}))


def test_docstring_examples_run():
    import doctest

    import followup.gantt

    result = doctest.testmod(followup.gantt, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
