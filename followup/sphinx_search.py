"""Sphinx extension of the book: the search index knows the glossary's Chinese terms as words.

With ``html_search_language: zh`` Sphinx splits Chinese text with jieba, whose dictionary does not hold the
book's terms: 关键路径 (critical path) is cut into 关键 and 路径 only, so the whole term typed into the search
box found nothing. This extension adds each Chinese term of ``chapters/glossary.md`` (the one list of them)
to jieba before the index is built; jieba's search mode then indexes 关键路径 whole *and* as 关键 and 路径.

Loaded by name from ``sphinx.config.extensions`` in ``_config.yml`` (it lives in the installed ``followup``
package, so every edition's configuration finds it wherever its ``_config.yml`` is written).
"""
from __future__ import annotations

import pathlib
import re

GLOSSARY = pathlib.Path("chapters") / "glossary.md"
# A definition line of the glossary: two spaces, the Chinese term(s), " — ", the definition.
DEFINITION = re.compile(r"^  (?P<terms>[^\s].*?) — ", re.MULTILINE)
CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def chinese_terms(glossary_text: str) -> list[str]:
    """The Chinese terms of the glossary's definition lines, in order, without duplicates.

    >>> chinese_terms("Critical path\\n  关键路径 — the chain...\\nCPM\\n  关键路径法（CPM） — computing...\\n")
    ['关键路径', '关键路径法']
    """
    terms: dict[str, None] = {}
    for match in DEFINITION.finditer(glossary_text):
        for run in CJK_RUN.findall(match.group("terms")):
            terms.setdefault(run)
    return list(terms)


def add_glossary_terms(app) -> None:
    if app.builder.format != "html" or not str(app.config.html_search_language or "").startswith("zh"):
        return
    import jieba  # only needed, and only installed, for the Chinese search index

    glossary = pathlib.Path(app.srcdir) / GLOSSARY
    for term in chinese_terms(glossary.read_text(encoding="utf-8")):
        jieba.add_word(term)


def setup(app):
    app.connect("builder-inited", add_glossary_terms)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
