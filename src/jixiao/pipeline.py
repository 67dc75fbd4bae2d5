"""The one place that knows the order: load -> check -> score -> render -> build -> index.

Each stage is a function of the previous stage's result; none calls a later one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jixiao.domain.audit import policy_for, score_report
from jixiao.domain.issues import Finding
from jixiao.domain.model import Corpus
from jixiao.domain.scorecard import Scorecard
from jixiao.load.content import load_content


@dataclass(frozen=True, slots=True)
class Checked:
    """Loaded, checked and scored content: the input of every later stage."""

    corpus: Corpus
    scorecards: tuple[Scorecard, ...]
    findings: tuple[Finding, ...]


def check(content: Path, shown: str | None = None) -> Checked:
    """Load ``content`` and score every report; every finding of every stage, sorted by place."""
    loaded = load_content(content, shown)
    site = loaded.corpus.site
    policy, policy_findings = policy_for(site)
    scorecards = tuple(score_report(report, policy, site.grade_bands) for report in loaded.corpus.reports)
    findings = [*loaded.findings, *policy_findings, *(f for card in scorecards for f in card.findings)]
    return Checked(loaded.corpus, scorecards, tuple(sorted(findings, key=lambda f: (f.loc, f.code))))
