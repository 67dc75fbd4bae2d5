"""``jixiao import`` on the command line: the import report, the summary table and the exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from jixiao.cli import cli
from tests.conftest import CONTENT, FIXTURES, seed_path


def _content(tmp_path: Path) -> Path:
    out = tmp_path / "content"
    out.mkdir()
    shutil.copy(CONTENT / "site.yaml", out / "site.yaml")
    return out


def test_single_file_everything_placed_exits_0(tmp_path: Path) -> None:
    out = _content(tmp_path)
    result = CliRunner().invoke(cli, ["import", str(seed_path()), "--dept", "datong-zonggonghui", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "datong-zonggonghui").iterdir()) == ["2021.md", "2021.yaml", "department.yaml"]
    summary = result.output.splitlines()[-2]
    assert summary.split()[:7] == ["000_9f785aea458f6f0e.txt", "整体报告", "大同市总工会", "2021", "36", "93.98", "/"]
    assert "93.98" in summary.split()[7] and "0 处未归位，0 错误" in summary
    assert "[JX-I009]" in result.output  # the form label 附2 is reported as deliberately left out


def test_batch_over_a_folder_reports_every_file_and_exits_1(tmp_path: Path) -> None:
    """A folder imports in one command; a file with unplaced blocks makes the exit code 1."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("three-cell-targets.txt", "scored-execution.txt", "checklist.txt"):
        shutil.copy(FIXTURES / "import" / name, inbox / name)
    out = _content(tmp_path)
    result = CliRunner().invoke(cli, ["import", str(inbox), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "导入中" in result.stderr  # the progress bar
    rows = {line.split()[0]: line for line in result.output.splitlines() if line.endswith("警告")}
    assert set(rows) == {"three-cell-targets.txt", "scored-execution.txt", "checklist.txt"}
    assert "2 处未归位" in rows["scored-execution.txt"] and "0 处未归位" in rows["checklist.txt"]
    assert "scored-execution.txt:22:1 [JX-I001]" in result.output.replace(str(inbox) + "/", "")
    assert sorted(p.name for p in out.iterdir()) == ["checklist", "scored-execution", "site.yaml", "three-cell-targets"]
    assert result.output.splitlines()[-1] == "共导入 3 个文件：2 个全部归位，1 个需要人工处理。"


def test_a_rerun_leaves_unchanged_files_alone_and_never_overwrites_an_edit(tmp_path: Path) -> None:
    """Importing the same folder again is not an error; a file edited since is kept unless --force."""
    out = _content(tmp_path)
    args = ["import", str(seed_path()), "--dept", "datong-zonggonghui", "--out", str(out)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 0 and "[JX-I007]" not in again.output, again.output
    assert "（与现有文件相同，未改动）" in again.output and "93.98 / 93.98" in again.output
    report = out / "datong-zonggonghui" / "2021.yaml"
    edited = report.read_text(encoding="utf-8").replace("大同市总工会", "大同市总工会（已核）", 1)
    report.write_text(edited, encoding="utf-8")
    third = CliRunner().invoke(cli, args)
    assert third.exit_code == 1 and "[JX-I007]" in third.output and "可能已被编辑" in third.output
    assert report.read_text(encoding="utf-8") == edited
    assert CliRunner().invoke(cli, [*args, "--force"]).exit_code == 0
    assert report.read_text(encoding="utf-8") != edited


def _cover_letter(path: Path) -> Path:
    from docx import Document

    document = Document()
    for text in ("关于报送2023年度部门整体支出绩效自评报告的函", "市财政局：",
                 "根据《关于开展2023年度绩效自评工作的通知》要求，现将我局自评报告报送你局，请审阅。",
                 "附件：2023年度部门整体支出绩效自评报告", "某市教育局", "2024年3月1日"):
        document.add_paragraph(text)
    document.save(str(path))
    return path


def _final_accounts(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["收入支出决算总表"])
    sheet.append(["项目", "决算数", "项目", "决算数"])
    sheet.append(["一般公共预算财政拨款收入", 1200.5, "教育支出", 1100.25])
    sheet.append(["本年收入合计", 1200.5, "本年支出合计", 1100.25])
    book.save(path)
    return path


def test_files_that_are_no_report_are_listed_and_do_not_fail_the_batch(tmp_path: Path) -> None:
    """A folder of last year's files: the cover letter and the 决算 table are listed as 不是绩效自评表."""
    from tests.importers.forms.containers import write_xls
    from tests.importers.forms.layouts import mof_project

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _cover_letter(inbox / "报送函.docx")
    _final_accounts(inbox / "决算总表.xlsx")
    write_xls(mof_project(), inbox / "jiaoyu-2023.xls")
    out = _content(tmp_path)
    result = CliRunner().invoke(cli, ["import", str(inbox), "--out", str(out), "--dept", "jiaoyu"])
    assert result.exit_code == 0, result.output
    assert result.output.count("[JX-I019]") == 2 and "开头：关于报送2023年度部门整体支出绩效自评报告的函" in result.output
    rows = {line.split()[0]: line.split()[1] for line in result.output.splitlines() if line.endswith("警告")}
    assert rows == {"报送函.docx": "不是绩效自评表", "决算总表.xlsx": "不是绩效自评表", "jiaoyu-2023.xls": "项目表"}
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.yaml")) == [
        "jiaoyu/2023/projects/jiaoyu.yaml", "jiaoyu/department.yaml", "site.yaml"]
    assert result.output.splitlines()[-1] == "共导入 3 个文件：3 个全部归位，0 个需要人工处理。"


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    out = _content(tmp_path)
    bad_slug = CliRunner().invoke(cli, ["import", str(seed_path()), "--dept", "大同", "--out", str(out)])
    assert bad_slug.exit_code == 2
    two = [str(seed_path()), str(FIXTURES / "import" / "checklist.txt")]
    with_year = CliRunner().invoke(cli, ["import", *two, "--year", "2021", "--out", str(out)])
    assert with_year.exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert CliRunner().invoke(cli, ["import", str(empty), "--out", str(out)]).exit_code == 2
    assert sorted(p.name for p in out.iterdir()) == ["site.yaml"]


def test_each_unplaced_block_is_listed_and_counted_once(tmp_path: Path) -> None:
    """The check of the written file reports the same `unplaced` entries again; the summary shows them once."""
    from tests.importers.forms.containers import write_docx
    from tests.importers.forms.layouts import Form

    source = write_docx(Form("x", ["2023年度部门整体支出绩效自评报告", "不属于任何部分的一段话。"]), tmp_path / "x.docx")
    result = CliRunner().invoke(cli, ["import", str(source), "--out", str(_content(tmp_path)), "--dept", "edu"])
    assert result.exit_code == 1
    assert result.output.count("[JX-I001]") == 1
    assert "1 处未归位，0 错误" in result.output


def test_a_refused_file_has_no_kind_in_the_summary(tmp_path: Path) -> None:
    source = tmp_path / "empty.docx"
    source.write_bytes(b"")
    result = CliRunner().invoke(cli, ["import", str(source), "--out", str(_content(tmp_path)), "--dept", "edu"])
    assert result.exit_code == 1 and "[JX-I013]" in result.output
    assert result.output.splitlines()[-2].split()[:2] == ["empty.docx", "—"]
