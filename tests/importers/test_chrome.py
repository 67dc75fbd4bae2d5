"""Page chrome of saved portal pages (navigation, breadcrumbs, 打印/关闭, footer) is listed as notes, never
placed and never left unplaced, so a portal page whose report is all placed imports with exit 0."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from jixiao.cli import cli
from jixiao.importers.chrome import is_chrome_element, is_chrome_line
from jixiao.importers.htmlfile import read_html
from jixiao.importers.run import import_file
from tests.importers.forms.layouts import mof_project
from tests.importers.forms.portal import CHROME, PAGES, write_portal
from tests.importers.placement import unaccounted

NOTE = "网页导航/页脚（已忽略）"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_a_portal_page_imports_with_its_chrome_in_the_notes(tmp_path: Path, kind: str) -> None:
    path = write_portal(mof_project(), tmp_path / "edu-2023.html", kind)
    (part,) = import_file(path, path.name, tmp_path / "content", dept="edu").parts
    assert part.draft is not None and part.draft.unplaced == [] and part.complete
    noted = [_squash(n.what) for n in part.draft.notes if n.what.startswith(NOTE)]
    assert noted == [_squash(f"{NOTE}“{line}”") for line in CHROME[kind]]
    assert [f.code for f in part.findings if f.code != "JX-I009"] == []


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_the_chrome_never_reaches_a_field_and_nothing_is_lost(tmp_path: Path, kind: str) -> None:
    path = write_portal(mof_project(), tmp_path / "page.html", kind)
    document = read_html(path)
    assert [_squash(p.text) for p in document.chrome] == [_squash(line) for line in CHROME[kind]]
    blocks = " ".join(b.text if hasattr(b, "text") else " ".join(r.joined() for r in b.rows) for b in document.blocks)
    assert not any(word in blocks for word in ("首页", "版权所有", "打印", "当前位置", "您现在的位置"))
    from jixiao.importers.project import read_project, split_projects

    _, tables = split_projects(document.blocks)
    drafts = [read_project(table, title).draft for table, title in tables]
    for what, pos, reason in document.notes():
        drafts[0].note(what, pos, reason)
    assert unaccounted(document, *drafts) == []


def test_the_reference_report_in_a_portal_page_imports_whole(tmp_path: Path) -> None:
    """The overall report (its prose and four tables) inside the GB2312 layout-table page."""
    from tests.importers.forms.portal import tables_page
    from tests.importers.test_pdffile import reference_form

    path = tmp_path / "report.html"
    path.write_bytes(tables_page(reference_form()).encode("gb18030"))
    result = import_file(path, path.name, tmp_path / "content", dept="datong-zonggonghui", year=2021)
    assert result.draft is not None and result.draft.unplaced == []
    assert len([n for n in result.draft.notes if n.what.startswith(NOTE)]) == len(CHROME["tables"])


def test_the_cli_exits_0_for_a_portal_page_and_lists_the_chrome(tmp_path: Path) -> None:
    path = write_portal(mof_project(), tmp_path / "edu-2023.html", "modern")
    run = CliRunner().invoke(cli, ["import", str(path), "--out", str(tmp_path / "content"), "--dept", "edu"])
    assert run.exit_code == 0, run.output


@pytest.mark.parametrize(("line", "links", "chrome"), [
    ("当前位置：首页 > 财政预决算 > 部门预决算", ["首页", "财政预决算", "部门预决算"], True),
    ("首页 | 政务公开", ["首页", "政务公开"], True),
    ("【打印本页】 【关闭窗口】", [], True),
    ("【字体：大 中 小】", ["大", "中", "小"], True),
    ("发布时间：2024-06-12 来源：市财政局", [], True),
    ("版权所有：某县人民政府", [], True),
    ("某县人民政府门户网站", [], True),
    ("附件：2023年项目支出绩效自评表", ["2023年项目支出绩效自评表"], False),  # a link with text of its own
    ("2023年度部门整体支出绩效自评报告", ["2023年度部门整体支出绩效自评报告"], False),  # a title may be a link
    ("评价结论：项目总体完成较好。", [], False),
    ("来源：市财政局", [], False),  # one info field alone may be report text
])
def test_chrome_lines(line: str, links: list[str], chrome: bool) -> None:
    assert is_chrome_line(line, links) is chrome


@pytest.mark.parametrize(("markup", "chrome"), [
    ('<div class="breadcrumb">当前位置：<a>首页</a></div>', True),
    ('<div id="bottom">版权所有</div>', True),
    ("<nav><a>首页</a></nav>", True),
    ('<table class="menu"><tr><td><a>首页</a></td><td><a>政务公开</a></td></tr></table>', True),
    ('<div class="nav"><table><tr><td>项目名称</td><td>某项目</td></tr></table></div>', False),  # holds a data table
    ("<article><header><h1>自评报告</h1></header></article>", False),  # the article's own header
    ('<div class="content"><p>正文</p></div>', False),
])
def test_chrome_elements(markup: str, chrome: bool) -> None:
    root = lxml.html.fragment_fromstring(markup)
    element = root if root.tag != "article" else root.find("header")
    assert is_chrome_element(element) is chrome


@pytest.mark.parametrize(("markup", "chrome"), [
    ('<div id="top">某区政府信息公开平台</div>', True),
    ('<div class="top-title">2023年度部门整体支出绩效自评报告</div>', False),  # "top" only as a whole name
    ('<div class="bottom">版权所有</div>', True),
])
def test_top_and_bottom_count_only_as_whole_names(markup: str, chrome: bool) -> None:
    assert is_chrome_element(lxml.html.fragment_fromstring(markup)) is chrome
