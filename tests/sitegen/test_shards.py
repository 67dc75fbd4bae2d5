"""Shard builds and assembly against one whole build of the same content, byte for byte.

The content (``tests/shardsite.py``) is split by region into three shards (one of them the default part
for departments without a region) and then by year; each shard is built with ``jixiao build --shard``'s
pipeline into its own folder (real mkdocs-material builds with Pagefind) and the folders assembled.
The assembled site must hold exactly the files of the whole build with the same bytes, except the
files listed in :data:`DIFFERENT` (also listed in docs/shards.md): the search index, which is one
Pagefind bundle per shard, merged in the browser.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from jixiao import pipeline
from jixiao.check import blocking
from jixiao.cli import cli
from jixiao.sitegen.assemble import AssembleError
from jixiao.sitegen.manifest import NAME, read_manifest
from jixiao.sitegen.search import BUNDLE_DIR, SHARDS_FILE
from jixiao.sitegen.shardbuild import ShardError
from tests.conftest import ROOT
from tests.shardsite import REGIONS, YEARS, by_year, make_sharded
from tests.sitegen.conftest import build_example, tree_digest

CONFIG = ROOT / "mkdocs.yml"
#: Files of the assembled site that legitimately differ from the whole build's (prefixes).
DIFFERENT = (f"{BUNDLE_DIR}/",)


def _build_shards(content: Path, out: Path, names: tuple[str, ...]) -> list[Path]:
    folders = []
    for name in names:
        checked, shard, part = pipeline.plan_shard(content, "content", name)
        assert blocking(list(checked.gating), strict=False) == []
        folder = out / name
        pipeline.build_shard(shard, part, content, folder, CONFIG)
        folders.append(folder)
    return folders


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_sharded(tmp_path_factory.mktemp("sharded"))


@pytest.fixture(scope="module")
def whole(project: Path) -> Path:
    site = project.parent / "whole"
    build_example(site, project, search=True)
    return site


@pytest.fixture(scope="module")
def regions(project: Path) -> tuple[Path, list[Path]]:
    folders = _build_shards(project, project.parent / "region-shards", REGIONS)
    site = project.parent / "by-region"
    pipeline.assemble(folders, project, site, CONFIG)
    return site, folders


def _same_except_search(whole: Path, assembled: Path) -> None:
    mine = {p: d for p, d in tree_digest(whole).items() if not p.startswith(DIFFERENT)}
    theirs = {p: d for p, d in tree_digest(assembled).items() if not p.startswith(DIFFERENT)}
    assert sorted(set(mine) ^ set(theirs)) == []
    assert [p for p in mine if mine[p] != theirs[p]] == []


def test_cli_lists_the_shards(project: Path) -> None:
    """`jixiao shards` prints one name per line, sorted; --json one array for a CI matrix."""
    runner = CliRunner()
    lines = runner.invoke(cli, ["shards", "--content", str(project)])
    assert lines.exit_code == 0, lines.output
    assert tuple(lines.output.splitlines()) == tuple(sorted(REGIONS))
    as_json = runner.invoke(cli, ["shards", "--content", str(project), "--json"])
    assert json.loads(as_json.output) == sorted(REGIONS)


def test_assembled_by_region_equals_the_whole_build(whole: Path, regions: tuple[Path, list[Path]]) -> None:
    """Every page and data file of the assembled site has the whole build's bytes (sitemap included)."""
    site, _ = regions
    _same_except_search(whole, site)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "2021/datong-zonggonghui/" in sitemap and "minzheng" in sitemap


def test_every_shard_has_its_own_index_and_the_site_lists_them(regions: tuple[Path, list[Path]]) -> None:
    """One Pagefind bundle per shard: the first at pagefind/, the others under it, all in shards.json."""
    site, folders = regions
    listed = json.loads((site / BUNDLE_DIR / SHARDS_FILE).read_text(encoding="utf-8"))["bundles"]
    assert listed[0] == "./" and len(listed) == len(folders)
    for where in listed:
        assert (site / BUNDLE_DIR / where / "pagefind-entry.json").is_file()
    assert not (site / NAME).exists()
    for folder in folders:  # the site's list is its own file, not a hard link into the first shard's output
        assert json.loads((folder / BUNDLE_DIR / SHARDS_FILE).read_text(encoding="utf-8")) == {"bundles": ["./"]}


def test_the_site_routes_queries_to_shards_by_department_and_year(regions: tuple[Path, list[Path]]) -> None:
    """shards.json gives each bundle's report years and each shard's bundles; department-shards.json gives
    the shard of each department of the explorer's departments file, in its order (the names the search
    box reads are in that order), so a query naming a department searches that shard first."""
    from jixiao.render.explorer_data import DEPARTMENTS, NAMES
    from jixiao.sitegen.searchroutes import DEPARTMENT_SHARDS

    site, folders = regions
    listed = json.loads((site / BUNDLE_DIR / SHARDS_FILE).read_text(encoding="utf-8"))
    manifests = [read_manifest(f) for f in folders]
    assert listed["shards"] == [[n] for n in range(len(folders))]
    assert listed["years"] == [sorted({r.key[1] for r in m.reports}) for m in manifests]
    shards = json.loads((site / BUNDLE_DIR / DEPARTMENT_SHARDS).read_text(encoding="utf-8"))["departments"]
    rows = json.loads((site / DEPARTMENTS).read_text(encoding="utf-8"))["departments"]
    names = json.loads((site / NAMES).read_text(encoding="utf-8"))["names"]
    assert len(shards) == len(rows) == len(names) and [name for name, _ in rows] == names
    expected = {d.department.slug: n for n, m in enumerate(manifests) for d in m.departments}
    assert [str(expected[slug]) for _, slug in rows] == list(shards)  # one digit per department
    assert {names[i]: folders[int(s)].name for i, s in enumerate(shards)}["大同市妇女联合会"] == "省本级"


def test_manifests_split_reports_and_departments(project: Path, regions: tuple[Path, list[Path]]) -> None:
    """Each report and each department is in exactly one shard; the default part holds 妇联."""
    _, folders = regions
    manifests = {f.name: read_manifest(f) for f in folders}
    keys = [r.key for m in manifests.values() for r in m.reports]
    assert len(keys) == len(set(keys))
    depts = [d.department.slug for m in manifests.values() for d in m.departments]
    assert len(depts) == len(set(depts)) == sum(1 for p in project.iterdir() if (p / "department.yaml").is_file())
    assert {d.department.slug for d in manifests["省本级"].departments} == {"datong-fulian"}
    assert all(path.endswith((".html", ".json", ".csv")) for m in manifests.values() for path in m.files)


def test_assembled_by_year_equals_the_whole_build(project: Path, whole: Path, tmp_path: Path) -> None:
    """The same content split by year assembles to the same site."""
    content = tmp_path / "content"
    shutil.copytree(project, content)
    by_year(content)
    runner = CliRunner()
    names = runner.invoke(cli, ["shards", "--content", str(content)]).output.split()
    assert tuple(names) == YEARS
    site = tmp_path / "site"
    pipeline.assemble(_build_shards(content, tmp_path / "shards", YEARS), content, site, CONFIG)
    _same_except_search(whole, site)


def test_unknown_shard_and_no_shards(project: Path, tmp_path: Path) -> None:
    """An unknown name is a usage error naming the known ones; so is --shard without `shards:`."""
    with pytest.raises(ShardError, match="大同市"):
        pipeline.plan_shard(project, "content", "火星市")
    result = CliRunner().invoke(cli, ["build", "--content", str(project), "--shard", "火星市",
                                      "--site-dir", str(tmp_path / "x"), "--config", str(CONFIG)])
    assert result.exit_code == 2 and "火星市" in result.output
    assert not (tmp_path / "x").exists()
    with pytest.raises(ShardError, match="shards"):
        pipeline.plan_shard(ROOT / "content", "content", "2021")


def test_assemble_refuses_a_tampered_or_duplicated_shard(project: Path, regions: tuple[Path, list[Path]],
                                                         tmp_path: Path) -> None:
    """A changed owned file, a shard given twice, or a changed site.yaml: no site, the old one kept."""
    _, folders = regions
    copies = [tmp_path / f.name for f in folders]
    for f, c in zip(folders, copies, strict=True):
        shutil.copytree(f, c)
    page = next(c / p for c in copies for p in read_manifest(c).files if p.endswith(".html"))
    page.write_text(page.read_text(encoding="utf-8") + "<!-- changed -->", encoding="utf-8")
    site = tmp_path / "site"
    with pytest.raises(AssembleError, match="SHA-256"):
        pipeline.assemble(copies, project, site, CONFIG)
    assert not site.exists()
    with pytest.raises(AssembleError, match="两次"):
        pipeline.assemble([folders[0], folders[0]], project, site, CONFIG)
    content = tmp_path / "content"
    shutil.copytree(project, content)
    (content / "site.yaml").write_text((content / "site.yaml").read_text(encoding="utf-8").replace(
        "title: ", "title: 新"), encoding="utf-8")
    with pytest.raises(AssembleError, match=r"site\.yaml"):
        pipeline.assemble(folders, content, site, CONFIG)


def test_shard_key_follows_what_the_shard_shows(project: Path, tmp_path: Path) -> None:
    """`jixiao shards --key`: another region's prose leaves a region's key alone; a change to which reports
    are ranked (an indicator row removed there) moves this region's standings, so its key too."""
    content = tmp_path / "content"
    shutil.copytree(project, content, ignore=shutil.ignore_patterns(".git"))
    runner = CliRunner()

    def key(name: str) -> str:
        result = runner.invoke(cli, ["shards", "--content", str(content), "--key", name])
        assert result.exit_code == 0, result.output
        return result.output.strip()

    before = {name: key(name) for name in REGIONS}
    assert len(set(before.values())) == len(REGIONS)
    other = read_generated_department(content, "太原市")
    (content / other / "2023.md").write_text((content / other / "2023.md").read_text(encoding="utf-8") + "\n补充说明。\n",
                                             encoding="utf-8")
    assert key("大同市") == before["大同市"] and key("太原市") != before["太原市"]
    report = content / other / "2023.yaml"
    lines = report.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(n for n, line in enumerate(lines) if line.lstrip().startswith("- {name:") and "weight:" in line)
    report.write_text("".join(lines[:row] + lines[row + 1:]), encoding="utf-8")  # weights no longer add up: unranked
    assert key("大同市") != before["大同市"]


def read_generated_department(content: Path, region: str) -> str:
    """A generated department of ``region`` (it has 2021–2023 reports)."""
    return next(p.name for p in sorted(content.iterdir())
                if (p / "2023.yaml").is_file() and f"region: {region}" in (p / "department.yaml").read_text("utf-8"))


def test_build_shard_prints_its_reports_findings(project: Path, tmp_path: Path) -> None:
    """`jixiao build --shard` ends as `jixiao build` does: each of its reports' result line and findings, then
    the summary; another region's reports are not listed."""
    result = CliRunner().invoke(cli, ["build", "--content", str(project), "--shard", "太原市",
                                      "--site-dir", str(tmp_path / "out"), "--config", str(CONFIG)])
    assert result.exit_code == 0, result.output
    manifest = read_manifest(tmp_path / "out")
    slugs = {d.department.slug for d in manifest.departments}
    lines = result.output.splitlines()
    listed = [line.split("：")[0] for line in lines if line.startswith("== ")]
    assert len(listed) == len(manifest.reports) > 0
    assert all(any(f"/{slug}/" in line for slug in slugs) for line in listed), listed
    assert "datong-zonggonghui/" not in result.output  # 大同市's department
    assert lines[-2].startswith("共 ") and "已构建部分“太原市”" in lines[-1]


def _with_empty_region(project: Path, root: Path, region: str) -> Path:
    """A copy of ``project`` with one more department, in ``region``, that has no report yet."""
    content = root / "content"
    shutil.copytree(project, content, ignore=shutil.ignore_patterns(".git"))
    (content / "wanrong-caizhengju").mkdir()
    (content / "wanrong-caizhengju" / "department.yaml").write_text(
        f"name: 万荣县财政局\ncode: \"140000990001\"\nregion: {region}\n", encoding="utf-8")
    return content


def test_a_region_without_reports_builds_and_assembles(project: Path, regions: tuple[Path, list[Path]],
                                                        tmp_path: Path) -> None:
    """A region whose departments have no report yet is a shard like the others: it builds (no pages of its
    own, no search index, a manifest with its department and no report) and assembles; sorted first, the
    next shard's index becomes the primary one and the search still lists every other shard's index."""
    content = _with_empty_region(project, tmp_path, "万荣县")
    runner = CliRunner()
    names = runner.invoke(cli, ["shards", "--content", str(content)]).output.split()
    assert names == ["万荣县", *sorted(REGIONS)]
    out = tmp_path / "shards"
    result = runner.invoke(cli, ["build", "--content", str(content), "--shard", "万荣县",
                                 "--site-dir", str(out / "万荣县"), "--config", str(CONFIG)])
    assert result.exit_code == 0, result.output
    manifest = read_manifest(out / "万荣县")
    assert manifest.reports == () and [d.department.slug for d in manifest.departments] == ["wanrong-caizhengju"]
    assert not (out / "万荣县" / BUNDLE_DIR).exists()
    _, folders = regions
    site = tmp_path / "site"
    result = runner.invoke(cli, ["assemble", str(out / "万荣县"), *map(str, folders), "--content", str(content),
                                 "--site-dir", str(site), "--config", str(CONFIG)])
    assert result.exit_code == 0, result.output
    listed = json.loads((site / BUNDLE_DIR / SHARDS_FILE).read_text(encoding="utf-8"))["bundles"]
    assert listed[0] == "./" and len(listed) == len(folders)
    for where in listed:
        assert (site / BUNDLE_DIR / where / "pagefind-entry.json").is_file()
    assert "万荣县财政局" in (site / "departments" / "index.html").read_text(encoding="utf-8")


def test_shards_indexed_in_parts_are_searched_whole(project: Path, regions: tuple[Path, list[Path]],
                                                    tmp_path: Path) -> None:
    """A shard whose index is made in parts (``search_part_pages``) brings every part: the assembled
    ``shards.json`` lists each part of each shard, and together they index the pages of one index per shard."""
    raw = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    raw["docs_dir"] = str(ROOT / raw["docs_dir"])
    raw["theme"]["custom_dir"] = str(ROOT / raw["theme"]["custom_dir"])
    options = next(p["jixiao"] for p in raw["plugins"] if isinstance(p, dict) and "jixiao" in p)
    options["templates"] = [str(ROOT / t) for t in options["templates"]]
    options["search_part_pages"] = 2
    parted = tmp_path / "mkdocs.yml"
    parted.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    folders = [tmp_path / "shards" / name for name in REGIONS]
    for name, folder in zip(REGIONS, folders, strict=True):
        _, shard, part = pipeline.plan_shard(project, "content", name)
        pipeline.build_shard(shard, part, project, folder, parted)
    site = tmp_path / "site"
    pipeline.assemble(folders, project, site, parted)
    listed = json.loads((site / BUNDLE_DIR / SHARDS_FILE).read_text(encoding="utf-8"))["bundles"]
    expected = sum(len(json.loads((f / BUNDLE_DIR / SHARDS_FILE).read_text(encoding="utf-8"))["bundles"])
                   for f in folders)
    assert len(listed) == expected > len(REGIONS)
    assert any("/parts/" in where for where in listed[1:]) and any(w.startswith("parts/") for w in listed)
    # every part's report years, and each shard's parts, come along for the search box's routing
    routes = json.loads((site / BUNDLE_DIR / SHARDS_FILE).read_text(encoding="utf-8"))
    assert len(routes["years"]) == len(listed) and all(routes["years"])
    assert [i for group in routes["shards"] for i in group] == list(range(len(listed)))
    assert [len(g) for g in routes["shards"]] == [
        len(json.loads((f / BUNDLE_DIR / SHARDS_FILE).read_text(encoding="utf-8"))["bundles"]) for f in folders]

    def pages(site_dir: Path, bundles: list[str]) -> int:
        return sum(sum(int(lang["page_count"]) for lang in json.loads(
            (site_dir / BUNDLE_DIR / w / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"].values())
            for w in bundles)

    whole_site, _ = regions
    whole = json.loads((whole_site / BUNDLE_DIR / SHARDS_FILE).read_text(encoding="utf-8"))["bundles"]
    assert pages(site, listed) == pages(whole_site, whole)


def test_assemble_lists_every_part_of_a_shard_indexed_in_parts(tmp_path: Path) -> None:
    """A shard indexed in parts (``sitegen.searchparts``) brings every part's bundle into the site's list."""
    from jixiao.sitegen.assemble import _copy_search
    from jixiao.sitegen.manifest import Manifest

    def shard(name: str, parts: list[str]) -> tuple[Path, Manifest]:
        folder = tmp_path / name
        for where in parts:
            (folder / BUNDLE_DIR / where).mkdir(parents=True, exist_ok=True)
            (folder / BUNDLE_DIR / where / "pagefind-entry.json").write_text("{}", encoding="utf-8")
        (folder / BUNDLE_DIR / SHARDS_FILE).write_text(json.dumps({"bundles": parts}), encoding="utf-8")
        return folder, Manifest("1", name, "region", "0", "", (), ())

    work = tmp_path / "site"
    work.mkdir()
    _copy_search([shard("甲", ["./", "parts/2/"]), shard("乙", ["./"]), shard("丙", ["./", "parts/2/", "parts/3/"])],
                 work)
    listed = json.loads((work / BUNDLE_DIR / SHARDS_FILE).read_text(encoding="utf-8"))["bundles"]
    assert listed[0] == "./" and len(listed) == 6 and listed[1] == "parts/2/"
    assert [b for b in listed if b.endswith("parts/3/")] and len({b for b in listed}) == 6
    for where in listed:
        assert (work / BUNDLE_DIR / where / "pagefind-entry.json").is_file()
    # a list naming a folder outside the bundle is not trusted: that shard counts as one bundle
    evil = shard("丁", ["./", "../../etc/"])
    again = tmp_path / "again"
    again.mkdir()
    _copy_search([evil], again)
    assert json.loads((again / BUNDLE_DIR / SHARDS_FILE).read_text(encoding="utf-8"))["bundles"] == ["./"]


def test_region_ranks_come_from_the_check_cache(project: Path, tmp_path: Path) -> None:
    """A region shard ranks its reports among the whole site's: those standings are read through the check
    cache beside the content (which the workflow's first job fills with `jixiao check`), so a shard build
    does not re-check every region; they equal the standings of an uncached check."""
    from jixiao.cache.run import check_cached, default_cache
    from jixiao.domain.standing import standings_of

    content = tmp_path / "content"
    shutil.copytree(project, content, ignore=shutil.ignore_patterns(".git", ".jixiao-cache"))
    cache = default_cache(content)
    assert not cache.exists()
    _, _, part = pipeline.plan_shard(content, "content", REGIONS[0])
    folders = [p for p in content.iterdir() if (p / "department.yaml").is_file()]
    entries = list((cache / "check").glob("*/*.json"))
    assert len(entries) == len(folders)  # every folder of every region remembered
    warm = check_cached(content, "content", cache=cache)
    assert warm.hits == len(folders)  # a second shard (or `jixiao shards --key`) reads them back
    cold = check_cached(content, "content")
    assert cold.misses == len(folders) and cold.hits == 0
    ranked = [((str(r.key[0]), int(r.key[1]), str(r.key[2])), r.year, r.total) for r in cold.reports if r.ranked]
    checked, _, again = pipeline.plan_shard(content, "content", REGIONS[0])
    assert part.ranks == again.ranks == standings_of(ranked, checked.corpus.site.grade_bands)


def test_the_manifest_is_written_and_the_facts_let_go_before_pagefind(project: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind runs beside the build's process: by then the shard's manifest is on disk (with every owned
    file's digest) and the plugin holds none of its facts (reports, departments, the site's rankings); the
    index is made with the shard builds' part size (``searchparts.SHARD_PART_PAGES``)."""
    import gc

    from jixiao.sitegen import searchparts
    from jixiao.sitegen.plugin import JixiaoPlugin
    from jixiao.sitegen.searchrun import SearchRun

    seen: dict[str, object] = {}
    finish = SearchRun.finish

    def spy(self: SearchRun, departments: Path | None = None) -> object:  # Pagefind runs from here on (parts)
        seen["manifest"] = read_manifest(self.site_dir)
        seen["held"] = [(len(p.shard_facts), len(p.shard.departments), len(p.shard.ranks)) for p in gc.get_objects()
                        if isinstance(p, JixiaoPlugin) and p.shard is not None]
        seen["part pages"] = self.per_run
        return finish(self, departments)

    monkeypatch.setattr(SearchRun, "finish", spy)
    _, shard, part = pipeline.plan_shard(project, "content", REGIONS[0])
    built = pipeline.build_shard(shard, part, project, tmp_path / "part", CONFIG)
    manifest = seen["manifest"]
    assert isinstance(manifest, type(read_manifest(tmp_path / "part")))
    assert manifest == read_manifest(tmp_path / "part")  # written once, before the index, as it stays
    # written piece by piece, the same bytes as the whole manifest encoded at once
    from jixiao.sitegen.codec import encode

    text = json.dumps(encode(manifest), ensure_ascii=False, separators=(",", ":")) + "\n"
    assert (tmp_path / "part" / NAME).read_bytes() == text.encode("utf-8")
    assert built.reports == len(manifest.reports) > 0 and built.files == len(manifest.files) > 0
    assert not any(p.startswith(BUNDLE_DIR) for p in manifest.files)
    assert seen["held"] == [(0, 0, 0)] and seen["part pages"] == searchparts.SHARD_PART_PAGES
