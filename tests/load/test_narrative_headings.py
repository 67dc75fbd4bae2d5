"""The line-by-line heading reader (``narrative.plain_headings``) agrees with markdown-it's block parse.

Whenever it answers (it returns None for text it cannot be sure about), the ``## `` headings it finds,
their lines and their text are exactly the level-2 heading tokens of markdown-it's commonmark block
parse, which decides otherwise. Checked on generated Markdown built from the pieces that matter (list
markers, indentation, quotes, fences, dashes, closing hashes, Chinese text), on the example content,
the bad corpus and generated narratives.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.corpus import generate
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.common.utils import MD_TRIM_CHARS

from jixiao.load import narrative
from tests.conftest import CONTENT, FIXTURES

_PARSER = MarkdownIt("commonmark", {"html": False}).disable("inline")


def _reference(text: str) -> list[tuple[int, str]]:
    tokens = _PARSER.parse(text)
    return [(tok.map[0], tokens[i + 1].content) for i, tok in enumerate(tokens)
            if tok.type == "heading_open" and tok.tag == "h2" and tok.map is not None]


def _agrees(text: str) -> bool:
    """True when the reader answered (and then it must equal the reference)."""
    found = narrative.plain_headings(text)
    if found is not None:
        assert found == _reference(text), text
    assert narrative._h2_headings(text) == _reference(text), text
    return found is not None


_PIECES = st.sampled_from([
    "", " ", "  ", "   ", "    ", "#", "##", "###", "## ", "##\u3000", " #", "-", "- ", "--", "---", "* ", "+ ",
    "1. ", "2) ", "10. ", "1.", ">", "> ", "`", "```", "~~~", "=", "===", "***", "\t", "\r", "\u00a0", "\u3000",
    "一、部门概况", "（二）存在问题", "主要问题", "text", "x", "#x", "\\#", "<b>", "[a]: /u",
])
_LINES = st.lists(st.lists(_PIECES, max_size=5).map("".join), max_size=8).map("\n".join)


@given(_LINES)
@settings(max_examples=3000)
def test_generated_markdown(text: str) -> None:
    _agrees(text)


def test_known_cases() -> None:
    cases = {
        "## 一、部门概况\n正文\n## 二、x ##\n": True,
        "1. 第一\n   ## 列表里的标题\n": True,  # a heading inside a list item is still an h2 token
        "10. 第一\n   ## 三个空格\n": True,
        "## ##\n##\n## a #\n## a#\n####### 七个\n##x\n": True,
        "正文\n---\n": False,  # setext h2
        "- ## 列表项里的标题\n": False,
        "> ## 引用里的标题\n": False,
        "```\n## 代码里\n```\n": False,
        "1. a\n    ## 四个空格\n": False,
        "## a\t\n": False,
    }
    for text, answered in cases.items():
        assert _agrees(text) is answered, text


def test_trim_characters_are_markdown_its() -> None:
    assert narrative.MD_TRIM == MD_TRIM_CHARS


def test_real_narratives(tmp_path: Path) -> None:
    """Every narrative of the example content, the fixtures and a generated corpus: the same headings;
    the generated ones (numbered lists, no quotes or code) are all read line by line."""
    generate(tmp_path / "c", 12, seed=5)
    generated = sorted((tmp_path / "c").rglob("*.md"))
    assert generated and all(_agrees(p.read_text(encoding="utf-8")) for p in generated)
    for path in sorted([*CONTENT.rglob("*.md"), *FIXTURES.rglob("*.md")]):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        _agrees(text)
