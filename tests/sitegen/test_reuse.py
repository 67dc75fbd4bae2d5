"""A rebuild reuses the pages and department folders an edit did not change, and equals a clean build byte for byte.

Each step changes one input that matters (a narrative, a score that moves other reports' standings, a
new or deleted department folder, ``site.yaml``, a theme template, ``mkdocs.yml``, jixiao itself, strict
mode, the build date, a page of ``site/`` edited by hand, a damaged render cache entry), rebuilds the
same ``site/`` as ``jixiao build`` does (the cached check, unchanged folders from the render cache,
unchanged pages from the manifest) and compares every file with a clean build of the same project into
a new folder, made from a full check with nothing reused. Real builds (mkdocs-material), no search index
(Pagefind reads the built pages; its own output is covered by ``test_search.py``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jinja2
import pytest

from jixiao import pipeline
from jixiao.cache import keys
from jixiao.check import check
from jixiao.sitegen import rendercache, reuse
from jixiao.sitegen.errors import SiteBuildError
from tests.conftest import CONTENT, ROOT
from tests.sitegen.conftest import tree_digest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project of its own: content, templates and ``mkdocs.yml`` (no search index) that steps may edit."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copytree(CONTENT, root / "content")
    shutil.copytree(ROOT / "templates", root / "templates")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      content: content\n" in text
    (root / "mkdocs.yml").write_text(text.replace("      content: content\n",
                                                  "      content: content\n      search_index: false\n"),
                                     encoding="utf-8")
    return root


def _build(project: Path, site: Path, *, strict: bool = False) -> int:
    """A build as ``jixiao build`` makes it: the cached check, the render cache, the manifest."""
    content = project / "content"
    return pipeline.build(pipeline.check_for_build(content, "content"), content, site, project / "mkdocs.yml",
                          strict=strict)


def _same_as_clean(project: Path, site: Path, tmp_path: Path, strict: bool = False) -> None:
    """Every file of ``site`` equals a build of the full check with nothing reused (no cache read)."""
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    content = project / "content"
    assert pipeline.build(check(content, "content"), content, clean, project / "mkdocs.yml", strict=strict,
                          reuse=False) == 0
    assert tree_digest(site) == tree_digest(clean)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, path
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unchanged_rebuild_reuses_every_page_and_an_edit_only_its_pages(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert _build(project, site) == 0  # nothing to reuse yet
    pages = len(json.loads(reuse.Previous.of(project / "content", site).manifest.read_bytes())["pages"])
    again = _build(project, site)
    assert again >= 8 and again == pages
    _same_as_clean(project, site, tmp_path)

    narrative = project / "content" / "datong-zonggonghui" / "2021.md"
    narrative.write_text(narrative.read_text(encoding="utf-8") + "\n本段为测试追加的一句话。\n", encoding="utf-8")
    reused = _build(project, site)
    assert 0 < reused < pages  # the report's page is built again, the others are kept
    assert "本段为测试追加的一句话" in (site / "2021" / "datong-zonggonghui" / "index.html").read_text(encoding="utf-8")
    _same_as_clean(project, site, tmp_path)


@pytest.mark.parametrize("change", ["site.yaml", "theme template", "mkdocs.yml", "jixiao", "strict", "docs folder"])
def test_a_change_every_page_depends_on_reuses_nothing(project: Path, tmp_path: Path, change: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    _build(project, site)
    strict = False
    if change == "site.yaml":
        _edit(project / "content" / "site.yaml", "description: ", "description: 测试：")
    elif change == "theme template":
        _edit(project / "templates" / "overrides" / "partials" / "copyright.html", "</", "<!-- 测试 --></")
    elif change == "mkdocs.yml":
        _edit(project / "mkdocs.yml", "site_name: ", "site_name: 测试")
    elif change == "jixiao":  # another version or a source edit: the environment key of jixiao changes
        for module in (reuse, rendercache, keys):
            monkeypatch.setattr(module, "environment", lambda: "another jixiao")
    elif change == "strict":
        strict = True
    else:
        (project / "templates" / "docs" / "test.txt").write_text("测试\n", encoding="utf-8")
    assert _build(project, site, strict=strict) == 0
    _same_as_clean(project, site, tmp_path, strict=strict)


def test_a_score_change_rebuilds_the_pages_that_show_it(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    _build(project, site)
    before = tree_digest(site)
    report = project / "content" / "datong-zonggonghui" / "2021.yaml"
    text = report.read_text(encoding="utf-8")
    _edit(report, "actual: ", "actual: 1")  # a performance value: total and grade may move
    assert report.read_text(encoding="utf-8") != text
    _build(project, site)
    assert tree_digest(site) != before
    _same_as_clean(project, site, tmp_path)


def test_a_page_edited_in_site_or_another_build_date_is_never_kept_wrong(project: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    _build(project, site)
    page = site / "2021" / "datong-zonggonghui" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "改动</body>"), encoding="utf-8")
    all_pages = _build(project, site)
    assert "改动" not in page.read_text(encoding="utf-8")
    assert _build(project, site) == all_pages + 1  # the edited page was built again, then recorded
    _same_as_clean(project, site, tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1500000000")
    _build(project, site)
    _same_as_clean(project, site, tmp_path)


def test_a_damaged_manifest_is_a_clean_build(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    _build(project, site)
    manifest = reuse.Previous.of(project / "content", site).manifest
    manifest.write_bytes(manifest.read_bytes()[:40])
    assert _build(project, site) == 0
    _same_as_clean(project, site, tmp_path)


def test_a_failed_rebuild_leaves_the_site_and_its_old_files_as_they_were(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    _build(project, site)
    before = tree_digest(site)
    _edit(project / "templates" / "overrides" / "partials" / "copyright.html", "</", "{% if %}</")
    with pytest.raises(SiteBuildError) as failed:  # while pages are written, after reuse was decided
        _build(project, site)
    assert isinstance(failed.value.__cause__, jinja2.TemplateSyntaxError)
    assert str(failed.value).startswith("模板错误：") and "copyright.html:" in str(failed.value)
    assert "网站没有改动" in str(failed.value)
    assert tree_digest(site) == before
