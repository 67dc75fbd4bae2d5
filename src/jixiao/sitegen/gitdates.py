"""When each content file was first published and last changed, from the git history.

Owns reading those dates: one ``git log`` over ``content/`` (not one per file, so it stays fast at
thousands of reports), each file's first and last commit dates (``YYYY-MM-DD``, the committer's
date). Content outside a git repository, or a machine without git, simply has no dates: the pages
then show none. Dates follow the history, not the clock, so rebuilding the same commit gives the
same site.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def file_dates(content: Path) -> dict[str, tuple[str, str]]:
    """``{path relative to content: (first commit date, last commit date)}`` for the files under ``content``."""
    try:
        out = subprocess.run(
            ["git", "-C", str(content), "log", "--format=%x00%cs", "--name-only", "--relative", "--no-renames",
             "--", "."],
            capture_output=True, text=True, encoding="utf-8", check=True, timeout=120,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, tuple[str, str]] = {}
    for entry in out.split("\0")[1:]:  # newest commit first
        day, *names = entry.strip("\n").split("\n")
        for name in filter(None, names):
            last = dates.get(name, ("", day))[1]
            dates[name] = (day, last)  # older commits come later: the first date keeps moving back
    return dates


def file_commits(content: Path) -> dict[str, list[str]]:
    """``{department folder: ["<file> <commit>…", …]}``: every commit touching each file under ``content``
    (what its dates and 修订记录 are read from), newest first, and whether the clone is shallow (under
    ``""``). Outside git: ``{}``. A render cache key (``sitegen.rendercache``), not shown to anyone."""
    try:
        out = subprocess.run(
            ["git", "-C", str(content), "log", "--format=%x00%H", "--name-only", "--relative", "--no-renames",
             "--", "."],
            capture_output=True, text=True, encoding="utf-8", errors="surrogateescape", check=True, timeout=120,
        ).stdout
        shallow = subprocess.run(
            ["git", "-C", str(content), "rev-parse", "--is-shallow-repository"],
            capture_output=True, text=True, check=True, timeout=30,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return {}
    commits: dict[str, dict[str, list[str]]] = {}
    for entry in out.split("\0")[1:]:
        commit, *names = entry.strip("\n").split("\n")
        for name in filter(None, names):
            commits.setdefault(name.split("/", 1)[0], {}).setdefault(name, []).append(commit)
    found = {folder: [f"{name} {' '.join(hashes)}" for name, hashes in sorted(files.items())]
             for folder, files in commits.items()}
    found[""] = [f"shallow={shallow}"]
    return found
