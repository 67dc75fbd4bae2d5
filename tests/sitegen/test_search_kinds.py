"""Search facts of both kinds of report page: project tables are indexed with kind 项目 as a facet."""

from __future__ import annotations

from pathlib import Path

from jixiao.check import check
from jixiao.sitegen.search import SearchFacts, mark_report, report_facts
from tests.projectsite import DEPARTMENT, DRAFT, PUBLISHED, make_content


def test_every_published_page_has_facts_with_its_kind(tmp_path: Path) -> None:
    facts = report_facts(check(make_content(tmp_path), "content"))
    overall = facts[f"2021/{DEPARTMENT}/index.md"]
    assert (overall.kind, overall.project, overall.title) == ("部门整体", "", "大同市总工会 2021 年度自评报告")
    project = facts[f"2021/{DEPARTMENT}/projects/kunnan-zhigong-bangfu/index.md"]
    assert (project.kind, project.project, project.total, project.grade) == ("项目", "困难职工帮扶项目", "98.33", "优秀")
    assert project.title == "大同市总工会 2021 年度 困难职工帮扶项目（项目支出绩效自评表）"
    assert sum("/projects/" in path for path in facts) == len(PUBLISHED) + 1
    assert not any(DRAFT in path for path in facts)


def test_kind_is_a_filter_and_a_meta() -> None:
    html = mark_report("<p>x</p>", SearchFacts("大同市总工会", 2021, kind="项目", project="困难职工帮扶项目"))
    assert 'data-pagefind-filter="kind:项目"' in html and 'data-pagefind-meta="kind:项目"' in html
