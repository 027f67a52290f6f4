"""The charts that moved from the chapters' cells into the plotting modules: what they draw, on the chapters' data.

``followup.forecast_plots.plot_event_windows`` (chapter 2, the 618 windows), ``followup.gantt.plot_decision_window``
(chapter 2, the cost of deciding late) and ``followup.organisation_plots.plot_value_stream`` (chapter 5).
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from followup.datasets import order_peak_618  # noqa: E402
from followup.errors import DataError, OrganisationError, ScheduleError  # noqa: E402
from followup.forecast_plots import plot_event_windows  # noqa: E402
from followup.gantt import OKABE_ITO, plot_decision_window  # noqa: E402
from followup.organisation_plots import plot_value_stream  # noqa: E402

ORDERS = order_peak_618.load()
YEARS = sorted(ORDERS.events.loc[ORDERS.events["event"] == "618", "year"])
WINDOWS = {year: ORDERS.window(year, "618") for year in YEARS}


def test_event_windows_one_line_per_year_with_the_orders_in_thousands():
    open_before = plt.get_fignums()
    fig = plot_event_windows(WINDOWS, title="The 618 window")
    assert isinstance(fig, Figure) and plt.get_fignums() == open_before  # closed in pyplot: shown once
    ax = fig.axes[0]
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == (
        "The 618 window", "Day of June", "Orders per day (thousands)")
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == [str(y) for y in YEARS] and len(lines) == len(YEARS) == 5
    for line, window in zip(lines, WINDOWS.values()):
        assert line.get_xdata().tolist() == window["date"].dt.day.tolist()
        assert np.allclose(line.get_ydata(), window["orders"] / 1000)
    assert [int(t) for t in ax.get_xticks()] == list(range(1, 21))
    assert ax.get_legend().get_title().get_text() == "Year"
    # each year differs in colour, marker and line style, so the lines stay apart in greyscale
    styles = {(line.get_color(), line.get_marker(), line.get_linestyle()) for line in lines}
    assert len(styles) == len(lines) and len({line.get_marker() for line in lines}) == len(lines)


def test_event_windows_other_column_and_scale():
    fig = plot_event_windows({2025: WINDOWS[2025]}, column="orders", scale=1, ylabel="Orders per day")
    line, = fig.axes[0].get_lines()
    assert line.get_ydata().tolist() == WINDOWS[2025]["orders"].tolist()
    assert fig.axes[0].get_ylabel() == "Orders per day"


@pytest.mark.parametrize(("windows", "kwargs", "message"), [
    ({}, {}, "must map 1 to 8 years"),
    ({y: WINDOWS[2025] for y in range(9)}, {}, "must map 1 to 8 years"),
    ({2025: WINDOWS[2025].drop(columns="orders")}, {}, "columns date and orders"),
    ({2025: WINDOWS[2025].assign(orders=np.nan)}, {}, "finite numbers"),
    ({2025: pd.DataFrame({"date": pd.to_datetime(["2025-05-31", "2025-06-01"]), "orders": [1, 2]})}, {},
     "within one month"),
    ({2025: WINDOWS[2025]}, {"scale": 0}, "scale must be a positive number"),
])
def test_event_windows_refuses_bad_input(windows, kwargs, message):
    with pytest.raises(DataError, match=message):
        plot_event_windows(windows, **kwargs)


DELAYS = pd.Series([0, 0, 0, 120, 121, 122], index=np.arange(270, 276))


def test_decision_window_step_and_the_two_days():
    fig = plot_decision_window(DELAYS, known_day=270, last_day=272, decision="air-freight decision",
                               known="outlook known", title="Deciding late")
    ax = fig.axes[0]
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == (
        "Deciding late", "Day the air-freight decision is taken (project day)", "Project delay (days)")
    step, known, last = ax.get_lines()
    assert step.get_drawstyle() == "steps-post"
    assert step.get_xdata().tolist() == DELAYS.index.tolist() and step.get_ydata().tolist() == DELAYS.tolist()
    assert step.get_color() == OKABE_ITO["vermillion"]
    assert list(known.get_xdata()) == [270, 270] and known.get_linestyle() == "--"
    assert list(last.get_xdata()) == [272, 272] and last.get_linestyle() == ":"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "project delay", "outlook known (day 270)", "last day to decide (day 272)"]


def test_decision_window_without_the_days_draws_the_step_only():
    fig = plot_decision_window(DELAYS, time_unit="weeks")
    assert len(fig.axes[0].get_lines()) == 1 and fig.axes[0].get_ylabel() == "Project delay (weeks)"


@pytest.mark.parametrize(("delays", "kwargs", "message"), [
    ([0, 1], {}, "non-empty pandas Series"),
    (pd.Series(dtype=float), {}, "non-empty pandas Series"),
    (pd.Series([0.0, np.nan]), {}, "finite numbers"),
    (pd.Series([0, 1e13]), {}, "beyond 1e\\+12"),
    (DELAYS, {"known_day": True}, "known_day must be"),
    (DELAYS, {"last_day": float("inf")}, "last_day must be"),
])
def test_decision_window_refuses_bad_input(delays, kwargs, message):
    with pytest.raises(ScheduleError, match=message):
        plot_decision_window(delays, **kwargs)


TOUCH = pd.Series({"apply": 1.0, "credit check": 2.5, "contract": 0.5})


def test_value_stream_alternates_touch_and_wait_in_order():
    fig = plot_value_stream(TOUCH, [20.0, 2.0], title="Where the time goes")
    ax = fig.axes[0]
    assert ax.get_title() == "Where the time goes" and ax.get_xlabel() == "Hours from application (mean case)"
    bars = ax.patches
    assert [b.get_width() for b in bars] == [1.0, 20.0, 2.5, 2.0, 0.5]
    assert [b.get_x() for b in bars] == [0.0, 1.0, 21.0, 23.5, 25.5]
    assert [bool(b.get_hatch()) for b in bars] == [False, True, False, True, False]  # waits hatched
    assert [t.get_text() for t in ax.texts] == ["20.0 h"]  # only waits of 3 h or more are labelled
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "touch time (work on the case)", "waiting at a hand-off"]


@pytest.mark.parametrize(("touch", "waits", "message"), [
    (pd.Series(dtype=float), [], "non-empty Series"),
    (TOUCH, [1.0], "2 for 3 steps"),
    (TOUCH, "12", "2 for 3 steps"),
    (TOUCH, [1.0, -2.0], "wait 2 is -2"),
    (TOUCH.replace(2.5, np.nan), [1.0, 1.0], "touch hours of 'credit check' is missing"),
])
def test_value_stream_refuses_bad_input(touch, waits, message):
    with pytest.raises(OrganisationError, match=message):
        plot_value_stream(touch, waits)


@pytest.mark.parametrize("module", ["forecast_plots", "gantt", "organisation_plots"])
def test_docstring_examples_run(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"followup.{module}"))
    assert result.attempted >= 2 and result.failed == 0


@pytest.mark.parametrize(("notebook", "call", "kind"), [
    ("02-time.ipynb", "plot_event_windows(", "Line chart"),
    ("02-time.ipynb", "plot_decision_window(", "Step chart"),
    ("05-organisation.ipynb", "plot_value_stream(", "horizontal bar"),
])
def test_the_chapter_cell_that_calls_it_carries_alt_text_and_a_caption(notebook, call, kind):
    import json
    import pathlib

    cells = json.loads((pathlib.Path(__file__).resolve().parents[1] / "chapters" / notebook).read_text("utf-8"))["cells"]
    calling = [c for c in cells if c["cell_type"] == "code" and call in "".join(c["source"])]
    assert len(calling) == 1  # one figure per cell
    mystnb = calling[0]["metadata"]["mystnb"]
    assert kind in mystnb["image"]["alt"] and mystnb["figure"]["caption"] and mystnb["figure"]["name"]
    assert "image/png" in "".join(str(o.get("data", {}).keys()) for o in calling[0]["outputs"])
