"""Dark mode: no output of a chapter or exercise page sits on a light card.

pydata-sphinx-theme paints, in dark mode, every HTML output that holds no pandas ``table.dataframe`` (and
every ipywidgets area) on a light card, for outputs drawn for a white page. The book's own outputs (quiz,
explorer, exercise feedback, pandas Styler tables, calculators) follow the theme instead; the rules that keep
them off the card are in ``_static/book.css``. This check loads each page in dark mode and lists every text
output whose background is light, so a new kind of output drawn for a white page is caught.
"""
from __future__ import annotations

import pytest

# Text outputs (not figures: a matplotlib image keeps its grey card, on purpose) with a light background.
LIGHT_OUTPUTS_JS = """
() => {
  const light = (colour) => {
    const m = colour.match(/rgba?\\(([\\d.]+), ([\\d.]+), ([\\d.]+)(?:, ([\\d.]+))?\\)/);
    if (!m || (m[4] !== undefined && Number(m[4]) < 0.5)) return false;
    const [r, g, b] = [m[1], m[2], m[3]].map(Number);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b > 140;
  };
  const out = [];
  for (const el of document.querySelectorAll(".cell_output .output.text_html, .cell_output .widget-subarea")) {
    if (!el.innerText.trim()) continue;
    if (light(getComputedStyle(el).backgroundColor)) out.push(el.innerText.trim().slice(0, 60).replace(/\\s+/g, " "));
  }
  return out;
}
"""


@pytest.mark.browser
def test_no_output_on_a_light_card_in_dark_mode(browser, site_url, built_site, fail_if):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    problems = {}
    try:
        for path in built_site.pages:
            url = built_site.url_of(path)
            if not url.startswith(("chapters/", "exercises/")):
                continue
            page.goto(site_url + url, wait_until="load")
            assert page.evaluate("document.documentElement.dataset.theme") == "dark", url
            problems[url] = page.evaluate(LIGHT_OUTPUTS_JS)
    finally:
        context.close()
    fail_if(problems, "outputs on a light card in dark mode: draw them with the theme's colours and add their "
                      "container to the dark-mode rule in _static/book.css")
