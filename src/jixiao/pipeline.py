"""The one place that knows the order: load -> check -> score -> render -> build -> index.

Each stage is a function of the previous stage's result; none calls a later one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jixiao.domain.audit import policy_for, score_report
from jixiao.domain.issues import Finding, blocking
from jixiao.domain.model import Corpus
from jixiao.domain.scorecard import Scorecard
from jixiao.load.content import load_content

__all__ = ["POST_BUILD_STEPS", "Checked", "blocking", "build", "check", "index_search"]


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


#: Steps run on the freshly built site directory before it replaces ``site/`` (e.g. the search
#: index). Each gets the temporary directory and the checked content; raising fails the build and
#: keeps the previous site.
PostBuildStep = Callable[[Path, Checked], None]


def index_search(site: Path, checked: Checked) -> None:
    """The full-text search index (Pagefind) of the freshly built site."""
    from jixiao.sitegen.search import index

    index(site)


POST_BUILD_STEPS: tuple[PostBuildStep, ...] = (index_search,)


def build(checked: Checked, content: Path, site_dir: Path, config_file: Path, strict: bool = False) -> None:
    """Render and build the site of ``checked`` into ``site_dir``, then run the post-build steps.

    The caller refuses to build when :func:`~jixiao.domain.issues.blocking` finds anything. Raises ``SiteBuildError``.
    """
    from jixiao.sitegen.build import build_site

    def bound(step: PostBuildStep) -> Callable[[Path], None]:
        return lambda directory: step(directory, checked)

    steps = [bound(step) for step in POST_BUILD_STEPS]
    build_site(checked, config_file, site_dir, content, strict=strict, post_build=steps)
