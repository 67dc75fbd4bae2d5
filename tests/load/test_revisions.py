"""修订记录 from a git repository made here with three commits of the scoring fixture.

Commit 1 publishes the report; commit 2 raises the printed total (80 → 85) and a printed score and
target; commit 3 changes only the narrative Markdown (no printed figure). The history must show the
first publication date, exactly the changed figures of commit 2 (old → new), flagged as a re-scoring,
and nothing for commit 3; a shallow clone must say it is one. Also on the page and in the report's JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from jixiao.check import check
from jixiao.domain.revisions import Change, History
from jixiao.load.revisions import histories
from jixiao.opendata.package import data_files
from jixiao.render.site import RenderSettings, site_files
from tests.conftest import FIXTURES, ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is needed for the revision history")
KEY = ("shiju", 2022, "")
DATES = ("2023-03-01T10:00:00+08:00", "2023-05-02T10:00:00+08:00", "2023-06-03T10:00:00+08:00")


def _git(repo: Path, *args: str, date: str = DATES[0]) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "编辑",
           "GIT_AUTHOR_EMAIL": "e@example.org", "GIT_COMMITTER_NAME": "编辑", "GIT_COMMITTER_EMAIL": "e@example.org"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("revisions") / "repo"
    shutil.copytree(FIXTURES / "scoring", repo / "content")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "publish", date=DATES[0])
    report = repo / "content" / "shiju" / "2022.yaml"
    _edit(report, "  total: 80\n", "  total: 85\n")
    _edit(report, "target: \">=20家\", actual: 20个, score: 10}", "target: \">=18家\", actual: 20个, score: 9}")
    _git(repo, "commit", "-q", "-am", "re-score", date=DATES[1])
    _edit(repo / "content" / "shiju" / "2022.md", "绩效考核", "绩效考评")
    _git(repo, "commit", "-q", "-am", "wording", date=DATES[2])
    return repo


def _history(content: Path) -> History:
    return histories(content, [(KEY, content / "shiju" / "2022.yaml")])[KEY]


def test_history_lists_first_publication_and_the_changed_figures(repo: Path) -> None:
    history = _history(repo / "content")
    assert history.first is not None and history.first.date == "2023-03-01"
    assert [r.date for r in history.later] == ["2023-05-02"]
    assert set(history.later[0].changes) == {
        Change("报告所列总得分", "80", "85", True),
        Change("数量·走访单位 目标值", ">=20家", ">=18家", False),
        Change("数量·走访单位 得分", "10", "9", True),
    }
    assert history.rescored and not history.shallow


def test_a_shallow_clone_says_so(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(clone)], check=True, capture_output=True)
    history = _history(clone / "content")
    assert history.shallow and history.later == ()
    assert history.first is not None and history.first.date == "2023-06-03"  # only the last commit is there


def test_content_outside_git_has_no_history(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "scoring", tmp_path / "content")
    assert histories(tmp_path / "content", [(KEY, tmp_path / "content" / "shiju" / "2022.yaml")]) == {}


def test_page_and_json_show_the_revisions(repo: Path) -> None:
    content = repo / "content"
    checked = check(content)
    checked = replace(checked, histories={KEY: _history(content)})
    files = {f.path: f.content for f in site_files(checked, RenderSettings((ROOT / "templates",)))}
    page = str(files["2022/shiju/index.md"])
    assert "## 修订记录 { #revisions }" in page
    assert "首次公开：2023-03-01" in page
    assert '<span class="jx-flag">发布后改过得分</span>' in page
    assert "<tr class=\"jx-differs\"><th scope=\"row\">报告所列总得分</th><td>80</td><td>85</td></tr>" in page
    data = json.loads(data_files(checked.reports, checked.corpus.site, checked.histories)["data/reports/shiju-2022.json"])
    revisions = data["revisions"]
    assert revisions["first_published"] == "2023-03-01" and revisions["rescored_after_publication"] is True
    assert {"figure": "报告所列总得分", "old": "80", "new": "85", "score": True} in revisions["revisions"][0]["changes"]
