"""A real build of content in a git repository shows 修订记录 on the report page (the plugin reads the history).

The three-year fixture is committed, then its 2022 report re-scored (printed total 100 → 98) in a
second commit: the built 2022 page flags the re-scoring and lists the change; the 2021 page only
gives its first publication date.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.sitegen.conftest import build_example

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is needed for the revision history")


def _commit(repo: Path, message: str, date: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "编辑",
           "GIT_AUTHOR_EMAIL": "e@example.org", "GIT_COMMITTER_NAME": "编辑", "GIT_COMMITTER_EMAIL": "e@example.org"}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", message], check=True, env=env)


def test_built_pages_show_the_revision_history(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    content = repo / "content"
    shutil.copytree(FIXTURES / "lineage", content)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    _commit(repo, "publish", "2024-03-01T09:00:00+08:00")
    report = content / "minzheng" / "2022.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("  total: 100\n", "  total: 98\n"), encoding="utf-8")
    _commit(repo, "re-score", "2024-04-02T09:00:00+08:00")
    site = tmp_path / "site"
    build_example(site, content)
    page = (site / "2022" / "minzheng" / "index.html").read_text(encoding="utf-8")
    assert "发布后改过得分" in page and "首次公开：2024-03-01" in page and "2024-04-02 修改" in page
    assert '<th scope="row">报告所列总得分</th><td>100</td><td>98</td>' in page
    earlier = (site / "2021" / "minzheng" / "index.html").read_text(encoding="utf-8")
    assert "首次公开：2024-03-01" in earlier and "此后所列数字没有修改" in earlier and "发布后改过得分" not in earlier
