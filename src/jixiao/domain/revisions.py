"""Revision history (修订记录): how a report's printed figures changed after it was first published.

Owns the records of a report's published versions (read from the content repository's git history by
``load.revisions``) and the comparison of two versions' printed figures: the total and grade as
printed, the funds table's totals, and each indicator's weight, target, actual and printed score.
A change to a printed score or total after first publication is flagged (``score``), for readers to see
that a self-evaluation was re-scored after the fact.

Standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

#: Printed figures of one version: label (``总得分``, ``数量·救助人数 得分``) -> the text as printed.
Figures = Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Change:
    """One printed figure that changed between two published versions."""

    label: str
    old: str  # '' when the figure was added
    new: str  # '' when it was removed
    score: bool  # a printed score, total or grade (highlighted)


@dataclass(frozen=True, slots=True)
class Revision:
    """One published version: the commit's date (YYYY-MM-DD), its short hash and what changed."""

    date: str
    commit: str
    changes: tuple[Change, ...]

    @property
    def rescored(self) -> bool:
        return any(c.score for c in self.changes)


@dataclass(frozen=True, slots=True)
class History:
    """A report's versions: first publication, then each later version that changed printed figures."""

    first: Revision | None  # None when the file is not in the repository's history
    later: tuple[Revision, ...]
    shallow: bool  # the repository is a shallow clone: earlier versions may be missing

    @property
    def rescored(self) -> bool:
        return any(r.rescored for r in self.later)


#: Labels of the figures that are printed scores, totals or grades.
SCORE_SUFFIXES = ("得分", "总得分", "等级")


def compare(old: Figures, new: Figures) -> tuple[Change, ...]:
    """The figures that differ between two versions, in the new version's order (removed ones last)."""
    changes = [Change(label, old.get(label, ""), value, label.endswith(SCORE_SUFFIXES))
               for label, value in new.items() if old.get(label, "") != value]
    changes += [Change(label, value, "", label.endswith(SCORE_SUFFIXES))
                for label, value in old.items() if label not in new]
    return tuple(changes)
