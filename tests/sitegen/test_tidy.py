"""The theme's two invalid constructs are fixed in every finished page, and nothing else changes."""

from __future__ import annotations

from jixiao.sitegen.tidy import tidy

PAGE = ('<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
        '<input type="text" autocomplete="off">'
        '<label class="md-nav__title" for="__toc">\n<span class="md-nav__icon md-icon"></span>\n目录\n</label>')


def test_toggles_lose_autocomplete_and_a_toc_title_without_its_checkbox_becomes_a_div() -> None:
    out = tidy(PAGE)
    assert 'id="__search">' in out and '<input type="text" autocomplete="off">' in out
    assert '<div class="md-nav__title">\n<span class="md-nav__icon md-icon"></span>\n目录\n</div>' in out


def test_a_toc_title_with_its_checkbox_stays_a_label() -> None:
    page = PAGE + '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
    assert '<label class="md-nav__title" for="__toc">' in tidy(page)
