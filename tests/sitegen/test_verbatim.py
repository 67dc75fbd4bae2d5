"""Passing generated HTML blocks around Python-Markdown changes nothing in the converted page."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from mkdocs.utils.meta import get_data

from jixiao.check import check
from jixiao.render.site import RenderSettings, site_files
from jixiao.sitegen.verbatim import restore, stash
from tests.conftest import CONTENT, ROOT


def _convert(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "toc"],
                             extension_configs={"toc": {"permalink": True, "permalink_title": "本节链接"}})


def _pages(content: Path) -> list[tuple[str, str]]:
    checked = check(content, "content")
    files = site_files(checked, RenderSettings((ROOT / "templates",)))
    return [(f.path, get_data(str(f.content))[0]) for f in files if f.verbatim_html]


@pytest.mark.parametrize(("path", "body"), _pages(CONTENT))
def test_verbatim_blocks_convert_to_the_same_html(path: str, body: str) -> None:
    text, blocks = stash(body)
    assert blocks, path
    assert restore(_convert(text), blocks) == _convert(body)


def test_placeholders_in_the_text_itself_are_left_alone() -> None:
    text, blocks = stash("# T\n\n<p>&lt;!--jx-verbatim-0--&gt;</p>\n\nplain <!--jx-verbatim-5--> text")
    assert blocks == ["<p>&lt;!--jx-verbatim-0--&gt;</p>"]
    assert restore(_convert(text), blocks).count("<!--jx-verbatim-5-->") == 1
