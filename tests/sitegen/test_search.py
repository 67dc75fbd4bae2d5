"""The search step: report pages are marked for Pagefind, and a real Pagefind run indexes only them."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from jixiao.sitegen.search import SearchFacts, index, mark_report

FACTS = SearchFacts(department="大同市总工会", year=2021, grade="优秀", total="93.98")


def _page(body: str) -> str:
    return (
        '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>t</title></head>'
        f'<body><nav>导航栏文字 首页 年度</nav><main>{body}</main></body></html>'
    )


def test_mark_report_wraps_content_with_filters_and_meta() -> None:
    """The content sits inside data-pagefind-body; facts are attributes of empty elements."""
    html = mark_report("<h2 id=\"a\">一、基本情况</h2><p>正文</p>", FACTS)
    assert html.startswith("<div data-pagefind-body>")
    assert html.rstrip().endswith("</div>")
    for attr in ('data-pagefind-filter="year:2021"', 'data-pagefind-filter="department:大同市总工会"',
                 'data-pagefind-filter="grade:优秀"', 'data-pagefind-meta="total:93.98"',
                 'data-pagefind-meta="title:大同市总工会 2021 年度自评报告"'):
        assert attr in html


def test_mark_report_escapes_and_drops_empty_facts() -> None:
    """Quotes are escaped, ASCII commas (Pagefind's pair separator) replaced, empty facts left out."""
    html = mark_report("<p>x</p>", SearchFacts(department='A"B,C', year=2020))
    assert 'department:A&quot;B，C' in html
    assert "grade:" not in html and "total:" not in html


def test_index_holds_only_marked_pages(tmp_path: Path) -> None:
    """Pagefind indexes the marked report pages, not the unmarked chrome-only pages."""
    (tmp_path / "index.html").write_text(_page("<h1>首页</h1><p>欢迎访问</p>"), encoding="utf-8")
    for year in (2021, 2022):
        page = tmp_path / str(year) / "datong" / "index.html"
        page.parent.mkdir(parents=True)
        body = mark_report('<h2 id="basic">一、基本情况</h2><p>实际救助困难职工299人。</p>',
                           SearchFacts("大同市总工会", year, "优秀", "93.98"))
        page.write_text(_page(body), encoding="utf-8")
    stats = index(tmp_path)
    assert stats.pages == 2
    assert stats.path == (tmp_path / "pagefind").resolve()
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["zh"]
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    fragments = [gzip.decompress(f.read_bytes()).decode("utf-8")
                 for f in (tmp_path / "pagefind" / "fragment").iterdir()]
    assert len(fragments) == 2
    for fragment in fragments:
        text = fragment.replace("\u200b", "")  # Pagefind joins segmented words with zero-width spaces
        assert "实际救助困难职工299人" in text
        assert "导航栏文字" not in text and "欢迎访问" not in text
        assert "大同市总工会 20" in text  # the title meta
    assert len(list((tmp_path / "pagefind" / "filter").iterdir())) >= 1
    assert stats.bytes > 0
