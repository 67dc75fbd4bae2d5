"""The hostile-narrative project (tests/fixtures/hostile-site/) and a scan of built pages for XSS.

Every displayable text field of that project, and its narrative, tries to inject script: raw tags,
event attributes, ``javascript:``/``data:``/``vbscript:`` links (also spelt with entities, escapes and
mixed case), attr_list syntax, tag breakouts. Every payload carries the marker ``jxxss``.
:func:`scan` parses every built HTML page and lists what would run in a reader's browser.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from jixiao import pipeline
from jixiao.check import Checked, check
from tests.conftest import FIXTURES, ROOT

HOSTILE = FIXTURES / "hostile-site" / "content"
CONFIG = ROOT / "mkdocs.yml"
MARKER = "jxxss"
URL_ATTRS = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset",
                       "background", "cite", "longdesc", "ping", "manifest", "codebase", "lowsrc", "dynsrc"})
TEXT_ATTRS = frozenset({"content", "title", "alt", "aria-label", "placeholder", "value"})
EXECUTABLE = frozenset({"", "text/javascript", "module", "application/javascript", "text/ecmascript"})
FORBIDDEN = frozenset({"iframe", "object", "embed", "frame", "frameset", "base", "applet"})
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")


def build_hostile(site: Path) -> Checked:
    """Build the hostile project even though its check has errors.

    ``jixiao build`` refuses content with errors (the M006 links are errors), so the check alone
    would keep most payloads off the site; building anyway proves the renderer is safe by itself.
    """
    checked = check(HOSTILE, "content")
    pipeline.build(checked, HOSTILE, site, CONFIG)
    return checked


class _Scanner(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.problems: list[str] = []
        self.inside: str | None = None  # "script" (executable), "style", or None

    def _say(self, what: str) -> None:
        self.problems.append(f"{self.page}: {what}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, raw in attrs:
            value = raw or ""
            plain = _INVISIBLE.sub("", value).lower()
            if name.startswith("on"):
                self._say(f"event attribute <{tag} {name}={value[:60]!r}>")
            if name in URL_ATTRS and re.match(r"(javascript|vbscript|data):", plain):
                self._say(f"dangerous URL <{tag} {name}={value[:60]!r}>")
            if "javascript:" in plain and name not in TEXT_ATTRS:
                self._say(f"javascript: in <{tag} {name}={value[:60]!r}>")
            if name == "style" and MARKER in value:
                self._say(f"content in a style attribute <{tag} style={value[:60]!r}>")
        given = dict(attrs)
        if tag in FORBIDDEN:
            self._say(f"<{tag}> element")
        if tag == "meta" and (given.get("http-equiv") or "").lower() == "refresh":
            self._say("<meta http-equiv=refresh>")
        if tag == "script":
            kind = (given.get("type") or "").strip().lower()
            self.inside = "script" if kind in EXECUTABLE else None
            if MARKER in (given.get("src") or ""):
                self._say("<script src> from content")
        if tag == "style":
            self.inside = "style"

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self.inside = None

    def handle_data(self, data: str) -> None:
        if self.inside and MARKER in data:
            self._say(f"content inside an executable <{self.inside}>: {data.strip()[:80]!r}")


def scan(site: Path) -> list[str]:
    """Everything in the built HTML pages of ``site`` that could run content as script."""
    problems: list[str] = []
    for page in sorted(site.rglob("*.html")):
        scanner = _Scanner(page.relative_to(site).as_posix())
        scanner.feed(page.read_text(encoding="utf-8"))
        scanner.close()
        problems += scanner.problems
    return problems
