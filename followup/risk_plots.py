"""Figures of chapter 4: what RPN hides, a risk matrix, and a screening threshold's trade-off.

Each function takes results computed elsewhere (``followup.risk``, ``followup.screening``) and returns a
``matplotlib.figure.Figure``. Meaning never rests on colour alone: priorities differ by marker shape and
fill, curves by line style and marker, so the figures read in greyscale and for colour-blind readers
(colours from the Okabe-Ito palette).

>>> from followup.risk import rpn_collisions
>>> fig = plot_rpn_histogram(rpn_collisions())
>>> fig.axes[0].get_xlabel()
'RPN = severity × occurrence × detection'
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from followup.bounds import finite_columns, real
from followup.errors import DataError
from followup.risk import AP_LEVELS, _ratings, _row_labels, rpn_collisions

__all__ = ["plot_risk_matrix", "plot_rpn_histogram", "plot_threshold_tradeoff"]

# Okabe-Ito colours, with a distinct marker and fill per Action Priority.
_AP_STYLE = {
    "H": {"color": "#D55E00", "marker": "^", "fill": True, "label": "H (high)"},
    "M": {"color": "#0072B2", "marker": "s", "fill": True, "label": "M (medium)"},
    "L": {"color": "#009E73", "marker": "o", "fill": False, "label": "L (low)"},
}


def _new_figure(figsize) -> Figure:
    """A Figure that a notebook shows once, as an image, when it is a cell's value.

    Creating it through pyplot sets up IPython's image display of figures; closing it at once keeps
    pyplot from showing it a second time at the end of the cell (and from keeping it in memory).
    """
    fig = plt.figure(figsize=figsize, layout="constrained")
    plt.close(fig)
    return fig


def _need(frame, columns, what):
    if not isinstance(frame, pd.DataFrame):
        raise DataError(f"{what} must be a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(f"{what} has no column {', '.join(map(repr, missing))}; it needs "
                        f"{', '.join(map(repr, columns))}")


def plot_rpn_histogram(collisions: pd.DataFrame | None = None) -> Figure:
    """Bar chart of how many (S, O, D) combinations give each RPN value.

    ``collisions`` is :func:`followup.risk.rpn_collisions` (the default): the 120 values RPN can take
    on the 1,000 combinations, most of them shared by combinations of very different severity.
    """
    table = rpn_collisions() if collisions is None else collisions
    _need(table, ["rpn", "combinations"], "the RPN collision table")
    finite_columns(table, ["rpn", "combinations"], "the RPN collision table", error=DataError)
    fig = _new_figure((8, 3.8))
    ax = fig.add_subplot()
    # Stems rather than bars: below RPN 40 the possible values are 1 apart and bars would merge.
    ax.vlines(table["rpn"], 0, table["combinations"], color="#333333", linewidth=1.4)
    ax.plot(table["rpn"], table["combinations"], linestyle="none", marker="o", markersize=3.5, color="#000000")
    peak = table.loc[table["combinations"].idxmax()]
    ax.annotate(f"RPN {int(peak['rpn'])}: {int(peak['combinations'])} combinations",
                xy=(peak["rpn"], peak["combinations"]), xytext=(peak["rpn"] + 120, peak["combinations"]),
                arrowprops={"arrowstyle": "->", "color": "#000000"}, va="center")
    ax.set_xlim(0, 1010)
    ax.set_ylim(bottom=0)
    ax.set_xlabel("RPN = severity × occurrence × detection")
    ax.set_ylabel("number of (S, O, D) combinations")
    ax.set_title(f"RPN takes only {len(table)} distinct values over "
                 f"{int(table['combinations'].sum()):,} rating combinations")
    ax.grid(axis="y", color="#cccccc", linewidth=0.6)
    ax.set_axisbelow(True)
    return fig


def plot_risk_matrix(register: pd.DataFrame, *, label: str | None = None, name: str | None = "risk",
                     figsize: tuple[float, float] | None = None) -> Figure:
    """Severity against occurrence, one point per risk, marker by Action Priority.

    ``register`` needs ``severity``, ``occurrence`` and ``action_priority`` (as from
    :func:`followup.risk.rank_register`). Points carry a short ``label`` (default: the ``risk_id`` or
    ``id`` column, else 1, 2, ...) and a key spells out the ``name`` column, so long
    names never overlap. Risks on the same cell are fanned out slightly. The default width, 6.6 in, fits a
    book's text column at about natural size, so the 10-point text stays legible; the key goes below the
    matrix in two columns and the height grows with it. Pass ``figsize`` to change the size.
    """
    _need(register, ["severity", "occurrence", "action_priority"], "the risk register")
    labels = _row_labels(register)
    for rating in ("severity", "occurrence"):
        _ratings(register[rating].to_numpy(), rating, labels)
    unknown = ~register["action_priority"].isin(AP_LEVELS)
    if unknown.any():
        raise DataError(f"action_priority{labels[int(np.argmax(unknown))]} is "
                        f"{register['action_priority'][unknown].iloc[0]!r}; use 'H', 'M' or 'L' (rank_register adds it)")
    if label is None:
        label = next((c for c in ("risk_id", "id") if c in register.columns), None)
    elif label not in register.columns:
        raise DataError(f"the risk register has no column {label!r} to label the points with")
    tags = (register[label].astype(str).tolist() if label else [str(i) for i in range(1, len(register) + 1)])
    names = register[name].astype(str).tolist() if name in register.columns else None

    levels = register["action_priority"].to_numpy()
    columns = []
    if names:
        entries = [textwrap.fill(f"{tag}  {text} ({level})", 36, subsequent_indent="      ")
                   for tag, text, level in zip(tags, names, levels)]
        half = (len(entries) + 1) // 2
        columns = ["\n".join(entries[:half]), "\n".join(entries[half:])]
    key_lines = max((c.count("\n") + 1 for c in columns), default=0)
    key_height = 0.19 * key_lines + 0.15 if names else 0.0   # inches: 10-point lines at 1.35 spacing
    fig = _new_figure(figsize or (6.6, 5.2 + key_height))
    grid = fig.add_gridspec(2 if names else 1, 2, width_ratios=(1, 1),
                            height_ratios=(5.2, key_height) if names else None)
    ax = fig.add_subplot(grid[0, :])
    ax.axhspan(8.5, 10.5, color="#eeeeee", zorder=0)   # severity 9-10: safety or regulation
    ax.text(10.4, 10.35, "severity 9-10: safety / regulation", ha="right", va="top", fontsize=9, color="#333333")
    offsets = register.groupby(["severity", "occurrence"]).cumcount().to_numpy()
    x = register["occurrence"].to_numpy(dtype=float) + 0.18 * offsets
    y = register["severity"].to_numpy(dtype=float) - 0.18 * offsets
    for level in AP_LEVELS:
        style = _AP_STYLE[level]
        chosen = levels == level
        if chosen.any():
            ax.scatter(x[chosen], y[chosen], s=90, marker=style["marker"], linewidths=1.6, zorder=3,
                       edgecolors=style["color"], facecolors=style["color"] if style["fill"] else "white")
    for xi, yi, tag, fanned in zip(x, y, tags, offsets):
        # a risk fanned out from a shared cell is labelled below its point, clear of the first one's label
        ax.annotate(tag, (xi, yi), xytext=(7, -14 if fanned else 4), textcoords="offset points", fontsize=10,
                    zorder=4)
    ax.set_xlim(0.5, 10.5)
    ax.set_ylim(0.5, 10.5)
    ax.set_xticks(range(1, 11))
    ax.set_yticks(range(1, 11))
    ax.grid(color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel("occurrence O (1 = cause prevented, 10 = very frequent)")
    ax.set_ylabel("severity S (1 = no effect, 10 = safety)")
    ax.set_title("Risk matrix: severity against occurrence, marker = Action Priority")
    handles = [Line2D([], [], linestyle="none", marker=s["marker"], markersize=9, markeredgewidth=1.6,
                      markeredgecolor=s["color"], markerfacecolor=s["color"] if s["fill"] else "white",
                      label=s["label"]) for s in _AP_STYLE.values()]
    ax.legend(handles=handles, title="Action Priority", loc="lower right")
    for column, text in enumerate(columns):
        key = fig.add_subplot(grid[1, column])
        key.axis("off")
        key.text(0, 1, text, va="top", ha="left", fontsize=10, linespacing=1.35, transform=key.transAxes)
    return fig


def plot_threshold_tradeoff(measures: pd.DataFrame, *, max_fpr: float | None = None,
                            threshold: float | None = None) -> Figure:
    """Recall, precision and false-positive rate against the screening threshold.

    ``measures`` is :func:`followup.screening.measures_by_threshold`. The false-positive rate, tiny next
    to the others, gets its own right-hand axis in per cent; ``max_fpr`` (e.g. 0.003, the article's
    0.3 %) draws the allowed limit on it and zooms that axis to ten times the limit, and ``threshold``
    (e.g. from :func:`followup.screening.threshold_for_fpr`) marks the chosen threshold.
    """
    _need(measures, ["threshold", "recall", "precision", "false_positive_rate"], "the measures table")
    # precision is NaN where nothing is flagged, recall where there is no fraud: blanks are allowed there
    finite_columns(measures, ["threshold", "recall", "precision", "false_positive_rate"], "the measures table",
                   error=DataError, blanks=["recall", "precision", "false_positive_rate"])
    if max_fpr is not None:
        max_fpr = real(max_fpr, "max_fpr", low=0, low_open=True, high=1, error=DataError, hint=" (0.3 % is 0.003)")
    if threshold is not None:
        threshold = real(threshold, "threshold", error=DataError)
    table = measures.sort_values("threshold")
    fig = _new_figure((7, 5.2))
    ax = fig.add_subplot()
    every = max(1, len(table) // 12)
    ax.plot(table["threshold"], table["recall"], color="#0072B2", linestyle="-", marker="o", markevery=every,
            label="recall: share of fraud flagged")
    ax.plot(table["threshold"], table["precision"], color="#E69F00", linestyle="--", marker="s",
            markevery=every, label="precision: share of flags that are fraud")
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("threshold (transactions scoring at or above it are flagged)")
    ax.set_ylabel("recall, precision (share)")
    fpr_ax = ax.twinx()
    fpr_ax.plot(table["threshold"], 100 * table["false_positive_rate"], color="#000000", linestyle=":",
                marker="^", markevery=every, label="false-positive rate, % (right axis)")
    if max_fpr is not None:
        fpr_ax.axhline(100 * max_fpr, color="#D55E00", linestyle="-.", linewidth=1.4,
                       label=f"allowed false-positive rate {100 * max_fpr:g} % (right axis)")
        fpr_ax.set_ylim(0, 1000 * max_fpr)
    else:
        fpr_ax.set_ylim(bottom=0)
    if threshold is not None:
        ax.axvline(threshold, color="#555555", linestyle=(0, (1, 3)), linewidth=1.2,
                   label=f"chosen threshold {threshold:.3g}")
    fpr_ax.set_ylabel("false-positive rate (% of legitimate transactions)")
    handles = ax.get_lines() + fpr_ax.get_lines()
    fig.legend(handles=handles, labels=[h.get_label() for h in handles], loc="outside lower center", ncols=2,
               fontsize=9.5, frameon=False)
    ax.set_title("Screening threshold: fraud caught against legitimate customers flagged")
    ax.grid(color="#dddddd", linewidth=0.6)
    return fig
