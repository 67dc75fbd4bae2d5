"""Project tables (项目支出绩效自评表) in ``content/<dept>/<year>/projects/<project>.yaml``: layout and fields."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

from jixiao.domain.model import Direction, ReportKind, Status
from jixiao.load.content import load_content
from tests.corpus import BASE

PROJECT = """\
kind: project
year: 2021
title: 项目支出绩效自评表（2021年度）
form: 财预〔2020〕10号
project:
  name: 困难职工帮扶项目
  supervisor: 测试部门
  implementer: 测试部门本级
funds:
  name: 年度资金总额
  budget: 0
  adjusted_budget: 100
  spent: 49.9
  weight: 10
  rate: 50%
  score: 4.99
  parts:
    - {name: 本年财政拨款, budget: 0, adjusted_budget: 100, spent: 49.9, rate: 49.90%}
    - {name: 上年结转资金}
goals:
  expected: 帮扶困难职工 50 人。
  actual: 帮扶困难职工 50 人。
tables:
  - kind: output
    level1: 产出指标
    points: 90
    groups:
      - name: 数量指标
        points: 90
        indicators:
          - {name: 帮扶人数, weight: 90, target: "≥50人", actual: "50人", score: 90, core: true, measure: 定量,
             direction: positive, coefficient: 100, method: 完成值/指标值×分值, adjusted_target: "≥40人"}
claimed: {total: 94.99}
conclusion: 项目完成较好。
problems: 支出进度偏慢。
improvements: 加快支出进度。
"""


def _content(tmp_path: Path, files: dict[str, str], with_overall: bool = True) -> Path:
    content = tmp_path / "content"
    dept = content / "ceshi"
    dept.mkdir(parents=True)
    shutil.copy(BASE / "site.yaml", content / "site.yaml")
    shutil.copy(BASE / "department.yaml", dept / "department.yaml")
    if with_overall:
        shutil.copy(BASE / "2021.yaml", dept / "2021.yaml")
        shutil.copy(BASE / "2021.md", dept / "2021.md")
    for name, text in files.items():
        path = dept / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return content


def test_a_project_table_loads_with_every_field(tmp_path: Path) -> None:
    content = _content(tmp_path, {"2021/projects/bangfu.yaml": PROJECT})
    loaded = load_content(content, "content")
    assert [f.format() for f in loaded.findings if f.severity == "error"] == []
    overall, project = loaded.corpus.reports
    assert overall.kind == ReportKind.OVERALL and overall.key == ("ceshi", 2021, "")
    assert project.kind == ReportKind.PROJECT and project.key == ("ceshi", 2021, "bangfu")
    assert project.is_project and not project.draft and project.status == Status.PUBLISHED
    assert loaded.corpus.projects() == (project,) and loaded.corpus.overall() == (overall,)
    assert project.project is not None
    assert (project.project.name, project.project.supervisor, project.project.implementer) == (
        "困难职工帮扶项目", "测试部门", "测试部门本级")
    assert project.name == "困难职工帮扶项目" and project.form == "财预〔2020〕10号"
    funds = project.scored_execution
    assert funds is not None and funds.name == "年度资金总额"
    assert (funds.budget, funds.adjusted_budget, funds.spent, funds.weight, funds.rate, funds.claimed_score) == (
        Decimal(0), Decimal(100), Decimal("49.9"), Decimal(10), Decimal(50), Decimal("4.99"))
    assert funds.rate_text == "50%"
    assert [(p.name, p.rate, p.rate_text) for p in funds.parts] == [
        ("本年财政拨款", Decimal("49.90"), "49.90%"), ("上年结转资金", None, "")]
    assert funds.parts[0].loc.file == "content/ceshi/2021/projects/bangfu.yaml" and funds.parts[0].loc.line == 18
    assert project.goals is not None and project.goals.expected == "帮扶困难职工 50 人。"
    group = project.tables[0].groups[0]
    assert group.points == Decimal(90)
    row = group.indicators[0]
    assert (row.core, row.measure, row.direction, row.coefficient, row.method) == (
        True, "定量", Direction.POSITIVE, Decimal(100), "完成值/指标值×分值")
    assert row.adjusted_target is not None and row.scored_target == row.adjusted_target
    assert project.claimed is not None and project.claimed.total == Decimal("94.99")
    assert (project.conclusion, project.problems, project.improvements) == ("项目完成较好。", "支出进度偏慢。", "加快支出进度。")


def test_a_year_with_only_project_tables_is_normal(tmp_path: Path) -> None:
    content = _content(tmp_path, {"2021/projects/bangfu.yaml": PROJECT, "2021/projects/b.yaml": PROJECT},
                       with_overall=False)
    loaded = load_content(content, "content")
    assert [r.key for r in loaded.corpus.reports] == [("ceshi", 2021, "b"), ("ceshi", 2021, "bangfu")]
    assert [f.code for f in loaded.findings if f.severity != "info"] == []


def test_project_layout_rules(tmp_path: Path) -> None:
    """A bad file name, a year that differs from its folder, two files for one project, stray files."""
    content = _content(tmp_path, {
        "2021/projects/Bad_Name.yaml": PROJECT,
        "2021/projects/later.yaml": PROJECT.replace("year: 2021", "year: 2022"),
        "2021/projects/twice.yaml": PROJECT,
        "2021/projects/twice.yml": PROJECT,
        "2021/projects/notes.txt": "x",
        "2021/stray.yaml": PROJECT,
        "2021/projects/draft.yaml": PROJECT.replace("form:", "status: draft\nform:"),
        "2021/projects/overall-shape.yaml": "year: 2021\nbasic: {}\n",
    })
    loaded = load_content(content, "content")
    found = {(f.loc.file.removeprefix("content/ceshi/"), f.code) for f in loaded.findings}
    assert {
        ("2021/projects/Bad_Name.yaml", "JX-L013"),
        ("2021/projects/later.yaml", "JX-L003"),
        ("2021/projects/twice.yml", "JX-L014"),
        ("2021/projects/notes.txt", "JX-L008"),
        ("2021/stray.yaml", "JX-L008"),
        ("2021/projects/overall-shape.yaml", "JX-S001"),
        ("2021/projects/overall-shape.yaml", "JX-S002"),
    } <= found
    drafts = [r for r in loaded.corpus.reports if r.draft]
    assert [r.key for r in drafts] == [("ceshi", 2021, "draft")]


def test_pages_render_with_project_tables_and_drafts(tmp_path: Path) -> None:
    """Project tables get a page under their department-year; drafts are checked but get none."""
    from jixiao.check import check
    from jixiao.render.site import RenderSettings, site_files
    from tests.conftest import ROOT

    content = _content(tmp_path, {
        "2021/projects/bangfu.yaml": PROJECT,
        "2021/projects/caogao.yaml": PROJECT.replace("form:", "status: draft\nform:"),
    })
    checked = check(content, "content")
    assert len(checked.scorecards) == 3
    paths = {f.path for f in site_files(checked, RenderSettings((ROOT / "templates",)))}
    assert "2021/ceshi/index.md" in paths
    assert "2021/ceshi/projects/bangfu/index.md" in paths
    assert not any("caogao" in p for p in paths)
