"""``jixiao serve`` in real headless Chromium: an edit, an error and its fix show without touching the browser.

A copy of the example project is served by ``jixiao serve``. The report page shows its warnings in the
preview's banner; a saved narrative edit reloads the open page by itself; a YAML error reloads it with the
error banner (file:line, code, the Chinese message) above the last good page; the fix reloads it without
the banner. Screenshots at 1366 and 390 px go to ``test-artifacts/preview/``.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from jixiao.sitegen.banner import MARK, WARNINGS
from tests.browser.conftest import ARTIFACTS, Browser
from tests.signals import as_from_a_terminal
from tests.sitegen.test_preview import REPORT, _edit, _env, _get, _port, _project, _wait

pytestmark = pytest.mark.browser
WAIT = 120


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    config = _project(tmp_path)
    port = _port()
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "jixiao", "serve", "--config", str(config), "--addr",
                             f"127.0.0.1:{port}"], cwd=tmp_path, env=_env(), text=True, stdout=log,
                            stderr=subprocess.STDOUT, preexec_fn=as_from_a_terminal)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait(url + REPORT, proc, lambda page: "</html>" in page)
        yield tmp_path, url
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _text(browser: Browser, element_id: str) -> str:
    found = browser.driver.find_elements(By.ID, element_id)
    return str(found[0].text) if found and found[0].is_displayed() else ""


def _shots(browser: Browser, name: str) -> None:
    for width in (1366, 390):
        if width == 390:
            browser.phone(width)
        else:
            browser.cdp("Emulation.clearDeviceMetricsOverride")
            browser.driver.set_window_size(width, 900)
        browser.screenshot(ARTIFACTS / "preview" / f"{name}-{width}.png", full_page=False)
    browser.cdp("Emulation.clearDeviceMetricsOverride")


def test_an_error_shows_in_the_open_page_and_goes_with_its_fix(preview: tuple[Path, str], browser: Browser) -> None:
    where, url = preview
    report = where / "content" / "datong-zonggonghui"
    browser.get(url + REPORT)
    wait = WebDriverWait(browser.driver, WAIT, poll_frequency=0.2)
    warned = wait.until(lambda _: _text(browser, WARNINGS))
    assert "本页内容有 2 个警告" in warned and "content/datong-zonggonghui/2021.yaml:70:20" in warned
    assert "JX-C007" in warned
    _shots(browser, "warnings")

    # a saved edit reloads the open page by itself
    with (report / "2021.md").open("a", encoding="utf-8") as out:
        out.write("\n浏览器预览测试新增的一句话。\n")
    wait.until(lambda _: "浏览器预览测试新增的一句话" in browser.driver.page_source)

    # an error: the open page reloads with the banner above the last good content
    _edit(report / "2021.yaml", "year: 2021", "year: [2021")
    shown = wait.until(lambda _: _text(browser, MARK))
    assert "内容有 1 个错误" in shown and "JX-Y001" in shown
    assert "content/datong-zonggonghui/2021.yaml:3:7" in shown and "YAML 语法错误" in shown
    assert "浏览器预览测试新增的一句话" in browser.driver.page_source  # the last good page, still there
    _shots(browser, "error")
    assert MARK in (_get(url + "years/") or "")  # every page carries it

    # the fix: the banner goes, the page is the new content
    _edit(report / "2021.yaml", "year: [2021", "year: 2021")
    wait.until(lambda _: not browser.driver.find_elements(By.ID, MARK))
    assert _text(browser, WARNINGS)
