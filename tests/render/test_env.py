"""The template environment escapes everything, fails on unknown names, and formats numbers exactly."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from jinja2 import UndefinedError

from jixiao.render.env import environment, md, num, pct, relative_url, wan


def test_numbers_are_shown_as_printed() -> None:
    assert num(Decimal("450.50")) == "450.50"
    assert num(Decimal("0")) == "0"
    assert num(None) == "—"
    assert wan(Decimal("33.58")) == "33.58 万元"
    assert pct(Decimal("1")) == "100.00%"
    assert pct(Decimal("0.99995")) == "100.00%"
    assert pct(Decimal("0.123449")) == "12.34%"
    assert pct(None) == "—"


def test_markdown_line_text_is_escaped_for_html_and_markdown() -> None:
    assert str(md("<b>*x*</b> {#id}")) == r"&lt;b&gt;\*x\*&lt;/b&gt; \{\#id\}"


@pytest.mark.parametrize(("target", "page", "expected"), [
    ("2021/x/", "", "2021/x/"),
    ("", "2021/x/", "../../"),
    ("departments/x/", "2021/x/", "../../departments/x/"),
    ("2021/", "2021/x/", "../"),
    ("2021/x/", "2021/x/", "./"),
    ("assets/a.css", "years/", "../assets/a.css"),
])
def test_relative_urls_between_directory_pages(target: str, page: str, expected: str) -> None:
    assert relative_url(target, page) == expected


def test_autoescape_and_strict_undefined_for_every_template(tmp_path: Path) -> None:
    (tmp_path / "page.md.j2").write_text("{{ x }}", encoding="utf-8")
    (tmp_path / "typo.md.j2").write_text("{{ ctx.misspelt }}", encoding="utf-8")
    env = environment([tmp_path])
    assert env.get_template("page.md.j2").render(x="<script>") == "&lt;script&gt;"
    with pytest.raises(UndefinedError):
        env.get_template("typo.md.j2").render(ctx=object())
