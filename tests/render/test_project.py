"""Project tables (项目支出绩效自评表) on the site: their pages, the pages that list them, and their states.

The site is the example content plus ``tests/fixtures/projects-site/`` (大同市总工会 2021: the reference
部门整体 report, five published project tables and a draft; 大同市妇女联合会 2021: project tables only).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.check import Checked, CheckedReport, check
from jixiao.domain.scorecard import ReportState, Scorecard
from jixiao.render import urls
from jixiao.render.project import UNSCORED_BADGE, ProjectPage, project_page
from jixiao.render.site import RenderSettings, site_files
from tests.conftest import ROOT
from tests.projectsite import DEPARTMENT, DRAFT, ONLY_PROJECTS, PUBLISHED, make_content

SETTINGS = RenderSettings((ROOT / "templates",))


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Checked:
    return check(make_content(tmp_path_factory.mktemp("projects")), "content")


@pytest.fixture(scope="module")
def pages(checked: Checked) -> dict[str, str]:
    return {f.path: f.content for f in site_files(checked, SETTINGS) if isinstance(f.content, str)}


def _item(checked: Checked, slug: str, project: str) -> CheckedReport:
    return next(item for item in checked.reports if item.report.key == (slug, 2021, project))


def _context(checked: Checked, project: str, card: Scorecard | None = None) -> ProjectPage:
    item = _item(checked, DEPARTMENT, project)
    site = checked.corpus.site
    return project_page(card or item.card, site.grade_bands, site.title, item.findings, True)


def _render(context: ProjectPage) -> str:
    from jixiao.render.env import environment

    return environment(SETTINGS.templates).get_template("project.md.j2").render(ctx=context, page_url=context.page_url)


def _links(text: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', text)


def test_every_published_project_has_a_page_under_its_department_year(pages: dict[str, str]) -> None:
    projects = sorted(p for p in pages if "/projects/" in p)
    assert projects == sorted([*(f"2021/{DEPARTMENT}/projects/{p}/index.md" for p in PUBLISHED),
                               f"2021/{ONLY_PROJECTS[0]}/projects/{ONLY_PROJECTS[1]}/index.md"])
    assert not any(DRAFT in p or DRAFT in text for p, text in pages.items())
    assert urls.of((DEPARTMENT, 2021, "laomo-liaoyang")) == f"2021/{DEPARTMENT}/projects/laomo-liaoyang/"


def test_overall_report_links_its_projects_and_each_links_back(pages: dict[str, str]) -> None:
    overall = pages[f"2021/{DEPARTMENT}/index.md"]
    assert "## 本年度项目支出绩效自评表 { #projects }" in overall
    assert [h for h in _links(overall) if "projects/" in h] == [f"projects/{p}/" for p in (
        "laomo-liaoyang", "kunnan-zhigong-bangfu", "gonghui-xinxihua", "zhigong-jineng-peixun",
        "zhigong-wenti-huodong")]  # by project name (劳模…, 困难…, 工会…, 职工技能…, 职工文体…)
    project = pages[f"2021/{DEPARTMENT}/projects/kunnan-zhigong-bangfu/index.md"]
    assert '<a href="../../">2021 年度部门整体支出绩效自评报告</a>' in project
    assert '<a href="../../../../departments/datong-zonggonghui/">大同市总工会</a>' in project
    only = pages[f"2021/{ONLY_PROJECTS[0]}/projects/{ONLY_PROJECTS[1]}/index.md"]
    assert "部门整体支出绩效自评报告</a>" not in only  # no overall report that year: no link to one


def test_department_page_lists_projects_by_year(pages: dict[str, str]) -> None:
    page = pages[f"departments/{DEPARTMENT}/index.md"]
    assert "## 项目支出绩效自评表 { #projects }" in page and "### 2021 年度 { #projects-2021 }" in page
    assert sum(f"../../2021/{DEPARTMENT}/projects/{p}/" in page for p in PUBLISHED) == 5
    assert "<dt>项目支出绩效自评表</dt><dd>5 张</dd>" in page
    only = pages[f"departments/{ONLY_PROJECTS[0]}/index.md"]
    assert "暂无部门整体支出绩效自评报告" in only and f"projects/{ONLY_PROJECTS[1]}/" in only
    listing = pages["departments/index.md"]
    assert f'<a href="{ONLY_PROJECTS[0]}/#projects">项目表 1 张</a>' in listing


def test_year_page_ranks_overall_reports_and_lists_projects_apart(pages: dict[str, str]) -> None:
    page = pages["2021/index.md"]
    ranking, rest = page.split("## 等级分布", 1)
    assert "projects/" not in ranking  # projects never enter the ranking
    assert "另有 6 张项目支出绩效自评表" in ranking
    projects = rest.split("## 项目支出绩效自评表 { #projects }", 1)[1]
    assert projects.count("/projects/") == 6
    assert "<th scope=\"col\">部门</th><th scope=\"col\">项目</th>" in projects
    assert "<th scope=\"col\">项目表</th>" in pages["years/index.md"]
    assert '<dd id="count-projects">6</dd>' in pages["index.md"]


def test_project_page_follows_the_printed_table(pages: dict[str, str]) -> None:
    text = pages[f"2021/{DEPARTMENT}/projects/zhigong-wenti-huodong/index.md"]
    order = ["# 职工文体活动项目（2021 年度）", "## 复核说明", "## 项目基本情况", "## 项目资金", "## 年度总体目标",
             "## 绩效指标", "## 存在问题和改进措施", "### 存在问题", "### 改进措施"]
    assert [text.index(h) for h in order] == sorted(text.index(h) for h in order)
    for cell in ("项目名称", "主管部门", "实施单位", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
                 "预期目标", "实际完成情况", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "复核得分",
                 "偏差原因", "总分", "评价结论"):
        assert f">{cell}" in text, cell
    # 年初预算数 0 with an adjusted budget of 20: the rate is computed on the adjusted budget
    total = re.search(r'<tr id="funds-total">.*?</tr>', text)
    assert total is not None
    assert re.findall(r">([^<>]+)</td>", total.group(0)) == ["0", "20", "19.8", "10", "99%", "9.9", "99.00%", "9.90"]
    assert '<tr id="funds-part-1" class="jx-part"><th scope="row">其中：本年财政拨款</th>' in text
    assert "举办全市职工文体活动 6 场。</td><td data-label=\"实际完成情况\">举办全市职工文体活动 6 场，参与职工" in text
    assert '<th scope="rowgroup" rowspan="1" class="jx-c-level1">产出指标</th>' in text
    assert "复核等级 <span class=\"jx-grade jx-grade--1\">优秀</span>" in text
    assert "活动场地不足。" in text and "与社会场馆合作。" in text


def test_printed_total_beside_the_recomputed_one(checked: Checked) -> None:
    context = _context(checked, "kunnan-zhigong-bangfu")
    r = context.result
    assert (r.claimed_total, r.computed_total, r.total_differs) == (Decimal(100), Decimal("98.33"), True)
    assert r.grade is not None and r.grade.label == "优秀" and r.weight == Decimal(100)
    (row,) = [row for row in context.rows if row.differs]
    assert (row.name, row.claimed, row.computed) == ("困难职工生活改善率", Decimal(30), Decimal("28.33"))
    assert row.deviation_reason.startswith("部分困难职工家庭")
    text = _render(context)
    assert "报告所列 30 分，复核 28.33 分。" in text and "JX-A001" in text
    assert context.downloads[0].url == f"data/projects/{DEPARTMENT}-2021/kunnan-zhigong-bangfu.json"


def test_unscored_table_shows_a_badge_and_no_computed_total(checked: Checked, pages: dict[str, str]) -> None:
    """报告未列得分: the page presents no computed total or grade as the department's."""
    context = _context(checked, "laomo-liaoyang")
    assert context.result.state == ReportState.UNSCORED
    assert context.result.badge == UNSCORED_BADGE and context.result.computed_total is None
    assert context.result.grade is None
    text = pages[f"2021/{DEPARTMENT}/projects/laomo-liaoyang/index.md"]
    assert f'id="computed-total"><span class="jx-badge jx-badge--unscored">{UNSCORED_BADGE}</span>' in text
    assert "本表没有列出得分，本站不给出复核总分，也不评定等级" in text
    assert "复核得分" not in text.split("## 绩效指标", 1)[1]  # no computed column in the indicator table
    assert "computed-grade" not in text and "未计分" not in text
    listed = pages[f"2021/{DEPARTMENT}/index.md"].split("{ #projects }", 1)[1]
    row = re.search(r"<tr[^>]*>.*?劳模疗休养项目.*?</tr>", listed)
    assert row is not None and "报告未列得分" in row.group(0) and "jx-grade--0" in row.group(0)


def test_incomplete_table_gets_no_grade_and_says_why(checked: Checked, pages: dict[str, str]) -> None:
    context = _context(checked, "gonghui-xinxihua")
    assert context.result.state == ReportState.INCOMPLETE
    assert context.result.grade is None and context.result.computed_total == Decimal("68.00")
    assert context.result.explanation.startswith("表中各项分值合计 70 分，不足 100 分")
    text = pages[f"2021/{DEPARTMENT}/projects/gonghui-xinxihua/index.md"]
    assert '<span class="jx-badge jx-badge--incomplete">不评定等级</span>' in text
    assert "不评定等级。" in text


def test_rows_kept_as_printed_or_not_applicable_say_so(checked: Checked, pages: dict[str, str]) -> None:
    """未重算 rows keep the printed score, marked; 不适用 rows count for nothing and show no 0."""
    context = _context(checked, "zhigong-jineng-peixun")
    assert [(r.name, r.status, r.computed) for r in context.rows if r.status] == [
        ("年度资金支付完成率100%", "未重算", Decimal(24)), ("人均培训成本", "不适用", None)]
    text = pages[f"2021/{DEPARTMENT}/projects/zhigong-jineng-peixun/index.md"]
    assert '<span class="jx-tag jx-tag--na">不适用</span>' in text
    assert '24 <span class="jx-tag jx-tag--kept">未重算</span>' in text
    assert "未重算：表中没有可以比较的年度指标值或实际完成值" in text and "不适用：表中该行没有分值" in text


def test_reference_site_has_no_project_sections(tmp_path: Path) -> None:
    """Without project tables the overall, year and department pages look as before."""
    from tests.conftest import CONTENT

    pages = {f.path: f.content for f in site_files(check(CONTENT, "content"), SETTINGS)}
    for path in ("2021/datong-zonggonghui/index.md", "2021/index.md", "departments/datong-zonggonghui/index.md",
                 "years/index.md", "index.md"):
        text = pages[path]
        assert isinstance(text, str) and "项目表" not in text and "#projects" not in text, path


@pytest.mark.parametrize(("project", "verdict"), [
    ("kunnan-zhigong-bangfu", "复核总分 <strong>98.33</strong>，表中所列 <strong>100</strong>，相差 <strong>1.67</strong> 分。"),
    ("zhigong-wenti-huodong", "复核总分与表中所列一致：<strong>99.90</strong> 分，等级“优秀”。"),
    ("gonghui-xinxihua", "复核得分与表中所列一致：<strong>68.00</strong> 分。"),
    ("laomo-liaoyang", "本表没有列出得分，本站不给出复核总分，也不评定等级"),
])
def test_audit_box_opens_with_a_plain_verdict(pages: dict[str, str], project: str, verdict: str) -> None:
    """复核说明 says the outcome in words first, not what the software did; codes stay, small, for auditors."""
    text = pages[f"2021/{DEPARTMENT}/projects/{project}/index.md"]
    audit = text.split("## 复核说明", 1)[1].split("## 项目基本情况", 1)[0]
    first = re.search(r'<p class="jx-verdict[^"]*" id="verdict">(.*?)</p>', audit, re.S)
    assert first is not None and first.group(1).strip().startswith(verdict), first
    assert "jixiao" not in audit


def test_each_finding_links_to_the_row_it_is_about_and_the_row_is_marked(checked: Checked) -> None:
    context = _context(checked, "kunnan-zhigong-bangfu")
    assert context.audit is not None
    assert [(item.code, item.target) for item in context.audit] == [
        ("JX-A002", "t2-r4-1"), ("JX-A001", "t2-r4-1"), ("JX-A003", "total")]
    assert context.flags == {"t2-r4-1": (1, 2), "total": (3,)}
    text = _render(context)
    row = re.search(r'<tr id="t2-r4-1"[^>]*>.*?</tr>', text)
    assert row is not None and 'class="jx-differs jx-flagged"' in row.group(0)
    assert 'href="#finding-1"' in row.group(0) and 'href="#finding-2"' in row.group(0)
    assert '<li class="jx-finding jx-finding--warning" id="finding-3">' in text
    assert '<a class="jx-finding-link" href="#total">查看所在位置</a>' in text
    # weights that do not reach 100 are about the whole indicator list: the link goes to its heading
    incomplete = _context(checked, "gonghui-xinxihua")
    assert incomplete.audit is not None and {item.target for item in incomplete.audit} == {"indicators"}
    assert "所在的行已在下文用黄色标出" not in _render(incomplete)
    # a finding about the whole file (报告未列得分) points nowhere
    unscored = _context(checked, "laomo-liaoyang")
    assert unscored.audit is not None and [item.target for item in unscored.audit] == [""]


@pytest.mark.parametrize(("project", "description"), [
    ("kunnan-zhigong-bangfu", "困难职工帮扶项目（2021 年度）项目支出绩效自评表：复核总分 98.33 分（优秀），表中所列 100 分；"
                              "项目资金执行率 100.00%。"),
    ("gonghui-xinxihua", "工会信息化建设项目（2021 年度）项目支出绩效自评表：复核得分 68.00 分，与表中所列一致；"
                         "项目资金执行率 80.00%。"),
    ("laomo-liaoyang", "劳模疗休养项目（2021 年度）项目支出绩效自评表：表中未列得分；项目资金执行率 100.00%。"),
])
def test_each_project_page_describes_itself_with_its_own_numbers(pages: dict[str, str], project: str,
                                                                 description: str) -> None:
    """The meta description (search engines, link previews) comes from the table's own figures."""
    front = pages[f"2021/{DEPARTMENT}/projects/{project}/index.md"].split("---", 2)[1]
    assert f'description: "{description}"' in front
