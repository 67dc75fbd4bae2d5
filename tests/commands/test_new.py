"""``jixiao new``: next year's report carries over the previous year's structure, loads, and never overwrites."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from jixiao.check import check
from jixiao.domain.model import Report
from jixiao.load.content import load_content
from jixiao.write.modeline import REPORT_MODELINE as MODELINE
from tests.conftest import CONTENT, FIXTURES, ROOT

#: Findings a freshly scaffolded report is expected to have: it prints no score yet, so it is an unscored
#: report (报告未列得分, JX-A014, once) rather than 36 missing actuals; once the editor enters scores, rows
#: still without an actual get JX-T005 (a warning).
EXPECTED_CODES = frozenset({"JX-A014"})


def _jixiao(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "jixiao", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)


def _content(tmp_path: Path) -> Path:
    shutil.copytree(CONTENT, tmp_path / "content")
    return tmp_path / "content"


def _report(content: Path, slug: str, year: int) -> Report:
    return next(r for r in load_content(content).corpus.reports if r.key == (slug, year, ""))


def _new_file_findings(content: Path, slug: str, year: int) -> list[tuple[str, str]]:
    checked = check(content, "content")
    prefix = f"content/{slug}/{year}."
    return [(f.code, f.format()) for f in checked.findings if f.loc.file.startswith(prefix)]


def test_new_carries_over_weights_and_targets_and_leaves_actuals_blank(tmp_path: Path) -> None:
    content = _content(tmp_path)
    result = _jixiao("new", "datong-zonggonghui", "2022", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (content / "datong-zonggonghui" / "2022.yaml").read_text(encoding="utf-8")
    assert text.startswith(MODELINE + "\n")
    old, new = _report(content, "datong-zonggonghui", 2021), _report(content, "datong-zonggonghui", 2022)
    assert new.title == "（2022年度）部门（单位）整体支出预算绩效自评报告"
    assert new.basic and old.basic and new.basic.responsibilities == old.basic.responsibilities
    assert new.basic.organization and old.basic.organization
    assert new.basic.organization.internal_units == old.basic.organization.internal_units
    assert [(t.kind, t.level1, t.title, [g.name for g in t.groups]) for t in new.tables] == [
        (t.kind, t.level1, t.title, [g.name for g in t.groups]) for t in old.tables
    ]
    carried = [(i.name, i.kind, i.weight, i.target.text if i.target else None) for i in new.indicators()]
    assert carried == [(i.name, i.kind, i.weight, i.target.text if i.target else None) for i in old.indicators()]
    assert len(carried) == 36
    assert all(i.actual is None and i.claimed_score is None for i in new.indicators())
    assert new.claimed and new.claimed.total is None and new.funds is None
    assert [s.key for s in new.narrative] == [s.key for s in old.narrative]


def test_new_then_check_gives_only_the_expected_findings(tmp_path: Path) -> None:
    content = _content(tmp_path)
    assert _jixiao("new", "datong-zonggonghui", "2022", cwd=tmp_path).returncode == 0
    found = _new_file_findings(content, "datong-zonggonghui", 2022)
    assert [line for code, line in found if code not in EXPECTED_CODES] == []
    codes = [code for code, _ in found]
    assert codes == ["JX-A014"]


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    content = _content(tmp_path)
    folder = content / "datong-zonggonghui"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = _jixiao("new", "datong-zonggonghui", "2021", cwd=tmp_path)
    assert result.returncode == 2
    assert "已存在" in result.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_new_department_from_template_loads(tmp_path: Path) -> None:
    content = _content(tmp_path)
    assert _jixiao("new", "xin-bumen", "2023", cwd=tmp_path).returncode == 2  # a new department needs --name
    assert not (content / "xin-bumen").exists()
    result = _jixiao("new", "xin-bumen", "2023", "--name", "大同市新部门", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = _report(content, "xin-bumen", 2023)
    assert report.department.name == "大同市新部门"
    assert [t.kind.value for t in report.tables] == ["output", "effect", "satisfaction"]
    assert sum(i.weight or 0 for i in report.indicators()) == 100
    found = _new_file_findings(content, "xin-bumen", 2023)
    assert [line for code, line in found if code not in EXPECTED_CODES] == []
    assert [code for code, _ in found] == ["JX-A014"]


def test_new_rejects_a_bad_slug(tmp_path: Path) -> None:
    _content(tmp_path)
    result = _jixiao("new", "Bad_Slug", "2022", "--name", "某部门", cwd=tmp_path)
    assert result.returncode == 2
    assert "不合法" in result.stderr


def test_new_carries_three_cell_targets_checklists_and_the_scored_execution_row(tmp_path: Path) -> None:
    """From the scoring fixture: every target form and row kind survives the scaffold."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "scoring", content)
    result = _jixiao("new", "shiju", "2023", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    old, new = _report(content, "shiju", 2022), _report(content, "shiju", 2023)

    def shape(report: Report) -> list[tuple[object, ...]]:
        return [(i.name, i.kind, i.weight, i.standard, i.explanation,
                 i.target and (i.target.text, i.target.nature, i.target.value, i.target.unit))
                for i in report.indicators()]

    assert shape(new) == shape(old)
    assert any(i.target and i.target.nature for i in new.indicators())
    assert any(i.kind.value == "checklist" for i in new.indicators())
    assert old.scored_execution and new.scored_execution
    assert (new.scored_execution.name, new.scored_execution.weight) == (old.scored_execution.name,
                                                                          old.scored_execution.weight)
    assert new.scored_execution.claimed_score is None and new.scored_execution.spent is None
    checked = check(content, "content")
    before = {f.code for f in checked.findings if f.loc.file.startswith("content/shiju/2022.")}
    after = {f.code for f in checked.findings if f.loc.file.startswith("content/shiju/2023.")}
    # only values left to fill in (a checklist row or the execution row without a score: JX-A008), plus
    # whatever the carried-over targets already had in the previous year
    assert after - {"JX-T005", "JX-A008", "JX-A010", "JX-A014"} <= before


def test_new_project_table_loads_as_an_unscored_project_and_never_overwrites(tmp_path: Path) -> None:
    """``jixiao new SLUG YEAR --project P``: a blank 财预〔2020〕10号 table that loads with one JX-A014."""
    content = _content(tmp_path)
    args = ("new", "datong-zonggonghui", "2022", "--project", "kunnan-bangfu", "--project-name", "困难职工帮扶")
    result = _jixiao(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = content / "datong-zonggonghui" / "2022" / "projects" / "kunnan-bangfu.yaml"
    checked = check(content, "content")
    project = next(r for r in checked.corpus.reports if r.key == ("datong-zonggonghui", 2022, "kunnan-bangfu"))
    assert project.is_project and project.name == "困难职工帮扶" and len(project.tables) == 3
    own = [f.code for f in checked.findings if f.loc.file.endswith("2022/projects/kunnan-bangfu.yaml")]
    assert own == ["JX-A014"]
    before = path.read_bytes()
    again = _jixiao(*args, cwd=tmp_path)
    assert again.returncode == 2 and "已存在" in again.stderr and path.read_bytes() == before
    assert _jixiao("new", "datong-zonggonghui", "2022", "--project", "Bad_Slug", cwd=tmp_path).returncode == 2
