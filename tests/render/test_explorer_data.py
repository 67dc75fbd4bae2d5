"""The explorer at scale: its paged pages list every report once, and its row files hold every row exactly."""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import replace
from typing import Any

import pytest
from benchmarks.corpus import generate

from jixiao.check import Checked, check
from jixiao.render import explorer, explorer_data
from jixiao.render.context import Link
from jixiao.render.env import num, pct
from jixiao.render.site import GeneratedFile, explorer_files
from tests.conftest import CONTENT
from tests.render.test_explorer import SETTINGS, _explorer_pages, _scaled


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> list[explorer.ExplorerRow]:
    """250 rows; every 7th with a rate shown as 待核实 (as a finding about its 金额合计 row makes it), every
    11th with its grade only as printed (报告所列)."""
    root = tmp_path_factory.mktemp("explorer-data") / "content"
    generate(root, 9, seed=4)
    checked: Checked = check(root)
    scaled = _scaled(explorer.explorer_rows(checked.reports, checked.corpus.site.grade_bands), 250)
    flagged = [replace(r, rate_flagged=True) if n % 7 == 3 and r.rate is not None else r for n, r in enumerate(scaled)]
    return [replace(r, grade_printed=True) if n % 11 == 5 and r.grade is not None else r for n, r in enumerate(flagged)]


@pytest.fixture(scope="module")
def files(rows: list[explorer.ExplorerRow]) -> dict[str, GeneratedFile]:
    return {f.path: f for f in explorer_files(rows, check(CONTENT, "content").corpus.site, SETTINGS)}


def _resolve(page: str, href: str) -> str:
    """The site path a relative page link ``href`` on page ``page`` points to."""
    joined = posixpath.normpath(posixpath.join(page or ".", href))
    return "" if joined == "." else joined + "/"


def _decode(data: dict[str, Any], departments: list[list[str]]) -> list[tuple[Any, ...]]:
    """A row file read as explorer.js reads it: (href, department, its href, kind, project, year, computed,
    claimed, grade, level, grade only printed, rate shown, rate flagged 待核实, warnings, differs) per row."""
    made = []
    for i in range(data["count"]):
        name, slug = departments[data["d"][i]]
        grade = data["grades"][data["g"][i]] if data["g"][i] is not None else None
        project = data["s"][i]
        href = explorer_data.row_url(data["urls"]["project" if project else "report"], data["year"], slug, project)
        made.append((href, name, explorer_data.row_url(data["urls"]["department"], data["year"], slug),
                     data["kinds"][1 if project else 0], data["p"][i] or None, data["year"], data["c"][i], data["l"][i],
                     grade[0] if grade else None, grade[1] if grade else 0, data["o"][i] == 1,
                     None if data["r"][i] is None else data["r"][i] + "%", data["q"][i] == 1, data["f"][i],
                     data["x"][i] == 1))
    return made


def _expected(row: explorer.ExplorerRow) -> tuple[Any, ...]:
    return (row.link.url, row.department.text, row.department.url, row.kind, row.project or None, row.year,
            None if row.computed is None else num(row.computed), None if row.claimed is None else num(row.claimed),
            row.grade.label if row.grade else None, row.grade.level if row.grade else 0, row.grade_printed,
            None if row.rate is None else pct(row.rate), row.rate_flagged, row.findings, row.differs)


def test_row_files_hold_every_row_once_in_the_default_order(rows: list[explorer.ExplorerRow],
                                                             files: dict[str, GeneratedFile]) -> None:
    years = sorted({r.year for r in rows}, reverse=True)
    listing = files["explorer/rows/departments.json"].content
    assert isinstance(listing, str)
    departments = json.loads(listing)["departments"]
    assert departments == sorted(departments) and len(departments) == len({r.department_slug for r in rows})
    names = files["explorer/department-names.json"].content  # the search box's list: the names alone
    assert isinstance(names, str) and json.loads(names) == {"names": [name for name, _ in departments]}
    decoded: list[tuple[Any, ...]] = []
    for year in years:
        content = files[f"explorer/rows/{year}.json"].content
        assert isinstance(content, str)
        data = json.loads(content)
        assert data["year"] == year and data["count"] == sum(r.year == year for r in rows)
        decoded.extend(_decode(data, departments))
    assert decoded == [_expected(r) for r in sorted(rows, key=explorer.default_order)]
    assert any(d[4] for d in decoded) and any(not d[4] for d in decoded)  # both kinds are exercised
    assert any(d[12] for d in decoded) and any(not d[12] for d in decoded)  # flagged rates too
    assert any(d[10] for d in decoded) and any(not d[10] for d in decoded)  # grades only printed too


def test_no_javascript_pages_list_every_report_exactly_once(rows: list[explorer.ExplorerRow],
                                                            files: dict[str, GeneratedFile]) -> None:
    """250 reports: three pages of at most 100 rows; together every report once, in the default order."""
    pages = _explorer_pages(files)
    assert len(pages) == 3
    listed: list[str] = []
    for n, text in enumerate(pages, 1):
        base = explorer.page_url(n)
        hrefs = re.findall(r'<tr data-year="\d+"[^>]*><th scope="row">(?:<a href="([^"]+)">)?[^<]*(?:</a>)?</th>'
                           r'<td data-label="种类">[^<]*</td><td data-label="项目">(?:<a href="([^"]+)">)?', text)
        assert 0 < len(hrefs) <= explorer.PAGE_SIZE
        listed.extend(_resolve(base, overall or project) for overall, project in hrefs)
        caption = f"全部报告（250 份）：第 {n} / 3 页，第 {(n - 1) * 100 + 1}–{min(n * 100, 250)} 份"
        assert f"<caption>{caption}</caption>" in text
        assert 'aria-current="page"' in text and f"第 {n} 页，当前页" in text
        following = re.search(r'<a class="jx-pager__page" href="([^"]+)">下一页</a>', text)
        if n < 3:
            assert following and _resolve(base, following.group(1)) == explorer.page_url(n + 1)
        else:
            assert following is None and '<span class="jx-pager__page" aria-disabled="true">下一页</span>' in text
    assert listed == [r.link.url for r in sorted(rows, key=explorer.default_order)]
    assert len(set(listed)) == len(rows)
    assert files["explorer/index.md"].nav_title == "报告一览" and files["explorer/2/index.md"].nav_title is None


def test_pager_shows_the_ends_and_the_neighbours() -> None:
    texts = [p.text for p in explorer._pager(10, 200)]
    assert texts == ["上一页", "1", "…", "8", "9", "10", "11", "12", "…", "200", "下一页"]
    assert [p.text for p in explorer._pager(1, 1)] == []


def test_a_row_off_the_url_patterns_is_refused(rows: list[explorer.ExplorerRow]) -> None:
    """The script makes page URLs from the patterns: a row whose URL does not follow them stops the build."""
    odd = replace(rows[0], link=Link("elsewhere/", rows[0].link.text))
    with pytest.raises(ValueError, match="elsewhere/"):
        explorer_data.year_file(odd.year, [odd], [(odd.department.text, odd.department_slug)])


def test_a_questioned_rate_is_marked_on_its_row_and_explained_once(rows: list[explorer.ExplorerRow],
                                                                   files: dict[str, GeneratedFile]) -> None:
    """A rate from a 金额合计 row the audit questions reads "133.30% 待核实" (as the report page's
    description says "（待核实）"); the note under the table says why, on every page; unflagged rates are bare."""
    ordered = sorted(rows, key=explorer.default_order)
    note = "标“待核实”的执行率来自复核发现问题的资金表合计行"
    for n, text in enumerate(_explorer_pages(files), 1):
        cells = re.findall(r'<td class="jx-num" data-label="预算执行率">(.*?)</td>', text)
        page = ordered[(n - 1) * explorer.PAGE_SIZE:n * explorer.PAGE_SIZE]
        assert cells == [pct(r.rate) + (' <span class="jx-flag">待核实</span>' if r.rate_flagged else "")
                         if r.rate is not None else "—" for r in page]
        assert text.count(note) == 1
    unflagged = explorer_files([replace(r, rate_flagged=False) for r in rows],
                               check(CONTENT, "content").corpus.site, SETTINGS)
    assert not any(isinstance(f.content, str) and (note in f.content or "待核实" in f.content) for f in unflagged)
