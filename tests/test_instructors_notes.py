"""Each instructors' timing table adds up to the length its heading states (in class and homework apart)."""
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTES = sorted((ROOT / "instructors").glob("notes-*.md"))
HEADING = re.compile(r"^### (?P<name>[^(\n]+)\((?P<low>\d+)(?:–(?P<high>\d+))? minutes\)\s*$", re.M)


def _span(text: str) -> tuple[int, int]:
    """'15' -> (15, 15); '15–20' -> (15, 20)."""
    low, _, high = text.strip().partition("–")
    return int(low), int(high or low)


def timing_tables(text: str) -> list[tuple[str, tuple[int, int], tuple[int, int]]]:
    """(heading, stated minutes, summed minutes) of each timed table under "## Timing"."""
    section = text.split("## Timing", 1)[1].split("\n## ", 1)[0]
    found = []
    for match in HEADING.finditer(section):
        rest = section[match.end():]
        body = rest.split("\n### ", 1)[0]
        rows = [line.split("|")[2] for line in body.splitlines()
                if line.startswith("|") and not line.startswith(("| part", "| ---"))]
        spans = [_span(r) for r in rows]
        stated = (int(match["low"]), int(match["high"] or match["low"]))
        found.append((match["name"].strip(), stated, (sum(s[0] for s in spans), sum(s[1] for s in spans))))
    return found


def test_the_parser_sums_a_table():
    text = "## Timing (x)\n\n### In class (25 minutes)\n\n| part | minutes | how |\n| --- | --- | --- |\n" \
           "| a | 10 | |\n| b | 10–15 | |\n\n## Next\n"
    assert timing_tables(text) == [("In class", (25, 25), (20, 25))]


@pytest.mark.parametrize("path", NOTES, ids=[p.stem for p in NOTES])
def test_each_timing_table_adds_up_to_its_heading(path):
    tables = timing_tables(path.read_text(encoding="utf-8"))
    assert tables and tables[0][0] == "In class", "a timing section starts with an '### In class (N minutes)' table"
    for name, stated, summed in tables:
        # a range in the table must fit within the stated range
        assert stated[0] <= summed[0] and summed[1] <= stated[1], f"{path.name}: {name} states {stated}, adds up to {summed}"


@pytest.mark.parametrize("path", NOTES, ids=[p.stem for p in NOTES])
def test_the_timing_heading_repeats_the_tables(path):
    text = path.read_text(encoding="utf-8")
    heading = re.search(r"^## Timing \((.+)\)$", text, re.M).group(1)
    for name, stated, _ in timing_tables(text):
        figure = f"{stated[0]}" if stated[0] == stated[1] else f"{stated[0]}–{stated[1]}"
        assert figure in heading, (path.name, name, heading)
