"""Chart of a purchase plan (matplotlib; the plan is computed in ``followup.materials``).

Two cumulative step curves of one material: what has been ordered by each day (dashed, blue) and what must be
on site by each day (solid, vermillion). The horizontal gap between them is the lead time; the line styles
keep them apart in greyscale.

Example::

    >>> import pandas as pd
    >>> from followup.materials import material_requirement, order_plan
    >>> table = pd.DataFrame({"duration": [4], "early_start": [10]}, index=["slab"])
    >>> plan = order_plan(material_requirement(table, pd.DataFrame({"cement_t": [8.0]}, index=["slab"])), 5)
    >>> fig = plot_order_plan(plan, "cement_t", unit="t")
    >>> fig.axes[0].get_ylabel()
    'cement_t, cumulative (t)'
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import StrMethodFormatter

from followup.errors import ResourceError
from followup.gantt import OKABE_ITO, _new_axes

__all__ = ["plot_order_plan"]


def plot_order_plan(plan: pd.DataFrame, material: str, *, unit: str = "units", time_unit: str = "project days",
                    title: str | None = None, ax=None) -> Figure:
    """Cumulative quantity ordered and needed over time, for one material of an ``order_plan``.

    Args:
        plan: the DataFrame returned by :func:`followup.materials.order_plan`.
        material: which material to draw (a value of the plan's ``material`` column).
        unit: the material's unit, for the y-axis label.
        time_unit: the schedule's time unit, for the x-axis label.
    """
    if not isinstance(plan, pd.DataFrame) or not {"material", "need_from", "order_by", "cumulative"} <= set(plan):
        raise ResourceError("plan must be the DataFrame returned by order_plan (material, need_from, order_by, ...)")
    rows = plan[plan["material"] == material]
    if rows.empty:
        raise ResourceError(
            f"material {material!r} is not in the plan (materials: {sorted(map(str, plan['material'].unique()))})"
        )
    fig, ax = _new_axes(ax, (8, 3.4))
    total = rows["cumulative"].iloc[-1]
    for column, label, style in (("order_by", "ordered by this day", dict(color=OKABE_ITO["blue"], ls="--")),
                                 ("need_from", "needed on site by this day", dict(color=OKABE_ITO["vermillion"]))):
        days = [rows[column].iloc[0]] + rows[column].tolist() + [rows[column].iloc[-1] + 7]
        levels = [0] + rows["cumulative"].tolist() + [total]
        ax.step(days, levels, where="post", lw=2, label=label, **style)
    # the lead time as the horizontal gap between the curves, on the lot that takes the total past half
    middle = rows[rows["cumulative"] >= total / 2].iloc[0]
    y = middle["cumulative"] - middle["quantity"] / 2
    ax.annotate("", xy=(middle["need_from"], y), xytext=(middle["order_by"], y),
                arrowprops=dict(arrowstyle="<->", color="0.3"))
    ax.text((middle["need_from"] + middle["order_by"]) / 2, y,
            f"lead time: {middle['need_from'] - middle['order_by']:g} ({time_unit})",
            ha="center", va="bottom", color="0.2")
    ax.set_xlabel(f"time ({time_unit})")
    ax.set_ylabel(f"{material}, cumulative ({unit})")
    ax.set_title(title or f"Purchases matched to the schedule: {material}")
    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    ax.grid(alpha=0.3)
    ax.legend(loc="upper center", frameon=False)
    return fig
