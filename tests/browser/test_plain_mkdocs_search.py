"""``mkdocs build`` alone (no jixiao command) gives a site whose header search box works.

The jixiao plugin writes the Pagefind index in ``on_post_build``, so the plain mkdocs command line,
run in its own process exactly as an editor would type it, produces the index too; the query is typed
into the header search box in headless Chromium and must find the reference report.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.browser.conftest import Browser
from tests.browser.test_search import REPORT, TITLE, _search
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


def test_plain_mkdocs_build_has_a_working_search_box(
        tmp_path: Path, browser: Browser, serve_site: Callable[[Path], str]) -> None:
    site = tmp_path / "plain"
    mkdocs = Path(sys.executable).parent / "mkdocs"
    done = subprocess.run([str(mkdocs), "build", "-f", "mkdocs.yml", "-d", str(site)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    url = serve_site(site)
    browser.get(url)
    links = _search(browser, "困难职工")
    assert links[0]["href"] == url + REPORT
    assert links[0]["h1"] == TITLE
    assert any("困难职工" in link["marks"].split("|") for link in links[1:])
