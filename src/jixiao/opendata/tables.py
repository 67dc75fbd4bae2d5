"""Open data: the tables and files readers can download, as pure functions of the scorecards.

Owns the columns of ``indicators.csv`` (one row per 三级指标 of every report) and ``reports.csv``
(one row per report; both kinds: 部门整体 reports and 项目 tables, told apart by the 种类 column), each column declared once with its type, unit and Chinese description (the
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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, TextIO

from jixiao.check import CheckedReport
from jixiao.domain.issues import Finding
from jixiao.domain.layout import REPORT_KINDS
from jixiao.domain.model import Indicator, Loc, Report, TableKind
from jixiao.domain.plainsummary import plain_summary
from jixiao.domain.revisions import History
from jixiao.domain.scorecard import ReportState, Scorecard, ScoredGroup, ScoredRow, ScoredTable
from jixiao.domain.scoring import ZERO, divide, rate_percent, show, subtract
from jixiao.domain.standing import Standing
from jixiao.load.yamlfast import PackedLocs

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
    Column("种类", "string", "报告种类：部门整体（部门整体支出绩效自评报告）或 项目（项目支出绩效自评表）"),
    Column("项目标识", "string", "项目表的文件名（slug），网址中使用，长期不变；部门整体报告为空"),
    Column("项目", "string", "项目名称，照项目表原文；部门整体报告为空"),
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
    Column("复核得分", "number", "本站按评分规则复核计算的得分（无法计分时为空）", "分"),
    Column("计分规则", "string", "计分所用规则的代码，如 positive（正向指标）、reverse-zero（反向指标超标得零分）、claimed（无法重算，采用所列得分）"),
    Column("计分说明", "string", "得分是怎样算出来的（中文说明）"),
    Column("问题代码", "string", "该指标上发现的问题代码，以空格分隔，含义见网站“错误代码”页"),
)

REPORT_COLUMNS = (
    *KEY_COLUMNS,
    Column("报告所列总分", "number", "报告所列整体支出绩效自评总得分（未列为空）", "分"),
    Column("复核总分", "number", "本站按评分规则复核计算的总分（报告未列得分时为空）", "分"),
    Column("报告所列等级", "string", "报告所列等级，如 优秀"),
    Column("复核等级", "string", "按复核总分和网站等级划分确定的等级（报告不完整或未列得分时为空）"),
    Column("评分规则", "string", "复核所用评分规则预设名，如 datong-2021"),
    Column("指标个数", "integer", "三级指标个数", "个"),
    Column("预算执行率", "number", "预算执行率：执行数合计 ÷ 预算数合计 × 100，保留两位小数（无法计算时为空）；"
           "项目表为 全年执行数 ÷ 全年预算数（调整后）× 100", "%"),
    Column("预算数合计", "number", "资金使用情况表“金额合计”行的预算数，照原文；项目表为项目资金总额行的全年预算数（调整后）",
           "万元"),
    Column("预算数中财政拨款", "number", "“金额合计”行预算数中的财政拨款，照原文", "万元"),
    Column("执行数合计", "number", "资金使用情况表“金额合计”行的执行数，照原文；项目表为项目资金总额行的全年执行数", "万元"),
    Column("执行数中财政拨款", "number", "“金额合计”行执行数中的财政拨款，照原文", "万元"),
    Column("本年收入", "number", "预算管理及执行情况中的本年收入", "万元"),
    Column("本年支出", "number", "预算管理及执行情况中的本年支出", "万元"),
    Column("年末结转和结余", "number", "预算管理及执行情况中的年末结转和结余", "万元"),
    Column("错误数", "integer", "复核发现的错误个数", "个"),
    Column("警告数", "integer", "复核发现的警告个数", "个"),
    Column("问题代码", "string", "复核发现的全部问题代码（去重），以空格分隔"),
    Column("复核状态", "string", "已复核；不完整（分值不全或有指标无法重算，不评定等级）；报告未列得分（不给出复核总分和等级）"),
    Column("年度排名", "integer", "按复核总分在同一年度参与排名的报告中的名次（1 为最高，总分相同者名次相同；未评等级的报告不参与排名，为空）", "名"),
    Column("年度参与排名报告数", "integer", "同一年度参与排名的报告数（有复核总分和等级的部门整体报告）", "份"),
    Column("高于同年报告比例", "number", "同年其余参与排名的报告中，复核总分严格低于本报告的比例，保留一位小数（只有一份报告时为空）", "%"),
    Column("下一等级", "string", "复核总分之上的下一个等级（已是最高等级时为空）"),
    Column("距下一等级分差", "number", "下一等级分数线减复核总分", "分"),
    Column("所在等级分数线", "number", "复核等级的分数线（site.yaml 的 grades）", "分"),
    Column("高出所在等级分数线", "number", "复核总分减所在等级分数线", "分"),
    Column("简要说明", "string", "报告页顶部的简要说明：由数字按固定模板生成的三四句话"),
)

#: 复核状态 in words.
STATES = {ReportState.SCORED: "已复核", ReportState.INCOMPLETE: "不完整", ReportState.UNSCORED: "报告未列得分",
          ReportState.DRAFT: "草稿"}


# --- rows ------------------------------------------------------------------------------------


def _field_lines(locs: Mapping[str, Loc]) -> Iterable[int]:
    if isinstance(locs, PackedLocs):  # as read (``load.yamlfast``): lines without making each place
        return locs.lines()
    return (loc.line for loc in locs.values())


def _lines(ind: Indicator) -> set[int]:
    lines = {ind.loc.line, *_field_lines(ind.locs)}
    if ind.target is not None:
        lines |= {ind.target.loc.line, *_field_lines(ind.target.locs)}
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


def key_cells(report: Report) -> tuple[Cell, ...]:
    """The cells of ``KEY_COLUMNS``: department, year, kind and, for a project table, its project."""
    project = report.project
    return (report.department.slug, report.department.name, report.year, REPORT_KINDS[report.kind],
            project.slug if project else None, project.name if project else None)


def indicator_rows(item: CheckedReport) -> list[tuple[Cell, ...]]:
    card = item.card
    report = card.report
    rows: list[tuple[Cell, ...]] = []
    for level1, row in labelled_rows(card):
        ind = row.indicator
        rows.append((
            *key_cells(report),
            level1, row.group, ind.name, ind.weight,
            ind.target.text if ind.target else None, ind.actual,
            ind.claimed_score, row.computed, row.rule.value, row.explanation,
            _codes(indicator_findings(ind, item.findings)),
        ))
    return rows


def execution_rate(card: Scorecard) -> Decimal | None:
    """The execution rate (1 = 100%): the funds table's, or a project's funds block's (全年执行数 ÷
    全年预算数, 年初预算数 when no adjusted budget is printed); None when there is no base."""
    block = card.report.scored_execution
    if not card.report.is_project or block is None:
        return card.total_rate
    base = block.adjusted_budget if block.adjusted_budget is not None else block.budget
    return None if block.spent is None or base is None or base <= ZERO else divide(block.spent, base)


def execution_percent(card: Scorecard) -> Decimal | None:
    """The execution rate in percent, two decimals."""
    rate = execution_rate(card)
    return None if rate is None else rate_percent(rate)


def computed_grade(card: Scorecard) -> str | None:
    """The computed grade as published: only a fully scored report has one."""
    return card.grade if card.state == ReportState.SCORED and card.grade else None


def standing_cells(standing: Standing | None) -> tuple[Cell, ...]:
    """The standing columns of ``reports.csv``: rank, count, percentile, next band and its gap, own band."""
    if standing is None:
        return (None,) * 7
    d = standing.distance
    return (standing.rank, standing.count, standing.percentile, d.next_band.label if d.next_band else None,
            d.short, d.band.minimum if d.band else None, subtract(d.total, d.band.minimum) if d.band else None)


def report_row(item: CheckedReport, standing: Standing | None = None) -> tuple[Cell, ...]:
    card = item.card
    report = card.report
    total = report.funds.total if report.funds else None
    block = report.scored_execution if report.is_project else None
    execution = report.execution
    severities = [f.severity.value for f in item.findings]
    budget = block.adjusted_budget if block else (total.budget if total else None)
    spent = block.spent if block else (total.spent if total else None)
    return (
        *key_cells(report),
        card.claimed_total, card.shown_total, card.claimed_grade, computed_grade(card), card.policy.label,
        len(card.rows), execution_percent(card),
        budget, total.budget_fiscal if total else None,
        spent, total.spent_fiscal if total else None,
        execution.income if execution else None, execution.expenditure if execution else None,
        execution.closing_balance if execution else None,
        severities.count("error"), severities.count("warning"), _codes(item.findings), STATES[card.state],
        *standing_cells(standing), "".join(plain_summary(card, item.findings)),
    )


def indicators_table_of(rows: tuple[tuple[Cell, ...], ...]) -> Table:
    return Table("indicators", "绩效指标明细", "每个报告的每个三级指标一行：权重、目标值、业绩值、报告所列得分与复核得分。",
                 INDICATOR_COLUMNS, rows)


def indicators_table(items: Sequence[CheckedReport]) -> Table:
    return indicators_table_of(tuple(r for item in items for r in indicator_rows(item)))


def reports_table_of(rows: tuple[tuple[Cell, ...], ...]) -> Table:
    return Table("reports", "报告汇总",
                 "每个报告一行：所列与重算的总分和等级、同年排名与距等级线的分差、预算执行率、资金与收支数、简要说明。",
                 REPORT_COLUMNS, rows)


def report_indicators_table(item: CheckedReport) -> Table:
    card = item.card
    key = report_stem(card.report)
    return Table(key, f"{report_name(card.report)}绩效指标",
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
    _write_csv(table.columns, table.rows, out)
    return out.getvalue().encode("utf-8-sig")


def write_csv(columns: Sequence[Column], rows: Iterable[Sequence[Cell]], path: Path) -> None:
    """The bytes :func:`csv_bytes` makes of a table of ``columns`` and ``rows``, written to ``path`` as the
    rows come (``jixiao assemble`` reads them shard by shard)."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        _write_csv(columns, rows, out)


def csv_rows(columns: Sequence[Column], out: TextIO) -> Callable[[Sequence[Cell]], object]:
    """Write the header row of ``columns`` to ``out`` (opened as :func:`write_csv` opens it) and return what
    writes one data row after it: the bytes :func:`csv_bytes` makes, a row at a time."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(c.name for c in columns)
    return lambda row: writer.writerow([text(cell) for cell in row])


def _write_csv(columns: Sequence[Column], rows: Iterable[Sequence[Cell]], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(c.name for c in columns)
    writer.writerows([text(cell) for cell in row] for row in rows)


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    """The fields a dataclass of this type is written with (places dropped); None for any other type."""
    try:
        return _FIELD_NAMES[kind]
    except KeyError:
        names = tuple(f.name for f in fields(kind) if f.name not in {"loc", "locs"}) if is_dataclass(kind) else None
        _FIELD_NAMES[kind] = names
        return names


def _plain(value: Any) -> Any:
    """A domain value as JSON data: dataclasses as objects (places dropped), Decimals as strings."""
    if isinstance(value, Decimal):
        return show(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Loc):
        return {"file": value.file, "line": value.line, "column": value.column}
    names = _field_names(type(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
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


def _standing_json(standing: Standing | None) -> dict[str, Any] | None:
    if standing is None:
        return None
    names = ("rank", "count", "percentile", "next_grade", "points_to_next_grade", "grade_line", "points_above_line")
    return {**{name: _plain(cell) for name, cell in zip(names, standing_cells(standing), strict=True)},
            "tied": standing.tied, "text": [standing.sentence(), *standing.distance.phrases()]}


def _history_json(history: History | None) -> dict[str, Any] | None:
    if history is None:
        return None
    return {"first_published": history.first.date if history.first else None,
            "first_commit": history.first.commit if history.first else None,
            "shallow_clone": history.shallow, "rescored_after_publication": history.rescored,
            "revisions": [{"date": r.date, "commit": r.commit,
                           "changes": [{"figure": c.label, "old": c.old, "new": c.new, "score": c.score}
                                       for c in r.changes]} for r in history.later]}


def report_json(item: CheckedReport, standing: Standing | None = None, history: History | None = None) -> bytes:
    """The whole report with everything computed for it; decimals are strings (``"93.98"``)."""
    card = item.card
    data = {
        "format": JSON_FORMAT,
        "note": "所有数值均为字符串形式的精确十进制数（如 \"93.98\"）；金额单位为万元，得分单位为分。",
        "report": _plain(card.report),
        "computed": {
            "policy": card.policy.label,
            "state": card.state.value,
            "total": _plain(card.shown_total),
            "grade": computed_grade(card),
            "claimed_total": _plain(card.claimed_total),
            "claimed_grade": card.claimed_grade,
            "execution_rate_percent": _plain(execution_percent(card)),
            "indicators": [_scored(row, level1, item.findings) for level1, row in labelled_rows(card)],
            "tables": [_subtotal(t.kind, t.label, t) for t in card.tables],
            "groups": [_subtotal(t.kind, g.name, g) for t in card.tables for g in t.groups],
            "funds_rates": [{"function": r.row.function, "task": r.row.task, "rate": _plain(r.rate)}
                            for r in card.funds_rates],
            "standing": _standing_json(standing),
            "summary": list(plain_summary(card, item.findings)),
        },
        "revisions": _history_json(history),
        "findings": [_finding(f) for f in item.findings],
    }
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def report_stem(report: Report) -> str:
    """A report's name in the data package: ``<slug>-<year>``, a project's ``<slug>-<year>.<project>``."""
    stem = f"{report.department.slug}-{report.year}"
    return f"{stem}.{report.project.slug}" if report.project else stem


def report_name(report: Report) -> str:
    """How the data package titles a report: ``大同市总工会 2021 年度``, a project ``… 年度 困难职工帮扶项目``."""
    name = f"{report.department.name} {report.year} 年度"
    return f"{name} {report.project.name}" if report.project else name


def report_paths(report: Report) -> tuple[str, str]:
    """Site paths of one report's JSON and indicator CSV, for the report page's download links.

    Overall reports: ``data/reports/<slug>-<year>.json``; project tables:
    ``data/projects/<slug>-<year>/<project>.json`` (never the same name as an overall report's).
    """
    dept_year = f"{report.department.slug}-{report.year}"
    stem = (f"{DATA_DIR}/projects/{dept_year}/{report.project.slug}" if report.project
            else f"{DATA_DIR}/reports/{dept_year}")
    return f"{stem}.json", f"{stem}.csv"
