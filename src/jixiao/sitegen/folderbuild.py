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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from jixiao.cache.run import FolderModels, Planned, Summary
from jixiao.check import Checked, CheckedReport, attribute, place
from jixiao.domain.model import Corpus, SiteSettings
from jixiao.domain.standing import Standing, standings_of
from jixiao.load.revisions import histories
from jixiao.opendata.package import TABLE_FILES
from jixiao.opendata.tables import DATA_DIR
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
    return check_key is not None and rendercache.entry_path(content, check_key).is_file()


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
             reuse: bool = True, parts: bool = False) -> Generated:
    """Every generated file of the site checked by ``planned``; each goes through ``keep`` as it is made.

    ``reuse``: False takes nothing from the cache (every folder rendered), but stores every folder.
    ``parts``: also what each folder made, its facts whole (``Generated.parts``, for the preview).
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
            entry = rendercache.read(rendercache.entry_path(content, check_key), render_keys[name])
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
    rows, lineage = rendercache.rows_of(entry)
    reports = tuple(replace(r, data=replace(r.data, indicator_rows=own)) for r, own in zip(entry.reports, rows,
                                                                                             strict=True))
    dept = None if entry.department is None else replace(entry.department, lineage_rows=lineage)
    return FolderPart(paths, reports, dept)


def _top(site: SiteSettings, entries: list[rendercache.Entry], settings: RenderSettings, keep: Keep,
         content: Path, tables: str, reuse: bool) -> tuple[list[GeneratedFile], tuple[GeneratedFile, ...]]:
    """The site-wide pages and files from the folders' facts (each department's page is in its folder's
    files), and the extension files without their content; the indicator and lineage tables' files from
    the cache when the rows are those of ``tables``.
    Empties ``entries`` as it reads them (each folder's encoded rows would otherwise stay in memory beside
    the decoded ones until the whole site's tables are written)."""
    path = rendercache.tables_path(content, tables)
    made = rendercache.read(path, tables) if reuse else None
    reports: list[ReportFacts] = []
    departments: list[DepartmentFacts] = []
    entries.reverse()
    while entries:
        entry = entries.pop()  # in the given order
        if made is None:  # the tables are made again: every folder's rows
            rows, lineage = rendercache.rows_of(entry)
            reports.extend(replace(r, data=replace(r.data, indicator_rows=own))
                           for r, own in zip(entry.reports, rows, strict=True))
            if entry.department is not None:
                departments.append(replace(entry.department, lineage_rows=lineage))
        else:
            reports.extend(entry.reports)
            if entry.department is not None:
                departments.append(entry.department)
    ready = None if made is None else {f.path.removeprefix(f"{DATA_DIR}/"): bytes(f.content) for f in made.files
                                       if isinstance(f.content, bytes)}
    facts = SiteFacts(site, tuple(departments), tuple(sorted(reports, key=lambda r: r.key)), tables=ready)
    years = frozenset(r.summary.year for r in facts.reports)
    out: list[GeneratedFile] = []
    wanted = {f"{DATA_DIR}/{name}" for name in TABLE_FILES}
    fresh: list[GeneratedFile] = []
    extension = extension_files(facts, settings)
    skeleton = tuple(GeneratedFile(f.path, b"", f.nav_title, f.nav_order) for f in extension)
    extension.reverse()
    while extension:  # each let go once kept
        file = extension.pop()
        if made is None and file.path in wanted:
            fresh.append(file)
        out.append(keep(file))
    if made is None and len(fresh) == len(wanted):
        rendercache.write(path, tables, rendercache.Entry(tuple(fresh), (), None, {}, b""))
    fresh.clear()
    # as ``top_files`` without ``extension`` makes them: the extension's paths and nav titles are what it reads
    out.extend(keep(f) for f in (*top_files(facts, settings, Only(years=years, indexes=True), skeleton),
                                 *asset_files(settings)))
    return out, skeleton


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
    env = environment(settings.templates)
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
