"""The report explorer (报告一览): every report, paged, sortable and filterable at province scale.

Owns the explorer's rows — department, kind (部门整体 or 项目) and project, year, computed and printed
totals, grade, execution rate and number of warnings (警告数, counted as in the open data) of every
report and project table — and the contexts of its pages: ``explorer/`` is the first page of
:data:`PAGE_SIZE` rows in the default order (newest year, then department name), ``explorer/2/`` … the
next ones, each a complete server-rendered table with 上一页/下一页 links, so the explorer works without
JavaScript. ``assets/explorer/explorer.js`` adds sorting and the year, kind, grade and department
filters over *all* reports, reading the compact row files of :mod:`jixiao.render.explorer_data` only
when the reader sorts or filters.

Everything here is a function of :class:`ExplorerRow` values alone, so an assembled multi-shard site
makes the same pages from the rows its shards' manifests carry (:func:`row_record`,
:func:`row_from_record`) as a whole build makes from the checked content.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.check import CheckedReport
from jixiao.domain.issues import Severity
from jixiao.domain.layout import REPORT_KINDS
from jixiao.domain.model import GradeBand
from jixiao.domain.scorecard import ReportState, Scorecard
from jixiao.opendata.tables import execution_rate
from jixiao.render import urls
from jixiao.render.anchors import funds_total_flagged
from jixiao.render.context import Grade, Link
from jixiao.render.env import num
from jixiao.render.report import grade_of

TEMPLATE = "explorer.md.j2"
TITLE = "报告一览"
#: Rows on each page, server-rendered and script-rendered alike.
PAGE_SIZE = 100
#: Files the page needs, copied from the template directories.
ASSETS = ("assets/explorer/explorer.js", "assets/explorer/explorer.css")
#: How many page numbers the pager shows on each side of the current page.
_PAGER_SPAN = 2


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
    department_slug: str = ""
    project_slug: str = ""  # the last part of a project table's URL ("" for an overall report)
    # a finding is about the 金额合计 row the rate comes from: shown as 待核实, as on the report page
    rate_flagged: bool = False
    # the grade is the report's own: it prints no score to recompute from (报告未列得分), shown as 报告所列
    grade_printed: bool = False


@dataclass(frozen=True, slots=True)
class YearRows:
    """One year's row file, as the year filter's option announces it to the script."""

    year: int
    url: str  # site path of explorer/rows/<year>.json
    count: int


@dataclass(frozen=True, slots=True)
class PagerItem:
    """One entry of the pager: a page number (or 上一页/下一页) and its page; ``url`` None when not a link."""

    text: str
    url: str | None
    label: str = ""  # aria-label, when the visible text alone is not enough ("第 3 页")
    current: bool = False
    gap: bool = False  # an ellipsis between page numbers


@dataclass(frozen=True, slots=True)
class ExplorerPage:
    """The context of ``explorer.md.j2``: one page of the explorer."""

    page_url: str
    site_title: str
    title: str
    rows: tuple[ExplorerRow, ...]  # this page's rows
    years: tuple[int, ...]  # newest first
    kinds: tuple[str, ...]  # REPORT_KINDS values, overall first
    grades: tuple[str, ...]  # best first, as in ``site.yaml``
    scored: bool
    total: int  # reports on every page
    projects: int  # project tables among them
    number: int  # this page's number, from 1
    pages: int
    first: int  # position of this page's first row among all, from 1
    pager: tuple[PagerItem, ...]
    row_files: tuple[YearRows, ...]  # newest first
    root_url: str = urls.EXPLORER  # page 1, where the script's query-string views live
    departments_url: str = f"{urls.EXPLORER}rows/departments.json"  # every department of the row files
    page_size: int = PAGE_SIZE
    rates_flagged: bool = False  # some report's execution rate is shown as 待核实 (the note says why)
    grades_printed: bool = False  # some report's grade is only the printed one (the note says why)


def _row(card: Scorecard, bands: Sequence[GradeBand], findings: int, rate_flagged: bool) -> ExplorerRow:
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
        department_slug=dept.slug,
        project_slug=report.key[2],
        rate_flagged=rate_flagged,
        grade_printed=card.state is ReportState.UNSCORED and card.shown_grade is not None,
    )


def default_order(row: ExplorerRow) -> tuple[int, str, str, bool, str, str]:
    """The explorer's default order: newest year first, then department name, overall report before projects."""
    return (-row.year, row.department.text, row.department_slug, bool(row.project), row.project, row.link.url)


def explorer_row(item: CheckedReport, bands: Sequence[GradeBand]) -> ExplorerRow:
    """One report's row; 警告数 counts its warnings of every stage (as the CSV does); the rate is flagged
    when a finding (of any severity, as the report page marks rows) is about its 金额合计 row."""
    flagged = funds_total_flagged(item.report, [*item.findings, *item.card.findings])
    return _row(item.card, bands, sum(f.severity is Severity.WARNING for f in item.findings), flagged)


def explorer_rows(reports: Sequence[CheckedReport], bands: Sequence[GradeBand]) -> tuple[ExplorerRow, ...]:
    """The row of every report, in :func:`default_order`."""
    return tuple(sorted((explorer_row(r, bands) for r in reports), key=default_order))


def page_url(number: int) -> str:
    """The site path of page ``number`` of the explorer (1 is ``explorer/`` itself)."""
    return urls.EXPLORER if number == 1 else f"{urls.EXPLORER}{number}/"


def _pager(number: int, pages: int) -> tuple[PagerItem, ...]:
    if pages <= 1:
        return ()
    items = [PagerItem("上一页", page_url(number - 1) if number > 1 else None)]
    shown = sorted({1, pages, *range(max(1, number - _PAGER_SPAN), min(pages, number + _PAGER_SPAN) + 1)})
    previous = 0
    for n in shown:
        if n > previous + 1:
            items.append(PagerItem("…", None, gap=True))
        items.append(PagerItem(str(n), page_url(n), f"第 {n} 页", current=n == number))
        previous = n
    items.append(PagerItem("下一页", page_url(number + 1) if number < pages else None))
    return tuple(items)


def explorer_pages(rows: Sequence[ExplorerRow], bands: Sequence[GradeBand], site_title: str,
                   row_files: Sequence[YearRows]) -> list[ExplorerPage]:
    """Every page of the explorer over ``rows`` (in :func:`default_order`); at least one, even when empty."""
    ordered = sorted(rows, key=default_order)
    pages = max(1, -(-len(ordered) // PAGE_SIZE))
    projects = sum(bool(r.project) for r in ordered)
    return [
        ExplorerPage(
            page_url=page_url(n),
            site_title=site_title,
            title=TITLE if n == 1 else f"{TITLE}（第 {n} 页）",
            rows=tuple(ordered[(n - 1) * PAGE_SIZE:n * PAGE_SIZE]),
            years=tuple(sorted({r.year for r in ordered}, reverse=True)),
            kinds=tuple(REPORT_KINDS.values()),
            grades=tuple(b.label for b in bands),
            scored=bool(ordered),
            total=len(ordered),
            projects=projects,
            number=n,
            pages=pages,
            first=(n - 1) * PAGE_SIZE + 1,
            pager=_pager(n, pages),
            row_files=tuple(row_files),
            rates_flagged=any(r.rate_flagged for r in ordered),
            grades_printed=any(r.grade_printed for r in ordered),
        )
        for n in range(1, pages + 1)
    ]


def _text(value: Decimal | None) -> str | None:
    return None if value is None else num(value)


def row_record(row: ExplorerRow) -> dict[str, Any]:
    """``row`` as JSON-able data (exact numbers as text), for a shard's manifest."""
    return {
        "url": row.link.url, "title": row.link.text,
        "department": row.department.text, "department_url": row.department.url,
        "department_slug": row.department_slug,
        "kind": row.kind, "project": row.project, "project_slug": row.project_slug, "year": row.year,
        "computed": _text(row.computed), "claimed": _text(row.claimed),
        "grade": row.grade.label if row.grade else None, "grade_level": row.grade.level if row.grade else 0,
        "rate": _text(row.rate), "findings": row.findings, "differs": row.differs,
        "rate_flagged": row.rate_flagged, "grade_printed": row.grade_printed,
    }


def row_from_record(record: Mapping[str, Any]) -> ExplorerRow:
    """The row that :func:`row_record` wrote."""
    def number(key: str) -> Decimal | None:
        value = record[key]
        return None if value is None else Decimal(str(value))

    return ExplorerRow(
        link=Link(str(record["url"]), str(record["title"])),
        department=Link(str(record["department_url"]), str(record["department"])),
        kind=str(record["kind"]), project=str(record["project"]), year=int(record["year"]),
        computed=number("computed"), claimed=number("claimed"),
        grade=Grade(str(record["grade"]), int(record["grade_level"])) if record["grade"] is not None else None,
        rate=number("rate"), findings=int(record["findings"]), differs=bool(record["differs"]),
        department_slug=str(record["department_slug"]), project_slug=str(record["project_slug"]),
        rate_flagged=bool(record.get("rate_flagged", False)),
        grade_printed=bool(record.get("grade_printed", False)),
    )


def row_records(reports: Sequence[CheckedReport], bands: Sequence[GradeBand]) -> list[dict[str, Any]]:
    """The explorer rows of ``reports`` as JSON-able data, in :func:`default_order` (a shard's manifest)."""
    return [row_record(row) for row in explorer_rows(reports, bands)]
