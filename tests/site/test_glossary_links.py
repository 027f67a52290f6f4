"""Every glossary term is linked from at least one chapter page, so no definition is an orphan.

The terms are read from the built glossary page (one ``<dt id="term-...">`` per entry of
``chapters/glossary.md``); a chapter page is a built page of a numbered chapter or the synthesis
(``chapters/NN-*.html``). A link is an ``<a>`` whose target is ``glossary.html#<term id>``, as MyST writes
for ``{term}`...```. The failure lists every unlinked term at once.
"""
from __future__ import annotations

import re
import urllib.parse

CHAPTER = re.compile(r"^chapters/\d\d-[^/]+\.html$")


def glossary_terms(built_site) -> dict[str, str]:
    """``{term id: term text}`` of the built glossary page."""
    soup = built_site.soup(built_site.dir / "chapters" / "glossary.html")
    terms = {}
    for dt in soup.select("dl.glossary dt[id]"):
        for link in dt.select("a.headerlink"):
            link.extract()
        terms[dt["id"]] = dt.get_text(" ", strip=True)
    return terms


def test_glossary_page_has_terms(built_site):
    assert len(glossary_terms(built_site)) >= 10


def test_every_glossary_term_is_linked_from_a_chapter(built_site, fail_if):
    terms = glossary_terms(built_site)
    chapters = [page for page in built_site.pages if CHAPTER.match(built_site.url_of(page))]
    assert chapters, "no chapter pages (chapters/NN-*.html) in the built site"
    linked = set()
    for page in chapters:
        for a in built_site.soup(page).find_all("a", href=True):
            target = urllib.parse.urlsplit(a["href"])
            if target.path.endswith("glossary.html") and target.fragment in terms:
                linked.add(target.fragment)
    unlinked = sorted(terms[i] for i in terms if i not in linked)
    fail_if(
        {"chapters/glossary.html": [f"{term!r} is linked from no chapter page" for term in unlinked]},
        f"{len(unlinked)} of {len(terms)} glossary terms are linked from no chapter: link each where a "
        "chapter first uses it, with {term}`Term` or {term}`text <Term>`.",
    )


def test_glossary_is_alphabetical_without_duplicates(built_site):
    terms = list(glossary_terms(built_site).values())
    keys = [term.casefold() for term in terms]
    duplicates = sorted({term for term, key in zip(terms, keys) if keys.count(key) > 1})
    assert not duplicates, f"terms defined twice in chapters/glossary.md: {duplicates}"
    misplaced = [f"{a!r} before {b!r}" for a, b, ka, kb in zip(terms, terms[1:], keys, keys[1:]) if ka > kb]
    assert not misplaced, f"chapters/glossary.md is not alphabetical: {misplaced}"
