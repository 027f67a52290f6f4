"""A slider over precomputed rows: a small in-page instrument that needs no kernel.

Every row of the table is computed in Python (by the library, in the notebook);
the page only shows the row the reader picks, so no rule is written twice (no
JavaScript twin to keep in step). The HTML is deterministic (the id derives
from the title and the data), so nbval can compare stored and fresh outputs.

Example
-------
>>> import pandas as pd
>>> rows = pd.DataFrame({"threshold": ["0.1", "0.2"], "recall": ["90 %", "80 %"]})
>>> x = explorer(rows, control="threshold", title="Move the threshold")
>>> 'type="range"' in x._repr_html_() and "80 %" in x._repr_html_()
True
"""

from __future__ import annotations

import hashlib
import html
import json
from dataclasses import dataclass

import pandas as pd

from followup.errors import FollowupError

__all__ = ["Explorer", "explorer"]

MAX_ROWS = 1_000  # a slider with more positions than this cannot be set by hand anyway

_SCRIPT = """
<script>
(function () {
  var root = document.getElementById("%(xid)s");
  if (!root || root.dataset.ready) return;
  root.dataset.ready = "1";
  var rows = JSON.parse(root.querySelector("script[type='application/json']").textContent);
  var slider = root.querySelector("input[type=range]"), shown = root.querySelector("output");
  var cells = root.querySelectorAll("td[data-col]");
  function show(k) {
    shown.textContent = rows[k][0];
    cells.forEach(function (td) { td.textContent = rows[k][parseInt(td.dataset.col, 10)]; });
  }
  slider.addEventListener("input", function () { show(parseInt(slider.value, 10)); });
})();
</script>
"""

_STYLE = """
<style>
.fu-explorer { border: 1px solid var(--pst-color-border, #bbb); border-radius: 6px; margin: 0.8em 0; padding: 0.6em 1em; max-width: 40em; }
.fu-explorer .fu-explorer-title { font-weight: 600; margin: 0 0 0.4em; }
.fu-explorer input[type=range] { width: 100%; }
.fu-explorer table { border-collapse: collapse; margin-top: 0.4em; }
.fu-explorer th { text-align: left; font-weight: normal; padding: 0.15em 1em 0.15em 0; }
.fu-explorer td { text-align: right; font-variant-numeric: tabular-nums; padding: 0.15em 0; }
.fu-explorer .fu-explorer-note { font-size: 0.9em; margin: 0.4em 0 0; }
</style>
"""


@dataclass(frozen=True)
class Explorer:
    """Rows of text, one per slider position; displays itself as HTML in Jupyter and in the built book."""

    title: str
    columns: tuple
    rows: tuple
    start: int
    note: str = ""

    def _repr_html_(self) -> str:
        data = json.dumps([list(r) for r in self.rows], ensure_ascii=False)
        xid = "fux-" + hashlib.sha1((self.title + data).encode("utf-8")).hexdigest()[:10]
        first = self.rows[self.start]
        parts = [_STYLE, f'<div class="fu-explorer" id="{xid}">',
                 f'<p class="fu-explorer-title">{html.escape(self.title)}</p>',
                 f'<label for="{xid}-in">{html.escape(self.columns[0])}: <output for="{xid}-in">'
                 f"{html.escape(first[0])}</output></label>",
                 f'<input id="{xid}-in" type="range" min="0" max="{len(self.rows) - 1}" step="1" '
                 f'value="{self.start}">',
                 '<table aria-live="polite"><tbody>']
        for k, column in enumerate(self.columns[1:], start=1):
            parts.append(f'<tr><th scope="row">{html.escape(column)}</th>'
                         f'<td data-col="{k}">{html.escape(first[k])}</td></tr>')
        parts.append("</tbody></table>")
        if self.note:
            parts.append(f'<p class="fu-explorer-note">{html.escape(self.note)}</p>')
        safe = data.replace("</", "<\\/")  # JSON inside <script> must not close the tag early
        parts.append(f'<script type="application/json">{safe}</script>')
        parts.append("</div>")
        parts.append(_SCRIPT % {"xid": xid})
        return "\n".join(parts)

    def __repr__(self) -> str:
        return f"Explorer({self.title!r}, {len(self.rows)} positions)"


def explorer(table: pd.DataFrame, *, control: str, title: str, start: int | None = None,
             note: str = "") -> Explorer:
    """A slider over the rows of ``table``: the reader moves ``control`` and reads the other columns.

    Parameters
    ----------
    table : DataFrame
        One row per slider position, in slider order; cells are shown as text, so format numbers
        (with their units) before passing them.
    control : str
        The column the slider sets; the other columns are shown for the chosen row.
    title : str
        What the instrument is about (shown above the slider).
    start : int, optional
        Row position shown first (default: the middle row).
    note : str
        A line shown under the table (the assumptions behind the rows).
    """
    if not isinstance(table, pd.DataFrame):
        raise FollowupError(f"explorer needs a DataFrame of rows, got {type(table).__name__}")
    if not 2 <= len(table) <= MAX_ROWS:
        raise FollowupError(f"explorer needs 2 to {MAX_ROWS:,} rows (slider positions), got {len(table):,}")
    if control not in table.columns:
        raise FollowupError(f"control {control!r} is not a column of the table (columns: {list(table.columns)})")
    if len(table.columns) < 2:
        raise FollowupError("explorer needs at least one column besides the control to show")
    position = len(table) // 2 if start is None else start
    if not isinstance(position, int) or not 0 <= position < len(table):
        raise FollowupError(f"start must be a row position from 0 to {len(table) - 1}, got {start!r}")
    ordered = [control, *[c for c in table.columns if c != control]]
    rows = tuple(tuple(str(v) for v in row) for row in table[ordered].itertuples(index=False))
    return Explorer(title=title, columns=tuple(str(c) for c in ordered), rows=rows, start=position, note=note)
