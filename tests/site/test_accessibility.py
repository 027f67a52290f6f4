"""Accessibility: axe-core's WCAG 2 A and AA rules on the landing page and on every page with a
calculator, a quiz or an exercise (labels of controls, contrast, ARIA, images, headings)."""
import pathlib

import pytest

pytestmark = pytest.mark.browser

AXE = pathlib.Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
RUN_AXE = """async () => {
  const result = await axe.run(document, {runOnly: ["wcag2a", "wcag2aa"]});
  return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ` +
    v.nodes.slice(0, 3).map(n => n.target.join(" ")).join("; "));
}"""


def audited_pages(built_site):
    pages = ["intro.html"]
    for page in built_site.pages:
        url = built_site.url_of(page)
        soup = built_site.soup(page)
        if url.startswith("exercises/") or soup.select_one(".fu-quiz") or built_site.widget_view_ids(page):
            pages.append(url)
    return pages


def test_pages_pass_axe_wcag2_a_and_aa(built_site, page_log, fail_if):
    script = AXE.read_text(encoding="utf-8")
    problems = {}
    for url in audited_pages(built_site):
        log = page_log(url)
        log.page.add_script_tag(content=script)
        problems[url] = log.page.evaluate(RUN_AXE)
    fail_if(problems, "accessibility violations (WCAG 2 A/AA, axe-core)")
