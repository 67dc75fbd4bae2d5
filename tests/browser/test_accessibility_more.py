"""axe-core on the page parts the example site does not show: project tables and cross-year history.

The example has one report, so its pages carry no project table, no indicator lineage, no soft-target
hint and no revision with a changed figure. Here two more sites are built and served from a sub-path:
the project-table site (tests/fixtures/projects-site: five published project tables in their states)
and the three-year department (tests/fixtures/lineage) committed twice to git, the second commit
changing a printed total, so its pages show lineage tables, soft-target hints and 修订记录 with a change.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.browser.conftest import Browser
from tests.browser.test_accessibility import violations
from tests.browser.test_reader_layout import WIDTHS
from tests.conftest import FIXTURES
from tests.projectsite import PUBLISHED
from tests.sitegen.conftest import build_example

pytestmark = pytest.mark.browser

PROJECT_PAGES = {
    **{f"project-{slug}": f"2021/datong-zonggonghui/projects/{slug}/" for slug in PUBLISHED},
    "projects-only-department": "departments/datong-fulian/",
    "report-with-projects": "2021/datong-zonggonghui/",
}
HISTORY_PAGES = {
    "report-revised": "2022/minzheng/",
    "report-soft-targets": "2023/minzheng/",
    "department-lineage": "departments/minzheng/",
    "year": "2022/",
}


def _commit(repo: Path, when: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "编辑",
           "GIT_AUTHOR_EMAIL": "e@example.org", "GIT_COMMITTER_NAME": "编辑", "GIT_COMMITTER_EMAIL": "e@example.org"}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", "update"], check=True, env=env)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, serve_site: Callable[[Path], str],
          projects_site_url: str) -> dict[str, str]:
    root = tmp_path_factory.mktemp("a11y-more")
    repo = root / "repo"
    content = repo / "content"
    shutil.copytree(FIXTURES / "lineage", content)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    _commit(repo, "2024-03-01T09:00:00+08:00")
    report = content / "minzheng" / "2022.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("  total: 100\n", "  total: 98\n"), encoding="utf-8")
    _commit(repo, "2024-04-02T09:00:00+08:00")
    history = root / "history-site"
    build_example(history, content)
    return {"projects": projects_site_url, "history": serve_site(history)}


CASES = [("projects", kind, path) for kind, path in PROJECT_PAGES.items()] + \
        [("history", kind, path) for kind, path in HISTORY_PAGES.items()]


@pytest.mark.parametrize("size", WIDTHS)
@pytest.mark.parametrize(("site", "kind", "path"), CASES, ids=[c[1] for c in CASES])
def test_axe_finds_no_violation(browser: Browser, sites: dict[str, str], site: str, kind: str, path: str,
                                size: str) -> None:
    width, height = WIDTHS[size]
    browser.cdp("Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": size == "phone"})
    browser.get(sites[site] + path)
    assert violations(browser) == [], f"{kind} at {size}"
