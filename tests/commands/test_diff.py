"""``jixiao diff`` compares two git revisions of content/ report by report."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from jixiao.commands import diff
from tests.conftest import CONTENT, ROOT

EXAMPLE = "content/datong-zonggonghui/2021.yaml"


def _git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=测试", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", *args],
        cwd=repo, capture_output=True, text=True, check=True,
    )
    return result.stdout.strip()


def _repo(tmp_path: Path) -> Path:
    """A git repository with the example content committed twice: the second commit changes one weight."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copytree(CONTENT, repo / "content")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "first")
    path = repo / EXAMPLE
    text = path.read_text(encoding="utf-8")
    old = "{name: 上级政策落实情况, weight: 3,"
    assert text.count(old) == 1
    path.write_text(text.replace(old, "{name: 上级政策落实情况, weight: 5,"), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "change a weight")
    return repo


def test_diff_reports_a_changed_weight(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    changes = diff.diff(repo / "content", "HEAD~1", "HEAD", "content")
    assert [c.key for c in changes] == [("datong-zonggonghui", 2021, "")]
    (change,) = changes
    assert change.old and change.new
    assert change.old.total is not None and change.new.total is not None
    assert change.new.total - change.old.total == 2  # the row meets its target: its score follows the weight
    assert change.old.claimed_total == change.new.claimed_total
    assert change.added  # the printed total no longer matches: a new finding
    text = diff.format_text(changes)
    assert "大同市总工会" in text and "→" in text
    markdown = diff.format_markdown(changes, "main")
    assert markdown.startswith("### ") and "| 大同市总工会 | 2021 |" in markdown


def test_diff_of_identical_revisions_is_empty(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    assert diff.diff(repo / "content", "HEAD", "HEAD", "content") == ()
    assert diff.format_text(()) == diff.NO_CHANGE + "\n"


def test_diff_against_the_working_tree_and_the_cli(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    run = subprocess.run([sys.executable, "-m", "jixiao", "diff", "HEAD~1", "--format", "markdown"],
                         cwd=repo, env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert "| 大同市总工会 | 2021 |" in run.stdout
    bad = subprocess.run([sys.executable, "-m", "jixiao", "diff", "no-such-branch"],
                         cwd=repo, env=env, capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "no-such-branch" in bad.stderr


def test_a_new_report_appears_in_the_diff(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    shutil.copy(repo / EXAMPLE, repo / "content/datong-zonggonghui/2022.yaml")
    text = (repo / "content/datong-zonggonghui/2022.yaml").read_text(encoding="utf-8")
    (repo / "content/datong-zonggonghui/2022.yaml").write_text(text.replace("year: 2021", "year: 2022"), encoding="utf-8")
    shutil.copy(repo / "content/datong-zonggonghui/2021.md", repo / "content/datong-zonggonghui/2022.md")
    changes = diff.diff(repo / "content", "HEAD", None, "content")
    assert [(c.key, c.old is None) for c in changes] == [(("datong-zonggonghui", 2022, ""), True)]
