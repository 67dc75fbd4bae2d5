"""Portal pages read into the form's grid: rowspan/colspan resolved, encodings, layout tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.importers.document import Paragraph, Table
from jixiao.importers.htmlfile import read_html
from tests.importers.forms.containers import write_html
from tests.importers.forms.layouts import ALL, Form, expected_rows, mof_project


@pytest.mark.parametrize("build", ALL, ids=lambda b: b.__name__)
@pytest.mark.parametrize("encoding", ["utf-8", "gb2312"])
def test_every_cell_is_read_in_its_grid_position(tmp_path: Path, build: object, encoding: str) -> None:
    form: Form = build()  # type: ignore[operator]
    document = read_html(write_html(form, tmp_path / "page.html", encoding=encoding))
    (table,) = [b for b in document.blocks if isinstance(b, Table)]
    assert [r.cells for r in table.rows] == expected_rows(form.tables()[0])


def test_text_outside_tables_is_paragraphs_at_their_lines(tmp_path: Path) -> None:
    document = read_html(write_html(mof_project(), tmp_path / "page.html"))
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)]
    assert [p.text for p in paragraphs] == ["项目支出绩效自评表", "（2023年度）"]
    assert paragraphs[0].pos.line == 3
    assert [p.text for p in document.chrome] == ["首页", "版权所有"]  # the portal's nav and footer


def test_a_layout_table_is_read_as_text_and_its_data_table_as_a_table(tmp_path: Path) -> None:
    page = ("<html><body><table><tr><td>部门：某局<br>年度：2023</td></tr><tr><td>"
            "<table><tr><td rowspan='2'>产出</td><td>数量</td></tr><tr><td>质量</td></tr></table>"
            "</td></tr></table><script>var x = '<table>';</script></body></html>")
    path = tmp_path / "layout.html"
    path.write_text(page, encoding="utf-8")
    document = read_html(path)
    assert [b.text if isinstance(b, Paragraph) else [r.cells for r in b.rows] for b in document.blocks] == [
        "部门：某局", "年度：2023", [("产出", "数量"), ("", "质量")]]


def test_spans_beyond_the_table_and_bad_numbers_are_clamped(tmp_path: Path) -> None:
    path = tmp_path / "spans.html"
    path.write_text("<table><tr><td rowspan='99999' colspan='x'>甲</td><td colspan='0'>乙</td></tr>"
                    "<tr><td>丙</td></tr></table>", encoding="utf-8")
    (table,) = read_html(path).blocks
    assert isinstance(table, Table)
    assert [r.cells for r in table.rows] == [("甲", "乙"), ("", "丙")]


def test_source_line_breaks_inside_chinese_are_not_spaces(tmp_path: Path) -> None:
    path = tmp_path / "wrap.html"
    path.write_text("<p>全年为12000名学生\n   提供营养膳食补助，sum\n of money</p>", encoding="utf-8")
    (para,) = read_html(path).blocks
    assert isinstance(para, Paragraph) and para.text == "全年为12000名学生提供营养膳食补助，sum of money"
