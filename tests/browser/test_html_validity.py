"""The Nu HTML Checker (npm vnu-jar, on Debian's default-jre-headless) finds no error on any page kind.

Both are installed by ``scripts/install-browser.sh`` (``make test``), like the browser the other tests
in this folder use.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.test_reader_layout import PAGES, PROJECT_PAGES

pytestmark = pytest.mark.browser
VNU = Path(__file__).resolve().parent / "npm" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_kind_is_valid_html(built_site: Path, projects_site: Path) -> None:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail("需要 Java 和 vnu.jar：请运行 make browser（scripts/install-browser.sh）安装")
    pages = [built_site / (p + "index.html" if not p.endswith(".html") else p) for p in PAGES.values()]
    pages += [projects_site / p / "index.html" for p in PROJECT_PAGES.values()]
    assert all(p.is_file() for p in pages)
    run = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "gnu", *map(str, pages)],
                         capture_output=True, text=True, encoding="utf-8", timeout=300)
    errors = [line for line in run.stderr.splitlines() if ": error:" in line]
    assert errors == [] and run.returncode == 0, "\n".join(errors[:20]) or run.stderr[-2000:]
