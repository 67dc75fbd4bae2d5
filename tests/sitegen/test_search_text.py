"""Search records for people: tables leave the index, a hidden sentence per row takes their place."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.sitegen.search import INDEX_CHUNK_SIZE, LARGE_SITE, SearchFacts, chunk_size, mark_report
from jixiao.sitegen.search_text import readable

INDICATORS = """<div class="jx-scroll" role="region" tabindex="0" aria-label="产出指标表">
<table class="jx-table jx-indicators jx-cards">
<caption>产出指标（权重 50 分）</caption>
<thead><tr><th scope="col">二级指标</th><th scope="col">三级指标</th><th scope="col">权重</th><th scope="col">目标值</th><th scope="col">业绩值</th><th scope="col">得分</th><th scope="col">复核得分</th></tr></thead>
<tbody>
<tr id="r1" data-group="数量指标"><th scope="rowgroup" rowspan="3" class="jx-c-group">数量指标</th><th scope="row" class="jx-c-name">困难职工救助人数</th><td class="jx-num" data-label="权重">10</td><td data-label="目标值">&gt;=1136人</td><td data-label="业绩值">1200人</td><td class="jx-num" data-label="得分">10</td><td class="jx-num" data-label="复核得分">10.00</td></tr>
<tr id="r2" class="jx-differs"><th scope="row" class="jx-c-name"><a class="jx-row-flag" href="#finding-1">复核说明 1</a>上级政策落实情况</th><td class="jx-num" data-label="权重">3</td><td data-label="目标值">=100%</td><td data-label="业绩值">90%</td><td class="jx-num" data-label="得分">3</td><td class="jx-num" data-label="复核得分">2.70</td></tr>
<tr class="jx-reason"><td colspan="6" data-label="复核说明">报告所列 3 分，复核 2.70 分。按完成比例计分。</td></tr>
<tr class="jx-subtotal"><th scope="row">数量小计</th><td class="jx-num" data-label="权重">13</td><td class="jx-c-empty"></td><td class="jx-c-empty"></td><td class="jx-num" data-label="得分">13</td><td class="jx-num" data-label="复核得分">12.70</td></tr>
</tbody>
</table>
</div>"""


def _hidden_paragraphs(html: str) -> list[str]:
    block = re.search(r'<div class="jx-search-text" hidden>(.*?)</div>', html, re.DOTALL)
    assert block, html
    return re.findall(r"<p>(.*?)</p>", block.group(1))


def test_each_indicator_row_becomes_one_sentence() -> None:
    """Group and indicator name, then each value with its column name; the flag link left out."""
    lines = _hidden_paragraphs(readable(INDICATORS))
    assert lines[0] == "产出指标（权重 50 分）"
    assert lines[1] == "数量指标·困难职工救助人数：权重 10，目标值 &gt;=1136人，业绩值 1200人，得分 10，复核得分 10.00。"
    assert lines[2] == "数量指标·上级政策落实情况：权重 3，目标值 =100%，业绩值 90%，得分 3，复核得分 2.70。"
    assert lines[3] == "数量指标·上级政策落实情况：复核说明 报告所列 3 分，复核 2.70 分。按完成比例计分。"
    assert lines[4] == "数量小计：权重 13，得分 13，复核得分 12.70。"
    assert not any("复核说明 1" in line for line in lines)


def test_the_table_is_ignored_and_kept_as_it_was() -> None:
    """The visible table only gains data-pagefind-ignore; header cells never reach the index text."""
    html = readable(INDICATORS)
    assert '<table class="jx-table jx-indicators jx-cards" data-pagefind-ignore>' in html
    assert html.replace(" data-pagefind-ignore", "").startswith(INDICATORS.split("</table>")[0])
    assert "目标值业绩值" not in "".join(_hidden_paragraphs(html)).replace(" ", "")


def test_key_figures_become_one_sentence() -> None:
    html = readable('<dl class="jx-result" aria-label="总体结果"><div><dt>复核总分</dt><dd>93.98</dd></div>'
                    '<div><dt>复核等级</dt><dd><span class="jx-grade">优秀</span></dd></div></dl>')
    assert 'aria-label="总体结果" data-pagefind-ignore>' in html
    assert _hidden_paragraphs(html) == ["复核总分 93.98；复核等级 优秀。"]


class _Visible(HTMLParser):
    """Text a reader or a screen reader meets: everything outside elements with ``hidden``."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth or any(name == "hidden" for name, _ in attrs):
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.text.append(data)


def test_sentences_are_hidden_from_readers() -> None:
    """Screen readers meet each figure once: the sentences sit in hidden elements only."""
    html = mark_report(INDICATORS, SearchFacts("大同市总工会", 2021))
    visible = _Visible()
    visible.feed(html)
    text = "".join(visible.text)
    assert "困难职工救助人数：" not in text and "大同市总工会 2021 年度" not in text
    assert text.count("1200人") == 1


def test_names_are_indexed_weighted_and_sorted_newest_first() -> None:
    html = mark_report("<p>x</p>", SearchFacts("大同市总工会", 2021, kind="项目", project="困难职工帮扶项目"))
    assert '<p class="jx-search-text" hidden data-pagefind-weight="10">大同市总工会 困难职工帮扶项目 2021 年度 项目</p>' in html
    assert 'data-pagefind-sort="newest:20210"' in html
    assert 'data-pagefind-sort="newest:20211"' in mark_report("<p>x</p>", SearchFacts("大同市总工会", 2021))


def test_large_sites_get_small_index_chunks(tmp_path: Path) -> None:
    """Pagefind's default chunks on a small site; INDEX_CHUNK_SIZE from LARGE_SITE pages on."""
    for n in range(LARGE_SITE - 1):
        (tmp_path / f"{n}.html").write_text("<p>x</p>", encoding="utf-8")
    assert chunk_size(tmp_path) is None
    (tmp_path / "last.html").write_text("<p>x</p>", encoding="utf-8")
    assert chunk_size(tmp_path) == INDEX_CHUNK_SIZE


# -- the fast reader: the same table as html.parser reads ------------------------------------------------

TRICKY = [
    INDICATORS,
    "<tr><th scope='row' class=jx-c-name>甲&amp;乙 &lt;丙&gt; &#20013;&nbsp;丁</th><td data-label=\"权重\">1<br/>2<br>3</td></tr>",
    "<TR><TH SCOPE=\"row\">大写</TH><TD DATA-LABEL=\"值\" hidden>x</TD></TR>",
    '<thead><tr><th colspan="2">甲</th><th colspan="x">乙</th></tr></thead><tbody><tr><td rowspan="2">1</td>'
    '<td>2</td><td>3</td></tr><tr><td>4</td><td>5</td></tr></tbody>',
    '<tr><th><span class="jx-row-flag">跳过<b>内层<br/>更深</b><img src="a.png"></span>留下</th><td>1 & 2</td></tr>',
    '<caption>标题 <em>强调</em></caption><tr><td data-label="说明" title="a > b">含 &quot;引号&quot;</td></tr>',
    "<tr>\n  <td\n    data-label = \"值\"\n  >换行</td >\n</tr>",
]
SLOW_ONLY = ["<tr><td>1</td><!-- 注释 --></tr>", "<tr><td><script>var a = '<td>';</script></td></tr>",
             "<tr><td>1 < 2</td></tr>", "<tr><td><Style>td{}</Style></td></tr>"]


def test_the_fast_reader_reads_tables_as_html_parser_does() -> None:
    from jixiao.sitegen.search_text import _fast_read, _slow_read

    for body in TRICKY:
        inner = re.sub(r"(?s)^.*?<table[^>]*>(.*)</table>.*$", r"\1", body)
        fast = _fast_read(inner)
        assert fast is not None, inner
        assert fast == _slow_read(inner), inner


def test_anything_unusual_in_a_table_goes_through_html_parser() -> None:
    from jixiao.sitegen.search_text import _fast_read

    for body in SLOW_ONLY:
        assert _fast_read(body) is None, body
    assert "注释" not in " ".join(_hidden_paragraphs(readable(f"<table>{SLOW_ONLY[0]}</table>")))


def test_every_table_of_the_example_site_reads_the_same_both_ways(example_site: Path) -> None:
    from jixiao.sitegen.search_text import _BLOCK, _fast_read, _slow_read

    tables = [m.group(3) for page in sorted(example_site.rglob("*.html"))
              for m in _BLOCK.finditer(page.read_text(encoding="utf-8")) if m.group(1) == "table"]
    assert len(tables) > 20
    for body in tables:
        fast = _fast_read(body)
        assert fast is not None
        assert fast == _slow_read(body)


# -- the fast reader against html.parser on generated markup ---------------------------------------------

_NAMES = st.sampled_from(["tr", "th", "td", "TD", "Th", "thead", "tbody", "tfoot", "caption", "span", "a", "b",
                          "br", "img", "col", "em", "th-x", "tdx"])
_VALUES = st.sampled_from(["jx-row-flag", "jx-row-flag", "jx-row-flag", "jx-num", "a jx-row-flag", "jx-row&#45;flag", "2", "0", "-1", "x", "",
                           "权重", "&amp;值", "row", "col", "a > b", "1 2"])
_ATTR_NAMES = st.sampled_from(["class", "class", "class", "CLASS", "scope", "data-label", "rowspan", "colspan", "title", "hidden"])


@st.composite
def _attribute(draw: st.DrawFn) -> str:
    name, value = draw(_ATTR_NAMES), draw(_VALUES)
    quote = draw(st.sampled_from(['"', "'", "", None]))
    if quote is None:
        return f" {name}"
    if quote == "" and (not value or any(c in value for c in " '\"=<>`")):
        quote = '"'
    return f"{draw(st.sampled_from([' ', '  ', chr(10)]))}{name}{draw(st.sampled_from(['=', ' = ']))}{quote}{value}{quote}"


@st.composite
def _token(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["start", "start", "end", "text", "text", "self", "cell", "cell", "cell"]))
    name = draw(_NAMES)
    attrs = "".join(draw(st.lists(_attribute(), max_size=3)))
    text = draw(st.sampled_from(["甲", " 乙 ", "1 &lt; 2", "&#20013;&nbsp;丁", "。", "值；", "", "a\nb", "&amp;"]))
    if kind == "start":
        return f"<{name}{attrs}{draw(st.sampled_from(['', ' ']))}>"
    if kind == "self":
        return f"<{name}{attrs}/>"
    if kind == "end":
        return f"</{name}{draw(st.sampled_from(['', ' ']))}>"
    if kind == "cell":
        return f"<{name}{attrs}>{text}</{name}>"
    return text


_TEXT = st.sampled_from(["甲", " 乙 ", "1 &lt; 2", "&#20013;&nbsp;丁", "。", "值；", "", "a\nb", "&amp;", "10.00"])


@st.composite
def _inline(draw: st.DrawFn) -> str:
    """A cell's content: text, nested elements (some left out by their class, some void, some unclosed)."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["text", "text", "element", "void", "noise"]))
        if kind == "text":
            parts.append(draw(_TEXT))
        elif kind == "element":
            name = draw(st.sampled_from(["span", "a", "b", "td", "th"]))
            attrs = "".join(draw(st.lists(_attribute(), max_size=2)))
            close = draw(st.sampled_from([f"</{name}>", f"</{name}>", ""]))
            parts.append(f"<{name}{attrs}>{draw(_inline())}{close}")
        elif kind == "void":
            parts.append(draw(st.sampled_from(["<br>", "<br/>", "<img src='a.png'>", "<col>", "<wbr>"])))
        else:
            parts.append(draw(_token()))
    return "".join(parts)


@st.composite
def _cell(draw: st.DrawFn, names: tuple[str, ...] = ("td", "th")) -> str:
    name = draw(st.sampled_from(names))
    attrs = "".join(draw(st.lists(_attribute(), max_size=3)))
    inner = draw(st.one_of(_TEXT, _inline()))
    return f"<{name}{attrs}>{inner}{draw(st.sampled_from([f'</{name}>', f'</{name}>', f'</{name} >', '']))}"


@st.composite
def _table(draw: st.DrawFn) -> str:
    """A table shaped as the templates write them (caption, head, body rows), with markup noise anywhere."""
    parts = []
    if draw(st.booleans()):
        parts.append(f"<caption>{draw(_inline())}</caption>")
    if draw(st.booleans()):
        parts.append("<thead><tr>" + "".join(draw(st.lists(_cell(("th",)), max_size=4))) + "</tr></thead>")
    parts.append(draw(st.sampled_from(["<tbody>", ""])))
    for _ in range(draw(st.integers(0, 4))):
        row = "".join(draw(st.lists(st.one_of(_cell(), _token()), max_size=5)))
        parts.append(f"<tr{''.join(draw(st.lists(_attribute(), max_size=1)))}>{row}{draw(st.sampled_from(['</tr>', '']))}")
    return "".join(parts)


@given(st.one_of(_table(), st.lists(_token(), max_size=40).map("".join)))
@settings(max_examples=500, deadline=None)
def test_generated_tables_read_the_same_both_ways(body: str) -> None:
    """Any markup of table-ish tags, attributes (quoted, bare, valueless, escaped, repeated) and text the
    fast reader accepts, it reads exactly as html.parser does (cells, spans, labels, left-out text)."""
    from jixiao.sitegen.search_text import _fast_read, _slow_read, row_sentences

    fast = _fast_read(body)
    if fast is not None:
        slow = _slow_read(body)
        assert fast == slow, body
        assert row_sentences(fast) == row_sentences(slow)
