"""Narrative Markdown (the sections of ``<year>.md``) -> safe HTML.

Owns the one Markdown dialect readers' text is rendered with: CommonMark via markdown-it-py with raw
HTML disabled (tags are shown as text), images disabled (an image would make the reader's browser
request a third-party server), and links restricted to safe schemes: ``http``, ``https``,
``mailto`` and relative links. Headings inside a section are shifted down so they nest under the
page's own headings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markupsafe import Markup

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_BLANK_AFTER = re.compile(r"\n(?=[ \t]*\n)")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
#: Narrative headings start at this level (the page uses h1–h3 for its own structure).
HEADING_FLOOR = 4


def safe_link(url: str) -> bool:
    """True for http(s), mailto and relative links; False for every other scheme."""
    bare = _CONTROL.sub("", url)
    match = _SCHEME.match(bare)
    if match is None:
        return not bare.startswith("//")  # protocol-relative URLs lead off-site
    return match.group(1).lower() in SAFE_SCHEMES


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")
    md.validateLink = safe_link  # type: ignore[method-assign]

    def heading_open(renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        level = min(6, int(tokens[idx].tag[1]) + HEADING_FLOOR - 1)
        return f"<h{level}>"

    def heading_close(renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        level = min(6, int(tokens[idx].tag[1]) + HEADING_FLOOR - 1)
        return f"</h{level}>\n"

    def link_open(renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        href = str(token.attrGet("href") or "")
        if _SCHEME.match(href):
            token.attrSet("rel", "nofollow noopener noreferrer")
        return renderer.renderToken(tokens, idx, options, env)

    md.add_render_rule("heading_open", heading_open)
    md.add_render_rule("heading_close", heading_close)
    md.add_render_rule("link_open", link_open)
    return md


_MD = _parser()


def narrative_html(source: str) -> Markup:
    """The HTML of one narrative section's Markdown, safe to place inside a page."""
    html = _MD.render(source)
    # Python-Markdown may end a raw HTML block at a blank line: write each newline that is followed
    # by a blank line as a character reference, which keeps the text (even inside <pre>) unchanged.
    return Markup(_BLANK_AFTER.sub("&#10;", html.strip()))
