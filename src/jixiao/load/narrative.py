"""``<year>.md`` -> narrative sections, by their ``## `` headings.

Owns the recognition of the narrative headings (with or without the form's numbering, e.g.
``（一）主要问题及原因分析``), duplicate and unknown headings, text before the first heading, and
raw HTML warnings (raw HTML is never rendered; see ``render``).
"""

from __future__ import annotations

import re
from types import MappingProxyType

from markdown_it import MarkdownIt

from jixiao.domain.issues import Finding, finding
from jixiao.domain.layout import NARRATIVE_HEADINGS
from jixiao.domain.model import Loc, NarrativeKey, NarrativeSection

_NUMBERING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十0-9]+[、.．])\s*")
_BY_TITLE = {title: key for key, title in NARRATIVE_HEADINGS.items()}
_TAG = re.compile(r"<[a-zA-Z/!]")
_PARSER = MarkdownIt("commonmark", {"html": False})


def heading_key(title: str) -> NarrativeKey | None:
    """The narrative section a heading names, ignoring the form's numbering and spaces."""
    return _BY_TITLE.get(_NUMBERING.sub("", title).strip().replace(" ", ""))


def parse_narrative(text: str, file: str) -> tuple[tuple[NarrativeSection, ...], list[Finding]]:
    """Split ``text`` at level-2 headings into known sections; report what does not fit."""
    lines = text.split("\n")
    tokens = _PARSER.parse(text)
    findings: list[Finding] = []
    starts: list[tuple[int, NarrativeKey | None, Loc]] = []  # (first body line index, key, heading place)
    first_seen: dict[NarrativeKey, int] = {}
    first_heading_line: int | None = None
    for i, tok in enumerate(tokens):
        if tok.type == "html_block" or (tok.type == "inline" and _TAG.search(tok.content)):
            line = (tok.map[0] if tok.map else 0) + 1
            snippet = re.search(r"<[^>\n]{0,30}>?", tok.content)
            findings.append(finding("JX-M005", Loc(file, line, 1), snippet=snippet.group(0) if snippet else "<"))
        if tok.type != "heading_open" or tok.tag != "h2" or tok.map is None:
            continue
        title = tokens[i + 1].content
        loc = Loc(file, tok.map[0] + 1, 1)
        if first_heading_line is None:
            first_heading_line = tok.map[0]
        key = heading_key(title)
        if key is None:
            findings.append(finding("JX-M001", loc, heading=title, allowed="、".join(NARRATIVE_HEADINGS.values())))
            starts.append((tok.map[1], None, loc))  # an error; its text ends the previous section
            continue
        if key in first_seen:
            findings.append(finding("JX-M002", loc, heading=title, first_line=first_seen[key]))
        first_seen.setdefault(key, loc.line)
        starts.append((tok.map[1], key, loc))
    head_end = first_heading_line if first_heading_line is not None else len(lines)
    if "\n".join(lines[:head_end]).strip():
        findings.append(finding("JX-M004", Loc(file, 1, 1)))
    sections: list[NarrativeSection] = []
    for n, (body_start, key, loc) in enumerate(starts):
        body_end = starts[n + 1][2].line - 1 if n + 1 < len(starts) else len(lines)
        if key is None or any(s.key == key for s in sections):
            continue
        body = "\n".join(lines[body_start:body_end]).strip()
        sections.append(NarrativeSection(loc=loc, locs=MappingProxyType({}), key=key, markdown=body))
    for key, title in NARRATIVE_HEADINGS.items():
        if key not in first_seen:
            findings.append(finding("JX-M003", Loc(file, 1, 1), heading=title))
    order = list(NARRATIVE_HEADINGS)
    sections.sort(key=lambda s: order.index(s.key))
    return tuple(sections), findings
