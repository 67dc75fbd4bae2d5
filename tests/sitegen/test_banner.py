"""The preview's error banner (``sitegen/banner.py``): escaped, right after ``<body>``, at most 50 items."""

from __future__ import annotations

from jixiao.domain.issues import Finding, Severity
from jixiao.domain.model import Loc
from jixiao.sitegen.banner import MARK, banner, with_banner


def _error(n: int, text: str = "错误") -> Finding:
    return Finding(Loc("content/a/2021.yaml", n, 1), "JX-Y001", Severity.ERROR, text, "改法")


def test_the_banner_escapes_what_came_from_content() -> None:
    html = banner([_error(3, '<script>alert("x")</script>')])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "content/a/2021.yaml:3:1" in html and "内容有 1 个错误" in html


def test_it_goes_right_after_body_and_only_there() -> None:
    page = '<html><head><title>t</title></head><body class="x" dir="ltr"><p>正文</p></body></html>'
    shown = with_banner(page, banner([_error(1)]))
    assert shown.index(f'<div id="{MARK}"') == shown.index('dir="ltr">') + len('dir="ltr">')
    assert with_banner(page, "") == page and banner([]) == ""


def test_many_errors_are_cut_with_a_note() -> None:
    html = banner([_error(n) for n in range(1, 121)])
    assert html.count("<li>") == 51 and "还有 70 个错误" in html and "内容有 120 个错误" in html
