"""Each finding about the example report points at the row or section of the page it is about."""

from __future__ import annotations

from dataclasses import replace

from jixiao.check import check
from jixiao.domain.model import Loc
from jixiao.render.anchors import finding_targets
from tests.conftest import CONTENT


def test_findings_point_at_their_funds_rows_and_other_files_nowhere() -> None:
    checked = check(CONTENT, "content")
    (report,) = checked.corpus.reports
    findings = sorted((f for f in checked.findings if f.loc.file == report.loc.file), key=lambda f: f.loc)
    targets = dict(zip([(f.code, f.loc.line) for f in findings], finding_targets(report, findings), strict=True))
    # 其中 > 预算数 and 执行数 > 预算数 on the second funds row and on the 金额合计 row
    assert sorted(targets.values()) == ["funds-row-2", "funds-row-2", "funds-total", "funds-total"]
    elsewhere = replace(findings[0], loc=Loc("content/datong-zonggonghui/2021.md", 3, 1))
    assert finding_targets(report, [elsewhere]) == [""]


def test_a_finding_on_an_indicator_line_points_at_that_row() -> None:
    checked = check(CONTENT, "content")
    (report,) = checked.corpus.reports
    indicator = report.tables[1].groups[0].indicators[0]
    finding = replace(checked.findings[0], loc=Loc(report.loc.file, indicator.loc.line, 40))
    group_number = len(report.tables[0].groups) + 1
    assert finding_targets(report, [finding]) == [f"t2-r{group_number}-1"]
