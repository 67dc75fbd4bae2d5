"""The plain-language summary: right numbers and clean Chinese on every fixture.

Numbers are checked against independent calculations from the fixtures' YAML (PyYAML, ``fractions``):
the 金额合计 budget and spending, the execution rate, how many indicators earn their full weight, the
printed total and the gap to the recomputed one. Grammar is checked on every report of every fixture
project: four sentences, each ending in “。”, no “0 个/0 项”, no empty clause or quotation, no
doubled punctuation, no Python leftovers.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from jixiao.check import CheckedReport, check
from jixiao.domain.plainsummary import findings_sentence, plain_summary
from tests.conftest import CONTENT, FIXTURES


def _projects() -> list[Path]:
    found = [CONTENT, FIXTURES / "scoring", FIXTURES / "standing", FIXTURES / "lineage"]
    forms = FIXTURES / "forms"
    if forms.is_dir():  # the forms fixtures, when present: each folder with a site.yaml is a project
        found += sorted(p.parent for p in (*forms.glob("*/site.yaml"), *forms.glob("*/content/site.yaml")))
    return found


def _reports(project: Path) -> list[CheckedReport]:
    return list(check(project).reports)


BAD = [
    (re.compile(r"(?<![\d.])0 ?(个|项|份|条)"), "a count of zero said as a number"),
    (re.compile(r"[，、：；]{2}|[，、：；]。|。。"), "doubled punctuation or an empty clause"),
    (re.compile(r"“”|（）"), "empty quotation or parentheses"),
    (re.compile(r"None|nan|Decimal|\{|\}"), "a Python leftover"),
    (re.compile(r"\s{2,}|^\s|\s$"), "stray whitespace"),
]


@pytest.mark.parametrize("project", _projects(), ids=lambda p: p.parent.name if p.name == "content" else p.name)
def test_every_summary_reads_cleanly(project: Path) -> None:
    items = _reports(project)
    assert items
    for item in items:
        sentences = plain_summary(item.card, item.findings)
        assert len(sentences) == 4
        for sentence in sentences:
            assert sentence.endswith("。") and sentence.count("。") == 1, sentence
            for pattern, what in BAD:
                assert not pattern.search(sentence), f"{what}: {sentence}"


def _rate(spent: object, budget: object) -> str:
    value = Fraction(str(spent)) / Fraction(str(budget)) * 100
    return str((Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def _number(text: object) -> str:
    return format(Decimal(str(text)).normalize(), "f")


def test_the_example_report_summary_matches_its_yaml() -> None:
    data = yaml.safe_load((CONTENT / "datong-zonggonghui" / "2021.yaml").read_text(encoding="utf-8"))
    total = data["funds"]["total"]
    rows = [i for t in data["tables"] for g in t["groups"] for i in g["indicators"]]
    full = sum(Fraction(str(i["score"])) == Fraction(str(i["weight"])) for i in rows)
    item = _reports(CONTENT)[0]
    funds, indicators, result, _ = plain_summary(item.card, item.findings)
    assert f"预算 {_number(total['budget'])} 万元，实际执行 {_number(total['spent'])} 万元" in funds
    assert f"执行率 {_rate(total['spent'], total['budget'])}%" in funds
    extra = Fraction(str(total["spent"])) - Fraction(str(total["budget"]))
    assert f"执行数比预算数多 {extra} 万元" in funds
    assert indicators.startswith(f"报告共列 {len(rows)} 项绩效指标，复核后 {full} 项得满分（完成目标），"
                                 f"{len(rows) - full} 项未得满分：")
    assert result == f"报告自评总分 {data['claimed']['total']} 分、等级“{data['claimed']['grade']}”，本站按评分规则复核的结果相同。"


def test_the_ten_department_year_summaries_match_their_yaml() -> None:
    for item in _reports(FIXTURES / "standing"):
        slug = item.report.department.slug
        data = yaml.safe_load((FIXTURES / "standing" / slug / "2023.yaml").read_text(encoding="utf-8"))
        total = data["funds"]["total"]
        people = Fraction(data["tables"][0]["groups"][0]["indicators"][1]["actual"].removesuffix("人"))
        computed = 60 + 40 * people / 100
        claimed = Fraction(str(data["claimed"]["total"]))
        funds, indicators, result, _ = plain_summary(item.card, item.findings)
        assert f"执行率 {_rate(total['spent'], total['budget'])}%" in funds, slug
        if people >= 100:
            assert indicators == "报告共列 2 项绩效指标，复核后都得满分（完成目标）。"
        else:
            assert indicators == "报告共列 2 项绩效指标，复核后 1 项得满分（完成目标），1 项未得满分：“服务人数”。"
        if claimed > computed:
            assert result.endswith(f"比自评低 {_number(Decimal(claimed.numerator) / claimed.denominator - Decimal(computed.numerator) / computed.denominator)} 分。"), slug
        elif "grade" in data["claimed"] and claimed == computed and item.card.grade != data["claimed"]["grade"]:
            assert result.endswith(f"本站复核总分相同，但按本站等级线应为“{item.card.grade}”。"), slug
        else:
            assert "比自评" not in result, slug


def test_findings_sentence_counts_without_zeros() -> None:
    assert findings_sentence([]) == "复核未发现问题。"
    item = next(i for i in _reports(FIXTURES / "standing") if i.report.department.slug == "d04")
    sentence = findings_sentence([*item.findings, *item.card.findings])
    # a total that is only mis-added is said once (JX-A005), not again as a recomputation difference (JX-A003)
    assert sentence.startswith("复核发现 2 个警告，主要是：")
    assert "错误" not in sentence


def test_soft_target_hints_are_told_apart_from_other_hints() -> None:
    """The three-year department: 2022 has four soft-target hints (JX-G…), 2023 one, 2021 none."""
    items = {i.report.year: i for i in _reports(FIXTURES / "lineage")}
    said = {year: plain_summary(item.card, item.findings)[3] for year, item in items.items()}
    hints = {year: sum(f.code.startswith("JX-G") for f in set(item.findings)) for year, item in items.items()}
    assert hints == {2021: 0, 2022: 4, 2023: 1}
    assert said[2021] == "复核未发现问题。"
    for year in (2022, 2023):
        assert said[year] == f"复核未发现错误或警告，但有 {hints[year]} 处目标可能定得偏低（见复核说明）。"
