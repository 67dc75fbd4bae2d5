"""The cached check (``cache/run.py``) is never wrong: every input that matters, changed on its own, misses.

Each case changes one input of a two-department project and checks again with the cache: the folders
whose inputs changed are loaded again (misses), the others come from the cache (hits), and the result,
findings included, equals a fresh :func:`jixiao.check.check` of the changed project. A warm check equals
the cold one; the parallel cold check equals the serial one.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from jixiao.cache.run import Summary, check_cached, summarize
from jixiao.check import check
from tests.conftest import CONTENT, FIXTURES
from tests.load.test_projects import PROJECT

SHOWN = "content"
EXAMPLE = "datong-zonggonghui"


def _same(a: Summary, b: Summary) -> bool:
    return (a.findings, a.reports) == (b.findings, b.reports)


def _fresh(content: Path, shown: str = SHOWN) -> Summary:
    return summarize(check(content, shown))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The example department and a copy of it under another name: two folders, one report each."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    other = content / "datong-other"
    shutil.copytree(content / EXAMPLE, other)
    (other / "department.yaml").write_text("name: 大同市另一部门\n", encoding="utf-8")
    return content


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as out:
        out.write(text)


def _project(content: Path) -> None:
    folder = content / EXAMPLE / "2021" / "projects"
    folder.mkdir(parents=True)
    (folder / "kunnan-zhigong.yaml").write_text(PROJECT, encoding="utf-8")


# Each change: what it does to the project, and how many of the two folders must be loaded again.
CHANGES: dict[str, tuple[Callable[[Path], None], int]] = {
    "report YAML": (lambda c: _edit(c / EXAMPLE / "2021.yaml", "title: （2021年度）", "title: （2021 年度）"), 1),
    "report YAML, a score": (lambda c: _edit(c / EXAMPLE / "2021.yaml", "total: 93.98", "total: 93.97"), 1),
    "narrative Markdown": (lambda c: _append(c / EXAMPLE / "2021.md", "\n补充一句说明。\n"), 1),
    "narrative removed": (lambda c: (c / EXAMPLE / "2021.md").unlink(), 1),
    "department.yaml": (lambda c: _edit(c / EXAMPLE / "department.yaml", "name: 大同市总工会", "name: 大同市另一部门"), 1),
    "a new file in the folder": (lambda c: (c / EXAMPLE / "notes.txt").write_text("草稿\n", encoding="utf-8"), 1),
    "a new report year": (lambda c: shutil.copy(c / EXAMPLE / "2021.yaml", c / EXAMPLE / "2022.yaml"), 1),
    "a renamed folder": (lambda c: (c / EXAMPLE).rename(c / "datong-renamed"), 1),
    "site.yaml, the policy": (lambda c: _edit(c / "site.yaml", "preset: datong-2021", "preset: mof-2020"), 2),
    "site.yaml, grade bands": (lambda c: _edit(c / "site.yaml", "minimum: 90", "minimum: 95"), 2),
    "site.yaml removed": (lambda c: (c / "site.yaml").unlink(), 2),
    "a new department": (lambda c: shutil.copytree(c / EXAMPLE, c / "datong-third"), 1),
    "a new project table": (_project, 1),
}


def test_a_project_table_edit_misses(project: Path, tmp_path: Path) -> None:
    _project(project)
    cache = tmp_path / "cache"
    check_cached(project, SHOWN, cache=cache)
    _edit(project / EXAMPLE / "2021" / "projects" / "kunnan-zhigong.yaml", "score: 4.99", "score: 5.99")
    after = check_cached(project, SHOWN, cache=cache)
    assert (after.hits, after.misses) == (1, 1) and _same(after, _fresh(project))
    assert any("kunnan-zhigong" in r.file for r in after.reports)


def test_cold_then_warm_equals_a_fresh_check(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = check_cached(project, SHOWN, cache=cache)
    warm = check_cached(project, SHOWN, cache=cache)
    assert (cold.hits, cold.misses, warm.hits, warm.misses) == (0, 2, 2, 0)
    assert _same(cold, warm) and _same(warm, _fresh(project))
    assert cold.findings, "the example has findings: the comparison covers them"


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_every_input_that_matters_misses(name: str, project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    check_cached(project, SHOWN, cache=cache)
    change, reloaded = CHANGES[name]
    change(project)
    after = check_cached(project, SHOWN, cache=cache)
    assert after.misses == reloaded, name
    assert _same(after, _fresh(project)), name
    again = check_cached(project, SHOWN, cache=cache)
    assert again.misses == 0 and _same(again, after)


def test_how_paths_are_shown_is_part_of_the_key(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    check_cached(project, SHOWN, cache=cache)
    other = check_cached(project, "elsewhere/content", cache=cache)
    assert other.misses == 2 and _same(other, _fresh(project, "elsewhere/content"))


def test_a_folder_with_a_symlink_is_never_cached(project: Path, tmp_path: Path) -> None:
    (project / EXAMPLE / "2021.md").rename(tmp_path / "outside.md")
    (project / EXAMPLE / "2021.md").symlink_to(tmp_path / "outside.md")
    cache = tmp_path / "cache"
    check_cached(project, SHOWN, cache=cache)
    _append(tmp_path / "outside.md", "\n链接另一端的修改。\n")
    after = check_cached(project, SHOWN, cache=cache)
    assert (after.hits, after.misses) == (1, 1) and _same(after, _fresh(project))


def test_every_fixture_equals_the_full_check(tmp_path: Path) -> None:
    """Serial, parallel (the 'bad' fixture has ~100 folders), cold and warm: all equal check()."""
    fixtures = [FIXTURES / "bad", FIXTURES / "hostile-site" / "content", FIXTURES / "scoring",
                FIXTURES / "broken-report", FIXTURES / "lineage", FIXTURES / "standing",  # lineage: cross-year hints
                *sorted(FIXTURES.glob("forms/*/content"))]
    for content in [CONTENT, *fixtures]:
        fresh = _fresh(content)
        for jobs in (1, 2):
            assert _same(check_cached(content, SHOWN, cache=None, jobs=jobs), fresh), (content, jobs)
        cache = tmp_path / content.relative_to(CONTENT.parent).as_posix().replace("/", "-")
        cold, warm = (check_cached(content, SHOWN, cache=cache, jobs=2) for _ in range(2))
        assert warm.misses == 0 and _same(cold, fresh) and _same(warm, fresh), content


def test_a_missing_content_folder_is_reported_not_cached(tmp_path: Path) -> None:
    summary = check_cached(tmp_path / "nothing", "nothing", cache=tmp_path / "cache")
    assert [f.code for f in summary.findings] == ["JX-L010"] and not (tmp_path / "cache").exists()


def test_the_build_check_equals_the_full_check_whichever_folders_it_loads(tmp_path: Path) -> None:
    """``check_for_build``: findings, results and gating as check() gives them, whether a folder is loaded
    here (models kept, result stored) or taken from the cache; the models kept are check()'s reports."""
    from jixiao.cache.run import check_for_build
    from jixiao.sitegen.folderbuild import checked_of

    fixtures = [FIXTURES / "bad", FIXTURES / "lineage", FIXTURES / "standing", *sorted(FIXTURES.glob("forms/*/content"))]
    for content in [CONTENT, *fixtures]:
        full = check(content, SHOWN)
        fresh = summarize(full)
        cache = tmp_path / content.relative_to(CONTENT.parent).as_posix().replace("/", "-")
        for want in (lambda name, key: True, lambda name, key: False, lambda name, key: len(name) % 2 == 0):
            planned = check_for_build(content, SHOWN, cache=cache, want=want)
            assert _same(planned.summary, fresh) and planned.gating == full.gating, content
            loaded = checked_of(planned.site, planned.load(name for name, _ in planned.folders))
            assert loaded.reports == full.reports, content
        assert check_cached(content, SHOWN, cache=cache).misses == 0  # the build stored what it loaded


def test_workers_started_beside_other_threads_come_from_a_forkserver(monkeypatch: pytest.MonkeyPatch) -> None:
    """With another thread running (the preview's server when it restarts), the workers are not forked from
    this process (a lock that thread holds would be copied held) but from a forkserver, and the result is
    the full check's; alone, the default start method is kept."""
    import multiprocessing
    import threading

    asked: list[str | None] = []
    real = multiprocessing.get_context

    def recording(method: str | None = None) -> object:
        asked.append(method)
        return real(method)

    monkeypatch.setattr(multiprocessing, "get_context", recording)
    content = FIXTURES / "bad"  # ~100 folders: loaded in workers
    fresh = _fresh(content)
    counted = threading.active_count
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # alone (earlier tests may leave threads behind)
    assert _same(check_cached(content, SHOWN, cache=None, jobs=2), fresh)
    assert asked == [None]
    monkeypatch.setattr(threading, "active_count", counted)
    release = threading.Event()
    other = threading.Thread(target=release.wait, daemon=True)
    other.start()
    try:
        assert _same(check_cached(content, SHOWN, cache=None, jobs=2), fresh)
    finally:
        release.set()
        other.join()
    assert asked == [None, "forkserver"]
