"""Lines of JavaScript of the calculators, per module (issue 10: "at most half of today's lines").

Run from the repository root::

    .venv/bin/python benchmarks/js_lines.py              # the working tree
    .venv/bin/python benchmarks/js_lines.py --ref main   # a commit, branch or tag too, side by side

For every ``followup/calculators/*.mjs`` it prints the physical lines and the code lines (neither
blank nor only a ``//`` comment; a comment after code counts as code), then two totals: the
like-for-like figure of the issue (the three calculators it was filed on, float, RPN and pulse, with
their helpers ``cpm.mjs`` and ``panel.mjs``) and all modules (the goal and organisation calculators
came later).
"""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FOLDER = "followup/calculators"
LIKE_FOR_LIKE = ("float_calculator.mjs", "rpn_calculator.mjs", "pulse_calculator.mjs", "cpm.mjs", "panel.mjs")


def counts(text: str) -> tuple[int, int]:
    """(physical lines, code lines) of a JavaScript source.

    >>> counts("// why\\nconst a = 1; // what\\n\\n")
    (3, 1)
    """
    lines = text.splitlines()
    return len(lines), sum(1 for line in lines if line.strip() and not line.strip().startswith("//"))


def modules(ref: str | None) -> dict[str, str]:
    """name -> source of every calculator module, in the working tree (ref None) or at a git ref."""
    if ref is None:
        return {p.name: p.read_text(encoding="utf-8") for p in sorted((REPO / FOLDER).glob("*.mjs"))}
    names = subprocess.run(["git", "ls-tree", "--name-only", f"{ref}:{FOLDER}"], cwd=REPO, check=True,
                           capture_output=True, text=True).stdout.split()
    return {n: subprocess.run(["git", "show", f"{ref}:{FOLDER}/{n}"], cwd=REPO, check=True, capture_output=True,
                              text=True).stdout for n in sorted(names) if n.endswith(".mjs")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", help="also count the modules at this git ref (e.g. main)")
    args = parser.parse_args()
    columns = ([(args.ref, modules(args.ref))] if args.ref else []) + [("working tree", modules(None))]
    names = sorted({n for _, mods in columns for n in mods})
    print(f"{'module':<30}" + "".join(f"{label[:22]:>24}" for label, _ in columns))
    print(f"{'':<30}" + "".join(f"{'lines':>12}{'code':>12}" for _ in columns))
    rows = [(n, [counts(mods[n]) if n in mods else None for _, mods in columns]) for n in names]
    for name, figures in rows:
        print(f"{name:<30}" + "".join(f"{'-':>12}{'-':>12}" if f is None else f"{f[0]:>12}{f[1]:>12}"
                                      for f in figures))
    for label, chosen in (("like for like (issue 10)", LIKE_FOR_LIKE), ("all modules", names)):
        sums = [[sum(f[i][k] for n, f in rows if n in chosen and f[i]) for k in (0, 1)] for i in range(len(columns))]
        print(f"{label:<30}" + "".join(f"{a:>12}{b:>12}" for a, b in sums))


if __name__ == "__main__":
    main()
