"""Read a report's published versions from the content repository's git history.

Owns the one place jixiao runs ``git``: for each report's YAML file, the commits that touched it
(oldest first; a renamed file starts a new history) and the file as it was in each, reduced to its printed figures
(:func:`figures`) and compared by :func:`jixiao.domain.revisions.compare`. Versions that changed no
printed figure (wording, comments) are left out. Content outside a git repository, or ``git`` missing,
gives no history; a shallow clone says so (GitHub Actions checks out one commit unless told
``fetch-depth: 0``).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable, Mapping
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

from jixiao.domain.revisions import Figures, History, Revision, compare


def _git(root: Path, *args: str) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    done = subprocess.run([git, "-C", str(root), *args], capture_output=True, text=True, check=False)
    return done.stdout if done.returncode == 0 else None


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def figures(data: Any) -> Figures:
    """The printed figures of a report file's data (as YAML parsed it), by Chinese label."""
    out: dict[str, str] = {}
    if not isinstance(data, Mapping):
        return out
    claimed = data.get("claimed")
    if isinstance(claimed, Mapping):
        out["报告所列总得分"] = _text(claimed.get("total"))
        out["报告所列等级"] = _text(claimed.get("grade"))
    funds = data.get("funds")
    total = funds.get("total") if isinstance(funds, Mapping) else None
    if isinstance(total, Mapping):
        out["金额合计 预算数"] = _text(total.get("budget"))
        out["金额合计 执行数"] = _text(total.get("spent"))
    for table in data.get("tables") or ():
        for group in (table.get("groups") or ()) if isinstance(table, Mapping) else ():
            for row in (group.get("indicators") or ()) if isinstance(group, Mapping) else ():
                if not isinstance(row, Mapping):
                    continue
                name = f"{_text(group.get('name'))}·{_text(row.get('name'))}"
                target = row.get("target")
                if isinstance(target, Mapping):
                    target = "".join(_text(target.get(k)) for k in ("nature", "value", "unit"))
                for label, value in (("权重", row.get("weight")), ("目标值", target), ("业绩值", row.get("actual")),
                                     ("得分", row.get("score"))):
                    out[f"{name} {label}"] = _text(value)
    return {label: value for label, value in out.items() if value}


def _version(root: Path, commit: str, path: str) -> Figures:
    text = _git(root, "show", f"{commit}:{path}")
    if text is None:
        return {}
    try:
        return figures(yaml.safe_load(text))
    except yaml.YAMLError:
        return {}


def _commits(top: Path, content: Path) -> dict[str, list[tuple[str, str]]]:
    """Every file under ``content`` (repository-relative) -> its commits as (short hash, date), oldest first.

    One ``git log`` for the whole folder, so a site of thousands of reports costs one call plus one
    ``git show`` per later version of a file that has one.
    """
    relative = content.resolve().relative_to(top).as_posix() or "."
    log = _git(top, "log", "--reverse", "--no-renames", "--format=@%h %cs", "--name-only", "--", relative) or ""
    out: dict[str, list[tuple[str, str]]] = {}
    commit: tuple[str, str] | None = None
    for line in log.splitlines():
        if line.startswith("@") and " " in line:
            hash_, date = line[1:].split(" ", 1)
            commit = (hash_, date)
        elif line.strip() and commit is not None:
            out.setdefault(line.strip(), []).append(commit)
    return out


def report_history(top: Path, relative: str, commits: list[tuple[str, str]], shallow: bool) -> History:
    """The versions of one report file (``relative`` to the repository) from its ``commits``."""
    if not commits:
        return History(None, (), shallow)
    first = Revision(commits[0][1], commits[0][0], ())
    if len(commits) == 1:
        return History(first, (), shallow)
    versions = [(commit, date, _version(top, commit, relative)) for commit, date in commits]
    later: list[Revision] = []
    for (_, _, old), (commit, date, new) in pairwise(versions):
        changes = compare(old, new)
        if changes:
            later.append(Revision(date, commit, changes))
    return History(first, tuple(later), shallow)


def histories(content: Path, files: Iterable[tuple[tuple[str, int, str], Path]]) -> dict[tuple[str, int, str], History]:
    """Each report's :class:`History` by report key; empty when ``content`` is not in a git repository."""
    top_text = _git(content, "rev-parse", "--show-toplevel")
    if top_text is None:
        return {}
    top = Path(top_text.strip()).resolve()
    shallow = (_git(content, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    commits = _commits(top, content)
    out: dict[tuple[str, int, str], History] = {}
    for key, path in files:
        relative = path.resolve().relative_to(top).as_posix()
        out[key] = report_history(top, relative, commits.get(relative, []), shallow)
    return out
