"""The corpus and its scorecards -> contexts of the pages that list reports.

Owns the department page (every year, score trend), the year page (ranked by computed score,
grade distribution, printed-vs-computed differences), the lists of years and departments, and
the home page. Orders are total and stable (score, then name, then slug) so the output is
deterministic.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal

from jixiao.domain.lineage import Lineage
from jixiao.domain.model import Corpus, Department, GradeBand
from jixiao.domain.scorecard import ReportState, Scorecard
from jixiao.domain.scoring import divide, quantize
from jixiao.domain.standing import GradeDistribution
from jixiao.render import urls
from jixiao.render.charts import TextTable, line_chart
from jixiao.render.context import (
    DepartmentEntry,
    DepartmentPage,
    DepartmentsPage,
    GradeCount,
    HomePage,
    Link,
    ProjectYear,
    ReportSummary,
    YearEntry,
    YearPage,
    YearsPage,
)
from jixiao.render.env import num
from jixiao.render.report import grade_of

LATEST = 10
Cards = Mapping[tuple[str, int], Scorecard]


def summary(card: Scorecard, bands: Sequence[GradeBand]) -> ReportSummary:
    report = card.report
    dept = report.department
    return ReportSummary(
        link=Link(urls.report(report.year, dept.slug), f"{dept.name} {report.year} 年度"),
        department=Link(urls.department(dept.slug), dept.name),
        year=report.year,
        computed=card.shown_total,
        grade=grade_of(card.shown_grade, bands),
        claimed=card.claimed_total,
        claimed_grade=card.claimed_grade,
        differs=card.differs,
        differing_rows=card.differing_rows,
        state=REPORT_STATES.get(card.state, ""),
    )


#: A project table's state as a list shows it (fully scored tables show nothing).
PROJECT_STATES = {ReportState.UNSCORED: "报告未列得分", ReportState.INCOMPLETE: "不完整，不评定等级"}
#: An overall report's state as the year page shows it: such a report has no full recomputed total, no rank.
REPORT_STATES = {**PROJECT_STATES, ReportState.DRAFT: "草稿，尚未复核"}


def project_summary(card: Scorecard, bands: Sequence[GradeBand]) -> ReportSummary:
    """A project table in a list: named by its project; no computed total when it lists no score, no
    grade unless fully scored."""
    report = card.report
    dept = report.department
    unscored = card.state == ReportState.UNSCORED
    return ReportSummary(
        link=Link(urls.of(report.key), report.name),
        department=Link(urls.department(dept.slug), dept.name),
        year=report.year,
        computed=None if unscored else card.total,
        grade=grade_of(card.grade, bands) if card.state == ReportState.SCORED else None,
        claimed=card.claimed_total,
        claimed_grade=card.claimed_grade,
        differs=not unscored and card.differs,
        differing_rows=card.differing_rows,
        state=PROJECT_STATES.get(card.state, ""),
    )


def _project_key(s: ReportSummary) -> tuple[str, str, str, str]:
    return (s.department.text, s.department.url, s.link.text, s.link.url)


def _score_key(s: ReportSummary) -> tuple[int, Decimal, str, str]:
    score = s.computed if s.computed is not None else s.claimed
    return (score is None, -(score or Decimal(0)), s.department.text, s.department.url)


def grade_counts(summaries: Sequence[ReportSummary], bands: Sequence[GradeBand]) -> tuple[GradeCount, ...]:
    """How many of ``summaries`` earned each grade of ``bands`` (best first), and their share in percent."""
    counts = Counter(s.grade.label for s in summaries if s.grade)
    total = Decimal(len(summaries) or 1)
    return tuple(
        GradeCount(grade, counts[band.label], quantize(divide(Decimal(100 * counts[band.label]), total), 1))
        for band in bands if (grade := grade_of(band.label, bands))
    )


def year_page(year: int, summaries: Sequence[ReportSummary], bands: Sequence[GradeBand], site_title: str,
              scored: bool, projects: Sequence[ReportSummary] = (),
              distribution: GradeDistribution | None = None) -> YearPage:
    # a report without a full recomputed total (报告未列得分, 不完整, 草稿) gets no rank: listed after the ranking
    takes_part = [s for s in summaries if not (scored and s.state)]
    unranked = sorted((s for s in summaries if scored and s.state), key=lambda s: (s.department.text, s.link.url))
    ordered = sorted(takes_part, key=_score_key)
    scores = [_score_key(s)[:2] for s in ordered]
    # competition ranks: equal scores share a rank (1, 2, 2, 4), as on the report pages (domain.standing)
    ranked = tuple(replace(s, rank=1 + sum(other < _score_key(s)[:2] for other in scores)) for s in ordered)
    return YearPage(
        page_url=urls.year(year), site_title=site_title, title=f"{year} 年度各部门绩效自评结果", year=year,
        ranked=ranked, grades=grade_counts(ranked, bands),  # 按复核等级: the reports with a recomputed grade
        differences=tuple(s for s in (*ranked, *unranked) if s.differs or s.differing_rows), scored=scored,
        projects=tuple(sorted(projects, key=_project_key)),
        distribution=distribution, unranked=tuple(unranked),
    )


def project_years(summaries: Sequence[ReportSummary], projects: Sequence[ReportSummary]) -> tuple[ProjectYear, ...]:
    """A department's project tables grouped by year, newest first, each with that year's overall report."""
    overall = {s.year: s.link for s in summaries}
    years = sorted({p.year for p in projects}, reverse=True)
    return tuple(ProjectYear(y, overall.get(y), tuple(sorted((p for p in projects if p.year == y), key=_project_key)))
                 for y in years)


def department_page(dept: Department, summaries: Sequence[ReportSummary], site_title: str,
                    projects: Sequence[ReportSummary] = (), lineages: Sequence[Lineage] = ()) -> DepartmentPage:
    by_year = sorted(summaries, key=lambda s: s.year)
    trend = None
    if len(by_year) >= 2:  # a "trend" of one year is a lone dot: the list of reports says it better
        points = [(str(s.year), s.computed if s.computed is not None else s.claimed) for s in by_year]
        table = TextTable(f"{dept.name}历年总分", ("年度", "复核总分", "报告总分", "等级"), tuple(
            (str(s.year), num(s.computed), num(s.claimed), s.grade.label if s.grade else "—") for s in by_year))
        trend = line_chart("chart-trend", f"{dept.name}历年总分", "各年度总分（满分 100）的变化。", points, table)
    return DepartmentPage(
        page_url=urls.department(dept.slug), site_title=site_title, title=dept.name, name=dept.name,
        parent=dept.parent, code=dept.code, reports=tuple(reversed(by_year)), trend=trend,
        projects=project_years(summaries, projects),
        lineages=tuple(lineages) if len(by_year) > 1 else (),
    )


def years_page(by_year: Mapping[int, Sequence[ReportSummary]], bands: Sequence[GradeBand],
               site_title: str, projects_by_year: Mapping[int, Sequence[ReportSummary]] | None = None) -> YearsPage:
    projects = projects_by_year or {}
    entries = tuple(
        YearEntry(Link(urls.year(year), f"{year} 年度"), len(by_year.get(year, ())),
                  grade_counts(by_year.get(year, ()), bands), len(projects.get(year, ())))
        for year in sorted({*by_year, *projects}, reverse=True)
    )
    return YearsPage(urls.YEARS, site_title, "按年度浏览", entries)


def departments_page(corpus: Corpus, by_dept: Mapping[str, Sequence[ReportSummary]],
                     site_title: str, projects_by_dept: Mapping[str, Sequence[ReportSummary]] | None = None,
                     ) -> DepartmentsPage:
    projects = projects_by_dept or {}
    entries = tuple(
        DepartmentEntry(
            Link(urls.department(d.slug), d.name), d.parent,
            tuple(s.link for s in sorted(by_dept.get(d.slug, ()), key=lambda s: s.year, reverse=True)),
            len(projects.get(d.slug, ())),
        )
        for d in sorted(corpus.departments, key=lambda d: (d.name, d.slug))
    )
    return DepartmentsPage(urls.DEPARTMENTS, site_title, "按部门浏览", entries)


def home_page(corpus: Corpus, summaries: Sequence[ReportSummary], bands: Sequence[GradeBand],
              search_url: str | None, links: Sequence[Link], projects: Sequence[ReportSummary] = ()) -> HomePage:
    site = corpus.site
    years = sorted({s.year for s in (*summaries, *projects)}, reverse=True)
    latest = sorted(summaries, key=lambda s: (-s.year, *_score_key(s)))[:LATEST]
    return HomePage(
        page_url=urls.HOME, site_title=site.title, title=site.title, publisher=site.publisher,
        region=site.region, description=site.description,
        departments=len(corpus.departments), reports=len(summaries),
        years=tuple(Link(urls.year(y), f"{y} 年度") for y in years),
        grades=grade_counts(summaries, bands), latest=tuple(latest), search_url=search_url, links=tuple(links),
        projects=len(projects),
    )
