"""Publication and update dates come from the git history of content/, and are absent without one."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from jixiao.sitegen.gitdates import file_dates


def _commit(repo: Path, day: str, message: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{day}T10:00:00+08:00", "GIT_COMMITTER_DATE": f"{day}T10:00:00+08:00",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", message], check=True, env=env)


def test_first_and_last_commit_dates_of_each_file(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    content = tmp_path / "content"
    (content / "dept").mkdir(parents=True)
    (content / "dept" / "2021.yaml").write_text("a: 1\n", encoding="utf-8")
    _commit(tmp_path, "2022-03-01", "publish")
    (content / "dept" / "2021.yaml").write_text("a: 2\n", encoding="utf-8")
    (content / "dept" / "2021.md").write_text("# x\n", encoding="utf-8")
    _commit(tmp_path, "2022-05-20", "correct")
    assert file_dates(content) == {"dept/2021.yaml": ("2022-03-01", "2022-05-20"),
                                   "dept/2021.md": ("2022-05-20", "2022-05-20")}


def test_content_outside_git_has_no_dates(tmp_path: Path) -> None:
    (tmp_path / "dept").mkdir()
    (tmp_path / "dept" / "2021.yaml").write_text("a: 1\n", encoding="utf-8")
    assert file_dates(tmp_path) == {}
