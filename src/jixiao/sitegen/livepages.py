"""The preview's generated files, kept: after an edit, render only the pages the edit can change.

Owns deciding what an edit touches. :class:`LivePages` holds the facts of the content last rendered
(each report's and department's, as :class:`~jixiao.render.facts.SiteFacts` gathers them), the
standings, each report page's search facts and every generated file (path -> content); it starts from
what ``jixiao build``'s folder-by-folder generation made (``sitegen.folderbuild``: unchanged folders from
the render cache), and renders from the models of only the folders it renders (``sitegen.livecontent``
loads them). :meth:`LivePages.core` takes the department folders that changed and
renders, through the functions the full build uses (``render.site.shard_files`` and ``top_files`` with
``Only``), the reports of those folders (pages and own data files) and their department pages and, when
what the lists show of those reports changed (a total, a grade, a name; a report added or gone), the year
pages concerned and the years, departments and home pages. The other reports whose standing (rank among
the year's reports) moved are rendered right after, a few folders at a time (:meth:`LivePages.catch_up`),
so a total that passes many others does not hold up its own page. :meth:`LivePages.extensions` does the
same for the whole-site files (open data, 数据下载, 报告一览, 复核方法), which the preview refreshes once
the editor pauses. Each returns the files whose text differs and the paths that are gone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from jixiao.check import Checked
from jixiao.domain.revisions import History
from jixiao.load.revisions import histories
from jixiao.render import urls
from jixiao.render.env import environment
from jixiao.render.facts import DepartmentFacts, ReportFacts, SiteFacts, by_department, department_facts
from jixiao.render.site import (
    GeneratedFile,
    Only,
    RenderSettings,
    asset_files,
    extension_files,
    shard_files,
    top_files,
)
from jixiao.sitegen.folderbuild import Generated
from jixiao.sitegen.livecontent import LiveContent
from jixiao.sitegen.search import SearchFacts, report_facts

__all__ = ["Changes", "LivePages"]

Key = tuple[str, int, str]


@dataclass(frozen=True, slots=True)
class Changes:
    """What to write: files whose content changed or that are new, and paths that are gone."""

    files: tuple[GeneratedFile, ...] = ()
    removed: frozenset[str] = frozenset()


def _report_histories(content: Path, checked: Checked) -> dict[Key, History]:
    """The 修订记录 of the overall reports of ``checked``, as the plugin reads them."""
    overall = [(item.report.key, content / item.report.department.slug / f"{item.report.year}.yaml")
               for item in checked.reports if not item.report.is_project]
    return histories(content, overall) if overall else {}


def _bare(departments: Iterable[DepartmentFacts]) -> list[DepartmentFacts]:
    """Departments as the lists show them: without their lineages (only their own page shows those)."""
    return [replace(d, lineages=()) for d in departments]


def _listed(facts: ReportFacts) -> tuple[object, ...]:
    """What the year, years, departments and home pages show of a report (not its data or explorer row)."""
    return (facts.summary, facts.ranked, facts.claimed_grade, facts.grade, facts.name, facts.project)


class LivePages:
    """The generated files of the content last rendered, and the rendering of what an edit changes."""

    def __init__(self, made: Generated, content: LiveContent, root: Path, settings: RenderSettings) -> None:
        """Keep what ``folderbuild.generate(parts=True)`` made of ``content`` (:attr:`initial`)."""
        self.content = content
        self.root = root  # the content folder
        self.settings = settings
        self.env = environment(settings.templates, settings.bytecode)  # compiled once (templates changed: the preview starts over)
        self.histories: dict[Key, History] = {}  # of the folders rendered here (:meth:`_checked`)
        self.read: set[str] = set()  # the folders whose 修订记录 are in :attr:`histories`
        self.ranks = content.ranks()
        self.reports: dict[Key, ReportFacts] = {}
        self.departments: dict[str, DepartmentFacts] = {}  # from the cache: without lineages (in their page)
        self.order = content.departments()  # the departments' slugs in the corpus' order
        self.owned: dict[str, set[str]] = {}  # department folder -> paths of its reports' pages and files
        for name, part in made.parts.items():
            own = part.paths - {urls.source_path(urls.department(name))}  # its department page is a list
            if own:
                self.owned[name] = set(own)
            self.reports.update((f.key, f) for f in part.reports)
            if part.department is not None:
                self.departments[part.department.department.slug] = part.department
        self.search: dict[str, SearchFacts] = dict(made.search)  # report page source path -> search facts
        self.skeleton = list(made.extension)
        self.extension_paths = {f.path for f in made.extension}
        assets = {f.path for f in asset_files(settings)}
        self.files: dict[str, str | bytes] = {f.path: f.content for f in made.files if f.path not in assets}
        #: every generated file, as :func:`jixiao.render.site.site_files` returns them
        self.initial = made.files
        self.deferred: set[str] = set()  # folders whose report pages follow the edited ones
        self.version = 0  # counts the renderings: the whole-site files rendered from an older one are stale

    def site_facts(self) -> SiteFacts:
        """The facts of the content last rendered, in the order the full build makes them."""
        return SiteFacts(self.content.site, tuple(self.departments[slug] for slug in self.order),
                         tuple(self.reports[key] for key in sorted(self.reports)))

    def _checked(self, folders: set[str]) -> Checked:
        """The published reports of ``folders`` with their 修订记录, from their models."""
        checked = self.content.checked(folders)
        unread = {s for s in folders if s not in self.read}
        if unread:
            items = tuple(i for i in checked.reports if i.report.department.slug in unread)
            self.histories.update(_report_histories(self.root, replace(checked, reports=items)))
            self.read |= unread
        return replace(checked, histories={k: h for k, h in self.histories.items() if k[0] in folders})

    def _diff(self, rendered: Iterable[GeneratedFile]) -> list[GeneratedFile]:
        changed = [f for f in rendered if self.files.get(f.path) != f.content]
        self.files.update((f.path, f.content) for f in changed)
        return changed

    def _folders(self, folders: set[str], departments: bool) -> Changes:
        """Render the reports of ``folders`` (and, if ``departments``, their department pages) and the lists
        their facts change, from their models (:meth:`_checked`) and :attr:`ranks`."""
        new = self._checked(folders)
        grouped = by_department(new.reports)
        pages: list[GeneratedFile] = []
        facts: list[ReportFacts] = []
        gone: set[str] = set()
        for slug in sorted(folders):  # folder by folder, to know which files each one makes
            items = tuple(grouped.get(slug, ()))
            made, found = shard_files(replace(new, reports=items), self.settings, self.ranks, self.env)
            paths = {f.path for f in made}
            old = self.owned.pop(slug, set())
            gone |= old - paths
            for path in old:
                self.search.pop(path, None)
            if paths:
                self.owned[slug] = paths
            pages.extend(made)
            facts.extend(found)
        self.search.update(report_facts(new))
        old_facts = {k: f for k, f in self.reports.items() if k[0] in folders}
        new_facts = {f.key: f for f in facts}
        for key in old_facts:
            del self.reports[key]
        self.reports.update(new_facts)
        years = {f.summary.year for key in {*old_facts, *new_facts}
                 if (old_facts.get(key) is None) != (new_facts.get(key) is None)
                 or _listed(old_facts[key]) != _listed(new_facts[key])
                 for f in (old_facts.get(key), new_facts.get(key)) if f is not None}
        old_depts = [self.departments.pop(s) for s in sorted(folders) if s in self.departments]
        new_depts = sorted((d for d in new.corpus.departments if d.slug in folders), key=lambda d: d.slug)
        self.departments.update((d.slug, department_facts(d, grouped.get(d.slug, ()))) for d in new_depts)
        moved = _bare(self.departments[d.slug] for d in new_depts) != _bare(old_depts)
        only = Only(years=frozenset(years), departments=frozenset(folders) if departments or moved else frozenset(),
                    indexes=bool(years) or moved)
        top = top_files(self.site_facts(), self.settings, only, self.skeleton, self.env)
        self.version += 1
        if only.indexes:
            gone |= self._gone_lists()
        for path in gone:
            self.files.pop(path, None)
        return Changes(tuple(self._diff([*pages, *top])), frozenset(gone))

    def _gone_lists(self) -> set[str]:
        """Year and department pages of years and departments the content no longer has."""
        years = {urls.source_path(urls.year(f.summary.year)) for f in self.reports.values()}
        depts = {urls.source_path(urls.department(s)) for s in self.departments}
        return {p for p in self.files
                if (_is_year_page(p) and p not in years) or (p.startswith("departments/") and p.count("/") == 2
                                                             and p not in depts)}

    def core(self, folders: set[str]) -> Changes:
        """The pages that differ from the last rendered ones after ``folders`` changed (the content's
        :meth:`~jixiao.sitegen.livecontent.LiveContent.update` has read them)."""
        for key in [k for k in self.histories if k[0] in folders]:
            del self.histories[key]
        self.read -= folders
        ranks = self.content.ranks()
        moved = {key[0] for key in {*ranks, *self.ranks} if ranks.get(key) != self.ranks.get(key)}
        self.ranks = ranks
        present = self.content.present()
        self.order = self.content.departments()
        self.deferred = {s for s in self.deferred | moved if s not in folders and s in present}
        return self._folders(folders, departments=True)

    def upcoming(self, limit: int) -> set[str]:
        """The folders the next :meth:`catch_up` of ``limit`` renders."""
        return set(sorted(self.deferred)[:limit])

    def catch_up(self, limit: int) -> Changes | None:
        """Render up to ``limit`` folders :meth:`core` left for later; None when none is left."""
        if not self.deferred:
            return None
        chunk = self.upcoming(limit)
        self.deferred -= chunk
        return self._folders(chunk, departments=False)

    def render_extensions(self, facts: SiteFacts) -> list[GeneratedFile]:
        """The whole-site files of ``facts`` (:meth:`site_facts`); safe to call from another thread."""
        return extension_files(facts, self.settings)

    def apply_extensions(self, rendered: list[GeneratedFile]) -> Changes:
        """Of ``rendered`` (:meth:`render_extensions`), the files that changed; paths no longer made."""
        paths = {f.path for f in rendered}
        gone = self.extension_paths - paths  # explorer pages and data files of a smaller site
        changed = self._diff(rendered)
        for path in gone:
            self.files.pop(path, None)
        self.extension_paths = paths
        return Changes(tuple(changed), frozenset(gone))

    def extensions(self) -> Changes:
        return self.apply_extensions(self.render_extensions(self.site_facts()))


def _is_year_page(path: str) -> bool:
    parts = path.split("/")
    return len(parts) == 2 and parts[0].isdigit() and parts[1] == "index.md"
