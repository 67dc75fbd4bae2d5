"""The YAML writer: what it writes is what the loader reads back, value for value."""

from __future__ import annotations

from html import unescape as html_unescape

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.importers.document import Pos
from jixiao.importers.draft import Draft, Num
from jixiao.importers.markdown import escape
from jixiao.load.narrative import parse_narrative
from jixiao.load.schema import ReportFile
from jixiao.load.validate import validate
from jixiao.load.yamltree import parse_yaml
from jixiao.render.markdown import narrative_html
from jixiao.write.draft import narrative_markdown, report_yaml
from jixiao.write.modeline import REPORT_MODELINE

TRICKY = ["null", "~", "true", "no", "- 项", "a: b", "#注", "'", '"', "123", "0.50", "=100%", ">=299人", "{x}",
          "[1]", "*星", "&锚", "!标签", "%", "@", "`", "多行\n文字", " 前后空格 ", "：", "、", "1-12月"]


def _draft(texts: list[str]) -> Draft:
    draft = Draft(year=2021)
    draft.report = {
        "year": Num("2021"), "title": texts[0], "basic": {"responsibilities": texts},
        "claimed": {"text": texts[-1], "total": Num("93.98")},
        "tables": [{"kind": "output", "level1": "产出指标", "title": "", "intro": "", "points": None, "groups": [
            {"name": "数量", "indicators": [
                {"name": t or "空", "weight": Num("3"), "target": t, "actual": t, "score": Num("0.5")} for t in texts
            ]}]}],
    }
    draft.unplace("paragraph", Pos(7, "第 7 行"), texts[0] or "空")
    return draft


def _round_trip(texts: list[str]) -> ReportFile:
    text = report_yaml(_draft(texts), "大同市总工会", "a.txt")
    assert text.startswith(REPORT_MODELINE + "\n")
    tree = parse_yaml(text, "2021.yaml")
    assert tree.findings == []
    spec, problems = validate(tree, ReportFile)
    assert problems == [] and spec is not None
    return spec


def test_tricky_strings_survive_as_text() -> None:
    spec = _round_trip(TRICKY)
    assert spec.basic.responsibilities == TRICKY
    rows = spec.tables[0].groups[0].indicators
    assert [r.target for r in rows] == TRICKY and [r.actual for r in rows] == TRICKY
    assert (rows[0].weight, rows[0].score, spec.claimed.total) == ("3", "0.5", "93.98")
    assert spec.unplaced[0].source == "第 7 行" and spec.unplaced[0].kind == "paragraph"


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=5))
def test_any_text_survives(texts: list[str]) -> None:
    spec = _round_trip(texts)
    assert spec.basic.responsibilities == texts


@settings(max_examples=150, deadline=None)
@given(st.one_of(_TEXT, st.sampled_from(["&copy; 2021", "1. 第一", "# 标题", "<b>粗</b>", "**粗**", "[链接](x)",
                                         "- 列表", "> 引用", "a_b_c", "`代码`", "|表|", "&lt;", "a &amp;lt; b"])))
def test_escaped_narrative_renders_as_the_printed_text(text: str) -> None:
    """Markdown markup characters in imported prose are shown, never interpreted."""
    draft = Draft(narrative={"problems": escape(text)})
    markdown = narrative_markdown(draft)
    assert markdown is not None
    sections, problems = parse_narrative(markdown, "2021.md")
    assert [f.code for f in problems if f.code != "JX-M003"] == []
    # Decode entities in one pass: replacing them one by one would turn a printed "&lt;" into "<".
    shown = html_unescape(str(narrative_html(sections[0].markdown)))
    plain = text.strip()
    assert plain in shown or not plain
