"""XSS proof in a real browser: the hostile project's pages open in headless Chromium without a single
alert/confirm/prompt dialog and without a script error or console error.

Before any page script runs, a probe replaces the dialog functions with recorders and records errors,
rejected promises, CSP violations and ``console.error`` calls; each page is loaded, its links and
buttons are hovered and focused (to give any smuggled handler a chance), and the records must be
empty. The probe is itself tested, so an empty record means something.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import Browser

pytestmark = pytest.mark.browser

PROBE = """
window.__jx = {dialogs: [], errors: []};
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  window[name] = (...args) => { window.__jx.dialogs.push(name + ': ' + args.join(' ')); return null; };
}
addEventListener('error', e => window.__jx.errors.push('error: ' + (e.message || (e.target && (e.target.src || e.target.href)))), true);
addEventListener('unhandledrejection', e => window.__jx.errors.push('rejection: ' + e.reason));
addEventListener('securitypolicyviolation', e => window.__jx.errors.push('csp: ' + e.violatedDirective));
const consoleError = console.error.bind(console);
console.error = (...args) => { window.__jx.errors.push('console: ' + args.join(' ')); consoleError(...args); };
"""

PROVOKE = """
for (const el of document.querySelectorAll('a, button, img, svg, td, th, p, li, h1, h2, h3, h4, span')) {
  for (const type of ['mouseover', 'mouseenter', 'focus']) {
    el.dispatchEvent(new Event(type));
  }
}
return window.__jx;
"""


def _pages(site: Path) -> list[str]:
    """Every page but 404.html, whose asset URLs are absolute (/assets/...) when base_url is empty and
    so do not resolve under the test server's /sub/ path; the static scan covers it."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")


def _visit(browser: Browser, url: str) -> dict[str, list[str]]:
    browser.get(url)
    WebDriverWait(browser.driver, 60).until(lambda d: d.execute_script("return document.readyState") == "complete")
    record: dict[str, list[str]] = browser.driver.execute_script(PROVOKE)
    return record


def test_no_dialog_and_no_error_on_any_hostile_page(
    browser: Browser, hostile_site: Path, serve_site: Callable[[Path], str],
) -> None:
    base = serve_site(hostile_site)
    browser.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE})
    pages = _pages(hostile_site)
    assert "2021/evil-dept/index.html" in pages
    seen: dict[str, dict[str, list[str]]] = {}
    for page in pages:
        record = _visit(browser, base + page)
        if record["dialogs"] or record["errors"]:
            seen[page] = record
    assert seen == {}


def test_the_probe_records_dialogs_and_errors(
    browser: Browser, hostile_site: Path, serve_site: Callable[[Path], str],
) -> None:
    """The probe is live: a dialog and an error raised by a page script are recorded."""
    base = serve_site(hostile_site)
    browser.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE})
    browser.get(base + "index.html")
    browser.driver.execute_script(
        "alert('probe'); console.error('probe'); setTimeout(() => { throw new Error('probe'); }, 0);")
    WebDriverWait(browser.driver, 30).until(lambda d: len(d.execute_script("return window.__jx.errors")) >= 2)
    record = browser.driver.execute_script("return window.__jx")
    assert record["dialogs"] == ["alert: probe"]
    assert any("probe" in e for e in record["errors"])
