"""A rebuild's search index (``sitegen.searchcache``): Pagefind runs only when a report page's search input
changed, and the rebuilt site, ``pagefind/`` included, equals a clean build byte for byte.

Real builds with the search index on; Pagefind is the real program behind a small wrapper that counts
its runs (the wrapper is the program in every build, so the bundle's key sees the same program).
"""

from __future__ import annotations

import gzip
import itertools
import json
import re
import shutil
import stat
from pathlib import Path

import pytest
import yaml
from benchmarks.corpus import generate

from jixiao import pipeline
from jixiao.check import check
from jixiao.sitegen import reuse, searchcache, searchparts
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


def department_config(root: Path, part_pages: int) -> Path:
    """The project's ``mkdocs.yml`` with absolute paths, content in ``root/content``, the index in parts of
    about ``part_pages`` report pages by department."""
    raw = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    raw["docs_dir"] = str(ROOT / raw["docs_dir"])
    raw["theme"]["custom_dir"] = str(ROOT / raw["theme"]["custom_dir"])
    options = next(p["jixiao"] for p in raw["plugins"] if isinstance(p, dict) and "jixiao" in p)
    options["content"] = str(root / "content")
    options["templates"] = [str(ROOT / t) for t in options["templates"]]
    options["search_department_part_pages"] = part_pages
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _bundle_pages(bundle: Path) -> set[str]:
    """The page URLs of one bundle's fragments (gzipped after a signature)."""
    urls: set[str] = set()
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        urls.update(re.findall(r'"url":"([^"]+)"', gzip.decompress(fragment.read_bytes()).decode("utf-8", "replace")))
    return urls


def test_department_parts_index_only_the_part_of_an_edited_report(tmp_path: Path, runs: Path) -> None:
    """``search_department_part_pages``: the report pages in parts by department (every page of a department in
    one part, listed for the search box to search together); an edit of one narrative runs Pagefind for its
    part only, the other parts are the last build's; every step equals a clean build byte for byte."""
    root = tmp_path / "project"
    generate(root / "content", 14, seed=3)
    config = department_config(root, 3)
    content, site = root / "content", tmp_path / "site"

    def build(target: Path, *, reuse_pages: bool = True) -> int:
        return pipeline.build(check(content, "content"), content, target, config, reuse=reuse_pages)

    def same_as_clean() -> None:
        clean = tmp_path / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        build(clean, reuse_pages=False)
        assert tree_digest(site) == tree_digest(clean)

    build(site)
    listed = json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    parts = len(listed["bundles"])
    assert parts > 2 and listed["merge"] is True and listed["shards"] == [[n] for n in range(parts)]
    assert _count(runs) == parts
    per_bundle = [_bundle_pages(site / "pagefind" / where) for where in listed["bundles"]]
    assert sum(len(p) for p in per_bundle) == 14
    departments = [{searchparts.department_of(url.strip("/") + "/index.html") for url in p} for p in per_bundle]
    for one, other in itertools.combinations(departments, 2):
        assert not one & other  # a department's pages are in one part
    assert (site / "pagefind" / "department-shards.json").is_file()

    build(site)  # nothing changed: no Pagefind run
    assert _count(runs) == parts

    narrative = sorted(content.glob("*/2022.md"))[0]
    narrative.write_text(narrative.read_text(encoding="utf-8") + "\n本段为测试追加的一句话。\n", encoding="utf-8")
    build(site)
    assert _count(runs) == parts + 1  # the edited report's part only
    same_as_clean()
