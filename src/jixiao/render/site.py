"""Checked content -> every generated file of the site: the one function later stages extend.

:func:`site_files` returns each page (Markdown for mkdocs, its body mostly HTML rendered by our own
Jinja templates) and each asset, sorted by path. Stages that add files to the site (open data,
the search explorer) add their call in :func:`_extension_files`; the core pages are rendered after
them, so the home page can link to what they add. Output is a pure function of the inputs.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from jinja2 import Environment

from jixiao.check import Checked, report_files
from jixiao.domain.model import Corpus, SiteSettings
from jixiao.domain.policy import policy_for
from jixiao.domain.standing import Standing, grade_distribution_of, standings
from jixiao.opendata.package import report_data, site_data, write_site_data
from jixiao.opendata.tables import DATA_DIR
from jixiao.render import explorer, explorer_data, method, urls
from jixiao.render.context import Link, ReportSummary
from jixiao.render.downloads import data_links, downloads_page
from jixiao.render.env import environment
from jixiao.render.facts import ReportFacts, SiteFacts, by_department, department_facts, report_facts
from jixiao.render.indexes import (
    department_page,
    departments_page,
    home_page,
    project_summary,
    year_page,
    years_page,
)
from jixiao.render.project import TEMPLATE as PROJECT_TEMPLATE
from jixiao.render.project import project_description, project_page
from jixiao.render.report import report_description, report_page

#: Files copied from the template directories into the site unchanged.
ASSETS = ("assets/jixiao.css",)
_TITLE_UNSAFE = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "＇", "\n": " ", "\r": " "})


@dataclass(frozen=True, slots=True)
class GeneratedFile:
    """A file of the site: its path in the docs tree, its content, and its place in the top nav."""

    path: str
    content: str | bytes
    nav_title: str | None = None  # set for the few top-level pages that appear in the navigation
    nav_order: int = 0
    #: True for pages whose HTML blocks hold no blank line and no Markdown: the mkdocs plugin then
    #: passes them through verbatim instead of having Python-Markdown parse them (build speed).
    verbatim_html: bool = False
    #: set: the content is this file's (written to disk already; ``content`` is empty)
    source: Path | None = None
    #: ``source`` belongs to a cache (``sitegen.rendercache``): linked into the build, never moved or written
    linked: bool = False
    #: the hash of the content (hex), when known (``sitegen.staging`` and the render cache record it)
    digest: str = ""


@dataclass(frozen=True, slots=True)
class RenderSettings:
    """How to render: the template directories, searched in order (a deployment's own first)."""

    templates: tuple[Path, ...]
    #: content file (relative to content/) -> (first published, last changed) dates, from git (sitegen.gitdates)
    dates: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    #: where compiled templates are kept between builds (``render.env.environment``); None: not kept
    bytecode: Path | None = None


#: What the caller does with each report's page and data file as soon as it is made (``keep`` of
#: :func:`site_files` and :func:`shard_files`): the mkdocs plugin writes it to disk and keeps only its
#: path, so a big site's text is never in memory all at once. By default a file is kept as it is.
Keep = Callable[[GeneratedFile], GeneratedFile]


def _as_is(file: GeneratedFile) -> GeneratedFile:
    return file


def published(checked: Checked) -> Checked:
    """What the site shows: every report but drafts (``status: draft`` is checked, never published)."""
    keep = tuple(item for item in checked.reports if not item.report.draft)
    return replace(checked, corpus=replace(checked.corpus, reports=tuple(item.report for item in keep)), reports=keep)


def page_title(text: str) -> str:
    """A page title safe in mkdocs' (non-escaping) theme templates: markup characters made full-width."""
    return text.translate(_TITLE_UNSAFE)


class _PageContext(Protocol):
    @property
    def page_url(self) -> str: ...


def _page(env: Environment, template: str, context: _PageContext, title: str, wide: bool = False,
          description: str = "") -> str:
    """A page: front matter with its (safe) title and description, then the template rendered with ``ctx``.

    ``wide``: the theme's (empty) navigation sidebar is hidden, so a wide printed table gets the width.
    """
    hide = "hide:\n  - navigation\n" if wide else ""
    about = f"description: {json.dumps(page_title(description), ensure_ascii=False)}\n" if description else ""
    front = f"---\ntitle: {json.dumps(page_title(title), ensure_ascii=False)}\n{about}{hide}---\n\n"
    return front + env.get_template(template).render(ctx=context, page_url=context.page_url)


def _extension_files(facts: SiteFacts, settings: RenderSettings) -> list[GeneratedFile]:
    """Files other stages add to the site (open data, the search explorer)."""
    return [*_open_data(facts, settings), *_explorer_files(facts, settings), _method_file(facts.site, settings)]


def _method_file(site: SiteSettings, settings: RenderSettings) -> GeneratedFile:
    """复核方法: how this site checks the reports, from the policy in force."""
    ctx = method.method_page(policy_for(site)[0], site.grade_bands, site.title)
    page = _page(environment(settings.templates, settings.bytecode), "method.md.j2", ctx, ctx.title)
    return GeneratedFile(urls.source_path(ctx.page_url), page, nav_title=ctx.title, nav_order=50)


def _open_data(facts: SiteFacts, settings: RenderSettings) -> list[GeneratedFile]:
    """The site-wide data files under ``data/`` and the 数据下载 page (each report's own files are made
    with its page, :func:`shard_files`)."""
    reports = [r.data for r in facts.reports]
    files: list[GeneratedFile] = []
    listed: dict[str, tuple[int, str]] = {}
    if facts.rows is None:
        for path, content in site_data(facts.site, reports, [row for d in facts.departments for row in d.lineage_rows],
                                       facts.tables).items():
            files.append(GeneratedFile(path, content))
            listed[path] = (len(content), hashlib.sha256(content).hexdigest())
    else:  # jixiao assemble: written as the rows are read back, never held whole
        rows = facts.rows
        for path, written in write_site_data(rows.folder, facts.site, reports, rows.indicators, rows.lineage).items():
            files.append(GeneratedFile(path, b"", source=written.path))
            listed[path] = (written.size, written.sha256)
    first = facts.reports[0].data.digests if facts.reports else ()
    ctx = downloads_page(facts.site.title, len(facts.reports), listed, data_links(first))
    page = _page(environment(settings.templates, settings.bytecode), "downloads.md.j2", ctx, ctx.title)
    return [*files, GeneratedFile(urls.source_path(ctx.page_url), page, nav_title=ctx.title, nav_order=40)]


def _explorer_files(facts: SiteFacts, settings: RenderSettings) -> list[GeneratedFile]:
    """报告一览: the explorer's pages, its row files and its script and styles."""
    rows = tuple(sorted((r.explorer for r in facts.reports), key=explorer.default_order))
    return explorer_files(rows, facts.site, settings)


def explorer_files(rows: Sequence[explorer.ExplorerRow], site: SiteSettings,
                   settings: RenderSettings) -> list[GeneratedFile]:
    """报告一览 from its rows alone (a whole build's, or every shard's manifest rows when assembling)."""
    data, listed = explorer_data.row_files(rows)
    env = environment(settings.templates, settings.bytecode)
    pages = explorer.explorer_pages(rows, site.grade_bands, site.title, listed)
    return [
        *(GeneratedFile(urls.source_path(page.page_url), _page(env, explorer.TEMPLATE, page, page.title),
                        nav_title=explorer.TITLE if page.number == 1 else None, nav_order=30)
          for page in pages),
        *(GeneratedFile(path, content) for path, content in data.items()),
        *_assets(settings.templates, explorer.ASSETS),
    ]


def site_files(checked: Checked, settings: RenderSettings, keep: Keep = _as_is) -> list[GeneratedFile]:
    """Every generated page and asset of the site, sorted by path; each file passed through ``keep`` as it is made."""
    checked = published(checked)
    ranks = standings(checked.scorecards, checked.corpus.site.grade_bands)
    files, reports = shard_files(checked, settings, ranks, keep=keep)
    grouped = by_department(checked.reports)
    departments = tuple(department_facts(d, grouped.get(d.slug, ())) for d in checked.corpus.departments)
    files.extend(keep(f) for f in top_files(SiteFacts(checked.corpus.site, departments, reports), settings))
    return sorted(files, key=lambda f: f.path)


@dataclass(frozen=True, slots=True)
class Only:
    """A part of the site-wide pages (the preview's incremental rebuild, ``sitegen.livepages``).

    The pages it names are rendered exactly as :func:`top_files` renders them; the others are left out.
    """

    years: frozenset[int] = frozenset()
    departments: frozenset[str] = frozenset()  # department slugs
    indexes: bool = False  # the years, departments and home pages


def asset_files(settings: RenderSettings) -> list[GeneratedFile]:
    """The files :func:`top_files` copies from the template directories unchanged (:data:`ASSETS`)."""
    return _assets(settings.templates)


def extension_files(facts: SiteFacts, settings: RenderSettings) -> list[GeneratedFile]:
    """The files other stages add (open data, the explorer, 复核方法), as :func:`top_files` renders them."""
    return _extension_files(facts, settings)


def top_files(facts: SiteFacts, settings: RenderSettings, only: Only | None = None,
              extension: Sequence[GeneratedFile] | None = None, env: Environment | None = None,
              ) -> list[GeneratedFile]:
    """The site-wide pages and files, from :class:`~jixiao.render.facts.SiteFacts` alone: home, years,
    departments and each department's page, each year's page, the explorer, the downloads and the
    site-wide open data, the method page and the assets. ``jixiao assemble`` calls this with the facts of
    every shard's manifest; a whole build with the facts of the checked content.

    The preview passes ``extension`` (:func:`extension_files`, read for its paths and nav titles only:
    the files are then not in the result, nor the assets), ``only`` (render just those pages) and ``env``
    (a Jinja environment of ``settings.templates`` to reuse)."""
    env = env or environment(settings.templates, settings.bytecode)
    site = facts.site
    bands = site.grade_bands
    corpus = Corpus(site, tuple(d.department for d in facts.departments))
    files = _extension_files(facts, settings) if extension is None else []
    nav_files = files if extension is None else extension
    extra = {f.path for f in nav_files}
    # the header search (sitegen.search) opens with ?q= on any page: the home page's form sends it home
    search_url = urls.HOME if urls.source_path(urls.EXPLORER) in extra else None
    links = [Link(urls.page_url(f.path) or "", f.nav_title) for f in sorted(nav_files, key=lambda f: f.nav_order)
             if f.nav_title and urls.page_url(f.path) is not None]

    summaries = [r.summary for r in facts.reports if not r.project]
    projects = [r.summary for r in facts.reports if r.project]
    by_year: dict[int, list[ReportSummary]] = defaultdict(list)
    by_dept: dict[str, list[ReportSummary]] = defaultdict(list)
    for s in summaries:
        by_year[s.year].append(s)
        by_dept[s.department.url].append(s)
    projects_by_year: dict[int, list[ReportSummary]] = defaultdict(list)
    projects_by_dept: dict[str, list[ReportSummary]] = defaultdict(list)
    for p in projects:
        projects_by_year[p.year].append(p)
        projects_by_dept[p.department.url].append(p)

    scored = bool(facts.reports)
    for year in sorted({*by_year, *projects_by_year}):
        if only is not None and year not in only.years:
            continue
        graded = [(r.claimed_grade, r.grade) for r in facts.reports if r.ranked and r.summary.year == year]
        ctx = year_page(year, by_year.get(year, ()), bands, site.title, scored, projects_by_year.get(year, ()),
                        grade_distribution_of(graded, bands))
        files.append(GeneratedFile(urls.source_path(ctx.page_url), _page(env, "year.md.j2", ctx, ctx.title),
                                   verbatim_html=True))
    for dfacts in facts.departments:
        dept = dfacts.department
        if only is not None and dept.slug not in only.departments:
            continue
        key = urls.department(dept.slug)
        dctx = department_page(dept, by_dept.get(key, ()), site.title, projects_by_dept.get(key, ()), dfacts.lineages)
        files.append(GeneratedFile(urls.source_path(dctx.page_url), _page(env, "department.md.j2", dctx,
                                                                            dctx.title), verbatim_html=True))
    if only is not None and not only.indexes:
        return files
    yctx = years_page(by_year, bands, site.title, projects_by_year)
    files.append(GeneratedFile(urls.source_path(yctx.page_url), _page(env, "years.md.j2", yctx, yctx.title),
                               nav_title="年度", nav_order=10, verbatim_html=True))
    dsctx = departments_page(corpus, {d.slug: by_dept.get(urls.department(d.slug), ()) for d in corpus.departments},
                             site.title, {d.slug: projects_by_dept.get(urls.department(d.slug), ())
                                          for d in corpus.departments})
    files.append(GeneratedFile(urls.source_path(dsctx.page_url),
                               _page(env, "departments.md.j2", dsctx, dsctx.title), nav_title="部门", nav_order=20,
                               verbatim_html=True))
    hctx = home_page(corpus, summaries, bands, search_url, links, projects)
    files.append(GeneratedFile(urls.source_path(hctx.page_url), _page(env, "home.md.j2", hctx, "首页"),
                               nav_title="首页", nav_order=0, verbatim_html=True))
    if extension is None:
        files.extend(_assets(settings.templates))
    return sorted(files, key=lambda f: f.path)


def shard_files(checked: Checked, settings: RenderSettings, ranks: Mapping[tuple[str, int, str], Standing],
                env: Environment | None = None, keep: Keep = _as_is,
                ) -> tuple[list[GeneratedFile], tuple[ReportFacts, ...]]:
    """The pages and own data files of the published reports of ``checked`` (a whole site or one shard),
    and their :class:`~jixiao.render.facts.ReportFacts`; ``ranks`` are the standings among the whole site.
    Each file goes through ``keep`` as soon as it is made."""
    env = env or environment(settings.templates, settings.bytecode)
    bands = checked.corpus.site.grade_bands
    files = _report_pages(checked, env, settings.dates, ranks, keep)
    facts: list[ReportFacts] = []
    for item in checked.reports:
        data, own = report_data(item, ranks.get(item.report.key), checked.histories.get(item.report.key))
        files.extend(keep(GeneratedFile(f"{DATA_DIR}/{path}", content)) for path, content in own.items())
        facts.append(report_facts(item, bands, data))
    return files, tuple(facts)


def _report_pages(checked: Checked, env: Environment, dates: Mapping[str, tuple[str, str]],
                  ranks: Mapping[tuple[str, int, str], Standing], keep: Keep) -> list[GeneratedFile]:
    """The page of every report, overall and project.

    An overall report's page lists the department's project tables of its year; a project's page
    links back to that overall report when one is published.
    """
    site = checked.corpus.site
    bands = site.grade_bands
    overall = {item.report.key[:2]: item for item in checked.reports if not item.report.is_project}
    projects: dict[tuple[str, int], list[ReportSummary]] = defaultdict(list)
    files: list[GeneratedFile] = []
    for item in checked.reports:
        if not item.report.is_project:
            continue
        owner = overall.get(item.report.key[:2])
        back = Link(urls.of(owner.report.key), f"{owner.report.year} 年度部门整体支出绩效自评报告") if owner else None
        pctx = project_page(item.card, bands, site.title, item.findings, site.show_audit, back)
        page = _page(env, PROJECT_TEMPLATE, pctx, pctx.title, wide=True, description=project_description(pctx))
        files.append(keep(GeneratedFile(urls.source_path(pctx.page_url), page, verbatim_html=True)))
        projects[item.report.key[:2]].append(project_summary(item.card, bands))
    for key, item in overall.items():
        listed = tuple(sorted(projects.get(key, ()), key=lambda p: (p.link.text, p.link.url)))
        context = replace(report_page(item.card, bands, site.title, item.findings, site.show_audit,
                                      ranks.get(item.report.key), checked.histories.get(item.report.key)),
                          projects=listed)
        # a report's files are <department>/<year>.yaml|.md under content/, whatever the content's label
        days = [d for name in report_files(item.report) if (d := dates.get("/".join(name.split("/")[-2:])))]
        if days:
            context = replace(context, published=min(d[0] for d in days), updated=max(d[1] for d in days))
        files.append(keep(GeneratedFile(urls.source_path(context.page_url), _page(
            env, "report.md.j2", context, context.title, description=report_description(context)),
            verbatim_html=True)))
    return files


def _assets(template_dirs: Sequence[Path], names: Sequence[str] = ASSETS) -> list[GeneratedFile]:
    found: list[GeneratedFile] = []
    for name in names:
        path = next((d / name for d in template_dirs if (d / name).is_file()), None)
        if path is None:
            raise FileNotFoundError(f"template asset {name} not found in {[str(d) for d in template_dirs]}")
        found.append(GeneratedFile(name, path.read_bytes()))
    return found
