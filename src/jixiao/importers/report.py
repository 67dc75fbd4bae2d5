"""The import report: per file, its findings (source places and checks of what was written) and a summary.

Owns joining each imported file with the findings ``jixiao check`` makes on the files it wrote and with
its scorecard (computed vs printed total), and the text shown after ``jixiao import``: every finding
in the usual one-line form, then a summary table (file, department, year, indicators found, computed vs
printed total, findings).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.domain.issues import Finding, Severity
from jixiao.importers.run import Imported


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One imported file with everything said about it."""

    imported: Imported
    findings: tuple[Finding, ...]
    computed: Decimal | None

    @property
    def complete(self) -> bool:
        return self.imported.complete and not any(f.severity == Severity.ERROR for f in self.findings)

    @property
    def claimed(self) -> str | None:
        draft = self.imported.draft
        total = draft.report.get("claimed", {}).get("total") if draft else None
        return None if total is None else str(total)


def checked(results: list[Imported], checked_content: Any, shown_out: str) -> list[ImportRow]:
    """Attach to each result the check findings on its written files and its computed total.

    ``checked_content`` is :class:`jixiao.check.Checked` for the content folder written into.
    """
    rows = []
    for result in (r for whole in results for r in ([*whole.parts] if whole.parts else [whole])):
        prefix = f"{shown_out.rstrip('/')}/{result.slug}/"
        files = [*result.written, *result.unchanged]
        names = {f"{prefix}{_below(p, str(result.slug))}" for p in files}
        if files:
            names.add(prefix.rstrip("/"))
        # the check reports each written `unplaced` entry again (JX-I001); the import already did, at its source
        found = [f for f in checked_content.findings if f.loc.file in names and f.code != "JX-I001"]
        card = next((c for c in checked_content.scorecards
                     if files and c.report.key == (result.slug, result.year, result.project)), None)
        rows.append(ImportRow(result, tuple(result.findings) + tuple(found), card.total if card else None))
    return rows


def _below(path: Any, slug: str) -> str:
    """``2023/projects/project-1.yaml`` for ``…/<slug>/2023/projects/project-1.yaml``."""
    parts = list(path.parts)
    at = len(parts) - 1 - parts[::-1].index(slug) if slug in parts else len(parts) - 2
    return "/".join(parts[at + 1:])


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _table(header: list[str], body: list[list[str]]) -> str:
    widths = [max(_width(r[i]) for r in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in [header, *body]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def format_report(rows: list[ImportRow]) -> str:
    """Every finding of every file, then the summary table and the totals line."""
    out: list[str] = []
    for row in rows:
        result = row.imported
        written = "、".join(p.as_posix() for p in result.written) or (
            "（与现有文件相同，未改动）" if result.unchanged else "（未写入任何文件）")
        out.append(f"== {result.shown} -> {written}")
        out += [f.format() for f in row.findings]
    body = []
    for row in rows:
        result = row.imported
        errors = sum(f.severity == Severity.ERROR for f in row.findings)
        warnings = sum(f.severity == Severity.WARNING and f.code != "JX-I001" for f in row.findings)
        unplaced = len(result.draft.unplaced) if result.draft else 0
        body.append([
            result.source.name, "不是绩效自评表" if result.not_report else f"项目表 {result.project}" if result.project
            else "整体报告" if result.draft else "—", result.name or (result.draft.department if result.draft else "") or "—",
            str(result.year or "—"), str(result.draft.indicator_count() if result.draft else 0),
            f"{row.computed if row.computed is not None else '—'} / {row.claimed or '—'}",
            f"{unplaced} 处未归位，{errors} 错误，{warnings} 其他警告",
        ])
    out += ["", _table(["文件", "类别", "部门", "年度", "指标数", "复核总分 / 报告所列总分", "问题"], body)]
    done = sum(row.complete for row in rows)
    out.append(f"共导入 {len(rows)} 个文件：{done} 个全部归位，{len(rows) - done} 个需要人工处理。")
    return "\n".join(out)
