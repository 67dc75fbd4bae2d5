"""axe-core (WCAG 2.1 A/AA and best practice) finds nothing on any page kind, at 1366 px and on a phone.

axe-core is installed by ``scripts/install-browser.sh`` from ``tests/browser/npm`` (``make test``) and
injected into each page as it is served from a sub-path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Browser
from tests.browser.test_reader_layout import PAGES, WIDTHS

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parent / "npm" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                         nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))))
  .catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));
"""


def violations(browser: Browser) -> list[dict[str, Any]]:
    """The axe-core violations of the page loaded in ``browser``."""
    if not AXE.is_file():
        pytest.fail("需要 axe-core：请运行 make browser（scripts/install-browser.sh）安装")
    driver = browser.driver
    driver.set_script_timeout(60)
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = driver.execute_async_script(_RUN, TAGS)
    return found


@pytest.mark.parametrize("size", WIDTHS)
@pytest.mark.parametrize("kind", PAGES)
def test_axe_finds_no_violation(browser: Browser, site_url: str, kind: str, size: str) -> None:
    width, height = WIDTHS[size]
    browser.cdp("Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": size == "phone"})
    browser.get(site_url + PAGES[kind])
    assert violations(browser) == []
