"""The report explorer (报告一览): its rows, its data file, and the page that works without JavaScript."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from benchmarks.corpus import generate

from jixiao.check import Checked, check
from jixiao.render import explorer
from jixiao.render.site import RenderSettings, site_files
from tests.conftest import CONTENT, ROOT

SETTINGS = RenderSettings((ROOT / "templates",))


@pytest.fixture(scope="module")
def example() -> Checked:
    return check(CONTENT, "content")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Checked:
    root = tmp_path_factory.mktemp("explorer") / "content"
    generate(root, 7, seed=3)
    return check(root)


def _page(checked: Checked) -> explorer.ExplorerPage:
    site = checked.corpus.site
    return explorer.explorer_page(checked.reports, site.grade_bands, site.title)


def test_example_row_holds_computed_and_printed_figures(example: Checked) -> None:
    """大同市总工会 2021: computed and printed 93.98, 优秀, the funds table's execution rate, its findings."""
    page = _page(example)
    (row,) = page.rows
    card = example.scorecards[0]
    assert (row.department.text, row.year) == ("大同市总工会", 2021)
    assert row.computed == card.total == Decimal("93.98")
    assert row.claimed == Decimal("93.98")
    assert row.grade is not None and row.grade.label == "优秀"
    assert row.rate == card.total_rate
    files = {"content/datong-zonggonghui/2021.yaml", "content/datong-zonggonghui/2021.md"}
    # 警告数, counted as in reports.csv: warnings only (the example also has hints)
    assert row.findings == sum(f.loc.file in files and f.severity.value == "warning" for f in example.findings) == 2
    assert row.link.url == "2021/datong-zonggonghui/"


def test_rows_newest_year_first_then_department(corpus: Checked) -> None:
    rows = _page(corpus).rows
    assert len(rows) == 7
    keys = [(-r.year, r.department.text) for r in rows]
    assert keys == sorted(keys)
    assert _page(corpus).years == tuple(sorted({r.year for r in rows}, reverse=True))


def test_json_matches_rows_with_exact_numbers_and_relative_links(corpus: Checked) -> None:
    page = _page(corpus)
    data = json.loads(explorer.explorer_json(page))
    assert data["grades"] == ["优秀", "良好", "中", "差"]
    assert len(data["reports"]) == len(page.rows)
    for record, row in zip(data["reports"], page.rows, strict=True):
        assert record["href"] == "../" + row.link.url
        assert record["year"] == row.year
        assert record["computed"] == (None if row.computed is None else format(row.computed, "f"))
        assert record["claimed"] == (None if row.claimed is None else format(row.claimed, "f"))
        assert record["findings"] == row.findings
        assert isinstance(record["computed"], str | None)  # exact text, never a float


def test_page_is_the_full_table_without_javascript(corpus: Checked) -> None:
    """Every report is a server-rendered row linking to it; filters stay hidden until the script runs."""
    files = {f.path: f for f in site_files(corpus, SETTINGS)}
    text = files["explorer/index.md"].content
    assert isinstance(text, str)
    assert files["explorer/index.md"].nav_title == "报告一览"
    rows = re.findall(r'<tr data-year="(\d+)" data-kind="部门整体" data-grade="([^"]*)"[^>]*><th scope="row"><a href="([^"]+)">',
                      text)
    page = _page(corpus)
    assert [(int(y), href) for y, _, href in rows] == [(r.year, "../" + r.link.url) for r in page.rows]
    assert "<form class=\"jx-explorer__filters\" data-jx-explorer-filters hidden" in text
    assert '<script src="../assets/explorer/explorer.js" defer></script>' in text
    assert 'data-src="reports.json"' in text
    for name in ("explorer/reports.json", *explorer.ASSETS):
        assert name in files
    home = files["index.md"].content
    assert isinstance(home, str) and "explorer/" in home


def test_projects_are_rows_of_kind_project_with_a_kind_filter(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Project tables appear beside the overall reports, told apart by 种类, and link from their project cell."""
    from jixiao.render.site import published
    from tests.projectsite import DEPARTMENT, make_content

    checked = published(check(make_content(tmp_path_factory.mktemp("explorer-projects")), "content"))
    page = _page(checked)
    assert page.kinds == ("部门整体", "项目")
    assert [(r.kind, r.project) for r in page.rows if r.department.text == "大同市总工会"] == [
        ("部门整体", ""), ("项目", "劳模疗休养项目"), ("项目", "困难职工帮扶项目"), ("项目", "工会信息化建设项目"),
        ("项目", "职工技能培训项目"), ("项目", "职工文体活动项目")]
    row = next(r for r in page.rows if r.project == "职工文体活动项目")
    assert row.link.url == f"2021/{DEPARTMENT}/projects/zhigong-wenti-huodong/"
    assert row.rate == Decimal("0.99")  # 19.8 ÷ 20, the adjusted budget
    data = json.loads(explorer.explorer_json(page))
    assert data["kinds"] == ["部门整体", "项目"]
    assert {(r["kind"], r["project"] is None) for r in data["reports"]} == {("部门整体", True), ("项目", False)}
    text = {f.path: f.content for f in site_files(checked, SETTINGS)}["explorer/index.md"]
    assert isinstance(text, str)
    assert '<select name="kind"><option value="">全部种类</option><option value="部门整体">部门整体</option>' in text
    assert text.count('data-kind="项目"') == 6
    assert ('<td data-label="种类">项目</td><td data-label="项目"><a href="../2021/datong-fulian/projects/funv-jiuye/">'
            '妇女创业就业培训项目</a></td>') in text
