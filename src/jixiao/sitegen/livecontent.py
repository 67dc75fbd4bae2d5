"""The preview's content: every department folder's check kept compact, models loaded only where needed.

Owns the incremental check of ``jixiao serve``. :class:`LiveContent` starts from ``jixiao build``'s
cached check (:func:`jixiao.cache.run.check_for_build`: each folder's compact
:class:`~jixiao.cache.records.FolderResult` from ``.jixiao-cache/``, or loaded on every core) and keeps
those results; a folder's models (reports, scorecards) are loaded only when its pages are rendered again:
when it changes, or when its reports' standings move (:meth:`LiveContent.checked`). So a restart of the
preview reads no unchanged report. :meth:`LiveContent.update` reloads the named folders (a folder that is
gone is dropped, a new one is loaded), re-lists the content folder for its own findings and assembles the
whole check as :func:`jixiao.cache.run.check_cached` does: every finding in the order of a fresh
:func:`~jixiao.check.check`, each report's result, and from them the errors that stop the preview, each
page's warnings and the standings. A change to ``site.yaml`` is not this module's: the preview starts over.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from jixiao.cache.records import FolderResult, ReportResult
from jixiao.cache.run import FolderModels, Planned, Summary, gating, models_of, reassemble
from jixiao.check import Checked
from jixiao.domain.issues import Finding, Severity, blocking
from jixiao.domain.standing import Standing
from jixiao.render import urls
from jixiao.render.site import published
from jixiao.sitegen.folderbuild import checked_of, ranks_of

__all__ = ["LiveContent"]

Key = tuple[str, int, str]


class LiveContent:
    """The content checked by ``planned`` (:func:`~jixiao.cache.run.check_for_build`), kept up to date."""

    def __init__(self, planned: Planned) -> None:
        assert planned.context is not None  # a content folder (else the check stops the preview)
        self.context = planned.context
        self.site = planned.site
        self.site_findings = planned.site_findings
        self.policy_findings = planned.policy_findings
        self.results: dict[str, FolderResult] = dict(planned.results)  # every folder, in folder order
        self.summary: Summary = planned.summary
        self.models: dict[str, FolderModels] = {}  # the folders loaded in this process

    @property
    def folders(self) -> Mapping[str, FolderResult]:
        return self.results

    def update(self, changed: Iterable[str]) -> Summary:
        """Reload the folders named in ``changed`` and return the whole content, checked."""
        wanted = set(changed)

        def result(folder: Path) -> FolderResult:
            kept = self.results.get(folder.name)
            if kept is not None and folder.name not in wanted:
                return kept
            models = self.models[folder.name] = models_of(self.context, folder.name)
            return models.result()

        self.results, self.summary = reassemble(self.context, self.site_findings, self.policy_findings, result)
        for name in [n for n in self.models if n not in self.results]:
            del self.models[name]
        return self.summary

    # -- what the check says -------------------------------------------------------------------------
    def errors(self) -> tuple[Finding, ...]:
        """The errors that keep the content from being shown (drafts' block nothing)."""
        return tuple(blocking(gating(self.summary), strict=False))

    def warnings(self) -> dict[str, tuple[Finding, ...]]:
        """Each page's warnings by URL ('' = home): a published report's own, the rest on the home page."""
        owner: dict[str, ReportResult] = {}
        for report in self.summary.reports:  # the first report whose files a finding is about (``check.attribute``)
            for name in report.files:
                owner.setdefault(name, report)
        found: dict[str, list[Finding]] = {}
        for f in self.summary.findings:
            if f.severity != Severity.WARNING:
                continue
            mine = owner.get(f.loc.file)
            if mine is None:
                found.setdefault(urls.HOME, []).append(f)
            elif not mine.draft:
                found.setdefault(urls.of((str(mine.key[0]), int(mine.key[1]), str(mine.key[2]))), []).append(f)
        return {url: tuple(items) for url, items in found.items()}

    def ranks(self) -> dict[Key, Standing]:
        """Every ranked report's standing."""
        return ranks_of(self.summary, self.site)

    def present(self) -> set[str]:
        """The folders with a published report."""
        return {str(r.key[0]) for r in self.summary.reports if not r.draft}

    def departments(self) -> list[str]:
        """The slugs of the departments read, in the corpus' order."""
        return [r.department.slug for r in self.results.values() if r.department is not None]

    # -- models --------------------------------------------------------------------------------------
    def missed(self, names: Iterable[str]) -> list[str]:
        """Of the folders ``names`` not loaded in this process yet, those whose files no longer give the
        result kept for them: a save the watcher did not see (made while the preview started). Each is
        loaded now; the caller treats the ones returned as changed (:meth:`update`) before rendering them."""
        changed: list[str] = []
        for name in sorted(set(names)):
            if name not in self.results or name in self.models:
                continue
            models = self.models[name] = models_of(self.context, name)
            if models.result() != self.results[name]:
                changed.append(name)
        return changed

    def checked(self, names: Iterable[str]) -> Checked:
        """The folders ``names`` that are present, as :func:`~jixiao.check.check` gives them and published;
        a folder not loaded in this process yet is loaded now (its files are those its result was made of:
        the caller has asked :meth:`missed` first)."""
        models: list[FolderModels] = []
        for name in sorted(set(names)):
            if name not in self.results:
                continue
            if name not in self.models:
                self.models[name] = models_of(self.context, name)
            models.append(self.models[name])
        return published(checked_of(self.site, models))
