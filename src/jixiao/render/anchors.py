"""Where on a report or project page each finding points: the id of the row or section it is about.

Owns the link between a finding's place in the source (``2021.yaml:58:22``) and the page: every funds
row, indicator row and section of the report page (and of a project table's page) has a stable id
(the same ids the templates write), and a finding about the report's YAML file points at the last of
them that starts at or before the finding's line. Findings about other files (the narrative Markdown,
department.yaml) point nowhere (``""``). On a project page a finding about a whole 一级指标 table
points at that table's first row (the row whose 一级指标 cell names it).
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


def funds_part_id(part: int) -> str:
    """The id of a 其中 row of a project table's 项目资金 block (1-based); its total row is ``funds-total``."""
    return f"funds-part-{part}"


Start = tuple[tuple[int, int], str]  # ((line, column), id)


def _project_starts(report: Report) -> list[Start]:
    """((line, column), id) of every row and section of a project table's YAML file that has a place on
    its page. A table starts at its mapping's column: a finding on that line further left is about the
    whole ``tables:`` list (weights that do not add up to 100) and points at the section, not a row."""
    starts: list[Start] = []
    if report.project is not None:
        starts.append(((report.project.loc.line, 0), "project"))
    block = report.scored_execution
    if block is not None:
        starts.append(((block.loc.line, 0), "funds-total"))
        starts += [((part.loc.line, 0), funds_part_id(n)) for n, part in enumerate(block.parts, 1)]
    if report.goals is not None:
        starts.append(((report.goals.loc.line, 0), "goals"))
    g = 0
    for n, table in enumerate(report.tables, 1):
        rows: list[Start] = []
        for group in table.groups:
            g += 1
            first = len(rows)
            rows += [((ind.loc.line, 0), indicator_row_id(n, g, k)) for k, ind in enumerate(group.indicators, 1)]
            if len(rows) > first:
                rows.append(((group.loc.line, 0), rows[first][1]))
        if n == 1:
            starts.append(((table.loc.line, 0), "indicators"))
        starts.append(((table.loc.line, table.loc.column), min(rows)[1] if rows else "indicators"))
        starts += rows
    if report.claimed is not None:
        starts.append(((report.claimed.loc.line, 0), "total"))
    # a part the file leaves out carries the report's own place: a finding there is about the whole table
    return sorted(start for start in starts if start[0][0] > max(report.loc.line, 0))


def _starts(report: Report) -> list[Start]:
    """((line, 0), id) of every row and section of the report's YAML file that has a place on the page."""
    if report.is_project:
        return _project_starts(report)
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
    return sorted(((line, 0), anchor) for line, anchor in starts if line > 0)


def finding_targets(report: Report, findings: list[Finding]) -> list[str]:
    """For each finding, the id on the page it is about (``""`` when none)."""
    starts = _starts(report)
    places = [place for place, _ in starts]
    out = []
    for f in findings:
        i = bisect_right(places, (f.loc.line, f.loc.column)) - 1
        out.append(starts[i][1] if f.loc.file == report.loc.file and f.loc.line > 0 and i >= 0 else "")
    return out


def funds_total_flagged(report: Report, findings: list[Finding]) -> bool:
    """Whether a finding is about the funds table's 金额合计 row (a project's 项目资金 total row): its
    execution rate is then a figure the audit itself questions, not one to headline."""
    return "funds-total" in finding_targets(report, findings)
