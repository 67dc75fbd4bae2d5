"""``jixiao assemble``: shard outputs -> one site, with one search over every shard.

Owns the assembly. It reads each shard folder's manifest (``sitegen.manifest``) and ``site.yaml`` —
never a report — and refuses shards built with another jixiao version or another ``site.yaml``, two
shards of the same name, or a report or department claimed by two shards. The site-wide pages (home,
years, departments and each department's page, each year's page, the explorer, downloads with the
merged open data: site-wide CSV/XLSX/JSON tables, one ``datapackage.json``, one ``SHA256SUMS``) are
rendered from the manifests' facts by the same function a whole build uses (``render.site.top_files``)
in an ordinary mkdocs build, atomic like ``jixiao build`` (``sitegen.build.build_with``). The rows of
the two big tables (``indicators``, ``lineage``) are not kept with the facts: they go to a scratch file
as each manifest is read and the tables are written from it row by row (``sitegen.tablerows``), so the
assembly's memory grows with the summaries the pages show, not with the province's rows. Before the
swap, the files each shard owns are copied in (hard links when the shard folder is on the same file
system), each checked against its manifest's SHA-256; the shards' Pagefind bundles are placed at
``pagefind/`` (the first shard's: the primary the header search loads) and ``pagefind/shards/<id>/``
(the others; ``pagefind/shards.json`` lists every bundle relative to ``pagefind/``, the primary
``./`` first, with what the search box routes a query by: ``sitegen.searchroutes``); and ``sitemap.xml`` gets the shards' pages, in the whole build's order.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jixiao import __version__
from jixiao.domain.model import SiteSettings
from jixiao.domain.shards import shard_id
from jixiao.load.content import Loader
from jixiao.render import explorer_data
from jixiao.render.facts import SiteFacts, TableRows
from jixiao.sitegen import searchroutes
from jixiao.sitegen.build import build_with
from jixiao.sitegen.manifest import Manifest, ManifestError, RowSink, read_manifest
from jixiao.sitegen.plugin import JixiaoPlugin
from jixiao.sitegen.search import BUNDLE_DIR, SHARDS_FILE
from jixiao.sitegen.shardbuild import file_sha256, site_digest
from jixiao.sitegen.tablerows import SpilledRows

__all__ = ["AssembleError", "Assembled", "assemble", "read_shards"]

_URL_BLOCK = re.compile(r"\n    <url>\n         <loc>([^<]*)</loc>.*?</url>", re.S)


class AssembleError(Exception):
    """The shard folders cannot be assembled (the message is Chinese)."""


@dataclass(frozen=True, slots=True)
class Assembled:
    shards: int
    reports: int
    files: int  # files copied from the shards


def read_shards(folders: Sequence[Path], content: Path, rows: RowSink | None = None) -> list[tuple[Path, Manifest]]:
    """Each folder's manifest, checked to belong together; raises :class:`AssembleError`. ``rows``: the
    manifests' rows of the site-wide tables go there, not into the manifests returned."""
    if not folders:
        raise AssembleError("没有给出任何部分的输出目录")
    shards: list[tuple[Path, Manifest]] = []
    problems: list[str] = []
    for folder in folders:
        try:
            shards.append((folder, read_manifest(folder, rows)))
        except ManifestError as err:
            problems.append(str(err))
    digest = site_digest(content)
    names: dict[str, Path] = {}
    keys: dict[tuple[str, int, str], str] = {}
    depts: dict[str, str] = {}
    for folder, m in shards:
        if m.version != __version__:
            problems.append(f"{folder}（部分“{m.shard}”）由 jixiao {m.version} 构建，本次用的是 {__version__}；请用同一版本重新构建")
        if m.site_sha256 != digest:
            problems.append(f"{folder}（部分“{m.shard}”）构建时的 site.yaml 与现在的不同；请重新构建该部分")
        if m.by != shards[0][1].by:
            problems.append(f"{folder} 按 {m.by} 分部分，{shards[0][0]} 按 {shards[0][1].by}：不能合在一起")
        if m.shard in names:
            problems.append(f"部分“{m.shard}”出现了两次：{names[m.shard]} 和 {folder}")
        names[m.shard] = folder
        for r in m.reports:
            if r.key in keys and keys[r.key] != m.shard:
                problems.append(f"报告 {'/'.join(map(str, r.key))} 同时在部分“{keys[r.key]}”和“{m.shard}”中")
            keys[r.key] = m.shard
        for d in m.departments:
            if d.department.slug in depts and depts[d.department.slug] != m.shard:
                problems.append(f"部门 {d.department.slug} 同时在部分“{depts[d.department.slug]}”和“{m.shard}”中")
            depts[d.department.slug] = m.shard
    if problems:
        raise AssembleError("\n".join(problems))
    return sorted(shards, key=lambda pair: pair[1].shard)


def _site(content: Path, shown: str) -> SiteSettings:
    loader = Loader(content, shown)
    site = loader.site()
    errors = [f for f in loader.findings if f.severity.value == "error"]
    if errors:
        raise AssembleError("\n".join(f.format() for f in errors))
    return site


def site_facts(site: SiteSettings, shards: Sequence[tuple[Path, Manifest]], rows: TableRows | None = None,
               ) -> SiteFacts:
    """The whole site's facts from every shard's manifest, in a whole build's order."""
    departments = sorted((d for _, m in shards for d in m.departments), key=lambda d: d.department.slug)
    reports = sorted((r for _, m in shards for r in m.reports), key=lambda r: r.key)
    return SiteFacts(site, tuple(departments), tuple(reports), rows)


def _place(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _copy_owned(shards: Sequence[tuple[Path, Manifest]], work: Path) -> int:
    copied = 0
    for folder, m in shards:
        for path, digest in sorted(m.files.items()):
            source, target = folder / path, work / path
            if ".." in Path(path).parts or Path(path).is_absolute():
                raise AssembleError(f"{folder} 的清单列出了目录之外的文件 {path}")
            if not source.is_file() or file_sha256(source) != digest:
                raise AssembleError(f"{source} 缺失或与清单中的 SHA-256 不符：该部分的输出不完整或被改动，请重新构建")
            if target.exists():
                raise AssembleError(f"{path} 既是部分“{m.shard}”的文件，又是另一部分或全站页面的文件")
            _place(source, target)
            copied += 1
    return copied


def _copy_search(shards: Sequence[tuple[Path, Manifest]], work: Path) -> None:
    """The first shard's bundle at ``pagefind/``, the others under it, listed for the search box with
    what it routes queries by (``sitegen.searchroutes``): each bundle's report years, each shard's
    bundles, each department's shard (with every part of a shard indexed in parts: ``sitegen.searchparts``)."""
    bundle = work / BUNDLE_DIR
    if bundle.exists():
        shutil.rmtree(bundle)
    merged: list[str] = []
    years: list[list[int]] | None = []
    groups: list[list[int]] = []
    shard_of: dict[str, int] = {}
    for folder, m in shards:
        source = folder / m.search
        if not source.is_dir():
            continue  # built with search_index: false, or a shard without published reports
        where = "" if not bundle.exists() else f"shards/{shard_id(m.shard)}/"
        shutil.copytree(source, bundle / where if where else bundle, copy_function=_link_or_copy)
        parts, part_years = _bundles(source)
        if part_years is None and len(parts) == 1:  # one bundle: the shard's report years
            part_years = [sorted({r.key[1] for r in m.reports})]
        years = years + part_years if years is not None and part_years is not None else None
        shard_of.update((d.department.slug, len(groups)) for d in m.departments)
        groups.append(list(range(len(merged), len(merged) + len(parts))))
        merged.extend(where + part.removeprefix("./") or "./" for part in parts)
    if bundle.exists():
        listing = bundle / SHARDS_FILE
        listing.unlink(missing_ok=True)  # a hard link to the first shard's own list: leave that one alone
        listing.write_text(searchroutes.listing(merged, years, groups), encoding="utf-8")
        departments = work / explorer_data.DEPARTMENTS
        if departments.is_file():
            rows = json.loads(departments.read_text(encoding="utf-8"))["departments"]
            text = searchroutes.department_shards(rows, shard_of)
            (bundle / searchroutes.DEPARTMENT_SHARDS).write_text(text, encoding="utf-8")


def _bundles(source: Path) -> tuple[list[str], list[list[int]] | None]:
    """The bundles a shard's search is made of, relative to its bundle directory (its ``shards.json``;
    ``./`` alone when it has none or names a path outside the bundle), and the report years of each
    when the list gives them."""
    try:
        listed = json.loads((source / SHARDS_FILE).read_text(encoding="utf-8"))
        bundles = listed["bundles"]
    except (OSError, ValueError, KeyError, TypeError):
        return ["./"], None
    if not isinstance(bundles, list) or not bundles or bundles[0] != "./":
        return ["./"], None
    safe = [b for b in bundles if isinstance(b, str) and b.endswith("/") and not b.startswith("/")
            and ".." not in Path(b).parts and (source / b).is_dir()]
    if len(safe) != len(bundles):
        return ["./"], None
    years = listed.get("years")
    valid = (isinstance(years, list) and len(years) == len(safe)
             and all(isinstance(y, list) and all(isinstance(n, int) for n in y) for y in years))
    return safe, years if valid else None


def _link_or_copy(source: str, target: str) -> None:
    _place(Path(source), Path(target))


def _source_of(loc: str, base: str) -> str:
    rel = loc[len(base):] if loc.startswith(base) else loc
    return f"{rel}index.md" if rel.endswith("/") or not rel else rel


def _merge_sitemap(shards: Sequence[tuple[Path, Manifest]], work: Path, plugin: JixiaoPlugin, base: str) -> None:
    """``sitemap.xml`` (and ``.gz``) with every shard's pages, ordered as mkdocs orders a whole build's."""
    path = work / "sitemap.xml"
    if not path.is_file() or not base:
        return
    text = path.read_text(encoding="utf-8")
    generated = {f.path for f in plugin.generated}
    own = [(m.group(1), m.group(0)) for m in _URL_BLOCK.finditer(text)]
    docs = [block for loc, block in own if _source_of(loc, base) not in generated]
    pages = {loc: block for loc, block in own if _source_of(loc, base) in generated}
    for folder, m in shards:
        owned = {_source_of(base + p.removesuffix("index.html"), base) for p in m.files if p.endswith(".html")}
        shard_map = folder / "sitemap.xml"
        if shard_map.is_file():
            for found in _URL_BLOCK.finditer(shard_map.read_text(encoding="utf-8")):
                if _source_of(found.group(1), base) in owned:
                    pages[found.group(1)] = found.group(0)
    head, _, _ = text.partition("\n    <url>")
    blocks = docs + [pages[loc] for loc in sorted(pages, key=lambda loc: _source_of(loc, base))]
    merged = head + "".join(blocks) + "\n</urlset>"
    path.write_text(merged, encoding="utf-8")
    gz = work / "sitemap.xml.gz"
    if gz.is_file():
        with gzip.open(gz, "rb") as f:
            f.read()
            mtime = f.mtime or 0
        with gz.open("wb") as raw, gzip.GzipFile(fileobj=raw, filename=str(gz), mode="wb", mtime=mtime) as out:
            out.write(merged.encode("utf-8"))


def assemble(folders: Sequence[Path], config_file: Path, site_dir: Path, content: Path, *, shown: str = "content",
             strict: bool = False) -> Assembled:
    """Assemble the shard outputs in ``folders`` into ``site_dir``, atomically.

    Raises :class:`AssembleError` (shards that do not belong together) or ``SiteBuildError``.
    """
    site_dir.resolve().parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.assemble-", dir=site_dir.resolve().parent))
    rows = SpilledRows(scratch)
    try:
        shards = read_shards(folders, content, rows)
        site = _site(content, shown)
        facts = site_facts(site, shards, rows)
        copied: list[int] = []

        def prepare(plugin: JixiaoPlugin) -> None:
            plugin.config.content = str(content.resolve())
            plugin.assembly = facts

        def finish(plugin: JixiaoPlugin, work: Path) -> None:
            copied.append(_copy_owned(shards, work))
            _copy_search(shards, work)
            _merge_sitemap(shards, work, plugin, plugin.site_url)

        build_with(config_file, site_dir, content, prepare, strict=strict, finish=finish)
        return Assembled(len(shards), len(facts.reports), copied[0] if copied else 0)
    finally:
        rows.close()
        shutil.rmtree(scratch, ignore_errors=True)

