"""The soft-target audit on a three-year department (tests/fixtures/lineage/minzheng, 2021–2023).

Expected hints are derived here from the fixture's YAML with PyYAML and plain number parsing, not from
jixiao's target parser: a ≥ target below last year's actual (JX-G001), a ≤ cost target above last
year's actual (JX-G004), a 满意度 target at or below the site's floor (JX-G003), and every actual equal
to its target (JX-G002). They are hints (提示), attributed to the report they are about.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import yaml

from jixiao.check import check
from jixiao.domain.checks.softtargets import lineage_key, previous_reports, soft_target_findings
from jixiao.domain.issues import Severity
from jixiao.domain.model import Indicator, Loc, SoftTargetRules
from tests.conftest import FIXTURES

PROJECT = FIXTURES / "lineage"
DEPT = PROJECT / "minzheng"


def _rows(year: int) -> dict[tuple[str, str], dict[str, object]]:
    data = yaml.safe_load((DEPT / f"{year}.yaml").read_text(encoding="utf-8"))
    return {(g["name"], i["name"]): i for t in data["tables"] for g in t["groups"] for i in g["indicators"]}


def _number(text: object) -> Decimal:
    match = re.search(r"\d+(\.\d+)?", str(text))
    assert match is not None
    return Decimal(match.group())


def _expected() -> set[tuple[int, str, str]]:
    """(year, code, indicator name) of every hint, from the YAML alone."""
    floor = Decimal(yaml.safe_load((PROJECT / "site.yaml").read_text(encoding="utf-8"))["soft_targets"]["satisfaction_floor"])
    out: set[tuple[int, str, str]] = set()
    for year in (2021, 2022, 2023):
        rows = _rows(year)
        last = _rows(year - 1) if (DEPT / f"{year - 1}.yaml").is_file() else {}
        for key, row in rows.items():
            target = str(row["target"])
            if key in last:
                before = _number(last[key]["actual"])
                if target.startswith(">=") and _number(target) < before:
                    out.add((year, "JX-G001", key[1]))
                if target.startswith("<=") and key[0] == "成本" and _number(target) > before:
                    out.add((year, "JX-G004", key[1]))
            if "满意" in key[1] and target.startswith(">=") and _number(target) <= floor:
                out.add((year, "JX-G003", key[1]))
        if len(rows) >= 3 and all(_number(r["target"]) == _number(r["actual"]) for r in rows.values()):
            out.add((year, "JX-G002", ""))
    return out


def _found() -> set[tuple[int, str, str]]:
    checked = check(PROJECT)
    out = set()
    for item in checked.reports:
        for f in item.findings:
            if f.code.startswith("JX-G"):
                assert f.severity == Severity.INFO
                name = re.search(r"指标“(.*?)”", f.message)
                out.add((item.report.year, f.code, name.group(1) if name and f.code != "JX-G002" else ""))
    return out


def test_hints_match_an_independent_reading_of_the_yaml() -> None:
    expected = _expected()
    assert {code for _, code, _ in expected} == {"JX-G001", "JX-G002", "JX-G003", "JX-G004"}  # the fixture covers all
    assert _found() == expected


def test_messages_put_the_numbers_side_by_side() -> None:
    checked = check(PROJECT)
    messages = [f.message for item in checked.reports for f in item.findings if f.code.startswith("JX-G")]
    for text in ("指标“救助困难群众人数”今年目标 >=320人，低于 2021 年实际完成值 350人",
                 "指标“公用经费”今年成本目标 <=110万元，高于 2021 年实际 90万元",
                 "指标“服务对象满意度”的满意度目标 >=80%，不高于本站提示线 85%",
                 "全部 3 个定量指标的业绩值都恰好等于目标值（如“救助困难群众人数”：目标 >=340人，业绩 340人）"):
        assert text in messages


def test_site_parameters_switch_and_move_the_rules() -> None:
    checked = check(PROJECT)
    reports = checked.corpus.reports
    assert soft_target_findings(reports, SoftTargetRules(enabled=False)) == []
    codes = [f.code for f in soft_target_findings(reports, SoftTargetRules(satisfaction_floor=Decimal(79)))]
    assert "JX-G003" not in codes
    codes = [f.code for f in soft_target_findings(reports, SoftTargetRules(equal_min_rows=4))]
    assert "JX-G002" not in codes


def test_matching_by_id_survives_a_rename_and_previous_is_the_nearest_earlier_year() -> None:
    assert lineage_key("数量", Indicator(Loc("x"), name="救助人数", id="jiuzhu")) == \
        lineage_key("质量", Indicator(Loc("x"), name="困难群众救助人数", id="jiuzhu"))
    assert lineage_key("数量", Indicator(Loc("x"), name="救助人数")) != \
        lineage_key("质量", Indicator(Loc("x"), name="救助人数"))
    checked = check(PROJECT)
    previous = previous_reports(checked.corpus.reports)
    assert {key: r.year for key, r in previous.items()} == {("minzheng", 2022): 2021, ("minzheng", 2023): 2022}


def test_single_year_fixtures_get_no_cross_year_hints() -> None:
    for project in (FIXTURES / "scoring", FIXTURES / "standing", Path(__file__).resolve().parents[2] / "content"):
        codes = {f.code for f in check(project).findings}
        assert not codes & {"JX-G001", "JX-G004"}, project


PROJECT_TABLE = """kind: project
year: 2022
project:
  name: 困难群众救助项目
tables:
  - kind: output
    level1: 产出指标
    groups:
      - name: 数量
        indicators:
          - {name: 救助困难群众人数, weight: 50, target: ">=100人", actual: "100人", score: 50}
          - {name: 培训次数, weight: 50, target: ">=1次", actual: "1次", score: 50}
  - kind: satisfaction
    level1: 满意度指标
    groups:
      - name: 满意度
        indicators:
          - {name: 服务对象满意度, weight: 0, target: ">=60%", actual: "60%", score: 0}
claimed:
  total: 100
"""


def test_project_tables_take_no_part_in_cross_year_features(tmp_path: Path) -> None:
    """A project table (kind: project) beside the overall reports changes no hint, rank or lineage."""
    import shutil

    from jixiao.domain.lineage import department_lineages
    from jixiao.domain.standing import standings

    content = tmp_path / "content"
    shutil.copytree(PROJECT, content)
    folder = content / "minzheng" / "2022" / "projects"
    folder.mkdir(parents=True)
    (folder / "jiuzhu.yaml").write_text(PROJECT_TABLE, encoding="utf-8")
    before, after = check(PROJECT), check(content)
    assert any(r.is_project for r in after.corpus.reports)
    hints = [(f.loc.file.rsplit("/", 1)[-1], f.loc.line, f.code) for f in after.findings if f.code.startswith("JX-G")]
    assert hints == [(f.loc.file.rsplit("/", 1)[-1], f.loc.line, f.code) for f in before.findings if f.code.startswith("JX-G")]
    bands = after.corpus.site.grade_bands
    assert standings(after.scorecards, bands).keys() == standings(before.scorecards, bands).keys()
    assert [lin.key for lin in department_lineages(after.scorecards)] == \
        [lin.key for lin in department_lineages(before.scorecards)]
