"""The header override stays mkdocs-material's own header plus the Pagefind box.

When mkdocs-material changes its header, this test fails, so the override is refreshed instead of
silently dropping the theme's changes.
"""

from __future__ import annotations

from pathlib import Path

import material

from tests.conftest import ROOT

OVERRIDES = ROOT / "templates" / "overrides"
THEME = Path(material.__file__).resolve().parent / "templates"


def test_header_is_the_themes_plus_one_else_branch() -> None:
    """Removing our comment and else-branch gives back the theme's partials/header.html exactly."""
    ours = (OVERRIDES / "partials" / "header.html").read_text(encoding="utf-8")
    theirs = (THEME / "partials" / "header.html").read_text(encoding="utf-8")
    comment_end = ours.index("-#}\n") + len("-#}\n")
    branch = '    {% else %}\n      {% include "partials/jixiao-search.html" %}\n'
    assert ours.count(branch) == 1
    restored = ours[comment_end:].replace(branch, "")
    assert restored == theirs[theirs.index("-#}\n") + len("-#}\n"):]


def test_search_box_avoids_the_themes_search_hooks() -> None:
    """The theme's bundle starts its own search (and fetches its index) for these; ours has none."""
    box = (OVERRIDES / "partials" / "jixiao-search.html").read_text(encoding="utf-8")
    assert 'data-md-component="search' not in box
    assert 'name="search"' not in box
    assert "{{ 'pagefind/pagefind.js' | url }}" in box
    assert "http://" not in box and "https://" not in box
    for asset in ("search.js", "search.css"):
        assert (OVERRIDES / "assets" / "search" / asset).is_file()
