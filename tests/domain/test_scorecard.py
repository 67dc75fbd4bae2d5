"""The nested scorecard mirrors the report (tables → groups → rows) and carries what every consumer shows."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from jixiao.domain.audit import score_report
from jixiao.domain.model import Corpus
from jixiao.domain.policy import PRESETS, ReverseRule, apply_overrides
from jixiao.domain.ruletable import Rule
from jixiao.domain.scorecard import ReportState, RowStatus, Scorecard
from jixiao.domain.scoring import total
from jixiao.load.content import load_content
from tests.conftest import CONTENT, FIXTURES


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_content(CONTENT, "content").corpus


def _card(corpus: Corpus, preset: str = "datong-2021") -> Scorecard:
    (report,) = corpus.reports
    return score_report(report, PRESETS[preset], corpus.site.grade_bands)


def test_every_level_holds_the_reports_own_objects_in_order(corpus: Corpus) -> None:
    card = _card(corpus)
    assert [t.table for t in card.tables] == list(card.report.tables)
    for scored, table in zip(card.tables, card.report.tables, strict=True):
        assert [g.group for g in scored.groups] == list(table.groups)
        for group_card, group in zip(scored.groups, table.groups, strict=True):
            assert all(row.indicator is ind for row, ind in zip(group_card.rows, group.indicators, strict=True))
            assert len(group_card.rows) == len(group.indicators)
    assert [row.indicator for row in card.rows] == list(card.report.indicators())


def test_subtotals_add_up_at_every_level(corpus: Corpus) -> None:
    card = _card(corpus, "mof-2020")
    for table in card.tables:
        assert table.computed == total(g.computed for g in table.groups)
        assert table.weight == total(g.weight for g in table.groups)
        for group in table.groups:
            assert group.computed == total(r.computed for r in group.rows if r.computed is not None)
    assert card.total == total(t.computed for t in card.tables)
    assert card.weight == Decimal(100)


def test_differs_flags_under_both_presets(corpus: Corpus) -> None:
    """datong-2021 reproduces every printed figure; mof-2020 differs on the two cost rows, their group,
    the 产出指标 table and the total, but not the grade."""
    same = _card(corpus)
    assert not same.differs and same.differing_rows == 0
    assert not any(t.differs or any(g.differs for g in t.groups) for t in same.tables)
    other = _card(corpus, "mof-2020")
    assert [r.name for r in other.rows if r.differs] == ["项目支出成本", "基本支出成本"]
    assert [g.name for t in other.tables for g in t.groups if g.differs] == ["成本"]
    assert [t.label for t in other.tables if t.differs] == ["产出指标"]
    assert (other.total_differs, other.grade_differs, other.differs, other.differing_rows) == (True, False, True, 2)


def test_rows_carry_their_rule_and_status(corpus: Corpus) -> None:
    card = _card(corpus)
    assert {row.status for row in card.rows} == {RowStatus.SCORED}
    assert [row.rule for row in card.rows if row.group == "成本"] == [Rule.REVERSE_ZERO] * 2
    assert card.state == ReportState.SCORED and card.shown_grade == card.grade == "优秀"
    loaded = load_content(FIXTURES / "scoring", "fixtures/scoring").corpus
    (fixture_report,) = loaded.reports
    fixture = score_report(fixture_report, PRESETS["mof-2020"], loaded.site.grade_bands)
    statuses = {row.name: row.status for row in fixture.rows}
    assert statuses["检查次数"] == statuses["内控检查"] == RowStatus.NOT_RECOMPUTED
    assert statuses["培训人数"] == RowStatus.SCORED


def test_the_policy_in_force_is_the_one_on_the_card(corpus: Corpus) -> None:
    policy, problems = apply_overrides(PRESETS["datong-2021"], {"reverse_rule": "linear"})
    assert problems == []
    (report,) = corpus.reports
    card = score_report(report, policy, corpus.site.grade_bands)
    assert card.policy == dataclasses.replace(PRESETS["datong-2021"], reverse_rule=ReverseRule.LINEAR,
                                              overrides=(("reverse_rule", "linear"),))
    assert card.policy.label == "datong-2021（reverse_rule=linear）"
