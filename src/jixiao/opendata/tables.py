"""Open data: the tables and files readers can download, as pure functions of the scorecards.

Owns the columns of ``indicators.csv`` (one row per 三级指标 of every report) and ``reports.csv``
(one row per report), each column declared once with its type, unit and Chinese description (the
CSV header, the XLSX header and the Frictionless schema all come from that declaration); the
per-report JSON (the whole model with computed scores and findings) and CSV; and the assembly of
every data file under ``data/`` with ``datapackage.json`` and ``SHA256SUMS``.

Numbers are exact: in CSV they are the decimal text (``93.98``), in XLSX numeric cells written from
that text, and in JSON strings (``"93.98"``) so no reader's float parsing can change them.
CSV is UTF-8 with a byte-order mark (so Excel shows Chinese correctly) and CRLF line ends.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from jixiao.check import CheckedReport
from jixiao.domain.issues import Finding
from jixiao.domain.model import Indicator, Loc, Report, TableKind
from jixiao.domain.scorecard import Scorecard, ScoredGroup, ScoredRow, ScoredTable
from jixiao.domain.scoring import rate_percent, show

Cell = str | int | Decimal | None
DATA_DIR = "data"
JSON_FORMAT = "jixiao-report/1"


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a download table: header, Frictionless type, unit and description (Chinese)."""

    name: str
    type: str  # Frictionless field type: string, integer, number
    description: str
    unit: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    """A download table: its file stem, Chinese title, columns and rows."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]


# --- columns -------------------------------------------------------------------------------

KEY_COLUMNS = (
    Column("部门标识", "string", "部门目录名（slug），网址中使用，长期不变"),
    Column("部门", "string", "部门（单位）全称"),
    Column("年度", "integer", "报告年度", "年"),
)

INDICATOR_COLUMNS = (
    *KEY_COLUMNS,
    Column("一级指标", "string", "一级指标，如 产出指标、效益指标、满意度指标"),
    Column("二级指标", "string", "二级指标，如 数量、质量、时效、成本、社会效益"),
    Column("三级指标", "string", "三级指标名称"),
    Column("权重", "number", "该指标的分值（权重），照报告原文", "分"),
    Column("目标值", "string", "目标值，照报告原文，如 >=299人"),
    Column("业绩值", "string", "业绩值（实际完成值），照报告原文，如 299人"),
    Column("报告所列得分", "number", "报告中该指标的自评得分（未列为空）", "分"),
    Column("计算得分", "number", "jixiao 按评分规则重算的得分（无法计分时为空）", "分"),
    Column("计分规则", "string", "计分所用规则的代码，如 positive（正向指标）、reverse-zero（反向指标超标得零分）、claimed（无法重算，采用所列得分）"),
    Column("计分说明", "string", "得分是怎样算出来的（中文说明）"),
    Column("问题代码", "string", "该指标上发现的问题代码，以空格分隔，含义见网站“错误代码”页"),
)

REPORT_COLUMNS = (
    *KEY_COLUMNS,
    Column("报告所列总分", "number", "报告所列整体支出绩效自评总得分（未列为空）", "分"),
    Column("计算总分", "number", "jixiao 按评分规则重算的总分", "分"),
    Column("报告所列等级", "string", "报告所列等级，如 优秀"),
    Column("计算等级", "string", "按重算总分和网站等级划分确定的等级"),
    Column("评分规则", "string", "重算所用评分规则预设名，如 datong-2021"),
    Column("指标个数", "integer", "三级指标个数", "个"),
    Column("预算执行率", "number", "资金使用情况表的预算执行率：执行数合计 ÷ 预算数合计 × 100，保留两位小数（无法计算时为空）", "%"),
    Column("预算数合计", "number", "资金使用情况表“金额合计”行的预算数，照原文", "万元"),
    Column("预算数中财政拨款", "number", "“金额合计”行预算数中的财政拨款，照原文", "万元"),
    Column("执行数合计", "number", "资金使用情况表“金额合计”行的执行数，照原文", "万元"),
    Column("执行数中财政拨款", "number", "“金额合计”行执行数中的财政拨款，照原文", "万元"),
    Column("本年收入", "number", "预算管理及执行情况中的本年收入", "万元"),
    Column("本年支出", "number", "预算管理及执行情况中的本年支出", "万元"),
    Column("年末结转和结余", "number", "预算管理及执行情况中的年末结转和结余", "万元"),
    Column("错误数", "integer", "复核发现的错误个数", "个"),
    Column("警告数", "integer", "复核发现的警告个数", "个"),
    Column("问题代码", "string", "复核发现的全部问题代码（去重），以空格分隔"),
)


# --- rows ------------------------------------------------------------------------------------


def _lines(ind: Indicator) -> set[int]:
    lines = {ind.loc.line, *(loc.line for loc in ind.locs.values())}
    if ind.target is not None:
        lines |= {ind.target.loc.line, *(loc.line for loc in ind.target.locs.values())}
    return lines


def indicator_findings(ind: Indicator, findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The findings placed on the lines of ``ind`` in its file."""
    lines = _lines(ind)
    return tuple(f for f in findings if f.loc.file == ind.loc.file and f.loc.line in lines)


def _codes(findings: Iterable[Finding]) -> str:
    return " ".join(sorted({f.code for f in findings}))


def labelled_rows(card: Scorecard) -> list[tuple[str, ScoredRow]]:
    """Every scored row with its 一级指标 label, in report order (the scored 预算执行率 row last)."""
    labelled = [(table.label, row) for table in card.tables for row in table.rows()]
    if card.execution_row is not None:
        labelled.append((card.execution_row.name, card.execution_row))
    return labelled


def indicator_rows(item: CheckedReport) -> list[tuple[Cell, ...]]:
    card = item.card
    report = card.report
    rows: list[tuple[Cell, ...]] = []
    for level1, row in labelled_rows(card):
        ind = row.indicator
        rows.append((
            report.department.slug, report.department.name, report.year,
            level1, row.group, ind.name, ind.weight,
            ind.target.text if ind.target else None, ind.actual,
            ind.claimed_score, row.computed, row.rule.value, row.explanation,
            _codes(indicator_findings(ind, item.findings)),
        ))
    return rows


def execution_percent(card: Scorecard) -> Decimal | None:
    """The funds table's execution rate in percent, two decimals."""
    return None if card.total_rate is None else rate_percent(card.total_rate)


def report_row(item: CheckedReport) -> tuple[Cell, ...]:
    card = item.card
    report = card.report
    total = report.funds.total if report.funds else None
    execution = report.execution
    severities = [f.severity.value for f in item.findings]
    return (
        report.department.slug, report.department.name, report.year,
        card.claimed_total, card.total, card.claimed_grade, card.grade, card.policy.label,
        len(card.rows), execution_percent(card),
        total.budget if total else None, total.budget_fiscal if total else None,
        total.spent if total else None, total.spent_fiscal if total else None,
        execution.income if execution else None, execution.expenditure if execution else None,
        execution.closing_balance if execution else None,
        severities.count("error"), severities.count("warning"), _codes(item.findings),
    )


def indicators_table(items: Sequence[CheckedReport]) -> Table:
    return Table("indicators", "绩效指标明细", "每个报告的每个三级指标一行：权重、目标值、业绩值、所列得分与重算得分。",
                 INDICATOR_COLUMNS, tuple(r for item in items for r in indicator_rows(item)))


def reports_table(items: Sequence[CheckedReport]) -> Table:
    return Table("reports", "报告汇总", "每个报告一行：所列与重算的总分和等级、预算执行率、资金与收支数。",
                 REPORT_COLUMNS, tuple(report_row(item) for item in items))


def report_indicators_table(item: CheckedReport) -> Table:
    card = item.card
    key = report_stem(card.report)
    return Table(key, f"{card.report.department.name} {card.report.year} 年度绩效指标",
                 "该报告的每个三级指标一行。", INDICATOR_COLUMNS, tuple(indicator_rows(item)))


# --- file formats ------------------------------------------------------------------------------


def text(cell: Cell) -> str:
    """A cell as CSV text: exact decimals, empty for missing values."""
    if cell is None:
        return ""
    if isinstance(cell, Decimal):
        return show(cell)
    return str(cell)


def csv_bytes(table: Table) -> bytes:
    """UTF-8 with BOM, CRLF line ends, header row of column names."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(c.name for c in table.columns)
    writer.writerows([text(cell) for cell in row] for row in table.rows)
    return out.getvalue().encode("utf-8-sig")


def _plain(value: Any) -> Any:
    """A domain value as JSON data: dataclasses as objects (places dropped), Decimals as strings."""
    if isinstance(value, Decimal):
        return show(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Loc):
        return {"file": value.file, "line": value.line, "column": value.column}
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value) if f.name not in {"loc", "locs"}}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _finding(f: Finding) -> dict[str, Any]:
    return {"code": f.code, "severity": f.severity.value, "file": f.loc.file, "line": f.loc.line,
            "column": f.loc.column, "message": f.message, "hint": f.hint}


def _scored(row: ScoredRow, level1: str, findings: Iterable[Finding]) -> dict[str, Any]:
    return {
        "level1": level1, "group": row.group, "name": row.indicator.name,
        "weight": _plain(row.indicator.weight), "claimed": _plain(row.claimed), "computed": _plain(row.computed),
        "rule": row.rule.value, "explanation": row.explanation, "recomputed": row.recomputed,
        "findings": [f.code for f in indicator_findings(row.indicator, findings)],
    }


def _subtotal(kind: TableKind, label: str, sub: ScoredTable | ScoredGroup) -> dict[str, Any]:
    return {"table": kind.value, "label": label, "weight": _plain(sub.weight), "claimed": _plain(sub.claimed),
            "computed": _plain(sub.computed)}


def report_json(item: CheckedReport) -> bytes:
    """The whole report with everything computed for it; decimals are strings (``"93.98"``)."""
    card = item.card
    data = {
        "format": JSON_FORMAT,
        "note": "所有数值均为字符串形式的精确十进制数（如 \"93.98\"）；金额单位为万元，得分单位为分。",
        "report": _plain(card.report),
        "computed": {
            "policy": card.policy.label,
            "total": _plain(card.total),
            "grade": card.grade,
            "claimed_total": _plain(card.claimed_total),
            "claimed_grade": card.claimed_grade,
            "execution_rate_percent": _plain(execution_percent(card)),
            "indicators": [_scored(row, level1, item.findings) for level1, row in labelled_rows(card)],
            "tables": [_subtotal(t.kind, t.label, t) for t in card.tables],
            "groups": [_subtotal(t.kind, g.name, g) for t in card.tables for g in t.groups],
            "funds_rates": [{"function": r.row.function, "task": r.row.task, "rate": _plain(r.rate)}
                            for r in card.funds_rates],
        },
        "findings": [_finding(f) for f in item.findings],
    }
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def report_stem(report: Report) -> str:
    return f"{report.department.slug}-{report.year}"


def report_paths(report: Report) -> tuple[str, str]:
    """Site paths of one report's JSON and indicator CSV, for the report page's download links."""
    stem = f"{DATA_DIR}/reports/{report_stem(report)}"
    return f"{stem}.json", f"{stem}.csv"
