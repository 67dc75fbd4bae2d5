"""What the site-wide pages and tables need of each report and department: one summary type both paths produce.

Owns :class:`ReportFacts` (a published report as the lists, the explorer, the year pages and the
site-wide download tables see it: its list summary, its explorer row, whether it is ranked, its
printed and recomputed grade, its rows of ``reports.csv`` and ``indicators.csv``, its own data files'
Frictionless resources and checksums) and :class:`DepartmentFacts` (a department, its indicator lineages
and its rows of ``lineage.csv``), and :class:`SiteFacts`, the whole site's. A whole build makes them from
the checked content (:func:`report_facts`, :func:`department_facts`); a shard build makes them for its own
reports and writes them into its manifest; ``jixiao assemble`` reads them back from every manifest. The
site-wide pages are rendered from ``SiteFacts`` alone (``render.site.top_files``), so both paths give
the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from jixiao.check import CheckedReport
from jixiao.domain.lineage import Lineage, department_lineages
from jixiao.domain.model import Department, GradeBand, SiteSettings
from jixiao.domain.standing import takes_part
from jixiao.opendata.lineage import lineage_rows
from jixiao.opendata.package import ReportData
from jixiao.opendata.tables import Cell
from jixiao.render.context import ReportSummary
from jixiao.render.explorer import ExplorerRow, explorer_row
from jixiao.render.indexes import project_summary, summary

__all__ = ["DepartmentFacts", "ReportFacts", "SiteFacts", "TableRows", "department_facts", "report_facts"]


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """One published report, as every site-wide page and table sees it."""

    key: tuple[str, int, str]
    project: bool
    name: str  # the project's name ("" for an overall report)
    summary: ReportSummary  # its line in the year, department and home lists
    explorer: ExplorerRow
    ranked: bool  # takes part in its year's ranking (``domain.standing.takes_part``)
    claimed_grade: str | None  # printed grade (the year page's grade distribution)
    grade: str | None  # recomputed grade
    data: ReportData  # its rows of the site-wide tables, its own files' resources and checksums


@dataclass(frozen=True, slots=True)
class DepartmentFacts:
    """A department, its indicators across the years, and its rows of ``lineage.csv``."""

    department: Department
    lineages: tuple[Lineage, ...]
    lineage_rows: tuple[tuple[Cell, ...], ...]


class TableRows(Protocol):
    """The rows of the two big site-wide tables kept outside the facts (``jixiao assemble``: on disk, read
    back shard by shard), and the folder the site-wide data files are then written to."""

    @property
    def folder(self) -> Path: ...

    def indicators(self) -> Iterable[tuple[Cell, ...]]:
        """Every report's rows of ``indicators.csv``, in the corpus order."""
        ...

    def lineage(self) -> Iterable[tuple[Cell, ...]]:
        """Every department's rows of ``lineage.csv``, by slug."""
        ...


@dataclass(frozen=True, slots=True)
class SiteFacts:
    """Everything the site-wide pages and tables are made from."""

    site: SiteSettings
    departments: tuple[DepartmentFacts, ...]  # by slug
    reports: tuple[ReportFacts, ...]  # by report key (the corpus order)
    #: set: the reports' ``indicator_rows`` and the departments' ``lineage_rows`` are empty, these hold them
    rows: TableRows | None = None
    #: set: the files of the indicator and lineage tables (``TABLE_FILES``) as made before from the same rows
    #: (``jixiao build``'s render cache); the reports' and departments' rows are then empty
    tables: Mapping[str, bytes] | None = None


def report_facts(item: CheckedReport, bands: Sequence[GradeBand], data: ReportData) -> ReportFacts:
    """The facts of one published report; ``data`` its part of the open data (``opendata.package.report_data``)."""
    card = item.card
    report = card.report
    line = project_summary(card, bands) if report.is_project else summary(card, bands)
    return ReportFacts(
        key=report.key, project=report.is_project, name=report.name if report.is_project else "",
        summary=line, explorer=explorer_row(item, bands), ranked=takes_part(card),
        claimed_grade=card.claimed_grade, grade=card.grade,
        data=data,
    )


def department_facts(dept: Department, items: Iterable[CheckedReport]) -> DepartmentFacts:
    """The facts of one department from its published reports (every year of them)."""
    cards = [item.card for item in items]
    return DepartmentFacts(dept, department_lineages(cards), lineage_rows(dept, cards))


def by_department(items: Iterable[CheckedReport]) -> Mapping[str, list[CheckedReport]]:
    out: dict[str, list[CheckedReport]] = {}
    for item in items:
        out.setdefault(item.report.department.slug, []).append(item)
    return out
