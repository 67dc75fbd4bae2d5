"""Scoring through the real loader: site overrides, three-cell targets, a checklist row and a scored
预算执行率 row in tests/fixtures/scoring, every finding at its file and line."""

from __future__ import annotations

from decimal import Decimal

from jixiao.check import check
from jixiao.opendata.tables import report_json, report_row
from jixiao.render.report import report_page
from tests.conftest import FIXTURES

REPORT = "fixtures/scoring/shiju/2022.yaml"


def test_fixture_scores_and_every_finding_is_placed() -> None:
    checked = check(FIXTURES / "scoring", "fixtures/scoring")
    (card,) = checked.scorecards
    assert card.policy.name == "mof-2020" and card.policy.overrides == (("reverse_rule", "linear"), ("decimals", "1"))
    assert card.policy.label == "mof-2020（reverse_rule=linear，decimals=1）"
    assert (card.total, card.grade) == (Decimal("86.1"), "优")
    assert [(r.indicator.name, r.computed, r.rule, r.recomputed) for r in card.rows] == [
        ("培训人数", Decimal("7.5"), "positive", True),  # three-cell ≥200人 at 150人
        ("检查次数", Decimal(10), "claimed", False),  # three-cell ≤ 合规: JX-T007
        ("走访单位", Decimal(10), "claimed", False),  # 家 vs 个: JX-T003
        ("公用经费", Decimal("5.0"), "reverse-linear", True),  # ≤100万元 at 1500000元, overridden to linear
        ("内控检查", Decimal(8), "checklist", False),
        ("群众知晓率", Decimal("12.8"), "qualitative", True),  # 15 × 85% = 12.75, 1 decimal (override)
        ("制度执行", Decimal(14), "claimed", False),  # 部分达成 printed 14 of 15: JX-A009
        ("服务对象满意度", Decimal("10.0"), "positive", True),  # ≥95% meets ≥90%
    ]
    assert card.execution_row is not None and card.execution_row.computed == Decimal("8.8")  # 10 × 140 ÷ 160
    assert [(f.loc.file, f.loc.line, f.code) for f in checked.findings] == [
        (REPORT, 5, "JX-C010"), (REPORT, 6, "JX-C009"), (REPORT, 15, "JX-C006"), (REPORT, 21, "JX-C008"),
        (REPORT, 27, "JX-A001"), (REPORT, 29, "JX-A003"), (REPORT, 29, "JX-A005"), (REPORT, 39, "JX-T007"),
        (REPORT, 40, "JX-T003"), (REPORT, 52, "JX-A007"), (REPORT, 52, "JX-A009"),
    ]


def test_messages_name_the_overrides() -> None:
    checked = check(FIXTURES / "scoring", "fixtures/scoring")
    total = next(f for f in checked.findings if f.code == "JX-A003")
    assert "mof-2020（reverse_rule=linear，decimals=1）" in total.message


def test_one_policy_label_on_the_page_in_the_data_and_in_the_findings() -> None:
    """An overridden preset shows as ``mof-2020（reverse_rule=linear，decimals=1）`` everywhere."""
    checked = check(FIXTURES / "scoring", "fixtures/scoring")
    (item,) = checked.reports
    label = "mof-2020（reverse_rule=linear，decimals=1）"
    assert item.card.policy.label == label
    page = report_page(item.card, checked.corpus.site.grade_bands, "t", item.findings, True)
    assert page.result.policy == label
    assert label in report_row(item)
    assert f'"policy":"{label}"' in report_json(item).decode("utf-8")
    a001 = next(f for f in item.findings if f.code == "JX-A001")
    assert label in a001.message
