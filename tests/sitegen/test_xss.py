"""XSS proof: content can never run as script in a reader's browser (see tests/hostile.py).

The hostile project is built (checked findings notwithstanding), every HTML page is parsed, and
nothing executable from content may be there. The payloads must still be visible as text, so that
the proof is not vacuous. Jinja2 autoescaping is on for every jixiao template.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from jixiao.check import check
from jixiao.render.env import environment
from tests.conftest import ROOT
from tests.hostile import HOSTILE, MARKER, scan


def test_the_check_flags_the_hostile_narrative() -> None:
    """The editor is told first: unsafe links are errors (M006), raw HTML warnings (M005)."""
    codes = [f.code for f in check(HOSTILE, "content").findings if f.loc.file.endswith(".md")]
    assert codes.count("JX-M006") >= 14
    assert codes.count("JX-M005") >= 10


def test_no_executable_content_in_any_built_page(hostile_site: Path) -> None:
    pages = list(hostile_site.rglob("*.html"))
    assert len(pages) >= 6
    assert scan(hostile_site) == []


def test_the_payloads_are_shown_as_text(hostile_site: Path) -> None:
    """Not vacuous: the hostile texts reached the pages, escaped, as visible text."""
    report = (hostile_site / "2021" / "evil-dept" / "index.html").read_text(encoding="utf-8")
    shown = html.unescape(re.sub(r"<[^>]+>", " ", report))
    for payload in ("<script>alert('jxxss-dept-name')</script>", "<script>alert('jxxss-md-script')</script>",
                    "<img src=x onerror=alert('jxxss-md-img')>", "培训人数<script>alert('jxxss-ind')</script>",
                    "\"><script>alert('jxxss-claimed')</script>"):
        assert payload in shown, payload
    assert report.count(MARKER) >= 20


def test_the_scanner_catches_what_it_looks_for(tmp_path: Path) -> None:
    """The scan is not blind: planted script, handler and javascript: URL are each reported."""
    (tmp_path / "a.html").write_text(
        "<p onclick=\"x()\">a</p><a href=' JaVa&#x0A;script:alert(1)'>b</a><script>alert('jxxss')</script>"
        "<iframe src='/x'></iframe><img src=\"data:image/png;base64,AA==\">", encoding="utf-8")
    problems = scan(tmp_path)
    assert len(problems) == 6, problems


def test_jinja_autoescape_is_on_for_every_template() -> None:
    """Every template jixiao renders autoescapes, and none switches it off."""
    templates = ROOT / "templates"
    env = environment([templates])
    names = [p.relative_to(templates).as_posix() for p in templates.rglob("*.j2")]
    assert names
    for name in names:
        source = (templates / name).read_text(encoding="utf-8")
        assert not re.search(r"{%-?\s*autoescape\s+false", source), name
        template = env.get_template(name)
        assert template.environment.autoescape is True, name
    assert env.from_string("{{ x }}").render(x="<script>") == "&lt;script&gt;"
