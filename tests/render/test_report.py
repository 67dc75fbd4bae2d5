"""Rendered report pages match their golden files, and the reference page holds every fact.

Two golden files: the reference report (大同市总工会 2021, tests/render/golden/datong-zonggonghui-2021.md)
and a report with findings of every severity (tests/fixtures/scoring: a printed score that differs from
the recomputed one, a funds table whose rows do not add up, target errors), which pins how the 复核说明
box and the differing scores are rendered. Update them deliberately with
``JIXIAO_UPDATE_GOLDEN=1 pytest tests/render/test_report.py``: that run writes the files and FAILS, so an
update can never pass unnoticed; review the diff, then re-run without the switch.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from jixiao.check import check
from jixiao.render.site import GeneratedFile, RenderSettings, site_files
from tests.conftest import CONTENT, FIXTURES, ROOT

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
GOLDEN = GOLDEN_DIR / "datong-zonggonghui-2021.md"
GOLDEN_FINDINGS = GOLDEN_DIR / "scoring-shiju-2022.md"
REPORT = "2021/datong-zonggonghui/index.md"
UPDATE_SWITCH = "JIXIAO_UPDATE_GOLDEN"


def _files(content: Path = CONTENT) -> dict[str, GeneratedFile]:
    checked = check(content, "content")
    return {f.path: f for f in site_files(checked, RenderSettings((ROOT / "templates",)))}


def assert_matches_golden(text: str, golden: Path) -> None:
    """``text`` equals the golden file; under the update switch, write it and fail (review, then re-run)."""
    if os.environ.get(UPDATE_SWITCH) == "1":
        golden.write_text(text, encoding="utf-8")
        pytest.fail(f"golden files updated; re-run without the switch {UPDATE_SWITCH}=1 (wrote {golden.name})")
    assert golden.is_file(), f"golden file missing: run with {UPDATE_SWITCH}=1"
    assert text == golden.read_text(encoding="utf-8"), f"{golden.name} differs; if on purpose, run with {UPDATE_SWITCH}=1"


def _report_text() -> str:
    content = _files()[REPORT].content
    assert isinstance(content, str)
    return content


def test_report_page_matches_golden_file() -> None:
    assert_matches_golden(_report_text(), GOLDEN)


def test_report_page_with_findings_matches_golden_file() -> None:
    """The scoring fixture's page: 复核说明 lists every finding; the differing score is flagged beside its rule."""
    text = str(_files(FIXTURES / "scoring")["2022/shiju/index.md"].content)
    audit = re.search(r'<aside class="jx-audit" aria-labelledby="audit">(.*?)</aside>', text, re.S)
    assert audit is not None
    for code in ("JX-C006", "JX-A001", "JX-A003", "JX-T007", "JX-A007"):
        assert f'<small class="jx-code" title="复核代码">{code}</small>' in audit.group(1)
    assert {"jx-finding--error", "jx-finding--warning", "jx-finding--info"} <= set(re.findall(r"jx-finding--\w+", text))
    assert '<tr id="execution-row" class="jx-differs"><th scope="row"><a class="jx-row-flag" href="#finding-5">复核说明 5</a>预算执行率</th>' in text
    assert "与复核不一致" in text
    # every finding that points somewhere points at an id the page has
    ids = set(re.findall(r'id="([^"]+)"', text)) | set(re.findall(r"\{ #([\w-]+) \}", text))
    assert set(re.findall(r'class="jx-finding-link" href="#([^"]+)"', text)) <= ids
    assert_matches_golden(text, GOLDEN_FINDINGS)


def test_update_switch_writes_the_golden_file_and_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An update run can never pass unnoticed: it writes the file, then fails asking for a re-run."""
    golden = tmp_path / "page.md"
    monkeypatch.setenv(UPDATE_SWITCH, "1")
    with pytest.raises(pytest.fail.Exception, match="golden files updated; re-run without the switch"):
        assert_matches_golden("新的页面", golden)
    assert golden.read_text(encoding="utf-8") == "新的页面"
    monkeypatch.delenv(UPDATE_SWITCH)
    assert_matches_golden("新的页面", golden)
    with pytest.raises(AssertionError, match=r"page\.md differs"):
        assert_matches_golden("另一个页面", golden)


def test_rendering_is_a_pure_function_of_the_input() -> None:
    first, second = _files(), _files()
    assert [(f.path, f.content) for f in first.values()] == [(f.path, f.content) for f in second.values()]


def test_report_page_holds_every_indicator_row_and_section_heading() -> None:
    checked = check(CONTENT, "content")
    text = _report_text()
    (report,) = checked.corpus.reports
    for indicator in report.indicators():
        assert f'<th scope="row" class="jx-c-name">{indicator.name}</th>' in text
    headings = ["一、部门（单位）基本情况", "二、部门（单位）预算管理及执行情况", "三、部门（单位）整体支出绩效目标及开展情况",
                "四、部门（单位）整体支出绩效实现情况", "五、部门（单位）整体支出绩效中存在问题及改进措施",
                "六、绩效自评结果拟应用和公开情况", "七、其他需要说明的情况"]
    positions = [text.index(f"## {h}") for h in headings]
    assert positions == sorted(positions)
    assert "93.98" in text and "优秀" in text and "金额合计" in text
    assert text.count('scope="rowgroup" rowspan="8"') == 1  # 数量: 7 rows + its subtotal


def test_every_page_kind_is_generated() -> None:
    files = _files()
    for path in (REPORT, "2021/index.md", "departments/datong-zonggonghui/index.md", "index.md",
                 "years/index.md", "departments/index.md", "assets/jixiao.css"):
        assert path in files


def _variant(tmp_path: Path, edit: dict[str, str], site_edit: tuple[str, str] | None = None) -> dict[str, GeneratedFile]:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    report = content / "datong-zonggonghui" / "2021.yaml"
    text = report.read_text(encoding="utf-8")
    for old, new in edit.items():
        assert old in text
        text = text.replace(old, new, 1)
    report.write_text(text, encoding="utf-8")
    if site_edit:
        site = content / "site.yaml"
        site.write_text(site.read_text(encoding="utf-8").replace(*site_edit), encoding="utf-8")
    checked = check(content, "content")
    return {f.path: f for f in site_files(checked, RenderSettings((ROOT / "templates",)))}


def test_a_wrong_printed_score_is_shown_beside_the_computed_one_with_its_rule(tmp_path: Path) -> None:
    files = _variant(tmp_path, {
        "{name: 救助困难职工人数, weight: 3, target: \">=299人\", actual: \"299人\", score: 3}":
            "{name: 救助困难职工人数, weight: 3, target: \">=299人\", actual: \"250人\", score: 3}",
        "claimed:\n": "scored_execution: {weight: 10, budget: 450.5, spent: 600.5, score: 10}\n\nclaimed:\n",
    })
    text = str(files[REPORT].content)
    row = re.search(r'<tr id="t1-r1-4" data-group="数量" class="jx-differs">.*?救助困难职工人数.*?</tr>', text)
    assert row is not None
    # the reason is on the row right below the marked one, and the audit box links to the marked row
    reason = re.search(r'</tr>\n<tr class="jx-reason"><td colspan="6" data-label="复核说明">(.*?)</td></tr>',
                       text[row.end() - 5:])
    assert reason is not None and "报告所列 3 分" in reason.group(1) and "250" in reason.group(1)
    assert 'href="#t1-r1-4">查看所在位置</a>' in text
    assert text.count('scope="rowgroup" rowspan="9"') == 1  # 数量: 7 rows, the reason row and the subtotal
    assert '<th scope="row">预算执行率</th><td class="jx-num">10</td>' in text
    assert "与复核不一致" in text
    verdict = re.search(r'<p class="jx-verdict jx-verdict--differs" id="verdict">(.*?)</p>', text, re.S)
    assert verdict is not None
    assert re.sub("<[^>]+>", "", verdict.group(1)).startswith("复核总分 103.49，报告所列 93.98，相差 9.51 分。")
    year = str(files["2021/index.md"].content)
    assert year.count("大同市总工会 2021 年度") == 2  # ranked, and listed among the differences


def test_the_audit_box_can_be_switched_off(tmp_path: Path) -> None:
    files = _variant(tmp_path, {}, ("show_audit: true", "show_audit: false"))
    text = str(files[REPORT].content)
    assert "复核说明" not in text and "JX-C007" not in text
    assert "93.98" in text


def test_report_page_describes_itself_with_its_own_numbers() -> None:
    front = _report_text().split("---\n")[1]
    assert ('description: "大同市总工会 2021 年度整体支出绩效自评报告：复核总分 93.98 分（优秀），与报告所列一致；'
            '预算执行率 133.30%（待核实）。"') in front
