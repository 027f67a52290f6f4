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
