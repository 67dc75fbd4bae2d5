"""The preview's content, kept loaded: reload and re-score only the department folders that changed.

Owns the incremental check of ``jixiao serve``. :class:`LiveContent` loads ``site.yaml`` once and every
department folder (``load.content.Loader``, as :func:`jixiao.check.check` does) and keeps each folder's
department, reports, loading findings, scorecards and cross-year hints. :meth:`LiveContent.update`
reloads the named folders (a folder that is gone is dropped, a new one is loaded), re-lists the content
folder for its own findings, and assembles a :class:`~jixiao.check.Checked` equal to a fresh
:func:`~jixiao.check.check` of the same files: the same reports, findings in the same order, each
attributed to the same report. A change to ``site.yaml`` is not this module's: the preview starts over.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from jixiao.check import Checked, attribute, place
from jixiao.domain.audit import policy_for, score_report
from jixiao.domain.checks.softtargets import soft_target_findings
from jixiao.domain.issues import Finding, Severity, finding
from jixiao.domain.model import Corpus, Department, Loc, Report, SiteSettings
from jixiao.domain.policy import Policy
from jixiao.domain.scorecard import Scorecard
from jixiao.load.content import Loader

__all__ = ["FolderState", "LiveContent"]


@dataclass(frozen=True, slots=True)
class FolderState:
    """One department folder, loaded and scored."""

    department: Department | None
    reports: tuple[Report, ...]  # sorted by key
    cards: tuple[Scorecard, ...]  # one per report, same order
    loading: tuple[Finding, ...]  # the loader's findings about this folder, in its order
    soft: tuple[Finding, ...]  # cross-year hints (both reports compared are in this folder)


class LiveContent:
    """The content folder ``root`` (shown in messages as ``shown``), loaded and scored, folder by folder."""

    def __init__(self, root: Path, shown: str) -> None:
        self.root = root
        self.shown = shown
        loader = Loader(root, shown)
        self.site: SiteSettings = loader.site()
        self.site_findings = tuple(loader.findings)
        policy, policy_findings = policy_for(self.site)
        self.policy: Policy = policy
        self.policy_findings = tuple(policy_findings)
        self.folders: dict[str, FolderState] = {}

    def _folder(self, loader: Loader, folder: Path) -> FolderState:
        before = len(loader.findings)
        dept, found = loader.folder(folder)
        loading = tuple(loader.findings[before:])
        del loader.findings[before:]
        reports = tuple(sorted(found, key=lambda r: r.key))
        cards = tuple(score_report(r, self.policy, self.site.grade_bands) for r in reports)
        soft = tuple(soft_target_findings(reports, self.site.soft_targets))
        return FolderState(dept, reports, cards, loading, soft)

    def update(self, changed: Iterable[str] | None = None) -> Checked:
        """Reload the folders named in ``changed`` (None: all) and return the whole content, checked."""
        wanted = None if changed is None else set(changed)
        loader = Loader(self.root, self.shown)
        present: dict[str, FolderState] = {}
        for folder in loader.folders():  # its own findings (stray files, unsafe links) stay in loader.findings
            state = self.folders.get(folder.name)
            if state is None or wanted is None or folder.name in wanted:
                state = self._folder(loader, folder)
            present[folder.name] = state
        self.folders = present
        return self._assemble(loader)

    def _assemble(self, loader: Loader) -> Checked:
        """The rules across folders, then the findings in :func:`jixiao.check.check`'s order."""
        states = list(self.folders.values())
        departments = [s.department for s in states if s.department is not None]
        root_findings = list(loader.findings)
        loader.findings.clear()
        loader.duplicates(departments)
        loading = [*self.site_findings, *root_findings, *(f for s in states for f in s.loading), *loader.findings]
        reports_cards = sorted(((r, c) for s in states for r, c in zip(s.reports, s.cards, strict=True)),
                               key=lambda pair: pair[0].key)
        if not reports_cards and not any(f.severity == Severity.ERROR for f in loading):
            loading.append(finding("JX-L011", Loc(loader.shown_root)))
        reports = tuple(r for r, _ in reports_cards)
        cards = [c for _, c in reports_cards]
        soft = [f for s in states for f in s.soft]
        everything = sorted([*sorted(loading, key=place), *self.policy_findings,
                             *(f for card in cards for f in card.findings), *soft], key=place)
        checked_reports, other = attribute(reports, cards, everything)
        corpus = Corpus(site=self.site, departments=tuple(departments), reports=reports)
        return Checked(corpus, checked_reports, tuple(everything), other)
