"""The report explorer (报告一览): its rows, its paged pages that work without JavaScript, its manifest records."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import pytest
from benchmarks.corpus import generate

from jixiao.check import Checked, check
from jixiao.render import explorer, explorer_data, urls
from jixiao.render.context import Link
from jixiao.render.site import GeneratedFile, RenderSettings, explorer_files, site_files
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


@dataclass(frozen=True)
class _Rows:
    rows: tuple[explorer.ExplorerRow, ...]
    years: tuple[int, ...]
    kinds: tuple[str, ...]


def _page(checked: Checked) -> _Rows:
    rows = explorer.explorer_rows(checked.reports, checked.corpus.site.grade_bands)
    return _Rows(rows, tuple(sorted({r.year for r in rows}, reverse=True)), ("部门整体", "项目"))


def _explorer_pages(files: dict[str, GeneratedFile]) -> list[str]:
    """The explorer's page sources in page order: explorer/, explorer/2/, …"""
    pages = []
    n = 1
    while (path := urls.source_path(explorer.page_url(n))) in files:
        text = files[path].content
        assert isinstance(text, str)
        pages.append(text)
        n += 1
    return pages


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
    # a finding is about the 金额合计 row its 133.30% comes from: questioned, as the report page's description says
    assert row.rate_flagged and explorer.row_from_record(explorer.row_record(row)) == row


def test_rows_newest_year_first_then_department(corpus: Checked) -> None:
    rows = _page(corpus).rows
    assert len(rows) == 7
    keys = [(-r.year, r.department.text) for r in rows]
    assert keys == sorted(keys)
    assert _page(corpus).years == tuple(sorted({r.year for r in rows}, reverse=True))


def test_records_for_a_manifest_round_trip_through_json(corpus: Checked) -> None:
    """A shard's manifest carries its rows as JSON; reading them back gives the very same rows."""
    rows = _page(corpus).rows
    records = json.loads(json.dumps(explorer.row_records(corpus.reports, corpus.corpus.site.grade_bands)))
    assert [explorer.row_from_record(r) for r in records] == list(rows)
    assert all(isinstance(r["computed"], str | None) for r in records)  # exact text, never a float


def test_page_is_a_table_without_javascript(corpus: Checked) -> None:
    """Every report is a server-rendered row linking to it; filters stay hidden until the script runs."""
    files = {f.path: f for f in site_files(corpus, SETTINGS)}
    (text,) = _explorer_pages(files)  # 7 reports: one page, no pager links
    assert files["explorer/index.md"].nav_title == "报告一览"
    rows = re.findall(r'<tr data-year="(\d+)" data-kind="部门整体" data-grade="([^"]*)"[^>]*><th scope="row"><a href="([^"]+)">',
                      text)
    page = _page(corpus)
    assert [(int(y), href) for y, _, href in rows] == [(r.year, "../" + r.link.url) for r in page.rows]
    assert "<form class=\"jx-explorer__filters\" data-jx-explorer-filters hidden" in text
    assert '<script src="../assets/explorer/explorer.js" defer></script>' in text
    assert '<nav class="jx-pager" data-jx-explorer-pager aria-label="分页" hidden></nav>' in text
    for year in page.years:
        assert f'<option value="{year}" data-src="rows/{year}.json"' in text
        assert f"explorer/rows/{year}.json" in files
    assert "explorer/reports.json" not in files  # the rows are no longer shipped twice
    for name in explorer.ASSETS:
        assert name in files
    home = files["index.md"].content
    assert isinstance(home, str) and "explorer/" in home


def _scaled(rows: Sequence[explorer.ExplorerRow], n: int) -> list[explorer.ExplorerRow]:
    """``n`` rows made from real ones, shaped like a province: n/10 departments, each with an overall
    report and a project table in each of 5 years; figures taken in turn from the real rows."""
    made = []
    for i in range(n):
        row, base = rows[i % len(rows)], rows[(i // 10) % len(rows)]
        slug, name, year = f"{base.department_slug}-{i // 10}", f"{base.department.text}{i // 10}", 2019 + (i // 2) % 5
        project, project_slug = (f"{name}专项资金项目{i}", f"zhuanxiang-{i}") if i % 2 else ("", "")
        made.append(replace(
            row, department=Link(urls.department(slug), name), department_slug=slug,
            year=year, project=project, project_slug=project_slug, kind="项目" if project else "部门整体",
            link=Link(urls.of((slug, year, project_slug)), f"{name} {year} 年度{' ' + project if project else ''}")))
    return made


def _explorer_bytes(rows: Sequence[explorer.ExplorerRow]) -> tuple[int, int, int]:
    """First page source, largest page source and all row files, in bytes."""
    site = check(CONTENT, "content").corpus.site
    files = explorer_files(rows, site, SETTINGS)
    sizes = {f.path: len(f.content.encode() if isinstance(f.content, str) else f.content) for f in files}
    pages = [size for path, size in sizes.items() if path.endswith("index.md")]
    data = sum(size for path, size in sizes.items() if path.startswith("explorer/rows/"))
    return sizes["explorer/index.md"], max(pages), data


def test_first_page_bytes_do_not_grow_with_the_number_of_reports(corpus: Checked) -> None:
    """The byte budget: a page carries 100 rows whatever N; every row travels once more, compact, in the row files.

    At 2,000 and 4,000 reports the first page stays under 70 KB (the 20,000-report figures, with the
    theme's own bytes, are in docs/performance.md) and the row files cost under 90 bytes a report.
    """
    real = _page(corpus).rows
    first_2k, largest_2k, data_2k = _explorer_bytes(_scaled(real, 2000))
    first_4k, largest_4k, data_4k = _explorer_bytes(_scaled(real, 4000))
    assert first_2k <= 70_000 and largest_2k <= 70_000 and largest_4k <= 70_000
    assert abs(first_4k - first_2k) < 1000  # the counts in the text and the made-up names differ, not the rows
    assert data_2k / 2000 < 90 and data_4k / 4000 < 90
    today = 2000 * 354 + 2000 * 332  # the whole table plus reports.json, as the explorer shipped before paging
    assert first_2k < today / 10


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
    data = explorer_data.row_files(page.rows)[0]
    decoded = json.loads(data["explorer/rows/2021.json"])
    assert decoded["kinds"] == ["部门整体", "项目"]
    assert [bool(s) for s in decoded["s"]] == [bool(r.project) for r in page.rows]
    (text,) = _explorer_pages({f.path: f for f in site_files(checked, SETTINGS)})
    assert '<select name="kind"><option value="">全部种类</option><option value="部门整体">部门整体</option>' in text
    assert text.count('data-kind="项目"') == 6
    assert ('<td data-label="种类">项目</td><td data-label="项目"><a href="../2021/datong-fulian/projects/funv-jiuye/">'
            '妇女创业就业培训项目</a></td>') in text


def test_a_grade_the_report_only_prints_is_said_to_be_the_reports_own(tmp_path: Path) -> None:
    """d09 prints a grade (中) but no score (报告未列得分): its 等级 cell reads "中 报告所列" in the pages, the
    row file's "o" column and the manifest record, and a note under the table says why; d10 (不完整, no grade)
    and the scored reports carry no such mark."""
    from tests.render.test_standing_pages import _unscored_and_incomplete

    checked, _ = _unscored_and_incomplete(tmp_path)
    rows = explorer.explorer_rows(checked.reports, checked.corpus.site.grade_bands)
    printed = {r.department_slug for r in rows if r.grade_printed}
    assert printed == {"d09"}
    files = {f.path: f for f in explorer_files(rows, checked.corpus.site, SETTINGS)}
    page = "".join(_explorer_pages(files))
    cells = dict(re.findall(r'<a href="[^"]*(d\d\d)/">.*?<td data-label="等级">(.*?)</td>', page))
    assert cells["d09"].endswith('>中</span> <span class="jx-printed">报告所列</span>')
    assert "jx-printed" not in cells["d10"] and "jx-printed" not in cells["d01"]
    assert page.count("标“报告所列”的等级是报告自己写的") == 1
    year = json.loads(str(files["explorer/rows/2023.json"].content))
    names = json.loads(str(files["explorer/rows/departments.json"].content))["departments"]
    marked = {names[year["d"][i]][1] for i in range(year["count"]) if year["o"][i] == 1}
    assert marked == {"d09"}
    assert [explorer.row_from_record(explorer.row_record(r)) for r in rows] == list(rows)
    scored_only = [r for r in rows if not r.grade_printed]
    plain = "".join(_explorer_pages({f.path: f for f in explorer_files(scored_only, checked.corpus.site, SETTINGS)}))
    assert "报告所列</span>" not in plain and "标“报告所列”" not in plain
