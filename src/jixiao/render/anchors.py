"""Where on a report page each finding points: the id of the row or section it is about.

Owns the link between a finding's place in the source (``2021.yaml:58:22``) and the page: every funds
row, indicator row and section of the report page has a stable id (the same ids the report template
writes), and a finding about the report's YAML file points at the last of them that starts at or
before the finding's line. Findings about other files (the narrative Markdown, department.yaml)
point nowhere (``""``).
"""

from __future__ import annotations

from bisect import bisect_right

from jixiao.domain.issues import Finding
from jixiao.domain.layout import TABLE_HEADINGS
from jixiao.domain.model import Report


def indicator_row_id(table: int, group: int, row: int) -> str:
    """The id of an indicator row: 1-based table, group (counted across the report) and row numbers."""
    return f"t{table}-r{group}-{row}"


def funds_row_id(row: int) -> str:
    """The id of a funds row (1-based); the 金额合计 row is ``funds-total``."""
    return f"funds-row-{row}"


def _starts(report: Report) -> list[tuple[int, str]]:
    """(first line, id) of every row and section of the report's YAML file that has a place on the page."""
    starts: list[tuple[int, str]] = []
    if report.basic is not None:
        starts.append((report.basic.loc.line, "basic"))
    if report.funds is not None:
        starts.append((report.funds.loc.line, "funds"))
        starts += [(row.loc.line, funds_row_id(n)) for n, row in enumerate(report.funds.rows, 1)]
        if report.funds.total is not None:
            starts.append((report.funds.total.loc.line, "funds-total"))
    if report.execution is not None:
        starts.append((report.execution.loc.line, "execution"))
    if report.scored_execution is not None:
        starts.append((report.scored_execution.loc.line, "execution-row"))
    if report.claimed is not None:
        starts.append((report.claimed.loc.line, "score-summary"))
    g = 0
    for n, table in enumerate(report.tables, 1):
        anchor = table.kind.value if table.kind in TABLE_HEADINGS else f"table-{n}"
        starts.append((table.loc.line, anchor))
        for group in table.groups:
            g += 1
            starts.append((group.loc.line, anchor))
            starts += [(ind.loc.line, indicator_row_id(n, g, k)) for k, ind in enumerate(group.indicators, 1)]
    return sorted((line, anchor) for line, anchor in starts if line > 0)


def finding_targets(report: Report, findings: list[Finding]) -> list[str]:
    """For each finding, the id on the report page it is about (``""`` when none)."""
    starts = _starts(report)
    lines = [line for line, _ in starts]
    out = []
    for f in findings:
        i = bisect_right(lines, f.loc.line) - 1
        out.append(starts[i][1] if f.loc.file == report.loc.file and f.loc.line > 0 and i >= 0 else "")
    return out
