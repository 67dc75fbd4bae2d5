"""Open data: ``lineage.csv``, each indicator of each department across the years (one row per year).

Owns the columns of the lineage table, declared once like the other download tables (CSV and XLSX
headers and the Frictionless schema come from them); the rows are
:func:`jixiao.domain.lineage.department_lineages` of every department's published overall reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from jixiao.check import CheckedReport
from jixiao.domain.lineage import department_lineages
from jixiao.domain.model import Department
from jixiao.domain.scorecard import Scorecard
from jixiao.opendata.tables import KEY_COLUMNS, Cell, Column, Table

LINEAGE_COLUMNS = (
    *KEY_COLUMNS[:2],
    Column("指标标识", "string", "编辑给出的指标固定标识 id（按名称对应时为空）"),
    Column("二级指标", "string", "二级指标（以最近一年为准）"),
    Column("三级指标", "string", "三级指标名称（以最近一年为准）"),
    KEY_COLUMNS[2],
    Column("权重", "number", "该年度的权重（分值），照报告原文", "分"),
    Column("目标值", "string", "该年度的目标值，照报告原文"),
    Column("业绩值", "string", "该年度的业绩值，照报告原文"),
    Column("报告所列得分", "number", "该年度报告所列得分", "分"),
    Column("复核得分", "number", "jixiao 重算的得分", "分"),
    Column("权重有变化", "string", "与该部门上一份列有此指标的报告相比权重是否变化：是 / 否"),
    Column("目标值有变化", "string", "与上一份列有此指标的报告相比目标值是否变化：是 / 否"),
    Column("未完成目标", "string", "复核得分低于权重：是 / 否"),
    Column("次年不再列出", "string", "该年度未完成目标、且该部门下一份报告不再列出此指标：是 / 否"),
)


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


def lineage_rows(dept: Department, cards: Iterable[Scorecard]) -> tuple[tuple[Cell, ...], ...]:
    """One department's rows: each indicator of its published overall reports, one row per year."""
    rows: list[tuple[Cell, ...]] = []
    for lin in department_lineages(cards):
        for p in lin.points:
            rows.append((dept.slug, dept.name, lin.id, lin.group, lin.name, p.year, p.weight, p.target, p.actual,
                         p.claimed, p.computed, _yes(p.weight_changed), _yes(p.target_changed), _yes(p.missed),
                         _yes(lin.dropped_after_miss == p.year)))
    return tuple(rows)


def lineage_table_of(rows: tuple[tuple[Cell, ...], ...]) -> Table:
    """The table of every department's rows (departments by slug)."""
    return Table("lineage", "指标历年对照",
                 "每个部门的每个指标在各年度一行：权重、目标值、业绩值、得分，及与上一年相比的变化。",
                 LINEAGE_COLUMNS, rows)


def lineage_table(items: Sequence[CheckedReport]) -> Table:
    by_dept: dict[str, list[CheckedReport]] = {}
    for item in items:
        by_dept.setdefault(item.report.department.slug, []).append(item)
    return lineage_table_of(tuple(row for slug in sorted(by_dept) for row in lineage_rows(
        by_dept[slug][0].report.department, (item.card for item in by_dept[slug]))))
