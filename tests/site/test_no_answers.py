"""No chapter page prints the answer of an exercise (issue 15, item 6).

Each exercise's expected value is read from the instructors' side, as the checks record it
(``tools/sample_submissions.answer_key``), and each form a page would print it in
(``sample_submissions.printed_forms``: at least four significant digits) is searched for in the visible text
of every built chapter page (``chapters/NN-*.html``). A leak is fixed by changing the chapter's example, not
the exercise.
"""
from __future__ import annotations

import pathlib
import re
import sys

TOOLS = pathlib.Path(__file__).resolve().parents[2] / "tools"
sys.path.insert(0, str(TOOLS))
import exercise_sets  # noqa: E402
import sample_submissions  # noqa: E402

CHAPTER = re.compile(r"^chapters/\d\d-[^/]+\.html$")


def test_no_chapter_page_prints_an_exercise_answer(built_site, fail_if):
    chapters = {built_site.url_of(page): built_site.soup(page).get_text(" ")
                for page in built_site.pages if CHAPTER.match(built_site.url_of(page))}
    assert chapters, "no chapter pages (chapters/NN-*.html) in the built site"
    sets = exercise_sets.discover()
    assert sets, "no exercise sets found (exercises/source/*.ipynb)"
    leaks: dict[str, list[str]] = {}
    for exercise_set in sets:
        for number, key in sample_submissions.answer_key(exercise_set.module).items():
            for form in sample_submissions.printed_forms(key.expected):
                for url, text in chapters.items():
                    if re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d])", text):
                        leaks.setdefault(url, []).append(
                            f"prints {form!r}, the answer of exercise {number} of set {exercise_set.id}")
    fail_if(leaks, "chapter pages print exercise answers: change the chapter's example (not the exercise)")
