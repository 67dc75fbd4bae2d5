"""A rebuild's search index (``sitegen.searchcache``): Pagefind runs only when a report page's search input
changed, and the rebuilt site, ``pagefind/`` included, equals a clean build byte for byte.

Real builds with the search index on; Pagefind is the real program behind a small wrapper that counts
its runs (the wrapper is the program in every build, so the bundle's key sees the same program).
"""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest

from jixiao import pipeline
from jixiao.check import check
from jixiao.sitegen import reuse, searchcache
from jixiao.sitegen.search import pagefind_binary
from tests.conftest import CONTENT, ROOT
from tests.sitegen.conftest import tree_digest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Content, templates and ``mkdocs.yml`` (search on) that steps may edit."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copytree(CONTENT, root / "content")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.fixture
def runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A log with one line per Pagefind run."""
    real = pagefind_binary()
    assert real is not None
    log = tmp_path / "runs.log"
    log.write_text("", encoding="utf-8")
    wrapper = tmp_path / "pagefind_extended"
    wrapper.write_text(f'#!/bin/sh\necho run >> "{log}"\nexec "{real}" "$@"\n', encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(wrapper))
    return log


def _build(project: Path, site: Path, *, reuse_pages: bool = True) -> int:
    content = project / "content"
    return pipeline.build(check(content, "content"), content, site, project / "mkdocs.yml", reuse=reuse_pages)


def _count(runs: Path) -> int:
    return len(runs.read_text(encoding="utf-8").split())


def _same_as_clean(project: Path, site: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    _build(project, clean, reuse_pages=False)
    assert tree_digest(site) == tree_digest(clean)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, path
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _folder(project: Path, site: Path) -> Path:
    return searchcache.folder_of(reuse.Previous.of(project / "content", site).manifest)


def test_pagefind_runs_only_when_a_search_input_changed(project: Path, tmp_path: Path, runs: Path) -> None:
    site = tmp_path / "site"
    _build(project, site)
    assert _count(runs) == 1
    assert (_folder(project, site) / searchcache.RECORD).is_file()

    _build(project, site)  # nothing changed: every page and the bundle reused
    assert _count(runs) == 1
    _same_as_clean(project, site, tmp_path)

    # the theme changes every page, not what the index reads of the report pages: the bundle is kept
    _edit(project / "templates" / "overrides" / "partials" / "copyright.html", "</", "<!-- 测试 --></")
    assert _build(project, site) == 0
    assert _count(runs) == 2  # the clean build above, not this one
    _same_as_clean(project, site, tmp_path)

    narrative = project / "content" / "datong-zonggonghui" / "2021.md"
    narrative.write_text(narrative.read_text(encoding="utf-8") + "\n本段为测试追加的一句话。\n", encoding="utf-8")
    assert _build(project, site) > 0  # other pages reused, the report page built and indexed again
    assert _count(runs) == 4
    _same_as_clean(project, site, tmp_path)


@pytest.mark.parametrize("damage", ["bundle file", "search input", "record", "bundle gone"])
def test_damage_is_never_kept(project: Path, tmp_path: Path, runs: Path, damage: str) -> None:
    """A changed or missing bundle in site/, a truncated record: indexed again; a changed cached input: its
    page is built again (the input made anew is the recorded one, so the bundle stays)."""
    site = tmp_path / "site"
    _build(project, site)
    folder = _folder(project, site)
    assert (folder / searchcache.INPUTS / "2021" / "datong-zonggonghui" / "index.html").is_file()
    if damage == "bundle file":
        entry = site / "pagefind" / "pagefind-entry.json"
        entry.write_text(entry.read_text(encoding="utf-8") + " ", encoding="utf-8")
    elif damage == "search input":
        document = folder / searchcache.INPUTS / "2021" / "datong-zonggonghui" / "index.html"
        _edit(document, "</body>", "改动</body>")
    elif damage == "record":
        record = folder / searchcache.RECORD
        record.write_bytes(record.read_bytes()[:40])
    else:
        shutil.rmtree(site / "pagefind")
    pages = len(json.loads(reuse.Previous.of(project / "content", site).manifest.read_bytes())["pages"])
    reused = _build(project, site)
    assert _count(runs) == (1 if damage == "search input" else 2)
    if damage in ("search input", "record"):
        assert reused < pages  # the report page is not taken without its search input
    _same_as_clean(project, site, tmp_path)
