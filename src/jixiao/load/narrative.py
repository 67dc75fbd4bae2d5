"""``<year>.md`` -> narrative sections, by their ``## `` headings.

Owns the recognition of the narrative headings (with or without the form's numbering, e.g.
``（一）主要问题及原因分析``), duplicate and unknown headings, text before the first heading, raw
HTML warnings (raw HTML is never rendered; see ``render``), and links or images whose address would
run in a reader's browser (``javascript:``, ``data:`` ...; also when spelt with entities or escapes).
"""

from __future__ import annotations

import functools
import re
from types import MappingProxyType
from typing import TYPE_CHECKING

from jixiao.domain.issues import Finding, finding
from jixiao.domain.layout import NARRATIVE_HEADINGS
from jixiao.domain.model import Loc, NarrativeKey, NarrativeSection

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_NUMBERING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十0-9]+[、.．])\s*")
_BY_TITLE = {title: key for key, title in NARRATIVE_HEADINGS.items()}


@functools.cache
def _parser(kind: str) -> MarkdownIt:
    """The parsers, made on first use (markdown-it is imported only when a narrative is read: a warm
    ``jixiao check`` reads none). ``headings``: block structure only, no inline parse (a heading's
    inline token keeps its text in ``content``); ``links``: keeps every link, so that links a renderer
    would silently drop are seen; ``html``: raw HTML recognised."""
    from markdown_it import MarkdownIt

    class _EveryLink(MarkdownIt):
        def validateLink(self, url: str) -> bool:
            return True

    if kind == "headings":
        return MarkdownIt("commonmark", {"html": False}).disable("inline")
    if kind == "links":
        return _EveryLink("commonmark", {"html": False})
    return MarkdownIt("commonmark", {"html": True})


_TAG = re.compile(r"<[a-zA-Z/!]")
_RAW_TAG = re.compile(r"(?<![\\])<[a-zA-Z/!]")  # as written: not escaped as \< (nor as &lt;)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})  # as render/markdown.py allows


def unsafe_scheme(url: str) -> str | None:
    """The scheme of ``url`` if it is not one a published link may use (``javascript``, ``data``, ...).

    Percent-escapes are decoded and invisible characters removed first, as browsers do.
    """
    import mdurl  # with markdown-it, only when a narrative is read

    plain = _INVISIBLE.sub("", mdurl.decode(url)).lower()
    match = _SCHEME.match(plain)
    if match is None or match.group(1) in SAFE_SCHEMES:
        return None
    return match.group(1)


def _raw_html(text: str, file: str) -> list[Finding]:
    """M005 for each raw HTML block and each inline tag (not for tags inside code)."""
    out: list[Finding] = []
    if "<" not in text:  # every HTML block and tag, and every "<tag" in text, starts with "<"
        return out
    for block in _parser("html").parse(text):
        start = (block.map[0] if block.map else 0) + 1
        if block.type == "html_block":
            out.append(finding("JX-M005", Loc(file, start, 1), snippet=_snippet(block.content)))
            continue
        cursor = 0
        for child in block.children or ():
            # html_inline: a well-formed tag; a "<tag" written as such in plain text: a tag CommonMark
            # does not recognise (e.g. <img src=x onerror=alert('x')>) but a browser would. Code,
            # and "<" escaped as \< or &lt; (the importer does so), are exempt.
            tag = _TAG.search(child.content) if child.type == "text" and _RAW_TAG.search(block.content) else None
            if child.type != "html_inline" and tag is None:
                continue
            piece = child.content[tag.start():] if tag else child.content
            at = block.content.find(piece[:20], cursor)
            cursor = max(at, cursor)
            line = start + block.content.count("\n", 0, max(at, 0))
            out.append(finding("JX-M005", Loc(file, line, 1), snippet=_snippet(piece)))
            break  # one warning per paragraph is enough to point the editor at it
    return out


def _snippet(html: str) -> str:
    match = re.search(r"<[^>\n]{0,30}>?", html)
    return match.group(0) if match else html.strip()[:30]


def _unsafe_links(text: str, file: str) -> list[Finding]:
    """M006 for every link or image whose address uses a scheme other than http(s) or mailto."""
    out: list[Finding] = []
    if "[" not in text and "<" not in text:  # links and images need "[", autolinks "<" (no linkify)
        return out
    for block in _parser("links").parse(text):
        if block.type != "inline" or not block.children:
            continue
        start = (block.map[0] if block.map else 0) + 1
        cursor = 0  # links are found in order: each one's label is looked for after the previous one
        children = block.children
        for i, child in enumerate(children):
            if child.type not in {"link_open", "image"}:
                continue
            label = child.content if child.type == "image" else (
                children[i + 1].content if i + 1 < len(children) else "")
            at = -1
            for needle in (f"[{label}", label) if label else ():
                at = block.content.find(needle, cursor)
                if at >= 0:
                    cursor = at + len(needle)
                    break
            url = str(child.attrGet("href") or child.attrGet("src") or "")
            scheme = unsafe_scheme(url)
            if scheme is None:
                continue
            line = start + block.content.count("\n", 0, max(at, 0))
            out.append(finding("JX-M006", Loc(file, line, 1), url=url[:60], scheme=scheme))
    return out


def heading_key(title: str) -> NarrativeKey | None:
    """The narrative section a heading names, ignoring the form's numbering and spaces."""
    return _BY_TITLE.get(_NUMBERING.sub("", title).strip().replace(" ", ""))


#: What markdown-it's ``mdTrim`` strips from a heading's text (``tests/load/test_narrative_headings.py``).
MD_TRIM = "\t\n\x0b\x0c\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_MARKER = re.compile(r"(?:[-+*]|[0-9]{1,9}[.)])(?: +|$)")


def plain_headings(text: str) -> list[tuple[int, str]] | None:
    """The line index and text of every ``## `` heading, read line by line, when ``text`` has nothing that
    could hide or make one another way; else None (markdown-it's block parse decides).

    Such text has no tabs, ``\r``, NUL or fences, no block quotes, no line of dashes (a setext ``h2``
    underline), no heading on a list item's first line and no ``#`` line indented four spaces or more:
    then a line is an ATX heading exactly when it starts with up to three spaces and ``#``-``######``
    and a space or its end, wherever it is (a heading ends a paragraph; one inside a list item is still
    a heading token), and its text is what markdown-it's ``heading`` rule takes. Most narratives are such
    text, and a block parse of each took about a tenth of a cold check.
    """
    if "\t" in text or "\r" in text or "\0" in text or "```" in text or "~~~" in text:
        return None
    found: list[tuple[int, str]] = []
    for n, line in enumerate(text.split("\n")):
        body = line.lstrip(" ")
        if not body:
            continue
        rest, marked = body, False
        while (marker := _MARKER.match(rest)) is not None:
            rest, marked = rest[marker.end():], True
        first = rest[:1]
        if first in (">", "`", "~") or (marked and first == "#"):
            return None  # a block quote, a fence, a heading inside a list item's first line
        if body[0] == "-" and not body.rstrip(" ").strip("-"):
            return None  # a setext underline (or a dash line that might be one)
        if body[0] != "#":
            continue
        if len(line) - len(body) > 3:
            return None  # indented code, or a heading inside a list item
        level = len(body) - len(body.lstrip("#"))
        if level != 2 or (len(body) > level and body[level] != " "):
            continue  # another level, or not a heading (``##x``, ``#######``)
        end = len(body.rstrip(" "))
        tail = end
        while tail > level and body[tail - 1] == "#":
            tail -= 1
        if tail > level and body[tail - 1] == " ":
            end = tail  # a closing ``  ##``
        found.append((n, body[level:end].strip(MD_TRIM)))
    return found


def _h2_headings(text: str) -> list[tuple[int, str]]:
    """The line index and text of every level-2 heading markdown-it's block parse finds in ``text``."""
    found = plain_headings(text)
    if found is not None:
        return found
    tokens = _parser("headings").parse(text)
    return [(tok.map[0], tokens[i + 1].content) for i, tok in enumerate(tokens)
            if tok.type == "heading_open" and tok.tag == "h2" and tok.map is not None]


def parse_narrative(text: str, file: str) -> tuple[tuple[NarrativeSection, ...], list[Finding]]:
    """Split ``text`` at level-2 headings into known sections; report what does not fit."""
    lines = text.split("\n")
    findings: list[Finding] = []
    starts: list[tuple[int, NarrativeKey | None, Loc]] = []  # (first body line index, key, heading place)
    first_seen: dict[NarrativeKey, int] = {}
    first_heading_line: int | None = None
    for line, title in _h2_headings(text):
        loc = Loc(file, line + 1, 1)
        if first_heading_line is None:
            first_heading_line = line
        key = heading_key(title)
        if key is None:
            findings.append(finding("JX-M001", loc, heading=title, allowed="、".join(NARRATIVE_HEADINGS.values())))
            starts.append((line + 1, None, loc))  # an error; its text ends the previous section
            continue
        if key in first_seen:
            findings.append(finding("JX-M002", loc, heading=title, first_line=first_seen[key]))
        first_seen.setdefault(key, loc.line)
        starts.append((line + 1, key, loc))
    findings.extend(_raw_html(text, file))
    findings.extend(_unsafe_links(text, file))
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
