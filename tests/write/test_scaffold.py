"""The scaffold's YAML scalars read back as the same text, whatever the text."""

from __future__ import annotations

import yaml
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from jixiao.load.narrative import parse_narrative
from jixiao.write.scaffold import narrative_md, scalar

TRICKY = [
    ">=299人", "=100%", "<=1136.92万", "100", "3.0", "true", "null", "~", "", " 前导空格", "结尾空格 ",
    "a: b", "注释 # 之后", "#开头", "- 列表", "{花括号}", "[方括号]", "'单引号'", '"双引号"', "多\n行",
    "@符号", "`反引号`", "*星号", "&锚点", "!标签", "%百分号", "10-12月", "工资总额的2%", "\\反斜杠",
    "\u2028分隔", "\x85", "\ufeffBOM",
]

yaml_text = st.text(st.characters(blacklist_categories=("Cs",)))


def _roundtrip(value: str) -> object:
    return yaml.safe_load(f"key: {scalar(value)}\n")["key"]


def test_tricky_strings_read_back_unchanged() -> None:
    assert [(t, _roundtrip(t)) for t in TRICKY] == [(t, t) for t in TRICKY]


def test_plain_targets_stay_readable() -> None:
    """Common values are written without quotes so editors see them as in the printed report."""
    assert scalar("上级政策落实情况") == "上级政策落实情况"
    assert scalar("=100%") == "=100%"
    assert scalar(">=299人") == '">=299人"'


@given(yaml_text)
def test_any_text_reads_back_unchanged(value: str) -> None:
    assert _roundtrip(value) == value


def test_narrative_template_has_every_heading_and_shows_nothing() -> None:
    sections, findings = parse_narrative(narrative_md(), "x.md")
    assert findings == []
    assert len(sections) == 4
    assert all(MarkdownIt("commonmark").render(s.markdown).strip() == "" for s in sections)
