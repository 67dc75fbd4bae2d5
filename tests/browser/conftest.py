"""Shared browser-test infrastructure: a built site on a local HTTP server, and headless Chromium.

Fixtures (all browser tests are marked ``@pytest.mark.browser``):

- ``built_site``: the example content built once per session (real mkdocs-material build, search index included).
- ``serve_site``: a factory; ``serve_site(path)`` serves a built site directory under ``/sub/`` on a
  local port (to prove the site works from a sub-path) and returns its base URL
  (``http://127.0.0.1:PORT/sub/``). Anything outside ``/sub/`` is 404.
- ``site_url``: ``built_site`` served by ``serve_site``.
- ``projects_site`` / ``projects_site_url``: the example plus tests/fixtures/projects-site (project tables
  in every state), built once per session (search included) and served the same way.
- ``browser``: a :class:`Browser` driving Debian's ``/usr/bin/chromium`` through
  ``/usr/bin/chromedriver`` (headless, fresh profile, background networking off). It records every
  network request the pages make (Chrome's performance log); ``browser.offsite()`` lists those that
  left the local server, and the fixture fails the test at teardown if there were any.
- ``ARTIFACTS``: ``test-artifacts/`` at the repository root (gitignored) for screenshots and PDFs.
"""

from __future__ import annotations

import base64
import functools
import json
import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT
from tests.projectsite import make_content
from tests.sitegen.conftest import build_example

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = ROOT / "test-artifacts"
SUB_PATH = "/sub/"
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-extension", "devtools"}


class _Handler(SimpleHTTPRequestHandler):
    """Serves ``directory`` under ``/sub/`` only; logs nothing to the test output."""

    def translate_path(self, path: str) -> str:
        bare = urlsplit(path).path
        if not bare.startswith(SUB_PATH):
            return str(Path(self.directory) / "__outside_sub_path__")
        return super().translate_path("/" + bare[len(SUB_PATH):])

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("browser-site") / "site"
    build_example(site, search=True)
    return site


@pytest.fixture(scope="session")
def serve_site() -> Iterator[Callable[[Path], str]]:
    servers: list[ThreadingHTTPServer] = []

    def start(directory: Path) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(directory)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path, serve_site: Callable[[Path], str]) -> str:
    return serve_site(built_site)


@pytest.fixture(scope="session")
def projects_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("projects-site")
    build_example(root / "site", make_content(root), search=True)
    return root / "site"


@pytest.fixture(scope="session")
def projects_site_url(projects_site: Path, serve_site: Callable[[Path], str]) -> str:
    return serve_site(projects_site)


class Browser:
    """A Selenium Chrome session plus the network requests its pages made."""

    def __init__(self, driver: Any, profile: Path) -> None:
        self.driver = driver
        self.profile = profile
        self.requested: list[str] = []

    def get(self, url: str) -> None:
        self.driver.get(url)

    def requests(self) -> list[str]:
        """Every URL requested since the session started (drains Chrome's performance log)."""
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                self.requested.append(message["params"]["request"]["url"])
        return list(self.requested)

    def offsite(self) -> list[str]:
        """Requested URLs that did not go to the local test server."""
        out = []
        for url in self.requests():
            parts = urlsplit(url)
            if parts.scheme in LOCAL_SCHEMES:
                continue
            if parts.hostname not in {"127.0.0.1", "localhost"}:
                out.append(url)
        return out

    def cdp(self, command: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        result: dict[str, Any] = self.driver.execute_cdp_cmd(command, params or {})
        return result

    def phone(self, width: int = 390, height: int = 844) -> None:
        """Emulate a phone screen ``width`` CSS pixels wide."""
        self.cdp("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})

    def screenshot(self, path: Path, full_page: bool = True) -> None:
        params: dict[str, Any] = {"format": "png", "captureBeyondViewport": full_page}
        if full_page:
            metrics = self.cdp("Page.getLayoutMetrics")
            size = metrics["cssContentSize"]
            ratio = self.driver.execute_script("return window.devicePixelRatio") or 1
            # keep the image under 16,000 pixels high so ordinary image tools open it
            scale = min(1.0, 16000 / (size["height"] * ratio))
            params["clip"] = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": scale}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(self.cdp("Page.captureScreenshot", params)["data"]))

    def print_pdf(self, path: Path) -> None:
        """Print the current page to an A4 PDF, as the browser's print dialog would."""
        data = self.cdp("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": True,
                                            "preferCSSPageSize": True})["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.fail("需要 /usr/bin/chromium 和 /usr/bin/chromedriver：请运行 make browser 安装")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tmp_path / "chromium-profile"
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
                f"--user-data-dir={profile}", "--window-size=1280,900", "--lang=zh-CN"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    session = Browser(driver, profile)
    try:
        yield session
        offsite = session.offsite()
        assert offsite == [], f"off-site requests: {offsite}"
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
