"""The site's search, in the browser: Chinese terms are found whole and in part, English words still are.

The book indexes with Sphinx's Chinese splitter (``html_search_language: zh`` in ``_config.yml``, which needs
``jieba``): 关键路径 (critical path) is indexed also as 关键 and 路径, so a reader who types either half finds
the pages. Latin words are stemmed as in English, so "floats" finds the pages on float.
"""
from __future__ import annotations

import urllib.parse

import pytest

pytestmark = pytest.mark.browser

# The search page has finished when Sphinx writes its summary ("Search finished, found N pages ...").
DONE = "() => document.querySelector('#search-results .search-summary') !== null"
RESULTS = "() => Array.from(document.querySelectorAll('#search-results ul.search li a')).map(a => a.href)"


@pytest.fixture(scope="module")
def search(page_logger):
    """``search(query) -> set of result page paths`` (relative to the site root, no anchors)."""
    cache = {}

    def run(query: str) -> set[str]:
        if query not in cache:
            log = page_logger.open("search.html?q=" + urllib.parse.quote(query))
            log.page.wait_for_function(DONE, timeout=20_000)
            hrefs = log.page.evaluate(RESULTS)
            uncaught = [error for error in log.console_errors if error.startswith("uncaught")]
            assert not uncaught, f"the search page raised: {uncaught}"
            log.close()
            base = page_logger.site_url
            cache[query] = {urllib.parse.urldefrag(h)[0].removeprefix(base) for h in hrefs}
        return cache[query]

    return run


def test_whole_chinese_term_is_found(search):
    found = search("关键路径")
    assert any(path.startswith("chapters/") and "time" in path for path in found), found


@pytest.mark.parametrize("part", ["关键", "路径"])
def test_either_half_of_a_chinese_term_finds_its_pages(search, part):
    whole = search("关键路径")
    found = search(part)
    assert whole <= found, f"{part!r} misses pages that 关键路径 finds: {sorted(whole - found)}"


@pytest.mark.parametrize(("query", "page_hint"), [("float", "time"), ("floats", "time"), ("levelling", "resources")])
def test_english_search_keeps_working(search, query, page_hint):
    found = search(query)
    assert any(page_hint in path for path in found), f"{query!r} found {sorted(found)}"


def test_a_word_in_no_page_finds_nothing(search):
    assert search("xylophonequartz") == set()
