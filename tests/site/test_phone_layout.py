"""On a 390 px phone no page scrolls sideways, and no page shows two search fields in its header.

A page may hold something wider than the screen only inside an element that scrolls on its own (a table's
or code block's wrapper with ``overflow-x: auto``) or clips it; the check loads every built page in a
390 px wide viewport, in light and dark mode, and lists each element that sticks out of the screen
without such a container around it, and the page's own scroll width.
"""
from __future__ import annotations

import pytest

PHONE = {"width": 390, "height": 844}

# Elements sticking out to the right of the viewport, with no ancestor that scrolls or clips sideways.
OVERFLOW_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const contained = el => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const x = getComputedStyle(a).overflowX;
      if (x === "auto" || x === "scroll" || x === "hidden" || x === "clip") return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1 || contained(el)) continue;
    if (getComputedStyle(el).position === "fixed") continue;  // drawers off screen until opened
    if (el.closest(".bd-sidebar-primary, .bd-sidebar-secondary, dialog, .search-button__wrapper")) continue;
    out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} right=${Math.round(box.right)}`);
    if (out.length >= 5) break;
  }
  return {scrollWidth: document.documentElement.scrollWidth, width: width, out: out};
}
"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_scrolls_sideways_on_a_phone(browser, site_url, built_site, fail_if, scheme):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    problems = {}
    try:
        for path in built_site.pages:
            url = built_site.url_of(path)
            page.goto(site_url + url, wait_until="load")
            try:  # widgets render after load; a page still busy after 10 s is measured as it stands
                page.wait_for_load_state("networkidle", timeout=10_000)
            except Exception:  # noqa: BLE001 - playwright's TimeoutError
                pass
            found = page.evaluate(OVERFLOW_JS)
            items = list(found["out"])
            if found["scrollWidth"] > found["width"] + 1:
                items.insert(0, f"the page is {found['scrollWidth']} px wide on a {found['width']} px screen")
            problems[url] = items
    finally:
        context.close()
    fail_if(problems, f"pages that scroll sideways at 390 px ({scheme} mode): give the wide element fewer "
                      "columns, let it wrap, or put it in a container that scrolls on its own")


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE])
def test_one_search_field_in_view(browser, site_url, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        page.goto(site_url + "chapters/02-time.html", wait_until="load")
        in_header = page.locator(".bd-header .search-button-field:visible, .bd-header-article .search-button:visible")
        in_sidebar = page.locator(".bd-sidebar-primary .search-button-field:visible")
        shown = in_header.count() + in_sidebar.count()
        assert shown == 1, f"{shown} search fields or buttons shown at {viewport['width']} px (one expected)"
    finally:
        context.close()
