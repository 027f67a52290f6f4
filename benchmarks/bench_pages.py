"""Page weight and time to a live calculator on the built site, over an emulated slow link.

Run from the repository root after ``make book`` (needs Debian's ``/usr/bin/chromium``)::

    .venv/bin/python benchmarks/bench_pages.py                    # the site in _build/html
    .venv/bin/python benchmarks/bench_pages.py --site DIR --runs 3

The built site is served on 127.0.0.1 with gzip (as any web host would compress text files), and
each page is loaded in a fresh headless Chromium context, cache disabled, with the network emulated
through the Chrome DevTools Protocol at 12 Mbit/s down and up with 40 ms latency. For every page
that embeds widget state (a calculator page) and for plain pages (no widget state), the script
prints the bytes transferred (compressed, as on the wire) until the network is idle after loading
("MB") and after scrolling through the whole page ("MB read": figures load lazily, as the reader
scrolls towards them), each with its ratio to the median plain page's, and, for a calculator page,
the time from navigation to a live calculator (every calculator's panel drawn with its results,
``[data-lm-calculator] .lm-calc-out``). Targets (issue 10): ratio <= 1.3 and live calculator <= 2.5 s.

A chapter page also carries its own figures and maths, which a plain page lacks; so the script prints
too what the calculators themselves cost: the widget host script and the widget state stored in the
page (gzip-compressed), and the ratio of the page (read to the end) to the same page without them.
``--breakdown`` prints each page's bytes by kind (maths, figures, icons, theme, ...).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import mimetypes
import re
import statistics
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
REPO = Path(__file__).resolve().parents[1]
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
LINK = {"offline": False, "latency": 40, "downloadThroughput": 12e6 / 8, "uploadThroughput": 12e6 / 8}
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
TARGET_RATIO, TARGET_SECONDS = 1.3, 2.5
PLAIN_PAGES = ("intro.html", "chapters/how-to-use.html", "chapters/glossary.html", "chapters/references.html")
LIVE_JS = """() => {
  const roots = document.querySelectorAll("[data-lm-calculator]");
  return roots.length > 0 && [...roots].every((root) => root.querySelector(".lm-calc-out") !== null);
}"""


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text types gzip-compressed when the browser accepts it (compressed once, cached)."""

    cache: dict = {}

    def do_GET(self):  # noqa: N802 - http.server's naming
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".mjs":
            kind = "text/javascript"
        body = path.read_bytes()
        compress = kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            if path not in self.cache:
                self.cache[path] = gzip.compress(body, 6)
            body = self.cache[path]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - keep the output readable
        pass


def pages_of(site: Path) -> tuple[list[str], list[str]]:
    """(calculator pages, plain pages) of the site, as paths relative to its root."""
    calculators = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                         if not p.relative_to(site).parts[0].startswith("_")
                         and WIDGET_STATE in p.read_text(encoding="utf-8", errors="replace"))
    plain = [p for p in PLAIN_PAGES if (site / p).is_file()]
    return calculators, plain


def state_bytes(page: Path) -> int:
    """Gzip-compressed bytes of the widget state (and view scripts) stored in a page."""
    text = page.read_text(encoding="utf-8")
    scripts = re.findall(r'<script type="application/vnd\.jupyter\.widget-(?:state|view)\+json">.*?</script>', text, re.S)
    return len(gzip.compress("".join(scripts).encode(), 6))


def kind_of(url: str) -> str:
    """What a request is for, to group a page's bytes (``--breakdown``)."""
    path = url.split("?", 1)[0]
    for needle, kind in (("mathjax/", "maths (MathJax)"), ("offline/math/", "maths (font, css)"),
                         ("_images/", "figures"), ("fontawesome", "icons (fontawesome)"),
                         ("anywidget-host", "calculator host")):
        if needle in path:
            return kind
    if path.endswith((".woff2", ".woff", ".ttf")):
        return "other fonts"
    if path.endswith(".html") or path.endswith("/"):
        return "the page (HTML, widget state)"
    return "theme and other " + (path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else "files")


def measure(browser, url: str, live: bool) -> dict:
    """One fresh load: ``bytes`` on the wire until the network is idle, ``read_bytes`` after scrolling
    through the whole page (lazily loaded figures included), ``live_s`` from navigation to a live
    calculator (or None), ``host`` bytes of the widget host script, and ``requests`` (bytes per URL, read)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", LINK)
    sizes: dict[str, float] = {}
    urls: dict[str, str] = {}
    cdp.on("Network.requestWillBeSent", lambda event: urls.__setitem__(event["requestId"], event["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda event: sizes.__setitem__(event["requestId"], event["encodedDataLength"]))
    cdp.on("Network.loadingFailed", lambda event: sizes.setdefault(event["requestId"], 0))
    page.goto(url, wait_until="commit", timeout=120_000)
    seconds = None
    if live:
        page.wait_for_function(LIVE_JS, timeout=120_000, polling=20)
        seconds = page.evaluate("() => performance.now()") / 1000  # since the navigation started
    try:
        page.wait_for_load_state("networkidle", timeout=60_000)
    except Exception:  # noqa: BLE001 - a busy machine: count what arrived in that minute
        print(f"  (network not idle after 60 s: {url})")
    page.wait_for_timeout(300)
    at_load = sum(sizes.values())
    # A reader who reads to the end: scroll a screen at a time, then wait until every request finished.
    height = page.evaluate("() => document.documentElement.scrollHeight")
    for y in range(0, height + 900, 600):
        page.evaluate(f"() => window.scrollTo(0, {y})")
        page.wait_for_timeout(40)
    for _ in range(600):  # at most a minute
        page.wait_for_timeout(100)
        if len(sizes) == len(urls):
            page.wait_for_timeout(400)
            if len(sizes) == len(urls):
                break
    context.close()
    host = sum(size for key, size in sizes.items() if "anywidget-host" in urls.get(key, ""))
    return {"bytes": int(at_load), "read_bytes": int(sum(sizes.values())), "live_s": seconds, "host": int(host),
            "requests": {urls.get(key, key): int(size) for key, size in sizes.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=REPO / "_build" / "html", help="built HTML folder")
    parser.add_argument("--runs", type=int, default=3, help="loads per page (the median is printed)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--breakdown", action="store_true",
                        help="also print each page's bytes by kind (maths, figures, icons, ...) and its largest requests")
    parser.add_argument("--pages", nargs="*", help="only these pages (paths relative to the site root)")
    args = parser.parse_args()
    site = args.site.resolve()
    calculators, plain = pages_of(site)
    if args.pages:
        calculators = [p for p in calculators if p in args.pages]
        plain = [p for p in plain if p in args.pages] or plain[:1]
    if not calculators:
        raise SystemExit(f"no page with widget state under {site}: build the book first (make book)")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for path in plain + calculators:
            runs = [measure(browser, base + path, path in calculators) for _ in range(args.runs)]
            live = [run["live_s"] for run in runs if run["live_s"] is not None]
            results[path] = {"bytes": int(statistics.median(run["bytes"] for run in runs)),
                             "read_bytes": int(statistics.median(run["read_bytes"] for run in runs)),
                             "live_s": statistics.median(live) if live else None,
                             "calculator_bytes": int(statistics.median(run["host"] for run in runs))
                             + (state_bytes(site / path) if path in calculators else 0),
                             "requests": {url.removeprefix(base): size for url, size in runs[-1]["requests"].items()}}
        browser.close()
    server.shutdown()
    plain_bytes = statistics.median(results[p]["bytes"] for p in plain)
    plain_read = statistics.median(results[p]["read_bytes"] for p in plain)
    print(f"link: 12 Mbit/s, 40 ms latency, gzip; median of {args.runs} loads; plain pages: median "
          f"{plain_bytes / 1e6:.2f} MB at load, {plain_read / 1e6:.2f} MB read to the end")
    print(f"{'page':30} {'MB':>6} {'ratio':>6} {'MB read':>8} {'ratio':>6} {'live (s)':>9} {'calc. kB':>9} "
          f"{'vs same page without':>21}  targets: ratio <= {TARGET_RATIO}, live <= {TARGET_SECONDS} s")
    for path, r in results.items():
        r["ratio"] = r["bytes"] / plain_bytes
        r["ratio_read"] = r["read_bytes"] / plain_read
        r["ratio_same_page"] = r["read_bytes"] / (r["read_bytes"] - r["calculator_bytes"])
        live = "" if r["live_s"] is None else f"{r['live_s']:9.2f}"
        own = "" if path in plain else f"{r['calculator_bytes'] / 1e3:9.1f} {r['ratio_same_page']:21.3f}"
        flag = "" if path in plain else ("  ok" if r["ratio"] <= TARGET_RATIO and r["live_s"] <= TARGET_SECONDS
                                         else "  OVER")
        print(f"{path:30} {r['bytes'] / 1e6:6.2f} {r['ratio']:6.2f} {r['read_bytes'] / 1e6:8.2f} "
              f"{r['ratio_read']:6.2f} {live:>9} {own}{flag}")
    if args.breakdown:
        for path, r in results.items():
            kinds: dict[str, int] = {}
            for url, size in r["requests"].items():
                kinds[kind_of(url)] = kinds.get(kind_of(url), 0) + size
            print(f"\n{path}: {r['bytes'] / 1e3:.0f} kB at load, {r['read_bytes'] / 1e3:.0f} kB read to the end "
                  f"(median); the last load read to the end, {len(r['requests'])} requests, by kind:")
            for kind, size in sorted(kinds.items(), key=lambda item: -item[1]):
                print(f"  {kind:34} {size / 1e3:8.1f} kB")
            for url, size in sorted(r["requests"].items(), key=lambda item: -item[1])[:8]:
                print(f"    {size / 1e3:8.1f} kB  {url[:90]}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
