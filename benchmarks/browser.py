"""Measuring a search box in headless Chromium: time to first result, bytes, memory.

Owns the browser half of ``benchmarks/search_bench.py``: a local static server that serves a built
site under a sub-path and logs every response (time, path, bytes), and :func:`first_result`, which
opens a page in a fresh Chromium profile (cold cache), puts a query into the header search box as an
input method would (the whole word in one input event) and waits for the first
``.md-search-result__item`` — the result markup of both mkdocs-material's search
and jixiao's Pagefind box.

Bytes are counted at the server (so requests made by web workers count too) up to the moment the
first result appeared. Memory is the peak proportional set size (PSS) of the tab's renderer process(es), sampled
while the search runs (workers live there too), and ``JSHeapUsedSize`` of the page from the DevTools
protocol's ``Performance.getMetrics`` (main thread only).
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


@dataclass(frozen=True, slots=True)
class Served:
    """One response: wall-clock time it finished, request path, body bytes sent."""

    done: float
    path: str
    size: int


class _Handler(SimpleHTTPRequestHandler):
    log_entries: list[Served]
    prefix: str

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + path[len(self.prefix):])

    def copyfile(self, source: Any, outputfile: Any) -> None:
        before = source.tell()
        super().copyfile(source, outputfile)
        self.log_entries.append(Served(time.time(), self.path, source.tell() - before))


@contextlib.contextmanager
def serve(root: Path, prefix: str = "/sub/") -> Iterator[tuple[str, list[Served]]]:
    """Serve ``root`` at ``http://127.0.0.1:<port><prefix>``; yields the base URL and the response log."""
    log: list[Served] = []
    handler = functools.partial(
        type("Handler", (_Handler,), {"log_entries": log, "prefix": prefix}), directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}", log
    finally:
        server.shutdown()
        server.server_close()


def _renderer_rss(profile: str) -> int:
    """Summed proportional set size (PSS) of the renderer processes of the browser using ``profile``."""
    total = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes()
            if b"--type=renderer" not in cmdline or profile.encode() not in cmdline:
                continue
            for line in (proc / "smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


class _Sampler(threading.Thread):
    def __init__(self, profile: str) -> None:
        super().__init__(daemon=True)
        self.profile, self.peak, self.stop = profile, 0, threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, _renderer_rss(self.profile))
            self.stop.wait(0.05)


@dataclass(frozen=True, slots=True)
class Measurement:
    """One cold-cache search: seconds from typing to the first result, and what it cost."""

    seconds: float
    bytes_before_result: int  # every response up to the first result, page itself included
    search_bytes: int  # the part of it spent on search (index, engine scripts, workers)
    requests: int
    results: int
    js_heap: int  # JSHeapUsedSize after the first result
    peak_rss: int  # peak PSS of the tab's renderer process(es)
    files: tuple[tuple[str, int], ...] = ()  # (path, bytes) of each response up to the first result
    # with ``until_final``: seconds from typing until the box gave its count (every search done), and the
    # bytes served by then, page included
    final_seconds: float = 0.0
    bytes_before_final: int = 0


_OBSERVE = """
window.__jxFirst = 0;
new MutationObserver(function (_, obs) {
  if (document.querySelector('.md-search-result__item')) {
    window.__jxFirst = performance.timeOrigin + performance.now();
    obs.disconnect();
  }
}).observe(document.body, {childList: true, subtree: true});
window.__jxFinal = 0;
new MutationObserver(function (_, obs) {
  var meta = document.getElementById('jx-search-meta');
  if (meta && /找到/.test(meta.textContent)) {
    window.__jxFinal = performance.timeOrigin + performance.now();
    obs.disconnect();
  }
}).observe(document.body, {childList: true, subtree: true, characterData: true});
return performance.timeOrigin + performance.now();
"""


# The query arrives as a Chinese input method delivers it: focus, then the whole word in one input
# event (plus the keyup the theme's search listens for). Returns the time it was typed.
_TYPE = """
var box = document.querySelector('.md-search__input');
box.focus();
var at = performance.timeOrigin + performance.now();
box.value = arguments[0];
box.dispatchEvent(new Event('input', {bubbles: true}));
box.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'Process'}));
return at;
"""


def driver(profile: str, width: int = 1280, height: int = 900) -> Any:
    """A headless Chromium with a fresh profile (cold cache)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--user-data-dir={profile}", f"--window-size={width},{height}",
                "--disable-background-networking", "--no-first-run"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def is_search_request(path: str) -> bool:
    return any(part in path for part in ("/pagefind/", "/search/", "/assets/search/", "/workers/",
                                         "/lunr/"))


def first_result(root: Path, page: str, query: str, timeout: float = 300.0, until_final: bool = False) -> Measurement:
    """Serve ``root`` under ``/sub/``, open ``page`` (relative to it) cold, type ``query``, measure; with
    ``until_final`` also until the box gives its count (找到 N 份报告: a search of several bundles has
    searched them all)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    with serve(root) as (base, log), tempfile.TemporaryDirectory(prefix="jx-bench-") as profile:
        browser = driver(profile)
        sampler = _Sampler(profile)
        try:
            browser.set_script_timeout(timeout)
            started = time.time()
            browser.get(base + page)
            browser.execute_cdp_cmd("Performance.enable", {})
            sampler.start()
            browser.find_element(By.CSS_SELECTOR, ".md-search__input")
            browser.execute_script(_OBSERVE)
            typed_at = browser.execute_script(_TYPE, query) / 1000
            WebDriverWait(browser, timeout, poll_frequency=0.02).until(
                lambda b: b.execute_script("return window.__jxFirst"))
            first = browser.execute_script("return window.__jxFirst") / 1000
            final = 0.0
            if until_final:
                WebDriverWait(browser, timeout, poll_frequency=0.05).until(
                    lambda b: b.execute_script("return window.__jxFinal"))
                final = browser.execute_script("return window.__jxFinal") / 1000
            results = len(browser.find_elements(By.CSS_SELECTOR, ".md-search-result__item"))
            metrics = browser.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]
            heap = next(int(m["value"]) for m in metrics if m["name"] == "JSHeapUsedSize")
            time.sleep(0.3)  # let the sampler see the settled tab
        finally:
            sampler.stop.set()
            browser.quit()
        served = [s for s in log if started <= s.done <= first + 0.005]
        return Measurement(
            seconds=first - typed_at,
            bytes_before_result=sum(s.size for s in served),
            search_bytes=sum(s.size for s in served if is_search_request(s.path)),
            requests=len(served),
            results=results,
            js_heap=heap,
            peak_rss=sampler.peak,
            files=tuple((s.path, s.size) for s in served),
            final_seconds=final - typed_at if final else 0.0,
            bytes_before_final=sum(s.size for s in log if started <= s.done <= final + 0.005) if final else 0,
        )


@dataclass(frozen=True, slots=True)
class QueryCost:
    """One query typed into a page that has finished loading, cold cache: what it cost."""

    query: str
    seconds: float  # from the query entering the box to the first result on screen
    bytes_after_load: int  # everything served after the page had loaded, until the results settled
    requests: int
    results: int  # results the box reports (找到 N 份报告)
    fragments: int  # result fragments fetched (Pagefind's per-page result data)
    files: tuple[tuple[str, int], ...]  # (path, bytes) of each response, in order
    #: the first results' pages (URL paths), in order, read after the bytes were counted (the first ten
    #: places, each scrolled into view so it loads): how the results are ranked
    top: tuple[str, ...] = ()


_TOP = """
var done = arguments[arguments.length - 1], tries = 0;
(function step() {
  var places = [...document.querySelectorAll('#jx-search-list > li')].slice(0, 10);
  var pending = places.find(li => li.classList.contains('jx-search__pending'));
  if (!pending || tries++ > 100) {
    done(places.filter(li => li.classList.contains('md-search-result__item'))
      .map(li => new URL(li.querySelector('a').href).pathname));
    return;
  }
  pending.scrollIntoView({block: 'nearest'});
  setTimeout(step, 50);
})();
"""

_COUNT = """
var m = (document.getElementById('jx-search-meta') || {}).textContent || '';
var n = m.match(/找到\\s*(\\d+)/);
return n ? Number(n[1]) : (/没有找到/.test(m) ? 0 : -1);
"""


def _settle(log: list[Served], browser: Any, quiet: float = 0.8, limit: float = 30.0) -> None:
    """Wait until the server has sent nothing for ``quiet`` seconds (the page or the results settled)."""
    end = time.time() + limit
    while time.time() < end:
        last = max((s.done for s in log), default=0.0)
        if time.time() - last >= quiet and browser.execute_script("return document.readyState") == "complete":
            return
        time.sleep(0.05)


def query_costs(root: Path, page: str, queries: list[str], width: int = 1366, height: int = 900,
                timeout: float = 120.0) -> list[QueryCost]:
    """For each query: a cold cache, ``page`` opened and loaded, then the query typed; what it cost.

    Bytes are counted at the server from the moment the page had loaded (no request for 0.8 s) until
    the results settled (no request for 0.8 s after the first result): the search engine, the index
    chunks and the result fragments the search box fetched, as a reader would pay for them.
    """
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    costs = []
    with serve(root) as (base, log), tempfile.TemporaryDirectory(prefix="jx-bench-") as profile:
        browser = driver(profile, width, height)
        try:
            browser.set_script_timeout(timeout)
            browser.execute_cdp_cmd("Network.enable", {})
            for query in queries:
                browser.execute_cdp_cmd("Network.clearBrowserCache", {})
                browser.get("about:blank")
                browser.get(base + page)
                browser.find_element(By.CSS_SELECTOR, ".md-search__input")
                _settle(log, browser)
                mark = len(log)
                browser.execute_script(_OBSERVE)
                typed_at = browser.execute_script(_TYPE, query) / 1000
                WebDriverWait(browser, timeout, poll_frequency=0.02).until(
                    lambda b: b.execute_script("return window.__jxFirst") or b.execute_script(_COUNT) == 0)
                first = (browser.execute_script("return window.__jxFirst") or 0) / 1000
                _settle(log, browser)
                served = log[mark:]
                top = tuple(browser.execute_async_script(_TOP))
                costs.append(QueryCost(
                    query=query,
                    seconds=max(first - typed_at, 0.0),
                    bytes_after_load=sum(s.size for s in served),
                    requests=len(served),
                    results=int(browser.execute_script(_COUNT)),
                    fragments=sum(1 for s in served if "/fragment/" in s.path),
                    files=tuple((s.path, s.size) for s in served),
                    top=top,
                ))
        finally:
            browser.quit()
    return costs


if __name__ == "__main__":  # quick manual check: python -m benchmarks.browser SITE PAGE QUERY
    import sys

    print(first_result(Path(sys.argv[1]), sys.argv[2], sys.argv[3]))
    os._exit(0)
