"""Rank, percentile, grade-line distances and the printed-vs-recomputed grade distribution.

The ten-department year (tests/fixtures/standing) is read twice: by jixiao, and here with PyYAML and
``fractions`` as an independent calculation (each total is 60 + 40 × 服务人数 ÷ 100; the rank counts
the strictly higher totals; the percentile is the share of the other nine reports strictly lower).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from jixiao.check import check
from jixiao.domain.model import GradeBand
from jixiao.domain.standing import NO_GRADE, band_distance, grade_distribution, standings
from tests.conftest import FIXTURES

YEAR_FIXTURE = FIXTURES / "standing"
BANDS = (GradeBand("优秀", Decimal(90)), GradeBand("良好", Decimal(80)), GradeBand("中", Decimal(60)),
         GradeBand("差", Decimal(0)))


def _independent(root: Path) -> dict[str, tuple[Fraction, str | None]]:
    """slug -> (total, printed grade), from the fixture's YAML alone."""
    out: dict[str, tuple[Fraction, str | None]] = {}
    for path in sorted(root.glob("d*/2023.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rows = data["tables"][0]["groups"][0]["indicators"]
        people = Fraction(rows[1]["actual"].removesuffix("人"))
        out[path.parent.name] = (60 + 40 * people / 100, data["claimed"].get("grade"))
    return out


def _band(total: Fraction) -> str:
    return next(label for label, line in (("优秀", 90), ("良好", 80), ("中", 60), ("差", 0)) if total >= line)


def _one_decimal(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def test_rank_and_percentile_match_an_independent_count() -> None:
    checked = check(YEAR_FIXTURE)
    ranks = standings(checked.scorecards, checked.corpus.site.grade_bands)
    expected = _independent(YEAR_FIXTURE)
    assert len(ranks) == len(expected) == 10
    totals = [t for t, _ in expected.values()]
    for slug, (total, _) in expected.items():
        s = ranks[(slug, 2023, "")]
        lower = sum(t < total for t in totals)
        assert (s.rank, s.count, s.lower, s.tied) == (1 + sum(t > total for t in totals), 10, lower,
                                                      totals.count(total) > 1), slug
        assert s.percentile == _one_decimal(Fraction(100 * lower, 9)), slug
        assert Fraction(s.distance.total) == total


def test_rank_sentences_of_the_fixture() -> None:
    checked = check(YEAR_FIXTURE)
    ranks = standings(checked.scorecards, checked.corpus.site.grade_bands)
    assert ranks[("d01", 2023, "")].sentence() == "在 2023 年度 10 份报告中按复核总分排第 1 位，总分高于其余 9 份中的 9 份（100.0%）"
    assert ranks[("d05", 2023, "")].sentence() == "在 2023 年度 10 份报告中按复核总分排并列第 5 位，总分高于其余 9 份中的 4 份（44.4%）"
    assert ranks[("d10", 2023, "")].sentence() == "在 2023 年度 10 份报告中按复核总分排第 10 位，为本年度最低"


@pytest.mark.parametrize(("total", "phrases"), [
    ("88.80", ("距‘优秀’线还差 1.2 分", "高出‘良好’线 8.8 分")),
    ("93.98", ("高出‘优秀’线 3.98 分",)),
    ("90", ("正好达到‘优秀’线",)),
    ("59.5", ("距‘中’线还差 0.5 分",)),  # the lowest band (line 0) has no margin worth saying
])
def test_band_distance_phrases(total: str, phrases: tuple[str, ...]) -> None:
    assert band_distance(Decimal(total), BANDS).phrases() == phrases


def test_band_distance_agrees_with_the_scorecard_grade() -> None:
    checked = check(YEAR_FIXTURE)
    expected = _independent(YEAR_FIXTURE)
    for card in checked.scorecards:
        distance = band_distance(card.total, checked.corpus.site.grade_bands)
        assert distance.band is not None and distance.band.label == card.grade == _band(expected[card.report.department.slug][0])
        if distance.next_band is not None and distance.short is not None:
            assert Fraction(distance.short) == Fraction(distance.next_band.minimum) - expected[card.report.department.slug][0]


def test_grade_distribution_counts_printed_and_recomputed_grades_independently() -> None:
    checked = check(YEAR_FIXTURE)
    dist = grade_distribution(checked.scorecards, checked.corpus.site.grade_bands)
    expected = _independent(YEAR_FIXTURE)
    printed = [g or NO_GRADE for _, g in expected.values()]
    computed = [_band(t) for t, _ in expected.values()]
    table = {row.label: (row.printed, row.computed) for row in dist.rows}
    for label in ("优秀", "良好", "中", "差", NO_GRADE):
        assert table[label] == (printed.count(label), computed.count(label)), label
    order = ["优秀", "良好", "中", "差"]
    pairs = [(g, _band(t)) for t, g in expected.values() if g]
    assert dist.printed_higher == sum(order.index(p) < order.index(c) for p, c in pairs) == 4
    assert dist.printed_lower == 0
    assert dist.reports == 10
    assert [row.label for row in dist.rows] == ["优秀", "良好", "中", "差", NO_GRADE]


def test_only_scored_overall_reports_take_part() -> None:
    """The scoring fixture's one report is alone in its year; an empty corpus ranks nothing."""
    checked = check(FIXTURES / "scoring")
    ranks = standings(checked.scorecards, checked.corpus.site.grade_bands)
    assert [s.sentence() for s in ranks.values()] == ["2022 年度只有这一份报告参与排名"]
    assert [s.percentile for s in ranks.values()] == [None]
    assert standings((), BANDS) == {}
