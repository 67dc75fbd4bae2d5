"""Project tables in the open data: a 种类 column in every table, their own files, a valid data package."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import frictionless
import openpyxl
import pytest

from jixiao.check import Checked, check
from jixiao.opendata.package import data_files
from jixiao.opendata.tables import INDICATOR_COLUMNS, REPORT_COLUMNS
from tests.projectsite import DEPARTMENT, DRAFT, ONLY_PROJECTS, PUBLISHED, make_content


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Checked:
    return check(make_content(tmp_path_factory.mktemp("projects-data")), "content")


@pytest.fixture(scope="module")
def files(checked: Checked) -> dict[str, bytes]:
    from jixiao.render.site import published

    shown = published(checked)
    return data_files(shown.reports, shown.corpus.site)


def _csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_reports_csv_has_one_row_per_published_report_of_either_kind(files: dict[str, bytes]) -> None:
    rows = _csv(files["data/reports.csv"])
    assert list(rows[0]) == [c.name for c in REPORT_COLUMNS]
    kinds = sorted((r["部门标识"], r["种类"], r["项目标识"]) for r in rows)
    assert kinds == sorted([(DEPARTMENT, "部门整体", ""), *((DEPARTMENT, "项目", p) for p in PUBLISHED),
                            (ONLY_PROJECTS[0], "项目", ONLY_PROJECTS[1])])
    assert DRAFT not in files["data/reports.csv"].decode("utf-8-sig")
    huodong = next(r for r in rows if r["项目标识"] == "zhigong-wenti-huodong")
    # the funds block: 全年执行数 19.8 ÷ 全年预算数 20 (年初预算数 is 0)
    assert (huodong["项目"], huodong["预算执行率"], huodong["预算数合计"], huodong["执行数合计"]) == (
        "职工文体活动项目", "99.00", "20", "19.8")
    assert (huodong["复核总分"], huodong["复核等级"], huodong["复核状态"]) == ("99.90", "优秀", "已复核")


def test_indicators_csv_has_a_kind_column(files: dict[str, bytes]) -> None:
    rows = _csv(files["data/indicators.csv"])
    assert [c.name for c in INDICATOR_COLUMNS][:6] == ["部门标识", "部门", "年度", "种类", "项目标识", "项目"]
    overall = [r for r in rows if r["种类"] == "部门整体"]
    projects = [r for r in rows if r["种类"] == "项目"]
    assert len(overall) == 36 and {r["项目"] for r in overall} == {""}
    row = next(r for r in projects if r["三级指标"] == "困难职工生活改善率")
    assert (row["项目"], row["报告所列得分"], row["复核得分"]) == ("困难职工帮扶项目", "30", "28.33")
    assert {r["项目标识"] for r in projects} == {*PUBLISHED, ONLY_PROJECTS[1]}
    sheet = openpyxl.load_workbook(io.BytesIO(files["data/indicators.xlsx"]), read_only=True).active
    assert sheet is not None
    header, *cells = list(sheet.iter_rows(values_only=True))
    assert header[3] == "种类" and {c[3] for c in cells} == {"部门整体", "项目"}


def test_each_project_has_its_own_json_and_csv(files: dict[str, bytes]) -> None:
    stem = f"data/projects/{DEPARTMENT}-2021/kunnan-zhigong-bangfu"
    data = json.loads(files[f"{stem}.json"])
    assert data["report"]["kind"] == "project" and data["report"]["project"]["name"] == "困难职工帮扶项目"
    assert data["report"]["scored_execution"]["parts"][0]["name"] == "本年财政拨款"
    assert (data["computed"]["total"], data["computed"]["state"]) == ("98.33", "scored")
    rows = _csv(files[f"{stem}.csv"])
    assert len(rows) == 6 and rows[-1]["三级指标"] == "年度资金总额"  # five indicators and the funds block
    assert f"data/reports/{DEPARTMENT}-2021.json" in files  # the overall report keeps its name


def test_the_data_package_with_projects_validates(files: dict[str, bytes], tmp_path: Path) -> None:
    for path, data in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    report = frictionless.validate(tmp_path / "data" / "datapackage.json")
    assert report.valid, report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads(files["data/datapackage.json"])
    names = [r["name"] for r in descriptor["resources"]]
    assert len(names) == len(set(names))
    assert f"{DEPARTMENT}-2021.kunnan-zhigong-bangfu-json" in names
    titles = {r["title"] for r in descriptor["resources"]}
    assert "大同市总工会 2021 年度 困难职工帮扶项目报告（JSON）" in titles


def test_unscored_and_incomplete_projects_have_no_computed_grade(files: dict[str, bytes]) -> None:
    rows = {r["项目标识"]: r for r in _csv(files["data/reports.csv"])}
    unscored, incomplete = rows["laomo-liaoyang"], rows["gonghui-xinxihua"]
    assert (unscored["复核总分"], unscored["复核等级"], unscored["复核状态"]) == ("", "", "报告未列得分")
    assert (incomplete["复核总分"], incomplete["复核等级"], incomplete["复核状态"]) == ("68.00", "", "不完整")
    assert Decimal(rows["kunnan-zhigong-bangfu"]["复核总分"]) == Decimal("98.33")
