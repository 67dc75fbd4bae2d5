"""Open-data downloads of the example read back equal to its scorecard, validate, and are reproducible."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import frictionless
import openpyxl
import pytest

from jixiao.check import check
from jixiao.domain.scorecard import Scorecard
from jixiao.opendata.package import data_files
from jixiao.opendata.tables import INDICATOR_COLUMNS, REPORT_COLUMNS, labelled_rows, report_paths
from jixiao.opendata.xlsx import FIXED_DATE
from tests.conftest import CONTENT

BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def example() -> tuple[Scorecard, dict[str, bytes]]:
    checked = check(CONTENT, "content")
    (card,) = checked.scorecards
    return card, data_files(checked.reports, checked.corpus.site)


def _write(files: dict[str, bytes], root: Path) -> Path:
    for path, data in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    return root / "data"


def _dec(value: str | float | int | None) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _expected_indicator_rows(card: Scorecard) -> list[tuple[object, ...]]:
    return [(level1, row.group, row.indicator.name, row.indicator.weight, row.indicator.claimed_score, row.computed)
            for level1, row in labelled_rows(card)]


def test_every_data_file_is_there(example: tuple[Scorecard, dict[str, bytes]]) -> None:
    card, files = example
    json_path, csv_path = report_paths(card.report)
    assert sorted(files) == sorted([
        "data/SHA256SUMS", "data/datapackage.json", "data/indicators.csv", "data/indicators.xlsx",
        "data/reports.csv", "data/reports.xlsx", json_path, csv_path,
        "data/indicators.schema.json", "data/reports.schema.json",
        "data/lineage.csv", "data/lineage.xlsx", "data/lineage.schema.json",
    ])
    assert json_path == "data/reports/datong-zonggonghui-2021.json"


def test_csv_has_a_bom_and_reads_back_equal_to_the_scorecard(example: tuple[Scorecard, dict[str, bytes]]) -> None:
    card, files = example
    data = files["data/indicators.csv"]
    assert data.startswith(BOM) and b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == [c.name for c in INDICATOR_COLUMNS]
    got = [(r["一级指标"], r["二级指标"], r["三级指标"], _dec(r["权重"]), _dec(r["报告所列得分"]), _dec(r["复核得分"]))
           for r in rows]
    assert got == _expected_indicator_rows(card)
    assert len(rows) == 36
    cost = next(r for r in rows if r["三级指标"] == "项目支出成本")
    assert (cost["目标值"], cost["业绩值"], cost["计分规则"], cost["复核得分"]) == ("<=1136.92万", "1163.13万", "reverse-zero", "0.00")
    (report,) = csv.DictReader(io.StringIO(files["data/reports.csv"].decode("utf-8-sig"), newline=""))
    assert files["data/reports.csv"].startswith(BOM)
    assert list(report) == [c.name for c in REPORT_COLUMNS]
    assert (_dec(report["复核总分"]), report["复核等级"]) == (card.total, card.grade) == (Decimal("93.98"), "优秀")
    assert (_dec(report["报告所列总分"]), report["报告所列等级"]) == (Decimal("93.98"), "优秀")
    assert (_dec(report["预算执行率"]), _dec(report["预算数合计"]), _dec(report["执行数合计"])) == (
        Decimal("133.30"), Decimal("450.5"), Decimal("600.5"))
    assert set(report["问题代码"].split()) == {f.code for f in card.findings}


def test_xlsx_reads_back_equal_to_the_scorecard(example: tuple[Scorecard, dict[str, bytes]]) -> None:
    card, files = example
    sheet = openpyxl.load_workbook(io.BytesIO(files["data/indicators.xlsx"]), read_only=True).active
    assert sheet is not None
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert list(header) == [c.name for c in INDICATOR_COLUMNS]
    got = [(r[6], r[7], r[8], _dec(r[9]), _dec(r[12]), _dec(r[13])) for r in rows]
    assert {r[3] for r in rows} == {"部门整体"} and {r[4] for r in rows} == {None}
    assert got == _expected_indicator_rows(card)
    reports = openpyxl.load_workbook(io.BytesIO(files["data/reports.xlsx"]), read_only=True).active
    assert reports is not None
    _, (row) = list(reports.iter_rows(values_only=True))
    assert (_dec(row[7]), row[9], row[2], row[3]) == (card.total, card.grade, 2021, "部门整体")


def test_json_holds_the_whole_model_with_exact_decimals(example: tuple[Scorecard, dict[str, bytes]]) -> None:
    card, files = example
    data = json.loads(files["data/reports/datong-zonggonghui-2021.json"])
    assert data["computed"]["total"] == "93.98" and data["computed"]["grade"] == "优秀"
    assert data["report"]["claimed"]["total"] == "93.98"
    assert data["report"]["funds"]["total"]["budget"] == "450.5"
    assert len(data["computed"]["indicators"]) == 36
    assert [i["computed"] for i in data["computed"]["indicators"]] == [str(r.computed) for _, r in labelled_rows(card)]
    assert {f["code"] for f in data["findings"]} == {f.code for f in card.findings}
    assert data["report"]["narrative"][0]["markdown"].startswith("绩效考核")


def test_frictionless_validates_the_data_package(example: tuple[Scorecard, dict[str, bytes]], tmp_path: Path) -> None:
    _, files = example
    folder = _write(files, tmp_path)
    report = frictionless.validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])
    assert len(report.tasks) == 8  # reports, indicators, lineage (CSV and XLSX each) and the report's two files
    descriptor = json.loads(files["data/datapackage.json"])
    tabular = [r for r in descriptor["resources"] if r.get("profile") == "tabular-data-resource"]
    assert len(tabular) == 7  # reports, indicators and lineage as CSV and XLSX, and the report's own CSV
    for resource in tabular:
        schema = json.loads(files["data/" + resource["schema"]])
        assert all(f["description"] and f["type"] in {"string", "integer", "number"} for f in schema["fields"])
    units = {f["name"]: f.get("unit") for f in json.loads(files["data/reports.schema.json"])["fields"]}
    assert (units["复核总分"], units["预算数合计"], units["预算执行率"]) == ("分", "万元", "%")
    # the validation can fail: a value of the wrong type (and so a wrong checksum) is reported
    broken = folder / "reports.csv"
    broken.write_bytes(broken.read_bytes().replace(b",3689.06,", b",abc,"))
    failed = frictionless.validate(folder / "datapackage.json")
    assert not failed.valid
    assert {"type-error", "hash-count"} <= {e.type for t in failed.tasks for e in t.errors}


def test_sha256sum_checks_every_data_file(example: tuple[Scorecard, dict[str, bytes]], tmp_path: Path) -> None:
    _, files = example
    folder = _write(files, tmp_path)
    listed = (folder / "SHA256SUMS").read_text(encoding="ascii").splitlines()
    assert sorted(line.split("  ")[1] for line in listed) == sorted(
        p.removeprefix("data/") for p in files if p != "data/SHA256SUMS")
    result = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    (folder / "reports.csv").write_bytes(b"tampered")
    assert subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=folder, capture_output=True,
                          check=False).returncode == 1


def test_the_bytes_are_reproducible(example: tuple[Scorecard, dict[str, bytes]]) -> None:
    """Same content, same bytes: XLSX entries carry a fixed date and no build timestamp."""
    _, files = example
    checked = check(CONTENT, "content")
    assert data_files(checked.reports, checked.corpus.site) == files
    for name in ("data/indicators.xlsx", "data/reports.xlsx"):
        with zipfile.ZipFile(io.BytesIO(files[name])) as archive:
            assert {info.date_time for info in archive.infolist()} == {FIXED_DATE}
            core = archive.read("docProps/core.xml").decode()
            assert "2000-01-01T00:00:00Z" in core and core.count("T00:00:00Z") == 2


def test_findings_are_attached_to_their_indicator(tmp_path: Path) -> None:
    """A printed score that no longer matches (weight changed from 3 to 5) shows its code on that row."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    path = content / "datong-zonggonghui" / "2021.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("{name: 上级政策落实情况, weight: 3,",
                                                             "{name: 上级政策落实情况, weight: 5,"), encoding="utf-8")
    checked = check(content, "content")
    files = data_files(checked.reports, checked.corpus.site)
    rows = list(csv.DictReader(io.StringIO(files["data/indicators.csv"].decode("utf-8-sig"), newline="")))
    codes = {r["三级指标"]: r["问题代码"] for r in rows}
    assert codes["上级政策落实情况"] == "JX-A001"
    assert [name for name, code in codes.items() if code] == ["上级政策落实情况"]
    data = json.loads(files["data/reports/datong-zonggonghui-2021.json"])
    assert data["computed"]["indicators"][0]["findings"] == ["JX-A001"]
