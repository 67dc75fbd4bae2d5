"""``jixiao build`` folder by folder: unchanged department folders come from the render cache, and the site
equals a clean build byte for byte after every kind of change.

A project of ten departments ranked in one year (``tests/fixtures/standing``) plus the example's
department (another year, narrative and history of its own). Each step edits the project, rebuilds the same
``site/`` as ``jixiao build`` does, checks which department folders were rendered again (the plugin's log)
and compares every file with a build of the full check that reuses nothing. Real builds, no search index.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest

from jixiao import pipeline
from jixiao.cache.run import check_cached, default_cache
from jixiao.check import check
from jixiao.opendata.tables import Cell
from jixiao.render.facts import ReportFacts
from jixiao.sitegen import folderbuild, rendercache
from jixiao.sitegen.reuse import digest
from tests.conftest import CONTENT, FIXTURES, ROOT
from tests.sitegen.conftest import tree_digest

STANDING = FIXTURES / "standing"


def make_project(root: Path) -> Path:
    """A project at ``root``: the standing fixture and the example report, the templates, no search index."""
    shutil.copytree(STANDING, root / "content")
    shutil.copytree(CONTENT / "datong-zonggonghui", root / "content" / "datong-zonggonghui")
    shutil.copytree(ROOT / "templates", root / "templates")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text.replace("      content: content\n",
                                                  "      content: content\n      search_index: false\n"),
                                     encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


def _build(project: Path, site: Path, caplog: pytest.LogCaptureFixture) -> set[str]:
    """Build as ``jixiao build`` does; the department folders rendered again (not from the cache)."""
    content = project / "content"
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.jixiao"):
        pipeline.build(pipeline.check_for_build(content, "content"), content, site, project / "mkdocs.yml")
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("重新生成的部门目录：")]
    assert len(lines) == 1
    return set(lines[0].removeprefix("重新生成的部门目录：").split())


def _same_as_clean(project: Path, site: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    content = project / "content"
    pipeline.build(check(content, "content"), content, clean, project / "mkdocs.yml", reuse=False)
    assert tree_digest(site) == tree_digest(clean)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, path
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _tables(project: Path) -> set[str]:
    """The site-wide tables' cache entries (one: of the last build's rows)."""
    found = {p.name for p in (project / ".jixiao-cache" / "render" / "tables").iterdir()
             if p.is_dir() and not p.name.startswith(".")}
    assert len(found) == 1
    return found


def _folders(project: Path) -> set[str]:
    return {p.name for p in (project / "content").iterdir() if p.is_dir()}


def test_each_change_renders_only_the_folders_it_touches_and_equals_a_clean_build(
        project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    site, content = tmp_path / "site", project / "content"
    assert _build(project, site, caplog) == _folders(project)  # cold: every folder
    _same_as_clean(project, site, tmp_path)
    assert _build(project, site, caplog) == set()  # nothing changed: every folder from the cache
    _same_as_clean(project, site, tmp_path)

    tables = _tables(project)
    (content / "d05" / "2023.md").write_text((content / "d05" / "2023.md").read_text(encoding="utf-8")
                                             + "\n本段为测试追加的一句话。\n", encoding="utf-8")
    assert _build(project, site, caplog) == {"d05"}  # a narrative: its folder only
    assert _tables(project) == tables  # the same rows: the site-wide tables' files are kept
    _same_as_clean(project, site, tmp_path)

    # d10 (62, last) passes every other report: its total, grade and rank change, and the other
    # reports' ranks in 2023 move down
    _edit(content / "d10" / "2023.yaml", 'actual: "5人"', 'actual: "100人"')
    rendered = _build(project, site, caplog)
    assert "d10" in rendered and len(rendered & {f"d0{i}" for i in range(1, 10)}) >= 5
    assert "datong-zonggonghui" not in rendered  # another year: no standing moved
    assert _tables(project) != tables  # other rows: the tables are made again
    _same_as_clean(project, site, tmp_path)

    shutil.copytree(content / "d03", content / "d11")  # a new department
    _edit(content / "d11" / "department.yaml", "name: ", "name: 新")
    assert "d11" in _build(project, site, caplog)
    assert (site / "2023" / "d11" / "index.html").is_file()
    _same_as_clean(project, site, tmp_path)

    shutil.rmtree(content / "d02")  # a department deleted
    assert "d02" not in _build(project, site, caplog)
    assert not (site / "2023" / "d02").exists()
    _same_as_clean(project, site, tmp_path)


def test_a_damaged_or_missing_cache_entry_is_rendered_again(project: Path, tmp_path: Path,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    site, content = tmp_path / "site", project / "content"
    _build(project, site, caplog)
    entries = _entries(project)
    assert len(entries) == len(_folders(project))
    summary = check_cached(content, "content", cache=default_cache(content))
    assert summary.hits == len(entries)  # the build stored every folder's check result too
    damaged = sorted(entries.values())
    truncated, flipped, emptied, removed, blob, gone = damaged[:6]
    (truncated / "entry.bin").write_bytes((truncated / "entry.bin").read_bytes()[:-100])
    data = bytearray((flipped / "entry.bin").read_bytes())
    data[len(data) // 2] ^= 0x01
    (flipped / "entry.bin").write_bytes(bytes(data))
    (emptied / "entry.bin").write_bytes(b"")
    shutil.rmtree(removed)
    with (blob / "0").open("r+b") as out:  # one of its files written in place
        out.write(b"#")
    (gone / "1").unlink()
    assert len(_build(project, site, caplog)) == 6
    _same_as_clean(project, site, tmp_path)
    assert _build(project, site, caplog) == set()


def test_the_site_wide_tables_are_written_from_one_folders_rows_at_a_time(
        project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold build never holds every folder's rows of the indicator and lineage tables decoded (the way kept
    for folders whose reports interleave by key fails here): they are decoded folder by folder as the CSV and
    XLSX files are written, in the order of the reports' keys, and the files equal a clean build's; the
    tables' cache entry is made from those files (the next build after a narrative edit takes them from it)."""
    decoded: list[int] = []
    one_folder = rendercache.indicator_rows_of

    def spy(rows: bytes) -> Iterator[tuple[Cell, ...]]:
        decoded.append(len(rows))
        return one_folder(rows)

    def held(*args: object) -> None:
        raise AssertionError("every folder's rows decoded at once")

    monkeypatch.setattr(rendercache, "indicator_rows_of", spy)
    monkeypatch.setattr(folderbuild, "_with_rows", held)
    monkeypatch.setattr(rendercache, "rows_of", held)
    site = tmp_path / "site"
    _build(project, site, caplog)
    with_reports = sum(1 for folder in (project / "content").iterdir() if any(folder.glob("20*.yaml")))
    assert len(decoded) >= 2 * with_reports  # the CSV's pass and the XLSX's, one folder at a time
    tables = _tables(project)
    _same_as_clean(project, site, tmp_path)
    _edit(project / "content" / "datong-zonggonghui" / "2021.md", "。", "。补充一句。")
    assert _build(project, site, caplog) == {"datong-zonggonghui"} and _tables(project) == tables
    _same_as_clean(project, site, tmp_path)


def test_interleaved_report_keys_keep_the_rows_in_memory(tmp_path: Path) -> None:
    """Folders whose reports' keys interleave cannot be streamed folder by folder: :class:`_EntryRows` says so."""
    def facts(key: tuple[str, int, str]) -> ReportFacts:
        return cast(ReportFacts, SimpleNamespace(key=key))

    a, b = ("a", 2021, ""), ("b", 2021, "")
    rows = [(1, True, b"[[],null]"), (1, False, b"[[],null]")]
    assert folderbuild._EntryRows.of(tmp_path, [facts(b), facts(a)], rows) is not None  # b's folder first
    assert folderbuild._EntryRows.of(tmp_path, [facts(b), facts(a)], rows).order == (1, 0)  # type: ignore[union-attr]
    a2 = ("a", 2022, "")
    two = [(2, True, b""), (1, True, b"")]
    assert folderbuild._EntryRows.of(tmp_path, [facts(a), facts(a2), facts(("a", 2021, "x"))], two) is None


def _entries(project: Path) -> dict[str, Path]:
    """The render cache's folder entries (not the site-wide tables', nor a write's leftovers)."""
    return {p.name: p for p in (project / ".jixiao-cache" / "render").iterdir()
            if p.is_dir() and p.name != "tables" and not p.name.startswith(".")}


def test_a_site_file_edited_in_place_is_not_taken_from_the_cache(project: Path, tmp_path: Path,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    """The cache's files are linked into the site, not copied: a file of site/ written in place (an editor
    that does not replace the file) writes the cache's too. Its folder is then rendered again, and the
    site equals a clean build; so does the cache's entry afterwards."""
    site = tmp_path / "site"
    _build(project, site, caplog)
    assert _build(project, site, caplog) == set()
    page = next(p for p in sorted((site / "data").rglob("*.csv")) if p.stat().st_nlink > 1)
    with page.open("r+b") as out:
        out.write(b"X")
    rendered = _build(project, site, caplog)
    assert len(rendered) == 1
    _same_as_clean(project, site, tmp_path)
    assert _build(project, site, caplog) == set()
    _same_as_clean(project, site, tmp_path)


def test_an_entry_is_whole_or_a_miss(tmp_path: Path) -> None:
    from jixiao.render.site import GeneratedFile

    files = (GeneratedFile("2023/d01/index.md", "页面\n", verbatim_html=True), GeneratedFile("data/d01.csv", b"a,b\r\n"))
    entry = rendercache.Entry(files, (), None, {}, b"[[],null]")
    path = tmp_path / "render" / "k"
    rendercache.write(path, "key", entry)
    loaded = rendercache.read(path, "key", load=True)
    assert loaded is not None and loaded.files == tuple(replace(f, digest=digest(_bytes(f.content))) for f in files)
    assert replace(loaded, files=files) == entry
    linked = rendercache.read(path, "key")  # the files by path, to be linked
    assert linked is not None and [(f.path, f.content, f.linked) for f in linked.files] == [
        ("2023/d01/index.md", "", True), ("data/d01.csv", "", True)]
    assert [f.source.read_bytes() for f in linked.files if f.source] == [_bytes(f.content) for f in files]
    assert rendercache.read(path, "another key") is None
    record = path / "entry.bin"
    whole = record.read_bytes()
    for cut in (0, 5, len(whole) // 2, len(whole) - 1):
        record.write_bytes(whole[:cut])
        assert rendercache.read(path, "key") is None
    record.write_bytes(whole + b"x")
    assert rendercache.read(path, "key") is None
    record.write_bytes(whole)
    blob = path / "1"
    blob.write_bytes(b"a,c\r\n")  # written since, other bytes
    assert rendercache.read(path, "key") is None
    blob.write_bytes(b"a,b\r\n")  # written since, the same bytes: whole
    assert rendercache.read(path, "key") is not None
    blob.unlink()
    assert rendercache.read(path, "key") is None


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(project), "-c", "user.name=测试", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


def test_new_commits_of_a_folder_render_it_again_even_when_its_files_are_as_before(
        project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A report page prints its files' dates and 修订记录 from git: the folder's commits are in its key."""
    site, report = tmp_path / "site", project / "content" / "d09" / "2023.yaml"
    _git(project, "init", "-q")
    _git(project, "add", "content")
    _git(project, "commit", "-q", "-m", "v1")
    assert _build(project, site, caplog) == _folders(project)
    first = report.read_text(encoding="utf-8")
    _edit(report, 'actual: "20人"', 'actual: "30人"')
    _git(project, "commit", "-q", "-am", "v2")
    report.write_text(first, encoding="utf-8")  # the folder's bytes are those of the first build again
    _git(project, "commit", "-q", "-am", "v3")
    assert _build(project, site, caplog) == {"d09"}
    _same_as_clean(project, site, tmp_path)
