"""``jixiao build --shard NAME``: one part of a large site, built apart, with its manifest.

Owns what a shard build checks and writes. With ``shards: {by: region}`` it loads and checks only the
departments of its region (every ``department.yaml`` is still read) and takes the year rankings of the
whole site from the check cache (``jixiao.cache``: each department folder's compact result, so the
other regions' reports are never held in memory, and a warm cache answers in seconds); with
``{by: year}`` it checks the whole content (a department's cross-year hints and indicator lineages
need its other years) and keeps the year's reports. The mkdocs build (``sitegen.build.build_with``,
atomic like a whole build) renders the shard's report and project pages and each report's data files,
with the navigation's pages as stand-ins so every page's header is that of the whole site, and indexes
them with Pagefind into the shard's own ``pagefind/``; the manifest (``sitegen.manifest``) lists the
files the shard owns with their SHA-256 and the facts the site-wide pages need.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jixiao import __version__
from jixiao.check import Checked, check
from jixiao.domain.shards import BY_REGION, department_shard, shard_names_of, shard_of
from jixiao.domain.standing import Standing, standings, standings_of
from jixiao.load.survey import survey
from jixiao.render.facts import by_department, department_facts
from jixiao.render.site import published
from jixiao.sitegen.build import build_with
from jixiao.sitegen.manifest import Manifest, ShardPart, write_manifest
from jixiao.sitegen.plugin import JixiaoPlugin

__all__ = ["Built", "ShardError", "ShardPart", "build_shard", "plan_shard", "shard_key", "site_digest"]

Key = tuple[str, int, str]


class ShardError(Exception):
    """The site declares no shards, or no shard has this name (a usage error; the message is Chinese)."""


def site_digest(content: Path) -> str:
    """SHA-256 of ``site.yaml``: shards assembled together must have been built with the same one."""
    try:
        return hashlib.sha256((content / "site.yaml").read_bytes()).hexdigest()
    except OSError:
        return ""


def _whole_ranks(content: Path, shown: str, checked: Checked) -> dict[Key, Standing]:
    """The year standings of the whole site (a region shard's pages rank among every region's reports),
    from the check cache beside ``content`` that ``jixiao check`` fills (the workflow's first job does)."""
    from jixiao.cache.run import check_cached, default_cache

    summary = check_cached(content, shown, cache=default_cache(content))
    ranked = ((tuple(r.key), r.year, r.total) for r in summary.reports if r.ranked)
    return standings_of((((str(k[0]), int(k[1]), str(k[2])), year, total) for k, year, total in ranked),
                        checked.corpus.site.grade_bands)


def plan_shard(content: Path, shown: str, name: str) -> tuple[Checked, Checked, ShardPart]:
    """What shard ``name`` of ``content`` holds: (the content as checked for it, whose findings gate the
    build; its published reports only; the part). Raises :class:`ShardError`."""
    surveyed = survey(content, shown)
    rule = surveyed.site.shards
    if rule is None:
        raise ShardError("site.yaml 没有 shards 设置，不能分部分构建；请写 shards: {by: year} 或 shards: {by: region}，"
                         "或去掉 --shard 整站构建")
    names = shard_names_of(rule, surveyed.departments)
    if name not in names:
        raise ShardError(f"没有名为“{name}”的部分；本网站的部分：{'、'.join(names) or '（无）'}")
    if rule.by == BY_REGION:
        checked = check(content, shown, keep=lambda d: (d.region or rule.default) == name)
        ranks = _whole_ranks(content, shown, checked)
    else:
        checked = check(content, shown)
        ranks = standings(published(checked).scorecards, checked.corpus.site.grade_bands)
    shown_site = published(checked)
    grouped = by_department(shown_site.reports)
    owned = tuple(
        department_facts(dept, grouped.get(dept.slug, ())) for dept in checked.corpus.departments
        if department_shard(dept, (i.report.year for i in grouped.get(dept.slug, ()) if not i.report.is_project),
                            rule, names) == name)
    mine = tuple(item for item in shown_site.reports if shard_of(item.report, rule) == name)
    shard = replace(shown_site, reports=mine,
                    corpus=replace(shown_site.corpus, reports=tuple(item.report for item in mine)))
    return checked, shard, ShardPart(name, rule, ranks, owned)


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes as hex, read in 1 MB blocks (manifests list every shard file by it)."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Built:
    """What a shard build made, as ``jixiao build --shard`` reports it (the manifest itself is on disk)."""

    name: str
    reports: int  # reports and project tables
    files: int  # files the shard owns


def build_shard(shard: Checked, part: ShardPart, config_file: Path, site_dir: Path, content: Path, *,
                strict: bool = False) -> Built:
    """Build ``shard`` (from :func:`plan_shard`) into ``site_dir`` with its manifest; raises SiteBuildError.

    ``shard`` and ``part`` are handed to the plugin and not kept here: the models go once the pages are
    made, the facts (the manifest's content: at 2,500 reports a 76 MB file, several times that as objects)
    once the manifest is written, when every page is written and before Pagefind runs beside this process.
    """
    made: list[Built] = []
    handed = [(shard, part)]
    del shard, part

    def prepare(plugin: JixiaoPlugin) -> None:
        given, plugin.shard = handed.pop()
        plugin.use(given, content)
        plugin.written = write

    def write(plugin: JixiaoPlugin, work: Path) -> None:
        assert plugin.shard is not None
        part = plugin.shard
        files = {dest: file_sha256(work / dest) for dest in sorted(plugin.owned.values()) if dest}
        manifest = Manifest("jixiao-shard/1", part.name, part.rule.by, __version__, site_digest(content),
                            plugin.shard_facts, part.departments, files)
        write_manifest(manifest, work)
        made.append(Built(part.name, len(manifest.reports), len(files)))
        plugin.shard, plugin.shard_facts = replace(part, ranks={}, departments=()), ()

    build_with(config_file, site_dir, content, prepare, strict=strict)
    return made[0]


def _hash_tree(digest: Any, root: Path, folder: Path) -> None:
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not any(
            part.startswith(".") for part in p.relative_to(root).parts)):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(file_sha256(path).encode("ascii"))


def shard_key(content: Path, shown: str, name: str) -> str:
    """A SHA-256 (hex) over everything under ``content`` the output of shard ``name`` depends on.

    ``by: year``: every content file (a department's other years feed its hints and lineages). ``by:
    region``: ``site.yaml``, every file of the region's department folders, and the whole site's year
    standings of the region's reports (another region's scores move them), from the check cache.
    Unchanged key, same jixiao and templates: the shard's last output can be reused. Raises ShardError.
    """
    surveyed = survey(content, shown)
    rule = surveyed.site.shards
    if rule is None:
        raise ShardError("site.yaml 没有 shards 设置")
    names = shard_names_of(rule, surveyed.departments)
    if name not in names:
        raise ShardError(f"没有名为“{name}”的部分；本网站的部分：{'、'.join(names) or '（无）'}")
    digest = hashlib.sha256(f"{__version__}\0{rule.by}\0{name}\0".encode())
    if rule.by != BY_REGION:
        _hash_tree(digest, content, content)
        return digest.hexdigest()
    digest.update(site_digest(content).encode("ascii"))
    mine = sorted(dept.slug for dept, _ in surveyed.departments if (dept.region or rule.default) == name)
    for slug in mine:
        _hash_tree(digest, content, content / slug)
    from jixiao.cache.run import check_cached, default_cache

    summary = check_cached(content, shown, cache=default_cache(content))  # warm after the first shard's key
    ranked = [(tuple(r.key), r.year, r.total) for r in summary.reports if r.ranked]
    ranks = standings_of((((str(k[0]), int(k[1]), str(k[2])), year, total) for k, year, total in ranked),
                         surveyed.site.grade_bands)
    for key in sorted(k for k in ranks if k[0] in set(mine)):
        digest.update(repr((key, ranks[key])).encode("utf-8"))
    return digest.hexdigest()
