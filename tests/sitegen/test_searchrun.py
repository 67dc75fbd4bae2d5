"""Pagefind beside the build (``sitegen.searchrun``): the bundle it makes from the search inputs is the one
indexing the written pages gives, byte for byte, and a failed or interrupted build stops it.

Real builds (mkdocs-material) of a generated project (12 reports, several years and departments, so
several filter values), real Pagefind; a stand-in program only where the test needs Pagefind to still be
running when the build fails.
"""

from __future__ import annotations

import os
import shutil
import stat
import time
from pathlib import Path

import pytest
from benchmarks.corpus import generate

from jixiao import pipeline
from jixiao.check import check
from jixiao.sitegen import searchrun
from jixiao.sitegen.errors import SiteBuildError
from jixiao.sitegen.plugin import JixiaoPlugin
from jixiao.sitegen.search import BUNDLE_DIR, SearchFacts, index, mark_report
from tests.conftest import CONTENT, ROOT
from tests.sitegen.conftest import settled, tree_digest


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated reports and the example report, with the project's templates and ``mkdocs.yml``."""
    root = tmp_path_factory.mktemp("searchrun") / "project"
    root.mkdir()
    generate(root / "content", 12, seed=5)
    shutil.copytree(CONTENT / "datong-zonggonghui", root / "content" / "datong-zonggonghui")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def _build(project: Path, site: Path, part_pages: int | None = None) -> None:
    content = project / "content"
    config = project / "mkdocs.yml"
    if part_pages is not None:
        config = project / f"mkdocs-{part_pages}.yml"
        text = (project / "mkdocs.yml").read_text(encoding="utf-8")
        assert "      content: content\n" in text
        config.write_text(text.replace("      content: content\n",
                                       f"      content: content\n      search_part_pages: {part_pages}\n"),
                          encoding="utf-8")
    pipeline.build(check(content, "content"), content, site, config, reuse=False)


@pytest.mark.parametrize("part_pages", [None, 5])
def test_the_bundle_equals_indexing_the_written_pages(project: Path, tmp_path: Path, part_pages: int | None) -> None:
    """Indexed beside the build from the search inputs, or afterwards from the written site: the same bytes
    (in one part, Pagefind running while mkdocs writes the pages; in parts of 5, after them)."""
    site = tmp_path / "site"
    _build(project, site, part_pages)
    assert not (site / searchrun.FOLDER).exists()
    assert settled(tmp_path) == ["site"]  # no working folder left beside it
    written = tmp_path / "written"
    shutil.copytree(site, written)
    shutil.rmtree(written / BUNDLE_DIR)
    stats = index(written, part_pages)
    assert stats.pages >= 12
    assert (site / BUNDLE_DIR / "parts").is_dir() == (part_pages is not None)
    assert tree_digest(site / BUNDLE_DIR) == tree_digest(written / BUNDLE_DIR)


def test_the_chunk_size_counts_the_pages_the_build_writes(project: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind starts before the pages are written: the HTML pages it is told of are those then written."""
    told: list[int] = []
    start = searchrun.SearchRun.start

    def recording(self: searchrun.SearchRun, html_pages: int) -> None:
        told.append(html_pages)
        start(self, html_pages)

    monkeypatch.setattr(searchrun.SearchRun, "start", recording)
    site = tmp_path / "site"
    _build(project, site)
    assert told == [sum(1 for _ in site.rglob("*.html"))]


def test_the_search_input_is_the_marked_content_without_ignored_blocks() -> None:
    """What Pagefind would skip (tables, key figures marked data-pagefind-ignore) is left out; the rest kept."""
    marked = mark_report('<h2 id="a">一、基本情况</h2><table><tr><td>甲</td></tr></table><p>正文</p>'
                         '<dl><dt>总分</dt><dd>93.98</dd></dl>', SearchFacts("大同市总工会", 2021, "优秀", "93.98"))
    doc = searchrun.document(marked)
    assert "<table" not in doc and "<dl" not in doc
    assert "<p>甲。</p>" in doc and "总分 93.98" in doc  # told as sentences, they stay
    assert '<h2 id="a">一、基本情况</h2>' in doc and "<p>正文</p>" in doc
    assert 'data-pagefind-filter="year:2021"' in doc


def _stand_in(tmp_path: Path) -> tuple[Path, Path]:
    """A "Pagefind" that records its process id and then waits a minute: still running when the build fails."""
    pid = tmp_path / "pagefind.pid"
    program = tmp_path / "pagefind_extended"
    program.write_text(f"#!/bin/sh\necho $$ > {pid}\nexec sleep 60\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program, pid


def _gone(pid_file: Path) -> bool:
    for _ in range(50):
        if pid_file.is_file() and pid_file.read_text().strip():
            break
        time.sleep(0.1)
    pid = int(pid_file.read_text())
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_a_failed_build_stops_pagefind_and_keeps_the_site(project: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A page template failing while Pagefind indexes: the build fails, Pagefind is killed and waited for."""
    program, pid = _stand_in(tmp_path)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(program))
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("上一次的网站\n", encoding="utf-8")
    before = tree_digest(site)

    def failing(self: JixiaoPlugin, context: object, /, **kwargs: object) -> object:
        raise RuntimeError("模板出错")

    monkeypatch.setattr(JixiaoPlugin, "on_page_context", failing)
    with pytest.raises(RuntimeError):
        _build(project, site)
    assert _gone(pid)
    assert tree_digest(site) == before
    assert settled(tmp_path) == ["pagefind.pid", "pagefind_extended", "site"]


def test_ctrl_c_stops_pagefind(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+C (KeyboardInterrupt, which mkdocs does not report to plugins) while Pagefind indexes."""
    program, pid = _stand_in(tmp_path)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(program))

    def interrupted(self: JixiaoPlugin, context: object, /, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(JixiaoPlugin, "on_page_context", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _build(project, tmp_path / "site")
    assert _gone(pid)
    assert settled(tmp_path) == ["pagefind.pid", "pagefind_extended"]


def test_a_failing_pagefind_is_jx_b002(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind exits with an error: JX-B002 with its exit code, the site untouched."""
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", shutil.which("false") or "/bin/false")
    site = tmp_path / "site"
    with pytest.raises(SiteBuildError, match=r"\[JX-B002\].*退出码 1"):
        _build(project, site)
    assert not site.exists()
