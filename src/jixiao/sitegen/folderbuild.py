"""``jixiao build`` folder by folder: unchanged department folders come from the render cache.

Owns generating the site's files from a :class:`~jixiao.cache.run.Planned` check. For each department
folder whose render key (``sitegen.rendercache.folder_key``: its bytes, ``site.yaml``, jixiao, the
templates, its files' commits, the standings its reports print) has an entry, its pages (the department's
page too), data files and facts are taken from the cache: its reports are neither loaded, scored nor
rendered. The other folders are loaded and scored (:meth:`Planned.load`), rendered exactly as
:func:`jixiao.render.site.site_files` renders them (``shard_files``, ``department_facts`` and the
department's page of ``top_files``, folder by folder) and stored. The other site-wide pages and files
(home, years, departments, explorer, downloads, open data, method) are then made by
``render.site.top_files`` from every folder's facts; the indicator and lineage tables' CSV and XLSX (most
of that time) are taken from the cache when every folder's rows are those they were made from. The result
is what ``site_files`` gives for the whole content (``tests/sitegen/test_folderbuild.py`` and
``test_reuse.py`` compare every built file with a clean build).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from jixiao.cache.run import FolderModels, Planned, Summary
from jixiao.check import Checked, CheckedReport, attribute, place
from jixiao.domain.model import Corpus, SiteSettings
from jixiao.domain.standing import Standing, standings_of
from jixiao.load.revisions import histories
from jixiao.opendata.package import TABLE_FILES
from jixiao.opendata.tables import DATA_DIR, Cell
from jixiao.render.env import environment
from jixiao.render.facts import DepartmentFacts, ReportFacts, SiteFacts, department_facts
from jixiao.render.site import (
    GeneratedFile,
    Keep,
    Only,
    RenderSettings,
    asset_files,
    extension_files,
    published,
    shard_files,
    top_files,
)
from jixiao.sitegen import rendercache
from jixiao.sitegen.gitdates import file_commits
from jixiao.sitegen.search import SearchFacts, report_facts

__all__ = ["FolderPart", "Generated", "checked_of", "generate", "has_entry", "ranks_of"]

Key = tuple[str, int, str]


@dataclass(frozen=True, slots=True)
class FolderPart:
    """What one department folder made, as the preview keeps it (``generate(parts=True)``)."""

    paths: frozenset[str]  # its files: report, project and department pages, own data files
    reports: tuple[ReportFacts, ...]  # its published reports' facts, their table rows included
    #: its department's facts with their ``lineage_rows``, not their ``lineages`` (its page is in its files)
    department: DepartmentFacts | None


@dataclass(frozen=True, slots=True)
class Generated:
    files: list[GeneratedFile]  # every generated file, through ``keep``, by path
    site: SiteSettings
    search: dict[str, SearchFacts]  # report page source path -> search facts
    rendered: tuple[str, ...]  # the folders loaded and rendered (the others came from the cache)
    #: the extension files (open data, 数据下载, 报告一览, 复核方法) without their content: paths and nav titles
    extension: tuple[GeneratedFile, ...] = ()
    parts: dict[str, FolderPart] = field(default_factory=dict)  # by folder name, when asked for


def has_entry(content: Path, check_key: str | None) -> bool:
    """Whether the render cache holds an entry for the folder of ``check_key`` (maybe of another render key)."""
    return check_key is not None and rendercache.stored(rendercache.entry_path(content, check_key))


def checked_of(site: SiteSettings, models: Sequence[FolderModels]) -> Checked:
    """The folders ``models`` as :func:`jixiao.check.check` gives them (their reports, findings attributed)."""
    pairs = sorted(((r, c) for m in models for r, c in zip(m.reports, m.cards, strict=True)), key=lambda p: p[0].key)
    everything = sorted([*sorted((f for m in models for f in m.loading), key=place),
                         *(f for m in models for f in m.scoring)], key=place)
    reports = tuple(r for r, _ in pairs)
    attributed, other = attribute(reports, [c for _, c in pairs], everything)
    departments = tuple(m.department for m in models if m.department is not None)
    return Checked(Corpus(site, departments, reports), attributed, tuple(everything), other)


def ranks_of(summary: Summary, site: SiteSettings) -> dict[Key, Standing]:
    """The standings of the ranked reports of ``summary`` (as ``domain.standing.standings`` of their cards)."""
    ranked = ((r.key, r.year, r.total) for r in summary.reports if r.ranked)
    return standings_of((((str(k[0]), int(k[1]), str(k[2])), year, total) for k, year, total in ranked),
                        site.grade_bands)


def generate(planned: Planned, content: Path, settings: RenderSettings, keep: Keep, *,
             reuse: bool = True, parts: bool = False, linked: bool = False) -> Generated:
    """Every generated file of the site checked by ``planned``; each goes through ``keep`` as it is made.

    ``reuse``: False takes nothing from the cache (every folder rendered), but stores every folder.
    ``parts``: also what each folder made, its facts whole (``Generated.parts``, for the preview).
    ``linked``: the files taken from the cache come by path, to be hard-linked (``GeneratedFile.linked``:
    ``keep`` is then ``sitegen.staging.Staging.keep``), not with their content.
    """
    ranks = ranks_of(planned.summary, planned.site)
    by_folder: dict[str, dict[Key, Standing]] = {}
    for key, standing in ranks.items():
        by_folder.setdefault(key[0], {})[key] = standing
    commits = file_commits(content)
    base = rendercache.base_key(settings)
    render_keys: dict[str, str] = {}
    entries: dict[str, rendercache.Entry] = {}  # without the files' content: they are kept (staged) at once
    kept: list[GeneratedFile] = []
    paths: dict[str, frozenset[str]] = {}  # each folder's files (asked for with ``parts``)
    for name, check_key in planned.folders:
        if check_key is None:
            continue
        render_keys[name] = rendercache.folder_key(base, check_key, [*commits.get("", ()), *commits.get(name, ())],
                                                   by_folder.get(name, {}))
        if reuse and name not in planned.models:
            entry = rendercache.read(rendercache.entry_path(content, check_key), render_keys[name], load=not linked)
            if entry is not None:  # staged now: one folder's text in memory at a time
                kept.extend(keep(f) for f in entry.files)
                entries[name] = replace(entry, files=())
                paths[name] = frozenset(f.path for f in entry.files)
    rendered = tuple(name for name, _ in planned.folders if name not in entries)
    where = {name: rendercache.entry_path(content, k) for name, k in planned.folders if k is not None}

    def store(name: str, entry: rendercache.Entry) -> None:
        if name in where:
            rendercache.write(where[name], render_keys[name], entry)

    for name, (entry, files) in _render(planned, content, settings, keep, rendered, ranks, store).items():
        entries[name] = entry
        kept.extend(files)
        paths[name] = frozenset(f.path for f in files)
    order = [entries[name] for name, _ in planned.folders]
    entries.clear()  # ``order`` holds them now: ``_top`` lets each folder's rows go once read
    tables = rendercache.tables_key(base, (e.rows for e in order))
    rendercache.prune(content, (k for _, k in planned.folders if k is not None), tables)
    search = {page: facts for e in order for page, facts in e.search.items()}
    made = {name: _part(paths[name], e) for (name, _), e in zip(planned.folders, order, strict=True)} if parts else {}
    top, extension = _top(planned.site, order, settings, keep, content, tables, reuse)
    kept.extend(top)
    return Generated(sorted(kept, key=lambda f: f.path), planned.site, search, rendered, extension, made)


def _part(paths: frozenset[str], entry: rendercache.Entry) -> FolderPart:
    """A folder's part of the site from its entry, its facts with their table rows again."""
    rows, lineage = rendercache.rows_of(entry.rows)
    reports = tuple(replace(r, data=replace(r.data, indicator_rows=own)) for r, own in zip(entry.reports, rows,
                                                                                             strict=True))
    dept = None if entry.department is None else replace(entry.department, lineage_rows=lineage)
    return FolderPart(paths, reports, dept)


def _top(site: SiteSettings, entries: list[rendercache.Entry], settings: RenderSettings, keep: Keep,
         content: Path, tables: str, reuse: bool) -> tuple[list[GeneratedFile], tuple[GeneratedFile, ...]]:
    """The site-wide pages and files from the folders' facts (each department's page is in its folder's
    files), and the extension files without their content. The indicator and lineage tables' files come
    from the cache when the rows are those of ``tables``; else they are written from the folders' rows as
    they are read (:class:`_EntryRows`: the rows of 5,000 reports decoded at once took about 0.5 GB, the
    XLSX sheet's text as much again) and stored in the cache from those files. Empties ``entries`` as it
    reads them."""
    path = rendercache.tables_path(content, tables)
    made = rendercache.read(path, tables, load=True) if reuse else None
    reports: list[ReportFacts] = []
    departments: list[DepartmentFacts] = []
    rows: list[tuple[int, bool, bytes]] = []  # each folder's reports, whether it has a department, its rows
    entries.reverse()
    while entries:
        entry = entries.pop()  # in the given order
        reports.extend(entry.reports)
        if entry.department is not None:
            departments.append(entry.department)
        rows.append((len(entry.reports), entry.department is not None, entry.rows if made is None else b""))
    ready = None if made is None else {f.path.removeprefix(f"{DATA_DIR}/"): bytes(f.content) for f in made.files
                                       if isinstance(f.content, bytes)}
    folder = Path(tempfile.mkdtemp(prefix="jixiao-data-"))
    try:
        streamed = None if made is not None else _EntryRows.of(folder, reports, rows)
        if made is None and streamed is None:  # folders whose reports interleave by key: the rows held
            reports, departments = _with_rows(reports, departments, rows)
        del rows
        facts = SiteFacts(site, tuple(departments), tuple(sorted(reports, key=lambda r: r.key)), streamed,
                          tables=ready)
        del reports, departments, streamed
        years = frozenset(r.summary.year for r in facts.reports)
        extension = extension_files(facts, settings)
        skeleton = tuple(GeneratedFile(f.path, b"", f.nav_title, f.nav_order) for f in extension)
        if made is None:
            wanted = {f"{DATA_DIR}/{name}" for name in TABLE_FILES}
            fresh = tuple(f for f in extension if f.path in wanted)
            if len(fresh) == len(wanted):
                rendercache.write(path, tables, rendercache.Entry(fresh, (), None, {}, b""))
            del fresh
        out: list[GeneratedFile] = []
        extension.reverse()
        while extension:  # each let go once kept
            kept = keep(extension.pop())
            if kept.source is not None and folder in kept.source.parents:  # still wanted (the preview keeps all)
                kept = replace(kept, content=kept.source.read_bytes(), source=None)
            out.append(kept)
        # as ``top_files`` without ``extension`` makes them: the extension's paths and nav titles are what it reads
        out.extend(keep(f) for f in (*top_files(facts, settings, Only(years=years, indexes=True), skeleton),
                                     *asset_files(settings)))
        return out, skeleton
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _with_rows(reports: list[ReportFacts], departments: list[DepartmentFacts], rows: list[tuple[int, bool, bytes]],
               ) -> tuple[list[ReportFacts], list[DepartmentFacts]]:
    """The facts with their table rows put back, every folder's at once (``rows``: as :func:`_top` lists them)."""
    with_rows: list[ReportFacts] = []
    depts: list[DepartmentFacts] = []
    for count, has_department, encoded in rows:
        own, lineage = rendercache.rows_of(encoded)
        with_rows.extend(replace(r, data=replace(r.data, indicator_rows=mine))
                         for r, mine in zip(reports[len(with_rows):len(with_rows) + count], own, strict=True))
        if has_department:
            depts.append(replace(departments[len(depts)], lineage_rows=lineage))
    return with_rows, depts


@dataclass(frozen=True, slots=True)
class _EntryRows:
    """The rows of the site-wide indicator and lineage tables (``render.facts.TableRows``) read from the
    folders' encoded rows one folder at a time as the tables are written, in a whole build's order (reports
    by key, departments in the folders' order); ``folder``: where the site-wide data files are written."""

    folder: Path
    rows: tuple[bytes, ...]  # each folder's encoded rows (``rendercache.Entry.rows``), in the folders' order
    order: tuple[int, ...]  # the folders with reports, in the order of their reports' keys

    @classmethod
    def of(cls, folder: Path, reports: Sequence[ReportFacts], rows: Sequence[tuple[int, bool, bytes]],
           ) -> _EntryRows | None:
        """None when the reports in key order are not each folder's in turn, in the folder's order."""
        places: list[tuple[Key, int, int]] = []
        at = 0
        for n, (count, _, _) in enumerate(rows):
            places.extend((reports[at + j].key, n, j) for j in range(count))
            at += count
        in_order = [(n, j) for _, n, j in sorted(places)]
        order = tuple(n for n, j in in_order if j == 0)
        if in_order != [(n, j) for n in order for j in range(rows[n][0])]:
            return None
        return cls(folder, tuple(encoded for _, _, encoded in rows), order)

    def indicators(self) -> Iterator[tuple[Cell, ...]]:
        for n in self.order:
            yield from rendercache.indicator_rows_of(self.rows[n])

    def lineage(self) -> Iterator[tuple[Cell, ...]]:
        for encoded in self.rows:
            yield from rendercache.lineage_rows_of(encoded)


def _render(planned: Planned, content: Path, settings: RenderSettings, keep: Keep, names: Sequence[str],
            ranks: dict[Key, Standing], store: Callable[[str, rendercache.Entry], None],
            ) -> dict[str, tuple[rendercache.Entry, list[GeneratedFile]]]:
    """Load, score and render folders ``names`` (report and project pages, own data files, the department's
    page); each one is stored (``store``) as soon as it is rendered; returned are its entry without the
    files' content and its files as ``keep`` returned them."""
    if not names:
        return {}
    models = planned.load(names)
    for name in names:  # rendered now: the models are not needed afterwards
        planned.models.pop(name, None)
    checked = published(checked_of(planned.site, models))
    overall = [(item.report.key, content / item.report.department.slug / f"{item.report.year}.yaml")
               for item in checked.reports if not item.report.is_project]
    checked = replace(checked, histories=histories(content, overall) if overall else {})
    folder_of = {r.key: m.name for m in models for r in m.reports}
    grouped: dict[str, list[CheckedReport]] = {}
    for item in checked.reports:
        grouped.setdefault(folder_of[item.report.key], []).append(item)
    env = environment(settings.templates, settings.bytecode)
    out: dict[str, tuple[rendercache.Entry, list[GeneratedFile]]] = {}
    for m in models:
        items = tuple(grouped.get(m.name, ()))
        part = replace(checked, reports=items, corpus=replace(checked.corpus, reports=tuple(i.report for i in items)))
        whole: list[GeneratedFile] = []

        def collect(file: GeneratedFile, whole: list[GeneratedFile] = whole) -> GeneratedFile:
            whole.append(file)
            return keep(file)

        kept, facts = shard_files(part, settings, ranks, env, keep=collect)
        dept = None if m.department is None else department_facts(m.department, items)
        if dept is not None:  # its page, exactly as ``top_files`` renders it for the whole site
            only = Only(departments=frozenset({dept.department.slug}))
            kept.extend(collect(f) for f in top_files(SiteFacts(planned.site, (dept,), facts), settings, only, (), env))
        reports, bare, rows = rendercache.split(facts, dept)
        entry = rendercache.Entry(tuple(whole), reports, bare, report_facts(part), rows)
        store(m.name, entry)
        out[m.name] = (replace(entry, files=()), kept)
    return out
