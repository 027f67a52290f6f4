"""Measure the code a reader sees on each chapter page of the built site.

For every chapter page (``chapters/NN-*.html``) it counts, from the built HTML:

- ``cells``: code cells whose input is on the page (not removed by a ``remove-input`` tag);
- ``lines``: their non-blank code lines, the figure to halve (collapsed ``hide-input`` cells excluded);
- ``glue/assert``: how many of those lines belong to statements that only pass values to ``glue`` (a call of
  ``glue``, ``glue_value``, ``keep`` or the definition of such a helper) or only ``assert``;
- ``collapsed``: non-blank lines in cells shown collapsed (``hide-input``), a click away;
- ``removed``: code cells whose input is removed from the page (executed and tested, not shown).

Usage::

    python tools/code_lines.py                 # reads _build/html (build it first: make book)
    python tools/code_lines.py --site DIR      # another built site, e.g. _build_student/_build/html
"""
from __future__ import annotations

import argparse
import ast
import pathlib
import re
import sys

import bs4

GLUE_NAMES = {"glue", "glue_value", "keep"}
CHAPTER = re.compile(r"^\d\d-.+\.html$")


def glue_or_assert_lines(code: str) -> set[int]:
    """Line numbers (1-based) of the statements of ``code`` that only glue values or assert.

    >>> sorted(glue_or_assert_lines("x = 1\\nassert x == 1\\nkeep(x=x,\\n     y=2)\\nx"))
    [2, 3, 4]
    """
    try:
        tree = ast.parse(code)
    except SyntaxError:  # IPython magics or shell escapes: nothing to classify
        return set()
    lines: set[int] = set()
    for stmt in tree.body:
        only_glue = (
            isinstance(stmt, ast.Assert)
            or (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
                and getattr(stmt.value.func, "id", getattr(stmt.value.func, "attr", None)) in GLUE_NAMES)
            or (isinstance(stmt, ast.FunctionDef) and stmt.name in GLUE_NAMES)
        )
        if only_glue:
            lines.update(range(stmt.lineno, stmt.end_lineno + 1))
    return lines


def measure(page: pathlib.Path) -> dict:
    """The counts of one built chapter page (see the module docstring)."""
    soup = bs4.BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    counts = {"cells": 0, "lines": 0, "glue/assert": 0, "collapsed": 0, "removed": 0}
    for cell in soup.select("div.cell"):
        source = cell.select_one("div.cell_input pre")
        if source is None:
            counts["removed"] += 1
            continue
        code = source.get_text()
        non_blank = [n for n, line in enumerate(code.splitlines(), start=1) if line.strip()]
        if source.find_parent("details") is not None:
            counts["collapsed"] += len(non_blank)
            continue
        counts["cells"] += 1
        counts["lines"] += len(non_blank)
        counts["glue/assert"] += len(glue_or_assert_lines(code) & set(non_blank))
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", default="_build/html", help="built HTML folder (default: _build/html)")
    args = parser.parse_args(argv)
    site = pathlib.Path(args.site)
    pages = sorted(p for p in (site / "chapters").glob("*.html") if CHAPTER.match(p.name))
    if not pages:
        print(f"no chapter pages (chapters/NN-*.html) under {site}: build the site first (make book)",
              file=sys.stderr)
        return 1
    columns = ["cells", "lines", "glue/assert", "collapsed", "removed"]
    print(f"{'page':<28}" + "".join(f"{c:>13}" for c in columns))
    for page in pages:
        counts = measure(page)
        print(f"{page.relative_to(site).as_posix():<28}" + "".join(f"{counts[c]:>13}" for c in columns))
    return 0


if __name__ == "__main__":
    sys.exit(main())
