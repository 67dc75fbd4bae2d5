"""Lighthouse 12 (npm ``lighthouse``, pinned; Debian's Chromium): accessibility, best practices and SEO
score 100 on every page kind, desktop and mobile, and no page asks anything of another host.

Performance is not asserted here (it moves with the machine's load): ``make lighthouse``
(benchmarks/lighthouse.py) measures it and docs/performance.md records the figures. All pages run in
one Node process and one Chromium (tests/browser/npm/lighthouse-pages.mjs); the sites are served with
gzip, as a real host sends them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from benchmarks.lighthouse import FORMS, PAGES, run, serve

pytestmark = pytest.mark.browser
CATEGORIES = ("accessibility", "best-practices", "seo")


@pytest.fixture(scope="module")
def results(built_site: Path, projects_site: Path) -> dict[tuple[str, str], dict[str, Any]]:
    with serve(built_site) as example, serve(projects_site) as projects:
        base = {"example": example, "projects": projects}
        found = run({kind: base[site] + path for kind, (site, path) in PAGES.items()}, FORMS, CATEGORIES)
    return {(r["name"], r["form"]): r for r in found}


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("kind", PAGES)
def test_accessibility_best_practices_and_seo_score_100(results: dict[tuple[str, str], dict[str, Any]],
                                                        kind: str, form: str) -> None:
    r = results[(kind, form)]
    assert r["error"] is None, r["error"]
    assert r["scores"] == dict.fromkeys(CATEGORIES, 100), r["failed"]
    assert r["offsite"] == []
