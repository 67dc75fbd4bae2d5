"""The reference report (大同市总工会 2021) scored and audited under both shipped presets."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from jixiao.domain.audit import policy_for, score_report
from jixiao.domain.model import Corpus, Report, TableKind
from jixiao.domain.policy import PRESETS
from jixiao.domain.scorecard import Scorecard
from jixiao.load.content import load_content
from tests.conftest import CONTENT

#: Every indicator's printed score in the reference report, in order (36 rows: 28 + 6 + 2).
PRINTED = [
    "3", "3", "1", "3", "2", "1", "1",
    "2", "1.6", "0.8", "2", "1", "0.88", "3", "2", "3", "1", "1", "3", "1", "1",
    "3", "1", "1", "1", "1",
    "0", "0",
    "7.84", "6.86", "5", "5", "9", "6",
    "5", "5",
]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_content(CONTENT, "content").corpus


def _card(corpus: Corpus, preset: str) -> Scorecard:
    (report,) = corpus.reports
    return score_report(report, PRESETS[preset], corpus.site.grade_bands)


def _codes(card: Scorecard) -> list[tuple[str, int, str]]:
    return [(f.loc.file, f.loc.line, f.code) for f in card.findings]


def test_site_names_the_datong_preset(corpus: Corpus) -> None:
    policy, findings = policy_for(corpus.site)
    assert policy == PRESETS["datong-2021"] and findings == ()


def test_datong_reproduces_every_printed_score(corpus: Corpus) -> None:
    card = _card(corpus, "datong-2021")
    assert len(card.rows) == 36
    assert [str(r.claimed) for r in card.rows] == PRINTED
    assert [r.computed for r in card.rows] == [Decimal(p) for p in PRINTED]
    assert all(r.recomputed for r in card.rows)
    assert all(isinstance(r.computed, Decimal) and r.computed.as_tuple().exponent == -2 for r in card.rows)


def test_datong_subtotals_total_and_grade(corpus: Corpus) -> None:
    card = _card(corpus, "datong-2021")
    assert [(t.kind, t.weight, t.computed, t.claimed) for t in card.tables] == [
        (TableKind.OUTPUT, Decimal(50), Decimal("44.28"), Decimal("44.28")),
        (TableKind.EFFECT, Decimal(40), Decimal("39.70"), Decimal("39.70")),
        (TableKind.SATISFACTION, Decimal(10), Decimal("10.00"), Decimal(10)),
    ]
    assert [(g.name, g.computed) for t in card.tables for g in t.groups] == [
        ("数量", Decimal(14)), ("质量", Decimal("23.28")), ("时效", Decimal(7)), ("成本", Decimal(0)),
        ("社会效益", Decimal("24.70")), ("可持续影响", Decimal(15)), ("满意度", Decimal(10)),
    ]
    assert str(card.total) == "93.98" and card.grade == "优秀"
    assert card.claimed_total == card.total and card.claimed_grade == card.grade


def test_cost_rows_score_zero_under_datong(corpus: Corpus) -> None:
    card = _card(corpus, "datong-2021")
    cost = [r for r in card.rows if r.group == "成本"]
    assert [(r.rule, r.computed) for r in cost] == [("reverse-zero", Decimal("0.00"))] * 2
    assert "1163.13万" in cost[0].explanation and "超过目标值" in cost[0].explanation


def test_funds_inconsistencies_are_reported_with_file_and_line(corpus: Corpus) -> None:
    card = _card(corpus, "datong-2021")
    path = "content/datong-zonggonghui/2021.yaml"
    assert (path, 58, "JX-C007") in _codes(card)  # second funds row: 预算数 0, 其中财政拨款 150
    assert (path, 70, "JX-C007") in _codes(card)  # 金额合计: 其中财政拨款 600.5 > 预算数 450.5
    assert {code for _, _, code in _codes(card)} == {"JX-C007", "JX-C011"}
    assert not card.errors()


def test_execution_rates_for_every_funds_row(corpus: Corpus) -> None:
    card = _card(corpus, "datong-2021")
    assert [r.rate for r in card.funds_rates] == [Decimal("1.0000"), None, Decimal("1.0000")]
    assert card.total_rate == Decimal("1.3330")  # 600.5 ÷ 450.5


def test_mof_scores_cost_rows_proportionally_and_reports_the_difference(corpus: Corpus) -> None:
    card = _card(corpus, "mof-2020")
    cost = [r for r in card.rows if r.group == "成本"]
    # 3 × 1136.92 ÷ 1163.13 = 2.9324… and 2 × 165.45 ÷ 257.18 = 1.2866…
    assert [(r.rule, r.computed) for r in cost] == [
        ("reverse-proportional", Decimal("2.93")), ("reverse-proportional", Decimal("1.29")),
    ]
    assert [t.computed for t in card.tables] == [Decimal("48.50"), Decimal("39.70"), Decimal("10.00")]
    assert card.total == Decimal("98.20") and card.grade == "优秀"
    codes = [code for _, _, code in _codes(card)]
    assert codes.count("JX-A001") == 2 and codes.count("JX-A002") == 1 and codes.count("JX-A003") == 1
    assert "JX-A004" not in codes  # the grade is the same
    total = next(f for f in card.findings if f.code == "JX-A003")
    assert "93.98" in total.message and "98.20" in total.message


def test_grade_difference_is_a_finding(corpus: Corpus) -> None:
    """With a 98-point cut-off for 优秀, the recomputed 98.20 keeps it and the printed 93.98 does not."""
    (report,) = corpus.reports
    bands = tuple(dataclasses.replace(b, minimum=Decimal(98)) if b.label == "优秀" else b
                  for b in corpus.site.grade_bands)
    card = score_report(report, PRESETS["datong-2021"], bands)
    assert card.grade == "良好"
    codes = {f.code for f in card.findings}
    # 优秀 is wrong for the printed total and for the recomputed one alike: said once, by JX-A006
    assert "JX-A006" in codes and "JX-A004" not in codes


def test_a_broken_report_is_findings_not_a_crash(corpus: Corpus) -> None:
    (report,) = corpus.reports
    table = report.tables[0]
    group = table.groups[0]
    broken = [dataclasses.replace(group.indicators[0], actual="%100"),
              dataclasses.replace(group.indicators[3], actual="299家"),
              dataclasses.replace(group.indicators[4], weight=None)]
    groups = (dataclasses.replace(group, indicators=(*broken, *group.indicators[5:])), *table.groups[1:])
    bad: Report = dataclasses.replace(report, tables=(dataclasses.replace(table, groups=groups),
                                                     *report.tables[1:]))
    card = score_report(bad, PRESETS["datong-2021"], ())
    codes = {f.code for f in card.findings}
    assert {"JX-T002", "JX-T003", "JX-C004", "JX-C001"} <= codes
    assert card.grade == ""
