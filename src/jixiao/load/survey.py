"""A quick survey of ``content/`` for splitting it into shards: settings, departments, report years.

Owns the cheap pass ``jixiao shards`` needs (a CI job runs it before anything is built): it reads
``site.yaml`` and every ``department.yaml`` (for each department's ``region``) and takes the years of
the reports from the file names (``<year>.yaml``, ``<year>/projects/*.yaml``) without parsing the
reports, so it stays fast at tens of thousands of reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jixiao.domain.issues import Finding
from jixiao.domain.model import Department, Loc, SiteSettings
from jixiao.load.content import PROJECT_FILE, REPORT_FILE, YEAR_FOLDER, Loader

__all__ = ["Survey", "survey"]


@dataclass(frozen=True, slots=True)
class Survey:
    site: SiteSettings
    departments: tuple[tuple[Department, tuple[int, ...]], ...]  # each department and its report years
    findings: tuple[Finding, ...]  # problems with site.yaml or a department.yaml


def _years(folder: Path) -> tuple[int, ...]:
    years: set[int] = set()
    for path in folder.iterdir():
        if path.is_file() and (m := REPORT_FILE.match(path.name)):
            years.add(int(m.group(1)))
        elif (path.is_dir() and YEAR_FOLDER.match(path.name) and (path / "projects").is_dir()
              and any(PROJECT_FILE.match(p.name) for p in (path / "projects").iterdir())):
            years.add(int(path.name))
    return tuple(sorted(years))


def survey(root: Path, shown_root: str | None = None) -> Survey:
    """The settings, the departments and their report years under ``root`` (reports are not read)."""
    loader = Loader(root, shown_root if shown_root is not None else root.as_posix())
    if not root.is_dir():
        return Survey(SiteSettings(loc=Loc(loader.shown_root)), (), ())
    site = loader.site()
    found: list[tuple[Department, tuple[int, ...]]] = []
    for folder in loader.folders():
        dept = loader.department(folder)
        if dept is not None:
            found.append((dept, _years(folder)))
    return Survey(site, tuple(found), tuple(f for f in loader.findings if f.severity.value == "error"))
