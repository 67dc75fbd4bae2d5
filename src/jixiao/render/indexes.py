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

from jixiao.domain.model import Corpus, Department, GradeBand
from jixiao.domain.scorecard import Scorecard
from jixiao.domain.scoring import divide, quantize
from jixiao.render import urls
from jixiao.render.charts import TextTable, line_chart
from jixiao.render.context import (
    DepartmentEntry,
    DepartmentPage,
    DepartmentsPage,
    GradeCount,
    HomePage,
    Link,
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
    )


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
              scored: bool) -> YearPage:
    ranked = tuple(
        replace(s, rank=n)
        for n, s in enumerate(sorted(summaries, key=_score_key), 1)
    )
    return YearPage(
        page_url=urls.year(year), site_title=site_title, title=f"{year} 年度各部门绩效自评结果", year=year,
        ranked=ranked, grades=grade_counts(ranked, bands),
        differences=tuple(s for s in ranked if s.differs or s.differing_rows), scored=scored,
    )


def department_page(dept: Department, summaries: Sequence[ReportSummary], site_title: str) -> DepartmentPage:
    by_year = sorted(summaries, key=lambda s: s.year)
    trend = None
    if by_year:
        points = [(str(s.year), s.computed if s.computed is not None else s.claimed) for s in by_year]
        table = TextTable(f"{dept.name}历年总分", ("年度", "复核总分", "报告总分", "等级"), tuple(
            (str(s.year), num(s.computed), num(s.claimed), s.grade.label if s.grade else "—") for s in by_year))
        trend = line_chart("chart-trend", f"{dept.name}历年总分", "各年度总分（满分 100）的变化。", points, table)
    return DepartmentPage(
        page_url=urls.department(dept.slug), site_title=site_title, title=dept.name, name=dept.name,
        parent=dept.parent, code=dept.code, reports=tuple(reversed(by_year)), trend=trend,
    )


def years_page(by_year: Mapping[int, Sequence[ReportSummary]], bands: Sequence[GradeBand],
               site_title: str) -> YearsPage:
    entries = tuple(
        YearEntry(Link(urls.year(year), f"{year} 年度"), len(items), grade_counts(items, bands))
        for year, items in sorted(by_year.items(), reverse=True)
    )
    return YearsPage(urls.YEARS, site_title, "按年度浏览", entries)


def departments_page(corpus: Corpus, by_dept: Mapping[str, Sequence[ReportSummary]],
                     site_title: str) -> DepartmentsPage:
    entries = tuple(
        DepartmentEntry(
            Link(urls.department(d.slug), d.name), d.parent,
            tuple(s.link for s in sorted(by_dept.get(d.slug, ()), key=lambda s: s.year, reverse=True)),
        )
        for d in sorted(corpus.departments, key=lambda d: (d.name, d.slug))
    )
    return DepartmentsPage(urls.DEPARTMENTS, site_title, "按部门浏览", entries)


def home_page(corpus: Corpus, summaries: Sequence[ReportSummary], bands: Sequence[GradeBand],
              search_url: str | None, links: Sequence[Link]) -> HomePage:
    site = corpus.site
    years = sorted({s.year for s in summaries}, reverse=True)
    latest = sorted(summaries, key=lambda s: (-s.year, *_score_key(s)))[:LATEST]
    return HomePage(
        page_url=urls.HOME, site_title=site.title, title=site.title, publisher=site.publisher,
        region=site.region, description=site.description,
        departments=len(corpus.departments), reports=len(summaries),
        years=tuple(Link(urls.year(y), f"{y} 年度") for y in years),
        grades=grade_counts(summaries, bands), latest=tuple(latest), search_url=search_url, links=tuple(links),
    )
