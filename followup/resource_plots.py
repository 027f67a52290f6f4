"""Resource histograms and fleet-allocation charts (matplotlib; the models live in
``resources``, ``levelling`` and ``pulse``).

Colours are Okabe-Ito (``followup.gantt.OKABE_ITO``) and every distinction has a
second cue that survives greyscale: usage above capacity is hatched, the capacity is
a dashed black line, and each region of the fleet chart has its own hatch.

The functions return the Figure, closed in pyplot so a notebook shows it once.

Example::

    >>> import pandas as pd
    >>> profile = pd.DataFrame({"crane": [1, 2, 1]}, index=pd.Index([0, 1, 2], name="period_start"))
    >>> fig = plot_usage_histogram(profile, {"crane": 1})
    >>> fig.axes[0].get_ylabel()
    'crane (units in use)'
"""

from __future__ import annotations

from typing import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from followup.bounds import finite_columns
from followup.errors import ResourceError
from followup.pulse import _check_allocation
from followup.resources import _check_capacities
from followup.gantt import OKABE_ITO

__all__ = ["plot_usage_histogram", "plot_fleet_allocation"]

_WITHIN = OKABE_ITO["sky_blue"]
_OVER = OKABE_ITO["vermillion"]
_REGION_STYLES = [
    (OKABE_ITO["blue"], ""),
    (OKABE_ITO["orange"], "//"),
    (OKABE_ITO["green"], ".."),
    (OKABE_ITO["yellow"], "\\\\"),
    (OKABE_ITO["purple"], "xx"),
    (OKABE_ITO["sky_blue"], "--"),
    (OKABE_ITO["vermillion"], "++"),
]


def plot_usage_histogram(profile: pd.DataFrame, capacities: Mapping | None = None, *, resources=None,
                         time_unit: str = "days", title: str = "Resource usage per period",
                         figsize=None) -> Figure:
    """Bar chart of usage per period, one panel per resource, with the capacity line.

    The part of a bar above capacity is drawn vermillion and hatched, so an
    over-allocation stands out in colour and in greyscale.

    Args:
        profile: from ``resources.usage_profile`` (index ``period_start``, one column per resource).
        capacities: units available per resource; ``None`` draws no capacity line.
        resources: the columns to draw (default: all).
        time_unit: the unit of the period starts, for the x-axis label.
    """
    if not isinstance(profile, pd.DataFrame):
        raise ResourceError(f"profile must be a DataFrame from resources.usage_profile, got {type(profile).__name__}")
    resources = list(profile.columns) if resources is None else list(resources)
    missing = [r for r in resources if r not in profile.columns]
    if missing:
        raise ResourceError(f"resource {missing[0]!r} is not in the profile (columns: {list(profile.columns)})")
    if capacities is not None:
        absent = [r for r in resources if r not in capacities]
        if absent:
            raise ResourceError(f"no capacity for resource {absent[0]!r}; add it to capacities or pass None")
    if not resources:
        raise ResourceError("the profile has no resource column to draw")
    finite_columns(profile, resources, "the profile", error=ResourceError)
    finite_columns(pd.DataFrame({"period_start": profile.index}), ["period_start"], "the profile's index",
                   error=ResourceError)
    if capacities is not None:
        _check_capacities(capacities, resources)
        finite_columns(pd.DataFrame({"capacity": [capacities[r] for r in resources]}, index=resources),
                       ["capacity"], "capacities", error=ResourceError)
    fig, axes = plt.subplots(len(resources), 1, sharex=True, squeeze=False, layout="constrained",
                             figsize=figsize or (8, 1.2 + 1.8 * len(resources)))
    plt.close(fig)  # returned, not left to pyplot: shown once in notebooks
    starts = profile.index.to_numpy(dtype=float)
    width = float(np.diff(starts).min()) if len(starts) > 1 else 1.0
    any_over = False
    for ax, res in zip(axes[:, 0], resources):
        usage = profile[res].to_numpy(dtype=float)
        cap = float(capacities[res]) if capacities is not None else np.inf
        within = np.minimum(usage, cap)
        over = np.clip(usage - cap, 0, None)
        ax.bar(starts, within, width=width, align="edge", color=_WITHIN, edgecolor="black", linewidth=0.5)
        if (over > 0).any():
            any_over = True
            ax.bar(starts, over, bottom=within, width=width, align="edge", color=_OVER, hatch="//",
                   edgecolor="black", linewidth=0.5)
        if capacities is not None:
            ax.axhline(cap, color="black", linestyle="--", linewidth=1.5)
        ax.set_ylabel(f"{res} (units in use)")
        ax.set_ylim(0, max(usage.max(initial=0), cap if np.isfinite(cap) else 0) * 1.15 + 0.5)
        ax.grid(axis="y", color="#DDDDDD", linewidth=0.5)
        ax.set_axisbelow(True)
    axes[-1, 0].set_xlabel(f"time ({time_unit} from project start)")
    handles = [Patch(facecolor=_WITHIN, edgecolor="black", label="usage within capacity")]
    if any_over:
        handles.append(Patch(facecolor=_OVER, hatch="//", edgecolor="black", label="over-allocation"))
    if capacities is not None:
        handles.append(Line2D([], [], color="black", linestyle="--", label="capacity"))
    axes[0, 0].legend(handles=handles, loc="upper right", fontsize="small", framealpha=0.9)
    fig.suptitle(title)
    return fig


def plot_fleet_allocation(allocation: pd.DataFrame, *, peak_region=None, unit: str = "vehicles",
                          title: str = "Fleet allocation by region", figsize=(8, 4.5)) -> Figure:
    """Stacked bars of vehicles per region in each period (``pulse.allocate_fleet`` output).

    Each region has an Okabe-Ito colour and its own hatch; with ``peak_region`` the
    share of the fleet in that region is written above each bar (the article's 80 %
    at the peak, S3.1).

    Example::

        >>> a = pd.DataFrame({"period": ["off", "off", "peak", "peak"], "region": ["East", "West"] * 2,
        ...                   "vehicles": [50, 50, 80, 20]})
        >>> fig = plot_fleet_allocation(a, peak_region="East")
        >>> [t.get_text() for t in fig.axes[0].texts]
        ['50 %', '80 %']
    """
    allocation = _check_allocation(allocation)  # whole numbers of vehicles, the columns present
    periods = list(pd.unique(allocation["period"]))
    regions = list(pd.unique(allocation["region"]))
    if len(regions) > len(_REGION_STYLES):
        raise ResourceError(f"{len(regions)} regions: the chart tells at most {len(_REGION_STYLES)} apart; group some")
    if peak_region is not None and peak_region not in regions:
        raise ResourceError(f"peak_region {peak_region!r} is not in the allocation's regions {regions}")
    grid = allocation.pivot_table(index="period", columns="region", values="vehicles", aggfunc="sum",
                                  fill_value=0, sort=False).loc[periods, regions]
    fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    plt.close(fig)
    x = np.arange(len(periods))
    bottom = np.zeros(len(periods))
    for region, (colour, hatch) in zip(regions, _REGION_STYLES):
        values = grid[region].to_numpy(dtype=float)
        ax.bar(x, values, bottom=bottom, color=colour, hatch=hatch, edgecolor="black", linewidth=0.5,
               label=str(region))
        bottom += values
    if peak_region is not None:
        totals = grid.sum(axis=1).to_numpy(dtype=float)
        shares = np.divide(grid[peak_region].to_numpy(dtype=float), totals, out=np.zeros_like(totals),
                           where=totals > 0)
        for xi, top, share in zip(x, bottom, shares):
            ax.text(xi, top, f"{share:.0%}".replace("%", " %"), ha="center", va="bottom", fontsize="small")
        ax.set_ylim(0, bottom.max(initial=0) * 1.12 + 1)
    ax.set_xticks(x, [str(p) for p in periods])
    ax.set_xlabel("period")
    ax.set_ylabel(f"{unit} allocated")
    title = title if peak_region is None else f"{title} (share in {peak_region} above each bar)"
    ax.set_title(title)
    ax.legend(title="region", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    return fig
