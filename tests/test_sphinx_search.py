"""followup.sphinx_search: the glossary's Chinese terms that the search index learns as words."""

import doctest
import pathlib

import followup.sphinx_search as sphinx_search

GLOSSARY = pathlib.Path(__file__).resolve().parents[1] / "chapters" / "glossary.md"


def test_every_glossary_entry_gives_its_chinese_terms():
    text = GLOSSARY.read_text(encoding="utf-8")
    terms = sphinx_search.chinese_terms(text)
    assert {"关键路径", "关键路径法", "业务跟进", "项目跟进"} <= set(terms)
    assert len(terms) == len(set(terms))
    entries = text.count("\n  ")  # one definition line per entry
    assert len(terms) >= entries - 5  # a few entries (EPC, KPI, ...) have Latin-only short forms


def test_search_splits_a_term_whole_and_in_part():
    import jieba

    jieba.add_word("关键路径")
    words = jieba.lcut_for_search("浮动时间与关键路径")
    assert {"关键", "路径", "关键路径"} <= set(words)


def test_docstring_example():
    assert doctest.testmod(sphinx_search).failed == 0
