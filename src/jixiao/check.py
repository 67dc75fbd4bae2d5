"""Load -> policy -> score -> findings attached to their report: the one ``Checked`` every later stage reads.

Owns the check stage. :func:`check` loads ``content/``, scores every report with the policy in force
and attributes every finding (loading, narrative, scoring, audit) to the report whose files it is
about, once. Rendering, open data, ``jixiao diff`` and the CLI read a report's findings from its
:class:`CheckedReport` and never attribute them again; findings about files of no single report
(``site.yaml``, ``department.yaml``, a report that failed to load) stay in :attr:`Checked.other`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jixiao.domain.audit import policy_for, score_report
from jixiao.domain.checks.softtargets import soft_target_findings
from jixiao.domain.issues import Finding, blocking
from jixiao.domain.model import Corpus, Department, Report
from jixiao.domain.revisions import History
from jixiao.domain.scorecard import Scorecard
from jixiao.load.collect import few_collections
from jixiao.load.content import load_content

__all__ = ["Checked", "CheckedReport", "blocking", "check", "place", "report_files"]


@dataclass(frozen=True, slots=True)
class CheckedReport:
    """One report, its scorecard and every finding about its files, sorted by place."""

    report: Report
    card: Scorecard
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class Checked:
    """Loaded, checked and scored content: the input of every later stage."""

    corpus: Corpus
    reports: tuple[CheckedReport, ...]  # in the corpus' report order
    findings: tuple[Finding, ...]  # every finding of every stage, sorted by place
    other: tuple[Finding, ...] = ()  # findings about files of no loaded report
    #: 修订记录 by report key, read from the content's git history when the site is built (empty otherwise)
    histories: Mapping[tuple[str, int, str], History] = field(default_factory=dict)

    @property
    def scorecards(self) -> tuple[Scorecard, ...]:
        return tuple(r.card for r in self.reports)

    @property
    def gating(self) -> tuple[Finding, ...]:
        """The findings that may stop a build: all but those of drafts (``status: draft``), which are
        checked and reported but never published, so they block nothing."""
        drafts = {f for item in self.reports if item.report.draft for f in item.findings}
        return tuple(f for f in self.findings if f not in drafts)


def report_files(report: Report) -> frozenset[str]:
    """The files (as shown in findings) a report is read from: its YAML and its narrative Markdown."""
    files = {report.loc.file, *(s.loc.file for s in report.narrative)}
    return frozenset(files | {f.rsplit(".", 1)[0] + ".md" for f in files if f.endswith((".yaml", ".yml"))})


def place(finding: Finding) -> tuple[str, int, int, str]:
    """The order of findings: by place, then code (``Loc`` orders by file, line, column; a flat tuple
    compares in C, a dataclass in Python)."""
    loc = finding.loc
    return (loc.file, loc.line, loc.column, finding.code)


def check(content: Path, shown: str | None = None, keep: Callable[[Department], bool] | None = None) -> Checked:
    """Load ``content`` and score every report; every finding attributed to its report once.

    ``keep``: check the reports of only the departments it accepts (``load.content.load_content``).
    """
    with few_collections():
        loaded = load_content(content, shown, keep)
        site = loaded.corpus.site
        policy, policy_findings = policy_for(site)
        cards = [score_report(report, policy, site.grade_bands) for report in loaded.corpus.reports]
    # cross-year hints: a report's findings here also depend on the department's previous report
    soft = soft_target_findings(loaded.corpus.reports, site.soft_targets)
    everything = sorted([*loaded.findings, *policy_findings, *(f for card in cards for f in card.findings), *soft],
                        key=place)
    reports, other = attribute(loaded.corpus.reports, cards, everything)
    return Checked(loaded.corpus, reports, tuple(everything), other)


def attribute(reports: Sequence[Report], cards: Sequence[Scorecard], everything: Sequence[Finding],
              ) -> tuple[tuple[CheckedReport, ...], tuple[Finding, ...]]:
    """Every finding given once to the report whose files it is about (:func:`report_files`); the rest
    (site-wide files, files of reports that failed to load) are returned as the second item, in order."""
    owner: dict[str, int] = {}
    for i, report in enumerate(reports):
        for name in report_files(report):
            owner.setdefault(name, i)
    per_report: dict[int, list[Finding]] = defaultdict(list)
    other: list[Finding] = []
    for f in everything:
        index = owner.get(f.loc.file)
        (other if index is None else per_report[index]).append(f)
    checked = tuple(CheckedReport(report, card, tuple(per_report.get(i, ())))
                    for i, (report, card) in enumerate(zip(reports, cards, strict=True)))
    return checked, tuple(other)
