"""The preview's generated files, kept: after an edit, render only the pages the edit can change.

Owns deciding what an edit touches. :class:`LivePages` holds the last rendered content, its
:class:`~jixiao.render.facts.SiteFacts` and every generated file (path -> content).
:meth:`LivePages.core` takes the newly checked content and the department folders that changed and
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
from jixiao.domain.standing import Standing, standings
from jixiao.load.revisions import histories
from jixiao.render.env import environment
from jixiao.render.facts import DepartmentFacts, ReportFacts, SiteFacts, by_department, department_facts
from jixiao.render.site import (
    GeneratedFile,
    Only,
    RenderSettings,
    asset_files,
    extension_files,
    published,
    shard_files,
    top_files,
)

__all__ = ["Changes", "LivePages"]

Key = tuple[str, int, str]


@dataclass(frozen=True, slots=True)
class Changes:
    """What to write: files whose content changed or that are new, and paths that are gone."""

    files: tuple[GeneratedFile, ...] = ()
    removed: frozenset[str] = frozenset()


def _report_histories(content: Path, checked: Checked, folders: set[str] | None) -> dict[Key, History]:
    """The 修订记录 of the overall reports in ``folders`` (None: all), as the plugin reads them."""
    overall = [(item.report.key, content / item.report.department.slug / f"{item.report.year}.yaml")
               for item in checked.reports
               if not item.report.is_project and (folders is None or item.report.department.slug in folders)]
    return histories(content, overall) if overall else {}


def _listed(facts: ReportFacts) -> tuple[object, ...]:
    """What the year, years, departments and home pages show of a report (not its data or explorer row)."""
    return (facts.summary, facts.ranked, facts.claimed_grade, facts.grade, facts.name, facts.project)


class LivePages:
    """The generated files of the content last rendered, and the rendering of what an edit changes."""

    def __init__(self, checked: Checked, content: Path, settings: RenderSettings) -> None:
        """Render everything once, as :func:`jixiao.render.site.site_files` does (:attr:`initial`)."""
        self.content = content
        self.settings = settings
        self.env = environment(settings.templates)  # compiled once (templates changed: the preview starts over)
        self.histories = _report_histories(content, checked, None)
        self.checked = published(replace(checked, histories=self.histories))
        self.ranks = self._ranks(self.checked)
        grouped = by_department(self.checked.reports)
        self.reports: dict[Key, ReportFacts] = {}
        self.owned: dict[str, set[str]] = {}  # department folder -> paths of its reports' pages and files
        pages: list[GeneratedFile] = []
        for slug, items in grouped.items():  # folder by folder, to know which files each one makes
            made, facts = shard_files(replace(self.checked, reports=tuple(items)), settings, self.ranks, self.env)
            pages.extend(made)
            self.owned[slug] = {f.path for f in made}
            self.reports.update((f.key, f) for f in facts)
        self.departments: dict[str, DepartmentFacts] = {
            d.slug: department_facts(d, grouped.get(d.slug, ())) for d in self.checked.corpus.departments}
        facts_all = self.site_facts()
        extension = extension_files(facts_all, settings)
        self.skeleton = [GeneratedFile(f.path, b"", f.nav_title, f.nav_order) for f in extension]
        self.extension_paths = {f.path for f in extension}
        top = top_files(facts_all, settings, None, extension, self.env)
        self.files: dict[str, str | bytes] = {f.path: f.content for f in (*pages, *extension, *top)}
        #: every generated file, as :func:`jixiao.render.site.site_files` returns them
        self.initial = sorted([*pages, *extension, *top, *asset_files(settings)], key=lambda f: f.path)
        self.deferred: set[str] = set()  # folders whose report pages follow the edited ones
        self.version = 0  # counts the renderings: the whole-site files rendered from an older one are stale

    @staticmethod
    def _ranks(checked: Checked) -> dict[Key, Standing]:
        return standings(checked.scorecards, checked.corpus.site.grade_bands)

    def site_facts(self) -> SiteFacts:
        """The facts of the content last rendered, in the order the full build makes them."""
        return SiteFacts(self.checked.corpus.site,
                         tuple(self.departments[d.slug] for d in self.checked.corpus.departments),
                         tuple(self.reports[item.report.key] for item in self.checked.reports))

    def _diff(self, rendered: Iterable[GeneratedFile]) -> list[GeneratedFile]:
        changed = [f for f in rendered if self.files.get(f.path) != f.content]
        self.files.update((f.path, f.content) for f in changed)
        return changed

    def _folders(self, folders: set[str], departments: bool) -> Changes:
        """Render the reports of ``folders`` (and, if ``departments``, their department pages) and the lists
        their facts change, from :attr:`checked` and :attr:`ranks`."""
        new = self.checked
        grouped = by_department(i for i in new.reports if i.report.department.slug in folders)
        pages: list[GeneratedFile] = []
        facts: list[ReportFacts] = []
        gone: set[str] = set()
        for slug in sorted(folders):  # folder by folder, to know which files each one makes
            items = tuple(grouped.get(slug, ()))
            made, found = shard_files(replace(new, reports=items), self.settings, self.ranks, self.env)
            paths = {f.path for f in made}
            gone |= self.owned.pop(slug, set()) - paths
            if paths:
                self.owned[slug] = paths
            pages.extend(made)
            facts.extend(found)
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
        moved = [self.departments[d.slug] for d in new_depts] != old_depts
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
        from jixiao.render import urls

        years = {urls.source_path(urls.year(f.summary.year)) for f in self.reports.values()}
        depts = {urls.source_path(urls.department(s)) for s in self.departments}
        return {p for p in self.files
                if (_is_year_page(p) and p not in years) or (p.startswith("departments/") and p.count("/") == 2
                                                             and p not in depts)}

    def core(self, checked: Checked, folders: set[str]) -> Changes:
        """The pages of ``checked`` that differ from the last rendered ones after ``folders`` changed."""
        for key in [k for k in self.histories if k[0] in folders]:
            del self.histories[key]
        self.histories.update(_report_histories(self.content, checked, folders))
        self.checked = published(replace(checked, histories=self.histories))
        ranks = self._ranks(self.checked)
        moved = {key[0] for key in {*ranks, *self.ranks} if ranks.get(key) != self.ranks.get(key)}
        self.ranks = ranks
        present = {i.report.department.slug for i in self.checked.reports}
        self.deferred = {s for s in self.deferred | moved if s not in folders and s in present}
        return self._folders(folders, departments=True)

    def catch_up(self, limit: int) -> Changes | None:
        """Render up to ``limit`` folders :meth:`core` left for later; None when none is left."""
        if not self.deferred:
            return None
        chunk = set(sorted(self.deferred)[:limit])
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
