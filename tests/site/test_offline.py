"""The built site works where public CDNs are blocked: every request of a page stays on the site.

A sample of pages is served on 127.0.0.1 and loaded in headless Chromium: the landing page, every page
in a sub-folder that carries widget state or maths, and one page two folders deep. Each page must
request nothing from another host and nothing the site lacks, show its maths as MathML (written when the
book is built, no maths script) and render every embedded widget view with the self-hosted widget host (anywidget-host.js).
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def sample_paths(built_site) -> list[str]:
    """The landing page (""), every sub-folder page with widgets or maths, and one page two folders deep."""
    urls = {page: built_site.url_of(page) for page in built_site.pages}
    chosen = [""] + [
        url
        for page, url in urls.items()
        if "/" in url and (built_site.widget_state(page) is not None or built_site.has_maths(page))
    ]
    if not any(url.count("/") >= 2 for url in chosen):
        chosen += [url for url in urls.values() if url.count("/") >= 2][:1]
    return chosen


@pytest.fixture(scope="module")
def loaded(page_logger, built_site):
    """Each sample page loaded once: its traffic log, its maths elements and its widget views."""
    results = {}
    for path in sample_paths(built_site):
        log = page_logger.open(path)
        results[path or "(landing page)"] = {
            "log": log,
            "maths": log.maths(),
            "widgets": log.widget_views(),
            "state": log.page.locator('script[type="application/vnd.jupyter.widget-state+json"]').count(),
        }
        log.close()
    return results


def test_sample_covers_sub_folders(loaded, built_site):
    """The sample reaches pages one and two folders deep, so relative asset paths are exercised."""
    deepest = max(built_site.url_of(page).count("/") for page in built_site.pages)
    reached = max(path.count("/") for path in loaded if not path.startswith("("))
    assert reached >= min(deepest, 2), f"sampled pages: {sorted(loaded)}"


def test_no_request_leaves_the_site(loaded, fail_if):
    fail_if(
        {page: result["log"].offsite() for page, result in loaded.items()},
        "Requests to another host (pages break where it is blocked): self-host the file under "
        "assets/site/_static/offline/ and point _config.yml at it.",
    )


def test_no_request_fails(loaded, fail_if):
    fail_if(
        {page: result["log"].failed for page, result in loaded.items()},
        "Requests that failed (missing file or network error): a file the site lacks "
        "(self-host it under assets/site/_static/offline/).",
    )


def test_no_console_error(loaded, fail_if):
    fail_if(
        {
            # None is harmless: the theme's "Got invalid theme mode" on a first visit is gone since
            # _config.yml sets default_mode, the browser's /favicon.ico probe since the site has an icon.
            page: list(result["log"].console_errors)
            for page, result in loaded.items()
        },
        "Errors in the browser console:",
    )


def test_maths_is_typeset(loaded, fail_if):
    with_maths = {page: result["maths"] for page, result in loaded.items() if result["maths"]}
    if not with_maths:
        pytest.skip("no sampled page has maths")
    fail_if(
        {
            page: [
                f"{'TeX error in' if item['error'] else 'not typeset:'} {item['tex']!r}"
                for item in maths
                if item["error"] or not item["typeset"]
            ]
            for page, maths in with_maths.items()
        },
        "Maths not drawn as MathML (readers see raw TeX or nothing):",
    )


def test_every_widget_view_renders(loaded, fail_if):
    with_widgets = {page: result for page, result in loaded.items() if result["state"] or result["widgets"]}
    if not with_widgets:
        pytest.skip("no sampled page embeds widgets")
    fail_if(
        {
            page: [
                f"model {view['model_id']} {'shows the error box' if view['failed'] else 'rendered nothing'}: "
                + view["html"][:160]
                for view in result["widgets"]
                if not view["rendered"]
            ]
            or ([] if result["widgets"] else ["widget state embedded but no widget view on the page"])
            for page, result in with_widgets.items()
        },
        "Widget views left blank:",
    )
