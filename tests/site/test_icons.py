"""The theme's icons render from its stylesheet and webfonts, and no page loads the 0.54 MB fontawesome.js.

``assets/templates/static/webpack-macros.html`` drops the theme's FontAwesome script (it only turned the same
icons into inline SVG, and registered custom icons, which the book has none of). Each icon of the header
and sidebars must still be drawn: an ``<i class="fa-...">`` whose ``::before`` holds a glyph of the
FontAwesome webfont, with a size, and the webfont loaded from the site.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = ("", "chapters/02-time.html")  # the landing page and a chapter page one folder deep
ICONS_JS = """
async () => {
  await document.fonts.ready;
  return Array.from(document.querySelectorAll("i[class*='fa-']"))
    .filter(el => el.getClientRects().length > 0)          // icons shown on this screen
    .map(el => {
      const before = getComputedStyle(el, "::before");
      const box = el.getBoundingClientRect();
      return {icon: el.className, glyph: before.content, font: before.fontFamily, width: box.width};
    });
}"""


def test_no_page_loads_fontawesome_js(built_site, fail_if):
    fail_if(
        {
            built_site.url_of(page): ["loads fontawesome.js"]
            for page in built_site.pages
            if built_site.soup(page).find("script", src=lambda src: src and "fontawesome.js" in src)
        },
        "Pages that still load the theme's FontAwesome script (see assets/templates/static/webpack-macros.html):",
    )


@pytest.mark.parametrize("path", PAGES)
def test_every_icon_is_drawn_from_the_webfont(page_log, path):
    log = page_log(path)
    icons = log.page.evaluate(ICONS_JS)
    assert len(icons) >= 5, icons  # menu, launch, repository, download, full screen, theme, search, contents
    undrawn = [i for i in icons if i["glyph"] in ("none", "normal", '""') or "Font Awesome" not in i["font"]
               or i["width"] < 4]
    assert not undrawn, undrawn
    assert not [url for url in log.requests if "fontawesome.js" in url]
    assert not log.failed, log.failed
