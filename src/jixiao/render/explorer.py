"""The report explorer (报告一览): one sortable, filterable table of every report, and its data file.

Owns the explorer's rows — department, kind (部门整体 or 项目) and project, year, computed and printed
totals, grade, execution rate and number of warnings (警告数, counted as in the open data) of every report and project table — the page context for ``explorer/`` (a complete server-rendered
table, so the page works without JavaScript; ``assets/explorer/explorer.js`` adds sorting and the
year, kind, grade and department filters) and ``explorer/reports.json``, the rows as data that the script
reads. Pure functions of the checked content.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.check import CheckedReport
from jixiao.domain.issues import Severity
from jixiao.domain.layout import REPORT_KINDS
from jixiao.domain.model import GradeBand
from jixiao.domain.scorecard import Scorecard
from jixiao.opendata.tables import execution_rate
from jixiao.render import urls
from jixiao.render.context import Grade, Link
from jixiao.render.env import num, pct, relative_url
from jixiao.render.report import grade_of

TEMPLATE = "explorer.md.j2"
TITLE = "报告一览"
DATA = f"{urls.EXPLORER}reports.json"
#: Files the page needs, copied from the template directories.
ASSETS = ("assets/explorer/explorer.js", "assets/explorer/explorer.css")


@dataclass(frozen=True, slots=True)
class ExplorerRow:
    """One report in the explorer."""

    link: Link
    department: Link
    kind: str  # REPORT_KINDS value: 部门整体 or 项目
    project: str  # the project's name ("" for an overall report)
    year: int
    computed: Decimal | None
    claimed: Decimal | None
    grade: Grade | None
    rate: Decimal | None  # execution rate of the funds table or a project's funds block (1 = 100%)
    findings: int  # 警告数: warnings of every stage about this report's files (as the CSV counts them)
    differs: bool  # computed total or grade differs from the printed one


@dataclass(frozen=True, slots=True)
class ExplorerPage:
    """The context of ``explorer.md.j2``."""

    page_url: str
    site_title: str
    title: str
    rows: tuple[ExplorerRow, ...]
    years: tuple[int, ...]  # newest first
    kinds: tuple[str, ...]  # REPORT_KINDS values, overall first
    grades: tuple[str, ...]  # best first, as in ``site.yaml``
    data_url: str
    scored: bool


def _row(card: Scorecard, bands: Sequence[GradeBand], findings: int) -> ExplorerRow:
    report = card.report
    dept = report.department
    return ExplorerRow(
        link=Link(urls.of(report.key), f"{dept.name} {report.year} 年度{' ' + report.name if report.project else ''}"),
        department=Link(urls.department(dept.slug), dept.name),
        kind=REPORT_KINDS[report.kind],
        project=report.project.name if report.project else "",
        year=report.year,
        computed=card.shown_total,
        claimed=card.claimed_total,
        grade=grade_of(card.shown_grade, bands),
        rate=execution_rate(card),
        findings=findings,
        differs=card.differs,
    )


def explorer_page(reports: Sequence[CheckedReport], bands: Sequence[GradeBand], site_title: str) -> ExplorerPage:
    """The explorer over ``reports``, newest year first, then by department name."""
    ordered_reports = sorted(reports, key=lambda r: (-r.report.year, r.report.department.name,
                                                     r.report.department.slug, r.report.is_project, r.report.name,
                                                     r.report.key))
    rows = tuple(_row(r.card, bands, sum(f.severity is Severity.WARNING for f in r.findings))
                 for r in ordered_reports)
    return ExplorerPage(
        page_url=urls.EXPLORER,
        site_title=site_title,
        title=TITLE,
        rows=rows,
        years=tuple(sorted({r.report.year for r in reports}, reverse=True)),
        kinds=tuple(REPORT_KINDS.values()),
        grades=tuple(b.label for b in bands),
        data_url=DATA,
        scored=bool(reports),
    )


def explorer_json(page: ExplorerPage) -> str:
    """The rows as JSON for the page's script: exact numbers as text, links relative to the page."""
    def text(value: Decimal | None) -> str | None:
        return None if value is None else num(value)

    records = [
        {
            "href": relative_url(row.link.url, page.page_url),
            "title": row.link.text,
            "department": row.department.text,
            "department_href": relative_url(row.department.url, page.page_url),
            "kind": row.kind,
            "project": row.project or None,
            "year": row.year,
            "computed": text(row.computed),
            "claimed": text(row.claimed),
            "grade": row.grade.label if row.grade else None,
            "grade_level": row.grade.level if row.grade else 0,
            "rate": text(row.rate),
            "rate_text": pct(row.rate),
            "findings": row.findings,
            "differs": row.differs,
        }
        for row in page.rows
    ]
    data = {"years": list(page.years), "kinds": list(page.kinds), "grades": list(page.grades), "reports": records}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
