"""Figures read on a phone, and the chapter 5 channels chart agreeing with its prose.

A chapter figure ``W`` inches wide is shown 342 CSS px wide on a 390 px phone, so text of ``s`` points shows at
``s * 342 / (72 * W)`` CSS px whatever the dpi. The figures fixed for the phone keep all their text at 7.5 px or more.
"""

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402

from followup.communication import channels_through_leads, communication_channels  # noqa: E402
from followup.organisation_plots import plot_channels  # noqa: E402

PHONE_FIGURE_PX = 342


def smallest_text_on_a_phone(fig) -> float:
    """The smallest visible text of ``fig`` in CSS px when the figure is shown 342 px wide."""
    fig.canvas.draw()
    sizes = [t.get_fontsize() for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()]
    return min(sizes) * PHONE_FIGURE_PX / (72 * fig.get_figwidth())


def channel_sizes(departments):
    sizes = pd.DataFrame({"people": range(2, 31)})
    sizes["channels"] = sizes["people"].map(communication_channels)
    sizes["through_leads"] = [channels_through_leads(departments) if n == sum(departments) else n
                              for n in sizes["people"]]
    return sizes


def test_channels_marks_both_structures_at_the_team_size():
    fig = plot_channels(channel_sizes([2, 3, 3, 2, 2, 1, 1]), mark=14, leads_label="through the heads")
    ax = fig.axes[0]
    notes = sorted(t.get_text() for t in ax.texts)
    assert notes == ["14 people: 30", "14 people: 91"]
    assert "through the heads" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert smallest_text_on_a_phone(fig) >= 7.5


def test_gantt_of_the_pipeline_is_legible_on_a_phone_and_its_key_matches_the_diamonds():
    from matplotlib.colors import to_rgba

    from followup.datasets import pipeline
    from followup.gantt import OKABE_ITO, plot_gantt
    from followup.schedule import critical_path_method, links_from_predecessors

    plan = pipeline.load().activities_for("manual")
    fig = plot_gantt(critical_path_method(plan, links_from_predecessors(plan)), label="id",
                     title="Pipeline baseline (manual welding): early dates, total float")
    assert len(plan) == 42 and smallest_text_on_a_phone(fig) >= 7.5
    ax = fig.axes[0]
    (key,) = [h for h in ax.get_legend().legend_handles if h.get_label() == "critical milestone"]
    assert to_rgba(key.get_markerfacecolor()) == to_rgba(OKABE_ITO["vermillion"])  # drawn filled, keyed filled
    assert "\n" in ax.get_title()  # a long title wraps instead of running off the figure


def test_gantt_shortens_long_names_and_can_show_id_and_name():
    from followup.datasets import pd1_trial
    from followup.gantt import plot_gantt
    from followup.schedule import critical_path_method, links_from_predecessors

    phases = pd1_trial.load().phases
    fig = plot_gantt(critical_path_method(phases, links_from_predecessors(phases, "predecessors_revised")),
                     label="id+name", time_unit="months")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert [s.split()[0] for s in labels] == phases["id"].tolist()
    assert all(len(s) <= 36 for s in labels) and "C Main-cohort enrolment" in labels  # parenthesis dropped first
