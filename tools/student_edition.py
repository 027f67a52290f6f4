"""Write the configuration of the students' edition: the book without any worked solution.

The full edition's `_config.yml` and `_toc.yml` stay the single source; this script derives the
students' pair from them (drops every toc entry under `exercises/solutions/` and excludes those files
from the build), so the two editions cannot drift apart.

Usage: python tools/student_edition.py OUTPUT_DIR   (then build with --config/--toc from OUTPUT_DIR)
"""
import pathlib
import sys

import yaml

SOLUTIONS = "exercises/solutions/"


def without_solutions(entries: list[dict]) -> list[dict]:
    """Return toc entries with every solution page (and any part left empty) removed."""
    kept = []
    for entry in entries:
        if str(entry.get("file", "")).startswith(SOLUTIONS):
            continue
        entry = dict(entry)
        for key in ("parts", "chapters", "sections"):
            if key in entry:
                entry[key] = without_solutions(entry[key])
                if not entry[key]:
                    entry = None
                    break
        if entry is not None:
            kept.append(entry)
    return kept


def main(out_dir: str) -> None:
    root = pathlib.Path(__file__).resolve().parents[1]
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    toc["parts"] = without_solutions(toc["parts"])
    (out / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False, allow_unicode=True), encoding="utf-8")

    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = config["title"] + " (students' edition)"
    config.setdefault("exclude_patterns", []).append(SOLUTIONS + "**")
    (out / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    print(f"students' edition configuration written to {out}/")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "_build_student")
