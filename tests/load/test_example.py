"""The built-in example (大同市总工会 2021) loads clean and holds every fact of the seed report."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.layout import NARRATIVE_HEADINGS, SECTIONS
from jixiao.domain.model import Report
from jixiao.load.content import load_content
from tests.conftest import CONTENT


def _report() -> Report:
    loaded = load_content(CONTENT, "content")
    assert [f.format() for f in loaded.findings] == []
    (report,) = loaded.corpus.reports
    return report


def _model_text(report: Report) -> str:
    """Every text and number of the loaded model, as one string."""
    parts: list[str] = [report.title]
    basic = report.basic
    assert basic and basic.organization and basic.staffing and basic.assets
    parts += basic.responsibilities
    parts += [basic.organization.description, *basic.organization.internal_units,
              *basic.organization.subordinate_units, basic.staffing.text, basic.assets.text]
    assert report.funds and report.execution and report.claimed
    for row in (*report.funds.rows, report.funds.total):
        assert row
        parts += [row.function, row.task, row.completion,
                  *(str(v) for v in (row.budget, row.budget_fiscal, row.spent, row.spent_fiscal))]
    parts += [report.execution.text, report.claimed.text, str(report.claimed.total)]
    for table in report.tables:
        parts += [table.intro]
        for group in table.groups:
            parts.append(group.name)
            for ind in group.indicators:
                target = ind.target.text if ind.target else ""
                parts += [ind.name, str(ind.weight), target, ind.actual or "", str(ind.claimed_score)]
    parts += [s.markdown for s in report.narrative]
    return "\n".join(parts)


def test_example_loads_without_findings() -> None:
    report = _report()
    assert report.department.name == "大同市总工会"
    assert report.year == 2021
    assert len(report.indicators()) == 36
    assert report.claimed and report.claimed.total == Decimal("93.98") and report.claimed.grade == "优秀"


def test_every_number_of_the_seed_is_in_the_model(seed_text: str) -> None:
    text = _model_text(_report())
    numbers = set(re.findall(r"\d+(?:\.\d+)?", seed_text)) - {"2"}  # "附2" is the form's attachment number
    missing = sorted(n for n in numbers if n not in text)
    assert missing == []


def test_every_indicator_and_table_cell_of_the_seed_is_in_the_model(seed_text: str) -> None:
    text = _model_text(_report())
    cells = {line.strip() for line in seed_text.splitlines() if line.startswith("\t") and line.strip()}
    headers = {"二级指标", "三级指标", "权重", "目标值", "业绩值", "得分", "职能名称", "政策或重点任务",
               "完成情况", "预算数(万元)", "其中：财政拨款", "执行数(万元)", "金额合计"}
    missing = sorted(c for c in cells - headers if c not in text and not c.isdigit())
    assert missing == []


def test_every_prose_line_of_the_seed_is_a_heading_or_in_the_model(seed_text: str) -> None:
    text = _model_text(_report())
    fixed = [title for _, title in SECTIONS] + list(NARRATIVE_HEADINGS.values())
    for line in seed_text.splitlines():
        line = line.replace("[bookmark: _GoBack]", "").strip()
        if not line or seed_text.count("\t" + line) or line in {"附2"}:
            continue
        bare = re.sub(r"^[（(]?[一二三四五六七0-9]+[)）、.．]\s*", "", line).removeprefix("所属单位:")
        assert bare in text or any(bare in f or f in line for f in fixed) or line in _FORM_LINES, line


_FORM_LINES = {
    "（2021年度）部门（单位）整体支出预算绩效自评报告",
    "1.主要职责职能", "2．组织架构", "3.人员构成", "4. 资产情况", "1．资金使用情况",
    "2.预算管理及执行情况分析", "（一）履职完成情况", "（二）履职效果情况", "（三）社会满意度情况",
}
