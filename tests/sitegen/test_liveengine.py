"""The incremental preview (``sitegen/liveengine.py`` with ``livecontent``, ``livepages``, ``livebuild``).

A project of generated reports (three departments, three years each), the example report and its project
tables goes through a sequence of edits: a narrative sentence, scores that change a total and a grade,
a new report, a deleted report, a YAML error then its fix, a department renamed (its name, then its
folder). After each edit the served folder holds exactly the files a clean ``jixiao build`` of the same
content writes, byte for byte, while the edits that only touch one department folder run no full build.
Each test runs twice: from a first start (cold caches), and from a restart after one (every folder's check
and pages from ``.jixiao-cache/``, no report loaded until an edit renders its folder).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from benchmarks.corpus import generate

from jixiao.check import check
from jixiao.sitegen.build import build_site
from jixiao.sitegen.liveengine import LiveSite
from tests.conftest import CONTENT, FIXTURES, ROOT

URL = "http://127.0.0.1:8000/"


def _config(where: Path, content: Path, site_url: str = "") -> Path:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / config["docs_dir"])
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "jixiao" in plugin:
            plugin["jixiao"] = {"content": content.relative_to(where).as_posix(), "templates": [str(ROOT / "templates")],
                                "search_index": False}
    if site_url:
        config["site_url"] = site_url
    path = where / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def make_content(content: Path) -> None:
    """Nine generated reports, the example report and the project tables of the projects fixture."""
    generate(content, 9, seed=3)
    shutil.copytree(CONTENT / "datong-zonggonghui", content / "datong-zonggonghui")
    shutil.copytree(FIXTURES / "projects-site" / "overlay", content, dirs_exist_ok=True)


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def assert_same_as_clean_build(served: Path, content: Path, work: Path) -> None:
    """Every file of ``served`` equals the one a clean build of ``content`` writes, and no file is missing."""
    clean = work / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    clean.mkdir()
    copy = clean / "content"
    shutil.copytree(content, copy)
    config = _config(clean, copy, site_url=URL)
    build_site(check(copy, "content"), config, clean / "site", copy)
    expected, got = tree(clean / "site"), tree(served)
    assert sorted(got) == sorted(expected)
    different = [path for path in expected if expected[path] != got[path]]
    assert different == []


@pytest.fixture(params=["cold", "warm"])
def live(request: pytest.FixtureRequest, tmp_path: Path,
         monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[LiveSite, Path]]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    content = tmp_path / "project" / "content"
    make_content(content)
    config = _config(tmp_path / "project", content)
    if request.param == "warm":  # a restart: the first start filled .jixiao-cache/
        assert LiveSite(config, tmp_path / "first", URL).start().errors == ()
    site = LiveSite(config, tmp_path / "served", URL)
    started = site.start()
    assert started.errors == () and site.state is not None
    if request.param == "warm":
        assert site.state.content.models == {}  # nothing loaded: every folder came from the caches
    site.settle()
    yield site, content


def _sub(path: Path, pattern: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    changed, n = re.subn(pattern, new, text, count=count)
    assert n, (path, pattern)
    path.write_text(changed, encoding="utf-8")


def _update(site: LiveSite, *paths: Path, full: bool = False) -> None:
    done = site.change(paths)
    assert done.errors == ()
    assert done.full is full, site.rebuilt
    site.settle()


def test_every_edit_leaves_what_a_clean_build_writes(live: tuple[LiveSite, Path], tmp_path: Path) -> None:
    site, content = live
    served = tmp_path / "served"
    assert_same_as_clean_build(served, content, tmp_path)
    dept = sorted(p for p in content.iterdir() if p.is_dir() and p.name.startswith(("huozhou", "quwo", "yuncheng")))

    # 1. a narrative sentence
    narrative = dept[0] / "2022.md"
    narrative.write_text(narrative.read_text(encoding="utf-8") + "\n编辑预览测试新增的一句话。\n", encoding="utf-8")
    _update(site, narrative)
    assert "编辑预览测试新增的一句话" in (served / "2022" / dept[0].name / "index.html").read_text(encoding="utf-8")
    assert_same_as_clean_build(served, content, tmp_path)

    # 2. actual values far below target: the total and the grade change (and the year's ranks move)
    report = dept[1] / "2023.yaml"
    before = {item.report.key: item.card for item in check(content, "content").reports}
    _sub(report, r'actual: "\d+(人次|次|人)"', r'actual: "1\1"', count=0)
    after = {item.report.key: item.card for item in check(content, "content").reports}
    key = (dept[1].name, 2023, "")
    assert after[key].total != before[key].total and after[key].grade != before[key].grade
    _update(site, report)
    assert_same_as_clean_build(served, content, tmp_path)

    # 3. a new report (a year the department did not have), 4. a deleted report
    new_yaml, new_md = dept[2] / "2020.yaml", dept[2] / "2020.md"
    new_yaml.write_text(re.sub(r"\b2021\b", "2020", (dept[2] / "2021.yaml").read_text(encoding="utf-8")),
                        encoding="utf-8")
    new_md.write_text((dept[2] / "2021.md").read_text(encoding="utf-8"), encoding="utf-8")
    _update(site, new_yaml, new_md)
    assert (served / "2020" / dept[2].name / "index.html").is_file()
    assert_same_as_clean_build(served, content, tmp_path)
    (dept[0] / "2021.yaml").unlink()
    (dept[0] / "2021.md").unlink()
    _update(site, dept[0] / "2021.yaml", dept[0] / "2021.md")
    assert not (served / "2021" / dept[0].name).exists()
    assert_same_as_clean_build(served, content, tmp_path)

    # 5. an error: nothing served changes, the error is kept for the banner; then its fix
    project = content / "datong-zonggonghui" / "2021" / "projects" / "gonghui-xinxihua.yaml"
    snapshot = tree(served)
    _sub(project, r"year: 2021", "year: [2021")
    broken = site.change([project])
    assert [f.code for f in broken.errors] == ["JX-Y001"] and site.errors == broken.errors
    assert str(broken.errors[0].loc).startswith("content/datong-zonggonghui/2021/projects/gonghui-xinxihua.yaml:")
    assert tree(served) == snapshot
    _sub(project, r"year: \[2021", "year: 2021")
    _sub(content / "datong-zonggonghui" / "2021.md", r"(\n)", r"\1改正错误之后新增的一句话。\n")
    _update(site, project, content / "datong-zonggonghui" / "2021.md")
    assert site.errors == ()
    assert_same_as_clean_build(served, content, tmp_path)

    # 6. a department renamed: its name, then its folder
    _sub(dept[1] / "department.yaml", r"name: (\S+)", r"name: \1（更名）")
    _update(site, dept[1] / "department.yaml")
    assert_same_as_clean_build(served, content, tmp_path)
    renamed = dept[1].with_name("renamed-dept")
    dept[1].rename(renamed)
    _update(site, dept[1] / "department.yaml", renamed / "department.yaml")
    assert not (served / "departments" / dept[1].name).exists()
    assert_same_as_clean_build(served, content, tmp_path)

    # 7. site.yaml: a full build, said so
    _sub(content / "site.yaml", r"title: (\S+)", r"title: \1（预览）")
    _update(site, content / "site.yaml", full=True)
    assert "site.yaml" in site.rebuilt
    assert_same_as_clean_build(served, content, tmp_path)


def test_warnings_are_kept_by_page(live: tuple[LiveSite, Path]) -> None:
    site, _ = live
    assert site.warnings  # the generated reports carry soft-target hints
    for url, found in site.warnings.items():
        assert url == "" or url.endswith("/")
        assert all(f.severity == "warning" for f in found)


def test_search_index_follows_and_is_swapped_in_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    content = tmp_path / "project" / "content"
    shutil.copytree(CONTENT, content)
    config = _config(tmp_path / "project", content)
    config.write_text(config.read_text(encoding="utf-8").replace("search_index: false", "search_index: true"),
                      encoding="utf-8")
    site = LiveSite(config, tmp_path / "served", URL)
    assert site.start().errors == () and site.search
    assert not (tmp_path / "served" / "pagefind").exists()  # not part of the first build: it follows
    assert site.reindex() == 1
    narrative = content / "datong-zonggonghui" / "2021.md"
    narrative.write_text(narrative.read_text(encoding="utf-8") + "\n搜索预览测试独有词语。\n", encoding="utf-8")
    site.change([narrative])
    site.settle()
    bundle = tmp_path / "served" / "pagefind"
    assert (bundle / "pagefind-entry.json").is_file() and not (tmp_path / "served" / "pagefind.new").exists()


def test_a_save_the_watcher_missed_is_checked_before_its_folder_is_rendered(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder saved while the preview started (before the watcher ran) is loaded only when its pages are
    rendered again (its ranks moved). It is then checked as a change, not rendered unchecked: a YAML error
    in it stops the preview with that error (its pages stay as they were served), and once it is fixed the
    served folder equals a clean build."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    content = tmp_path / "project" / "content"
    generate(content, 6, seed=3, years=2)
    config = _config(tmp_path / "project", content)
    assert LiveSite(config, tmp_path / "first", URL).start().errors == ()
    site = LiveSite(config, tmp_path / "served", URL)  # a restart: no folder loaded
    assert site.start().errors == () and site.state is not None
    site.settle()
    first, missed = sorted(p for p in content.iterdir() if p.is_dir())[:2]
    year = max(int(p.stem) for p in missed.glob("*.yaml") if p.stem.isdigit())
    broken = missed / f"{year}.yaml"
    good = broken.read_text(encoding="utf-8")
    broken.write_text(good.replace(f"year: {year}", f"year: [{year}", 1), encoding="utf-8")  # unseen
    page = tmp_path / "served" / str(year) / missed.name / "index.html"
    served = page.read_bytes()
    edited = first / f"{year}.yaml"  # seen: its total falls, the year's ranks move
    text, n = re.subn(r'actual: "\d+(人次|次|人)"', r'actual: "1\1"', edited.read_text(encoding="utf-8"))
    assert n
    edited.write_text(text, encoding="utf-8")
    assert site.change([edited]).errors == ()
    assert missed.name in site.state.pages.deferred  # its rank moved: its pages follow
    site.settle()
    assert [f.code for f in site.errors] == ["JX-Y001"]
    assert site.errors[0].loc.file == f"content/{missed.name}/{year}.yaml"
    assert page.read_bytes() == served  # nothing of the folder rendered from the unchecked file
    broken.write_text(good, encoding="utf-8")
    assert site.change([broken]).errors == ()
    site.settle()
    assert_same_as_clean_build(tmp_path / "served", content, tmp_path)
