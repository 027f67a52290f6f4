"""Checks of the built HTML that need no browser: pages, links, alt text, widget state, third parties.

Run after a build (``make book``); ``FOLLOWUP_SITE`` points them at another build, e.g. the students'
edition. Each failure names the page and the offending link, image or file, and says how to fix it.
"""
from __future__ import annotations

import functools
import os
import pathlib
import re
import urllib.parse

import nbformat
import pytest
import yaml

# A notebook uses a calculator when its code imports from the calculators package.
USES_CALCULATORS = re.compile(r"\bfollowup\.calculators\b|\bfrom\s+followup\s+import\s+[^\n]*\bcalculators\b")
MYST_CODE_CELL = re.compile(r"^(`{3,}|~{3,})\{code-cell\}[^\n]*\n(.*?)^\1", re.MULTILINE | re.DOTALL)
IMAGE_PATH = re.compile(r"(^|/)[^/\s]+\.(png|jpe?g|gif|svg|webp)$", re.IGNORECASE)
# <link rel> values that name a related document instead of loading a file into the page.
NON_LOADING_RELS = {
    "canonical", "alternate", "author", "license", "help", "next", "prev", "index", "search", "copyright", "me",
}
LOADED_BY_SRC = ["script", "img", "iframe", "audio", "video", "source", "embed"]
CSS_URL = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)|url\(\s*['"]?([^'")]+)""")
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
ALT_TEXT_FIX = (
    'give the figure\'s notebook cell the metadata {"mystnb": {"image": {"alt": "<what the figure '
    'shows>"}}} (JupyterLab: Property Inspector > Advanced Tools > Cell Metadata); for an image file, a {figure} '
    "directive with :alt:"
)


def toc_files(toc_path: pathlib.Path) -> list[str]:
    """Every document of a Jupyter Book ``_toc.yml`` (root first), as written there, without suffix.

    >>> import tempfile
    >>> toc = pathlib.Path(tempfile.mkdtemp()) / "_toc.yml"
    >>> _ = toc.write_text("root: intro\\nparts:\\n- chapters:\\n  - file: chapters/a.ipynb\\n")
    >>> toc_files(toc)
    ['intro', 'chapters/a']
    """
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    found = [toc["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries:
            if "file" in entry:
                found.append(entry["file"])
            for key in ("parts", "chapters", "sections"):
                walk(entry.get(key, []))

    walk([toc])
    return [str(pathlib.PurePosixPath(name).with_suffix("")) for name in found]


def local_target(page: pathlib.Path, url: str) -> tuple[pathlib.Path, str] | None:
    """The file and fragment that a URL written in ``page`` points to, or None if it leaves the site.

    >>> local_target(pathlib.Path("/s/chapters/a.html"), "../intro.html?v=1#top")
    (PosixPath('/s/intro.html'), 'top')
    >>> local_target(pathlib.Path("/s/a.html"), "mailto:someone@example.org") is None
    True
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page, urllib.parse.unquote(parts.fragment)
    target = pathlib.Path(os.path.normpath(page.parent / urllib.parse.unquote(parts.path)))
    if target.is_dir():
        target = target / "index.html"
    return target, urllib.parse.unquote(parts.fragment)


def by_page(built_site, check) -> dict[str, list[str]]:
    return {built_site.url_of(page): check(page) for page in built_site.pages}


# ------------------------------------------------------------------------------ pages and links
def test_every_toc_page_is_built(book_dir, site_dir, fail_if):
    files = toc_files(book_dir / "_toc.yml")
    missing = [f"{name} -> {name}.html" for name in files if not (site_dir / f"{name}.html").is_file()]
    assert len(files) > 1, f"{book_dir / '_toc.yml'} lists no page besides the root"
    fail_if({"_toc.yml": missing}, f"Pages of {book_dir / '_toc.yml'} missing from {site_dir}:")


def test_internal_links_and_anchors_resolve(built_site, fail_if):
    @functools.lru_cache(maxsize=None)
    def ids(target: pathlib.Path) -> frozenset[str]:
        soup = built_site.soup(target)
        named = soup.find_all(attrs={"id": True}) + soup.find_all("a", attrs={"name": True})
        return frozenset(tag.get("id") or tag.get("name") for tag in named)

    def broken(page: pathlib.Path) -> list[str]:
        found = []
        for tag, attr in (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src")):
            for element in built_site.soup(page).find_all(tag, attrs={attr: True}):
                url = element[attr]
                target = local_target(page, url)
                if target is None:
                    continue
                path, fragment = target
                if not path.is_file():
                    shown = path.relative_to(built_site.dir) if path.is_relative_to(built_site.dir) else path
                    found.append(f"<{tag} {attr}={url!r}>: no file {shown}")
                elif fragment and path.suffix == ".html" and fragment not in ids(path):
                    found.append(f"<{tag} {attr}={url!r}>: no id {fragment!r} in {built_site.url_of(path)}")
        return found

    fail_if(by_page(built_site, broken), "Broken internal links (fix the link or the target's label):")


# ------------------------------------------------------------------------------ accessibility
def test_images_have_alt_text(built_site, fail_if):
    def missing_alt(page: pathlib.Path) -> list[str]:
        found = []
        for img in built_site.soup(page).find_all("img"):
            alt = (img.get("alt") or "").strip()
            if not alt or alt == img.get("src") or IMAGE_PATH.search(alt):
                found.append(f"<img src={img.get('src')!r}> has alt {alt!r}")
        return found

    fail_if(by_page(built_site, missing_alt), f"Images without a text alternative: {ALT_TEXT_FIX}.")


def test_inline_svg_figures_are_labelled(built_site, fail_if):
    def unlabelled(page: pathlib.Path) -> list[str]:
        return [
            f"<svg> {str(svg)[:120]!r}..."
            for svg in built_site.soup(page).find_all("svg")
            if not (
                svg.find("title", recursive=False)
                or svg.get("aria-label")
                or svg.get("aria-labelledby")
                or svg.get("aria-hidden") == "true"
                or svg.get("role") in ("presentation", "none")
            )
        ]

    fail_if(
        by_page(built_site, unlabelled),
        "Inline SVG figures need a <title> child or an aria-label (aria-hidden=\"true\" if decorative):",
    )


# ------------------------------------------------------------------------------ calculators
def uses_calculators(source: pathlib.Path) -> bool:
    """Whether the code of a notebook (.ipynb, or MyST .md with code-cells) imports a calculator."""
    if source.suffix == ".ipynb":
        code = [cell.source for cell in nbformat.read(source, as_version=4).cells if cell.cell_type == "code"]
    else:
        code = [match.group(2) for match in MYST_CODE_CELL.finditer(source.read_text(encoding="utf-8"))]
    return any(USES_CALCULATORS.search(text) for text in code)


def test_calculator_pages_embed_widget_state(book_dir, built_site, fail_if):
    """A page whose notebook uses followup.calculators carries the anywidget state and its views."""
    sources = built_site.dir / "_sources"
    problems, calculator_pages = {}, 0
    for name in toc_files(book_dir / "_toc.yml"):
        copies = sorted(sources.glob(f"{name}.*"))
        if not copies:
            problems[name] = [f"no source copy under {sources} (html_copy_source must stay on)"]
            continue
        if not uses_calculators(copies[0]):
            continue
        calculator_pages += 1
        page = built_site.dir / f"{name}.html"
        state = (built_site.widget_state(page) or {}).get("state", {})
        anywidgets = {model_id for model_id, model in state.items() if model.get("model_module") == "anywidget"}
        shown = anywidgets.intersection(built_site.widget_view_ids(page))
        if not shown:
            problems[name] = [
                f"uses followup.calculators but {name}.html shows no anywidget view with embedded state "
                f"({len(state)} models, {len(anywidgets)} anywidget): execute the notebook so its metadata "
                "stores the widget state (make execute), and display the calculator as a cell's last value"
            ]
    fail_if(problems, "Calculator pages that would be blank on the site:")
    if not calculator_pages and not any(problems.values()):
        pytest.skip("no page of the toc uses followup.calculators yet")


def test_every_widget_view_has_its_state(built_site, fail_if):
    def orphans(page: pathlib.Path) -> list[str]:
        state = (built_site.widget_state(page) or {}).get("state", {})
        return [
            f"widget view of model {model_id} has no state"
            for model_id in built_site.widget_view_ids(page)
            if model_id not in state
        ]

    fail_if(
        by_page(built_site, orphans),
        "Widget views whose model is not in the page's state (they render nothing): re-execute the notebook.",
    )


# ------------------------------------------------------------------------------ third parties
def test_no_third_party_files_are_referenced(built_site, fail_if):
    """No page names a script, stylesheet, font, image or frame on another host (browsers fetch those on
    load); tests/site/test_offline.py complements this with what the pages' scripts request at run time."""
    stylesheets: set[pathlib.Path] = set()

    def remote(url: str) -> bool:
        return urllib.parse.urlsplit(url.strip()).scheme in ("http", "https") or url.strip().startswith("//")

    def css_remote(css: str) -> list[str]:
        urls = (url for match in CSS_URL.finditer(CSS_COMMENT.sub("", css)) for url in match.groups())
        return [url for url in urls if url and remote(url)]

    def references(page: pathlib.Path) -> list[str]:
        soup, found = built_site.soup(page), []
        for element in soup.find_all(LOADED_BY_SRC, src=True):
            if remote(element["src"]):
                found.append(f"<{element.name} src={element['src']!r}>")
        for element in soup.find_all("script", attrs={"data-jupyter-widgets-cdn": True}):
            if remote(element["data-jupyter-widgets-cdn"]):
                found.append(f"widget modules from {element['data-jupyter-widgets-cdn']!r} (nb_ipywidgets_js)")
        for link in soup.find_all("link", href=True):
            rels = set(link.get("rel") or [])
            if remote(link["href"]) and not rels <= NON_LOADING_RELS:
                found.append(f"<link rel={' '.join(sorted(rels))!r} href={link['href']!r}>")
            target = local_target(page, link["href"])
            if "stylesheet" in rels and target and target[0].is_file():
                stylesheets.add(target[0])
        for style in soup.find_all("style"):
            found += [f"<style> loads {url!r}" for url in css_remote(style.get_text())]
        return found

    problems = by_page(built_site, references)
    seen: set[pathlib.Path] = set()
    while stylesheets - seen:  # stylesheets and the local stylesheets they @import
        sheet = min(stylesheets - seen)
        seen.add(sheet)
        css = sheet.read_text(encoding="utf-8", errors="replace")
        problems[built_site.url_of(sheet)] = [f"loads {url!r}" for url in css_remote(css)]
        for match in CSS_URL.finditer(CSS_COMMENT.sub("", css)):
            url = match.group(1)
            if url and not remote(url) and (sheet.parent / url.split("?")[0]).resolve().is_file():
                stylesheets.add((sheet.parent / url.split("?")[0]).resolve())
    assert seen, "no local stylesheet found: the theme's CSS should be linked from every page"
    fail_if(
        problems,
        "Files from another host (blank widgets or raw TeX where it is blocked): self-host them under "
        "assets/site/_static/offline/ (assets/refresh.sh) and point _config.yml at them.",
    )
