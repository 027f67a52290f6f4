"""Fixtures of the checks of the built site (`make test` runs them after the strict build).

- ``site_dir``: the built HTML folder, ``_build/html`` or the folder named by the environment
  variable ``FOLLOWUP_SITE`` (e.g. ``_build_student/_build/html``). Fails, never skips, when the site
  is not built.
- ``book_dir``: the folder holding the ``_toc.yml`` the site was built from (two levels above
  ``site_dir``: the repository for ``_build/html``, ``_build_student`` for the students' edition).
- ``site_url``: ``http://127.0.0.1:<free port>/`` serving ``site_dir`` for the whole session.
- ``browser``: a headless Debian Chromium driven by Playwright (marked tests: ``@pytest.mark.browser``).
- ``page_log``: opens a page of the site and records every request, failed request and console error::

      def test_slider_recomputes(page_log):
          log = page_log("chapters/04-risk.html")          # path relative to the site root
          log.page.locator("input[type=range]").first.fill("7")
          assert not log.failed and not log.offsite()

  ``log.calculator(key)`` is a ``CalculatorPanel``: the calculator ``[data-lm-calculator=key]`` of the open
  page, set as a reader would (``set(label, value)``) and read back (``state()``) with the one pair of
  in-page probes every calculator test uses::

      calc = page_log("chapters/01-goals.html").calculator("goal")
      calc.set("Units tested in the trial run", 300)
      assert calc.state()["invalid"] == []

- ``built_site``: a ``BuiltSite`` for reading the built HTML without a browser (its pages, their parsed
  HTML, their widget state and maths), so every check reads the site the same way.
- ``page_logger``: the session's ``PageLogger``, for a module-scoped fixture that loads pages once.
- ``fail_if``: ``fail_if({page: [problem, ...]}, headline)`` fails listing every page's problems.

There is no ``tests/site/__init__.py`` on purpose: a package named ``site`` would clash with Python's
own ``site`` module. Checks get everything through these fixtures (no imports between test files).
"""
from __future__ import annotations

import dataclasses
import functools
import http.server
import json
import os
import pathlib
import threading
import time
import urllib.parse

import bs4
import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"  # Debian's package; Playwright's own browser download is not used
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Folders of the built site that hold assets and copies, not pages.
NOT_PAGES = {"_static", "_sources", "_images", "_downloads"}
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


# ---------------------------------------------------------------- the built site, without a browser
@pytest.fixture(scope="session")
def site_dir() -> pathlib.Path:
    """The built HTML site (``FOLLOWUP_SITE`` or ``_build/html``); fails if it is not built."""
    site = pathlib.Path(os.environ.get("FOLLOWUP_SITE", REPO / "_build" / "html")).resolve()
    if not (site / "index.html").is_file():
        pytest.fail(
            f"No built site at {site} (no index.html): build it first with `make book` "
            "(or set FOLLOWUP_SITE to a built _build/html folder).",
            pytrace=False,
        )
    return site


@pytest.fixture(scope="session")
def book_dir(site_dir: pathlib.Path) -> pathlib.Path:
    """The folder of the ``_toc.yml`` the site was built from (``<book>/_build/html`` -> ``<book>``)."""
    book = site_dir.parents[1]
    if not (book / "_toc.yml").is_file():
        pytest.fail(
            f"No _toc.yml in {book}: a built site is expected at <book>/_build/html, next to the "
            "_toc.yml it was built from (FOLLOWUP_SITE must keep that layout).",
            pytrace=False,
        )
    return book


class BuiltSite:
    """Read-only view of a built site: its pages and what they embed.

    >>> site = BuiltSite(REPO / "_build" / "html")      # doctest: +SKIP
    >>> site.url_of(site.dir / "chapters" / "04-risk.html")   # doctest: +SKIP
    'chapters/04-risk.html'
    """

    def __init__(self, site_dir: pathlib.Path):
        self.dir = site_dir
        self.pages = sorted(
            path
            for path in site_dir.rglob("*.html")
            if not NOT_PAGES.intersection(path.relative_to(site_dir).parts[:1])
        )

    def url_of(self, page: pathlib.Path) -> str:
        """The page's path relative to the site root, as a URL path."""
        return page.relative_to(self.dir).as_posix()

    @functools.lru_cache(maxsize=None)
    def soup(self, page: pathlib.Path) -> bs4.BeautifulSoup:
        """The parsed HTML of a built file (cached: several checks read the same pages)."""
        return bs4.BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")

    def widget_state(self, page: pathlib.Path) -> dict | None:
        """The widget state myst-nb embedded in the page (``{"state": {model_id: ...}}``), or None."""
        script = self.soup(page).find("script", type=WIDGET_STATE)
        return json.loads(script.string) if script is not None else None

    def widget_view_ids(self, page: pathlib.Path) -> list[str]:
        """The model ids of the widget views embedded in the page, in page order."""
        return [json.loads(s.string)["model_id"] for s in self.soup(page).find_all("script", type=WIDGET_VIEW)]

    def embedding(self, widget_class: type) -> tuple[str, dict] | None:
        """(URL, stored traits) of the first page whose widget state holds a ``widget_class`` model, or None."""
        anywidget_id = f"{widget_class.__module__}.{widget_class.__name__}"
        for page in self.pages:
            for model in (self.widget_state(page) or {}).get("state", {}).values():
                if model["state"].get("_anywidget_id") == anywidget_id:
                    return self.url_of(page), model["state"]
        return None

    def page_embedding(self, widget_class: type, notebook: str) -> tuple[str, dict]:
        """:meth:`embedding`, failing with what to run when ``notebook`` (which should display it) does not."""
        return self.embedding(widget_class) or pytest.fail(
            f"no page of the built site embeds {widget_class.__name__}: {notebook} should display it in an "
            "executed cell (make execute, then make book)")

    def has_maths(self, page: pathlib.Path) -> bool:
        """Whether Sphinx wrote maths (``.math`` elements, MathML written at build time) in the page."""
        return self.soup(page).select_one(".math") is not None


@pytest.fixture(scope="session")
def built_site(site_dir: pathlib.Path) -> BuiltSite:
    """The built site as a ``BuiltSite``."""
    return BuiltSite(site_dir)


def _fail_if(problems: dict[str, list[str]], headline: str) -> None:
    if any(problems.values()):
        listing = "\n".join(
            f"{page}:\n    " + "\n    ".join(items) for page, items in problems.items() if items
        )
        pytest.fail(f"{headline}\n{listing}", pytrace=False)


@pytest.fixture(scope="session")
def fail_if():
    """``fail_if(problems, headline)``: if any page has a problem (``{page: [problem, ...]}``), fail
    with the headline (what is wrong and how to fix it) and every page's problems, without a traceback."""
    return _fail_if


# ---------------------------------------------------------------- serving and driving the site
class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - keep pytest output readable
        pass


@pytest.fixture(scope="session")
def site_url(site_dir: pathlib.Path):
    """Base URL (ending in ``/``) of ``site_dir`` served by ``http.server`` on 127.0.0.1, free port."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (Debian package) through Playwright's sync API, shared by the session."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"{CHROMIUM} not found: install it with `apt-get update && apt-get install -y chromium` "
            "(never `playwright install`: it downloads a browser).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# Each widget view of a page: did the widget host render it (non-empty, not an error box or note)?
WIDGET_VIEWS_JS = f"""
Array.from(document.querySelectorAll('script[type="{WIDGET_VIEW}"]')).map(script => {{
  const area = script.previousElementSibling;
  const view = area && area.classList.contains("widget-subarea") ? area.firstElementChild : null;
  const failed = view !== null && (view.matches(".jupyter-widgets-error-widget, .lm-widget-note")
    || view.querySelector(".jupyter-widgets-error-widget, .lm-widget-note") !== null);  // an error box or note
  const rendered = view !== null && !failed && (view.children.length > 0 || view.textContent.trim() !== "");
  return {{ model_id: JSON.parse(script.textContent).model_id, rendered: rendered, failed: failed,
           html: view ? view.outerHTML.slice(0, 300) : "(no widget-subarea)" }};
}})"""

# Each element Sphinx wrote as maths: typeset (holds an mjx-container) and free of TeX errors?
# Maths is MathML written at build time (followup/sphinx_mathml.py): typeset when the element holds a <math>
# the browser parsed as MathML and drew with a size; an error when TeX source is left as text.
MATHS_JS = """
Array.from(document.querySelectorAll(".math")).map(el => {
  const math = el.querySelector("math");
  const box = math ? math.getBoundingClientRect() : null;
  return {
    tex: (math && math.getAttribute("alttext")) || el.textContent.slice(0, 80),
    typeset: math !== null && math.namespaceURI === "http://www.w3.org/1998/Math/MathML"
      && box.width > 0 && box.height > 0,
    error: el.textContent.includes("\\\\"),
  };
})"""


# The in-page probes of a calculator (the roots `[data-lm-calculator=KEY]` of the page, the NTH of them: a page
# may show one calculator twice), shared by every calculator test. A control is named by its aria-label or
# its <label>, as a reader (and a screen reader) finds it.
# Set a control as a reader would (the event the control fires), and time input event -> recomputed DOM
# (synchronous) and -> the next painted frame.
CALCULATOR_SET_JS = """async ([key, nth, label, value]) => {
  const root = document.querySelectorAll(`[data-lm-calculator="${key}"]`)[nth];
  if (!root) throw new Error(`no calculator ${key} number ${nth + 1} on the page`);
  let ctl = root.querySelector(`[aria-label="${label}"]`);
  if (!ctl) {
    const lab = [...root.querySelectorAll("label")].find((l) => l.textContent.trim() === label);
    ctl = lab && root.querySelector("#" + CSS.escape(lab.htmlFor));
  }
  if (!ctl) throw new Error(`no control labelled ${label}`);
  if (!ctl.hasAttribute("data-lm-suppress-shortcuts")) throw new Error(`${label}: no data-lm-suppress-shortcuts`);
  const t0 = performance.now();
  ctl.value = value;
  ctl.dispatchEvent(new Event(ctl.tagName === "SELECT" ? "change" : "input", { bubbles: true }));
  const t1 = performance.now();
  await new Promise((resolve) => requestAnimationFrame(() => resolve()));
  return { dom_ms: t1 - t0, frame_ms: performance.now() - t0 };
}"""

# What the calculator shows (see CalculatorPanel.state).
CALCULATOR_STATE_JS = """([key, nth]) => {
  const root = document.querySelectorAll(`[data-lm-calculator="${key}"]`)[nth];
  if (!root) throw new Error(`no calculator ${key} number ${nth + 1} on the page`);
  const named = (c) => c.getAttribute("aria-label")
    || (c.id && root.querySelector(`label[for="${c.id}"]`)?.textContent.trim()) || null;
  const controls = [...root.querySelectorAll("input, select, textarea")];
  return {
    alerts: [...root.querySelectorAll('[role="alert"]')].filter((a) => !a.hidden).map((a) => a.textContent),
    stale: [...root.querySelectorAll(".lm-calc")].map((p) => p.classList.contains("lm-calc-stale")),
    summaries: [...root.querySelectorAll(".lm-calc-summary")].map((u) => u.innerText),
    outputs: Object.fromEntries([...root.querySelectorAll("[data-output]")].map((o) => [o.dataset.output,
      { text: o.innerText, stale: o.closest(".lm-calc").classList.contains("lm-calc-stale") }])),
    rows: [...root.querySelectorAll(".lm-calc-table tbody tr")].map((tr) => ({
      head: tr.querySelector("th")?.firstChild?.textContent.trim() ?? "",
      cells: [...tr.querySelectorAll("td")].map((td) => td.querySelector("input") ? null : td.textContent.trim()),
    })),
    values: Object.fromEntries(controls.filter(named).map((c) => [named(c), c.value])),
    unlabelled: controls.filter((c) => !named(c)).length,
    svg_unlabelled: [...root.querySelectorAll("svg")].filter((s) => !s.querySelector("title")).length,
    // controls marked invalid: [name, the message beside it (right after it, describing it, shown) or null]
    invalid: [...root.querySelectorAll('[aria-invalid="true"]')].map((c) => {
      const note = c.nextElementSibling;
      const described = note && note.id && c.getAttribute("aria-describedby") === note.id;
      return [named(c), described && !note.hidden ? note.textContent : null];
    }),
  };
}"""


class CalculatorPanel:
    """One calculator on an open page: ``log.calculator(key, nth)`` (``key`` as in ``data-lm-calculator``)."""

    def __init__(self, log: "PageLog", key: str, nth: int = 0):
        self.log, self.key, self.nth = log, key, nth
        self.timings: list[tuple[str, dict]] = []

    def set(self, label: str, value) -> dict:
        """Set the control named ``label`` to ``value`` as a reader would; return (and keep) its timing."""
        timing = self.log.page.evaluate(CALCULATOR_SET_JS, [self.key, self.nth, label, str(value)])
        self.timings.append((f"{label} = {value}", timing))
        return timing

    def state(self) -> dict:
        """What the calculator shows: ``alerts`` (visible messages), ``stale`` (per panel: dimmed, last good
        result), ``summaries``, ``outputs`` (``{data-output: {text, stale}}``), table ``rows`` (``{head,
        cells}``, None for a cell holding an input), ``values`` (``{control name: value}``), ``unlabelled``
        controls and ``svg_unlabelled`` charts, and ``invalid``: ``[[control name, message beside it]]``."""
        return self.log.page.evaluate(CALCULATOR_STATE_JS, [self.key, self.nth])

    def report(self) -> None:
        """Print the input -> result times (seen with ``pytest -s``; not asserted)."""
        for what, t in self.timings:
            print(f"{self.key}: {what}: input -> result {t['dom_ms']:.1f} ms, -> next frame {t['frame_ms']:.1f} ms")


@dataclasses.dataclass
class PageLog:
    """What loading one page of the site did. ``page`` (a Playwright Page) stays open until ``close``."""

    path: str
    page: object
    requests: list[str]
    failed: list[str]  # "URL -> reason" for network errors and HTTP 4xx/5xx answers
    console_errors: list[str]  # console.error messages and uncaught exceptions
    load_seconds: float = 0.0  # navigation start -> widgets rendered and network idle

    def offsite(self) -> list[str]:
        """Requests that left 127.0.0.1 (``data:`` and ``blob:`` URLs are made in the page)."""
        return [
            url
            for url in self.requests
            if urllib.parse.urlsplit(url).scheme not in ("data", "blob")
            and urllib.parse.urlsplit(url).hostname != "127.0.0.1"
        ]

    def widget_views(self) -> list[dict]:
        """``[{model_id, rendered, failed, html}]`` for each widget view embedded in the page
        (``failed``: the widget manager showed its error box, e.g. a front-end module did not load)."""
        return self.page.evaluate(f"() => {WIDGET_VIEWS_JS}")

    def maths(self) -> list[dict]:
        """``[{tex, typeset, error}]`` for each maths element of the page."""
        return self.page.evaluate(f"() => {MATHS_JS}")

    def calculator(self, key: str, nth: int = 0) -> CalculatorPanel:
        """The ``nth`` calculator ``[data-lm-calculator=key]`` of the page (0: the first)."""
        return CalculatorPanel(self, key, nth)

    def close(self) -> None:
        self.page.context.close()


class PageLogger:
    """Opens pages of the served site, each in a fresh browser context, recording their traffic."""

    def __init__(self, browser, site_url: str):
        self.browser = browser
        self.site_url = site_url
        self.logs: list[PageLog] = []

    def open(self, path: str, timeout_ms: float = 20_000) -> PageLog:
        """Load ``path`` (relative to the site root; "" is the landing page), wait until its widget
        views rendered (if it embeds widget state) and the network is idle, and return what happened."""
        page = self.browser.new_context().new_page()
        log = PageLog(path, page, [], [], [])
        self.logs.append(log)
        page.on("request", lambda request: log.requests.append(request.url))
        page.on("requestfailed", lambda request: log.failed.append(f"{request.url} -> {request.failure}"))
        page.on(
            "response",
            lambda response: response.status >= 400
            and log.failed.append(f"{response.url} -> HTTP {response.status}"),
        )
        page.on(
            "console",
            lambda message: message.type == "error" and log.console_errors.append(_describe(message)),
        )
        page.on("pageerror", lambda error: log.console_errors.append(f"uncaught: {error}"))
        start = time.perf_counter()
        page.goto(self.site_url + path, wait_until="load", timeout=timeout_ms)
        if page.locator(f'script[type="{WIDGET_STATE}"]').count():  # the widget runtime will run
            try:
                settled = f"() => ({WIDGET_VIEWS_JS}).every(view => view.rendered || view.failed)"
                page.wait_for_function(settled, timeout=timeout_ms)
            except Exception:  # noqa: BLE001 - a view that never renders is reported by widget_views()
                pass
        page.wait_for_load_state("networkidle", timeout=timeout_ms)
        log.load_seconds = time.perf_counter() - start
        return log

    def close(self) -> None:
        for log in self.logs:
            log.close()
        self.logs.clear()


def _describe(message) -> str:
    where = (message.location or {}).get("url", "")
    return f"{message.text} ({where})" if where else message.text


@pytest.fixture(scope="session")
def page_logger(browser, site_url):
    """The session's ``PageLogger`` (pages it opened are closed at the end of the session)."""
    logger = PageLogger(browser, site_url)
    yield logger
    logger.close()


@pytest.fixture
def page_log(browser, site_url):
    """``page_log(path) -> PageLog``: open a page of the served site, recording its traffic."""
    logger = PageLogger(browser, site_url)
    yield logger.open
    logger.close()
