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
