"""``jixiao diff`` compares two git revisions of content/ report by report."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from jixiao import diff
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


def test_diff_of_identical_revisions_is_empty(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    assert diff.diff(repo / "content", "HEAD", "HEAD", "content") == ()
    assert diff.format_text(()) == diff.NO_CHANGE + "\n"


def test_diff_of_an_unknown_revision_is_a_usage_error(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    bad = subprocess.run([sys.executable, "-m", "jixiao", "diff", "no-such-branch"],
                         cwd=repo, env=env, capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "no-such-branch" in bad.stderr
