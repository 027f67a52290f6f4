"""Launch buttons and live code: what the pages offer matches `_config.yml`, and nothing loads thebe.

- The JupyterHub button appears on the notebook pages exactly when ``launch_buttons.jupyterhub_url`` is set.
- There is no "Live code" (thebe) button and no thebe script on any page: thebe would fetch its code from
  unpkg.com and a kernel from mybinder.org, and its config script, written twice per page by sphinx-thebe
  under Sphinx 7, made browsers log "Identifier 'THEBE_JS_URL' has already been declared".
"""
from __future__ import annotations

import pytest
import yaml


@pytest.fixture(scope="module")
def launch_buttons(book_dir) -> dict:
    config = yaml.safe_load((book_dir / "_config.yml").read_text(encoding="utf-8"))
    return config.get("launch_buttons") or {}


def notebook_pages(built_site, book_dir):
    """Built pages whose source is a notebook (the pages that carry launch buttons)."""
    return [
        page
        for page in built_site.pages
        if (book_dir / built_site.url_of(page)).with_suffix(".ipynb").is_file()
    ]


def launch_links(built_site, page, text: str) -> list[str]:
    return [
        a.get("href", "")
        for a in built_site.soup(page).select("a.btn")
        if a.get_text(" ", strip=True) == text
    ]


def test_jupyterhub_button_only_when_its_url_is_set(built_site, book_dir, launch_buttons, fail_if):
    hub = (launch_buttons.get("jupyterhub_url") or "").strip("/")
    pages = notebook_pages(built_site, book_dir)
    assert pages, "no notebook pages in the built site"
    problems = {}
    for page in pages:
        links = launch_links(built_site, page, "JupyterHub")
        if hub and not any(link.startswith(f"{hub}/hub/user-redirect/git-pull?") for link in links):
            problems[built_site.url_of(page)] = [f"no JupyterHub button for jupyterhub_url={hub!r}"]
        elif not hub and links:
            problems[built_site.url_of(page)] = [f"JupyterHub button without jupyterhub_url: {links}"]
    fail_if(problems, "The JupyterHub launch button must follow launch_buttons.jupyterhub_url in _config.yml:")


def test_binder_button_on_every_notebook_page(built_site, book_dir, launch_buttons, fail_if):
    binder = (launch_buttons.get("binderhub_url") or "").strip("/")
    if not binder:
        pytest.skip("no binderhub_url in _config.yml")
    fail_if(
        {
            built_site.url_of(page): ["no Binder button"]
            for page in notebook_pages(built_site, book_dir)
            if not any(link.startswith(f"{binder}/v2/") for link in launch_links(built_site, page, "Binder"))
        },
        "Notebook pages without a Binder launch button:",
    )


def test_no_page_loads_thebe(built_site, fail_if):
    problems = {}
    for page in built_site.pages:
        soup = built_site.soup(page)
        found = []
        if soup.select(".thebe-launch-button, button[onclick*='initThebe']"):
            found.append("a Live code (thebe) button")
        for script in soup.find_all("script"):
            src, body = script.get("src") or "", script.string or ""
            if "thebe" in src or "THEBE_JS_URL" in body or script.get("type") == "text/x-thebe-config":
                found.append(f"a thebe script ({src or body[:60]!r})")
        problems[built_site.url_of(page)] = found
    fail_if(problems, "Pages that still load thebe (set launch_buttons.thebe: false, keep sphinx_thebe out of "
                      "sphinx.config.extensions in _config.yml):")


@pytest.mark.browser
def test_chapter_page_logs_no_thebe_error(page_log, built_site, book_dir):
    page = notebook_pages(built_site, book_dir)[0]
    log = page_log(built_site.url_of(page))
    assert not [e for e in log.console_errors if "THEBE" in e], log.console_errors
