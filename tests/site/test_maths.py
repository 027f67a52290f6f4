"""Maths pages show MathML written when the book was built, in the self-hosted maths font, with no maths script.

Every page with maths (``.math`` elements; chapters 1 and 2 and a worked solution today) is loaded in headless
Chromium: each formula must be a MathML ``<math>`` element the browser lays out, inline formulas inside the
line and display formulas on their own; the page must request no script for maths (MathJax or any other:
its scripts are the theme's and the calculators' only) and draw the formulas in the maths font that
``math.css`` declares, loaded from the site. A page without maths must not load that font or stylesheet.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Names of maths renderers' scripts (MathJax, KaTeX, their TeX components): none may load.
MATHS_SCRIPT = ("math", "katex", "tex-")

FORMULAS_JS = """
() => Array.from(document.querySelectorAll(".math")).map(el => {
  const math = el.querySelector("math");
  const box = math ? math.getBoundingClientRect() : {width: 0, height: 0};
  return {
    tex: math ? math.getAttribute("alttext") : el.textContent.slice(0, 60),
    mathml: math !== null && math.namespaceURI === "http://www.w3.org/1998/Math/MathML",
    block: math !== null && math.getAttribute("display") === "block",
    inDiv: el.tagName === "DIV",
    width: box.width, height: box.height,
    font: math ? getComputedStyle(math).fontFamily : "",
  };
})"""
FONT_LOADED_JS = """
async () => { await document.fonts.ready;
  return [...document.fonts].filter(f => f.family.replace(/"/g, "") === "Book Math" && f.status === "loaded").length; }
"""


def maths_pages(built_site) -> list[str]:
    return [built_site.url_of(page) for page in built_site.pages if built_site.has_maths(page)]


def test_chapters_one_and_two_have_maths(built_site):
    pages = maths_pages(built_site)
    assert {"chapters/01-goals.html", "chapters/02-time.html"} <= set(pages), pages


@pytest.fixture(scope="module")
def loaded(page_logger, built_site):
    """Each maths page loaded once: its formulas, its script requests, whether the maths font loaded."""
    results = {}
    for path in maths_pages(built_site):
        log = page_logger.open(path)
        results[path] = {
            "formulas": log.page.evaluate(FORMULAS_JS),
            "scripts": [url for url in log.requests if url.split("?")[0].endswith((".js", ".mjs"))],
            "requests": list(log.requests),
            "font": log.page.evaluate(FONT_LOADED_JS),
        }
        log.close()
    return results


def test_every_formula_is_mathml_laid_out_by_the_browser(loaded, fail_if):
    fail_if(
        {
            page: [
                f"{f['tex']!r}: " + ("not MathML" if not f["mathml"] else f"drawn {f['width']:.0f} x {f['height']:.0f} px")
                for f in result["formulas"]
                if not f["mathml"] or f["width"] < 4 or f["height"] < 4 or f["block"] != f["inDiv"]
            ]
            for page, result in loaded.items()
        },
        "Formulas not drawn as MathML (display formulas must be blocks in a div.math, inline ones in the line):",
    )


def test_no_maths_script_is_requested(loaded, fail_if):
    fail_if(
        {
            page: [url for url in result["scripts"]
                   if any(name in url.lower().rsplit("/", 1)[-1] for name in MATHS_SCRIPT)
                   or not ("/_static/" in url or url.split("?")[0].endswith("/searchindex.js"))]
            for page, result in loaded.items()
        },
        "Maths pages requested a maths script (the build writes MathML: no script should typeset it):",
    )


def test_formulas_use_the_self_hosted_maths_font(loaded, fail_if):
    fail_if(
        {
            page: ([] if result["font"] else ["the maths font (Book Math) did not load"])
            + [f"{f['tex']!r} in {f['font']}" for f in result["formulas"] if not f["font"].startswith('"Book Math"')]
            + ([] if any(u.split("?")[0].endswith("/offline/math/noto-sans-math-book.woff2") for u in result["requests"])
               else ["noto-sans-math-book.woff2 was not requested from the site"])
            for page, result in loaded.items()
        },
        "Formulas not in the maths font of offline/math/math.css:",
    )


def test_a_page_without_maths_loads_no_maths_font(page_log, built_site):
    plain = next(built_site.url_of(p) for p in built_site.pages
                 if built_site.url_of(p) == "chapters/glossary.html" and not built_site.has_maths(p))
    log = page_log(plain)
    assert not [url for url in log.requests if "/offline/math/" in url]
