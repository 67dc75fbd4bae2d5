"""Self-grades in context: where a report's recomputed total stands among its year's reports.

Owns three plain facts a reader needs to judge a self-given grade: the distance to the grade bands
around the recomputed total ("距‘优秀’线还差 1.2 分", "高出‘良好’线 3.98 分"), the rank and percentile
among the year's scored overall reports, and the year's distribution of printed grades beside
recomputed grades. Only overall reports whose total could be recomputed (state ``SCORED``) take part;
project tables, unscored, incomplete and draft reports do not.

Ranks are competition ranks (equal totals share a rank: 1, 2, 2, 4). The percentile is the share of
the year's *other* scored reports whose total is strictly lower, in percent with one decimal rounded
half up; it is ``None`` when the report is the year's only one.

Standard library only.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.model import GradeBand
from jixiao.domain.plainsummary import trim
from jixiao.domain.scorecard import ReportState, Scorecard
from jixiao.domain.scoring import HUNDRED, divide, multiply, quantize, show, subtract

#: The row of :func:`grade_distribution` for reports that print no grade / get none.
NO_GRADE = "未列等级"


@dataclass(frozen=True, slots=True)
class BandDistance:
    """The recomputed total against the grade bands: the band reached and the next one up."""

    total: Decimal
    band: GradeBand | None  # the band the total reaches (None: below every band)
    above: Decimal | None  # total − band.minimum (None when the band's line is 0 or there is no band)
    next_band: GradeBand | None  # the band just above (None for the highest band)
    short: Decimal | None  # next_band.minimum − total

    def phrases(self) -> tuple[str, ...]:
        """``距‘优秀’线还差 1.2 分``, ``高出‘良好’线 8.8 分``: the next line first, then the margin."""
        out: list[str] = []
        if self.next_band is not None and self.short is not None:
            out.append(f"距‘{self.next_band.label}’线还差 {trim(self.short)} 分")
        if self.band is not None and self.above is not None:
            out.append(f"高出‘{self.band.label}’线 {trim(self.above)} 分" if self.above
                       else f"正好达到‘{self.band.label}’线")
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Standing:
    """One report's place among the year's scored overall reports."""

    year: int
    rank: int  # 1 = highest recomputed total; equal totals share a rank
    tied: bool  # another report of the year has exactly the same total
    count: int  # how many reports of the year take part
    lower: int  # how many of them score strictly lower
    percentile: Decimal | None  # lower ÷ (count − 1) × 100, one decimal; None when count == 1
    distance: BandDistance

    def sentence(self) -> str:
        """``在 2021 年度 10 份报告中排第 2 位，总分高于其余 9 份中的 8 份（88.9%）``."""
        if self.count == 1:
            return f"{self.year} 年度只有这一份报告参与排名"
        place = f"并列第 {self.rank} 位" if self.tied else f"第 {self.rank} 位"
        text = f"在 {self.year} 年度 {self.count} 份报告中按复核总分排{place}"
        if self.lower == 0:
            return text + ("，并列本年度最低" if self.tied else "，为本年度最低")
        return text + f"，总分高于其余 {self.count - 1} 份中的 {self.lower} 份（{show(self.percentile or Decimal(0))}%）"


def _ordered(bands: Iterable[GradeBand]) -> list[GradeBand]:
    return sorted(bands, key=lambda b: b.minimum, reverse=True)


def band_distance(total: Decimal, bands: Sequence[GradeBand]) -> BandDistance:
    """Where ``total`` stands against ``bands`` (a band is reached at ``total >= minimum``)."""
    ordered = _ordered(bands)
    index = next((n for n, band in enumerate(ordered) if total >= band.minimum), None)
    band = ordered[index] if index is not None else None
    upper = ordered[index - 1] if index is not None and index > 0 else (ordered[-1] if index is None and ordered
                                                                         else None)
    above = subtract(total, band.minimum) if band is not None and band.minimum != 0 else None
    short = subtract(upper.minimum, total) if upper is not None else None
    return BandDistance(total, band, above, upper, short)


def takes_part(card: Scorecard) -> bool:
    """Whether a report is ranked: a published overall report with a recomputed total and grade."""
    report = card.report
    return card.state == ReportState.SCORED and not report.is_project and not report.draft


def standings(cards: Iterable[Scorecard], bands: Sequence[GradeBand]) -> dict[tuple[str, int, str], Standing]:
    """Each ranked report's :class:`Standing`, keyed by ``Report.key``."""
    return standings_of(((c.report.key, c.report.year, c.total) for c in cards if takes_part(c)), bands)


def standings_of(ranked: Iterable[tuple[tuple[str, int, str], int, Decimal]],
                 bands: Sequence[GradeBand]) -> dict[tuple[str, int, str], Standing]:
    """:func:`standings` from the ranked reports' (key, year, recomputed total), e.g. of a whole site
    checked apart from the part being built (``jixiao build --shard``)."""
    by_year: dict[int, list[tuple[tuple[str, int, str], Decimal]]] = {}
    for key, year, total in ranked:
        by_year.setdefault(year, []).append((key, total))
    out: dict[tuple[str, int, str], Standing] = {}
    for year, entries in by_year.items():
        totals = sorted(total for _, total in entries)
        count = len(totals)
        for key, total in entries:
            lower, upto = bisect_left(totals, total), bisect_right(totals, total)
            higher = count - upto
            tied = upto - lower > 1
            pct = None if count == 1 else quantize(divide(multiply(Decimal(lower), HUNDRED), Decimal(count - 1)), 1)
            out[key] = Standing(year, higher + 1, tied, count, lower, pct, band_distance(total, bands))
    return out


@dataclass(frozen=True, slots=True)
class GradeTally:
    """One grade label: how many reports print it, how many get it when recomputed."""

    label: str
    printed: int
    computed: int
    in_bands: bool  # the label is one of ``site.yaml``'s bands


@dataclass(frozen=True, slots=True)
class GradeDistribution:
    """A year's printed grades beside its recomputed grades, over the same reports."""

    rows: tuple[GradeTally, ...]  # bands from the highest, then printed labels not in the bands, then 未列等级
    reports: int
    printed_higher: int  # reports whose printed grade is a higher band than the recomputed one
    printed_lower: int  # … a lower band


def grade_distribution(cards: Iterable[Scorecard], bands: Sequence[GradeBand]) -> GradeDistribution:
    """Printed vs recomputed grades over the ranked reports (see :func:`takes_part`)."""
    return grade_distribution_of([(c.claimed_grade, c.grade) for c in cards if takes_part(c)], bands)


def grade_distribution_of(ranked: Sequence[tuple[str | None, str | None]],
                          bands: Sequence[GradeBand]) -> GradeDistribution:
    """:func:`grade_distribution` from the ranked reports' (printed grade, recomputed grade) pairs."""
    ordered = _ordered(bands)
    level = {band.label: n for n, band in enumerate(ordered)}
    printed = Counter((claimed or "").strip() or NO_GRADE for claimed, _ in ranked)
    computed = Counter(grade or NO_GRADE for _, grade in ranked)
    rows = [GradeTally(b.label, printed[b.label], computed[b.label], True) for b in ordered]
    extra = sorted(label for label in set(printed) | set(computed) if label not in level and label != NO_GRADE)
    rows += [GradeTally(label, printed[label], computed[label], False) for label in extra]
    if printed[NO_GRADE] or computed[NO_GRADE]:
        rows.append(GradeTally(NO_GRADE, printed[NO_GRADE], computed[NO_GRADE], False))
    higher = lower = 0
    for claimed, grade in ranked:
        p, k = level.get((claimed or "").strip()), level.get(grade or "")
        if p is not None and k is not None:
            higher += p < k
            lower += p > k
    return GradeDistribution(tuple(rows), len(ranked), higher, lower)
