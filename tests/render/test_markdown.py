"""Narrative Markdown renders without raw HTML, images or unsafe link schemes."""

from __future__ import annotations

import pytest

from jixiao.render.markdown import narrative_html, safe_link


@pytest.mark.parametrize(("url", "safe"), [
    ("https://example.org/a", True), ("http://x", True), ("mailto:a@b.cn", True), ("../2021/", True),
    ("#top", True), ("a.html?x=1", True), ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False),
    ("java\tscript:alert(1)", False), ("data:text/html,x", False), ("vbscript:x", False), ("file:///etc", False),
    ("//evil.example/x", False),
])
def test_only_safe_link_schemes(url: str, safe: bool) -> None:
    assert safe_link(url) is safe


def test_raw_html_is_shown_as_text() -> None:
    html = narrative_html('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> and *em*')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "<em>em</em>" in html


def test_images_and_unsafe_links_are_not_rendered() -> None:
    html = narrative_html("![t](https://tracker.example/p.png) [x](javascript:alert(1)) [y](https://ok.example/)")
    assert "<img" not in html and 'href="javascript' not in html
    assert '<a href="https://ok.example/" rel="nofollow noopener noreferrer">y</a>' in html


def test_headings_nest_below_the_page_headings_and_no_blank_lines_remain() -> None:
    html = narrative_html("# 一\n\ntext\n\n```\na\n\nb\n```\n")
    assert html.startswith("<h4>一</h4>")
    assert "\n\n" not in html and "a&#10;\nb" in html
