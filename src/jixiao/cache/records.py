"""The compact result of checking one department folder, and its JSON form in the cache.

A :class:`FolderResult` holds what ``jixiao check`` prints and what the whole-corpus rules need, not
the models: the department's name and code (for the duplicate check), each report's result line
(:class:`ReportResult`) and every finding, loading findings and scoring findings apart so the merged
order equals :func:`jixiao.check.check`'s. :func:`decode` refuses anything that is not exactly what
:func:`encode` writes (a damaged entry is a miss, never an error or a wrong answer).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

from jixiao.check import report_files
from jixiao.domain.issues import Finding, Severity
from jixiao.domain.model import Department, Loc
from jixiao.domain.scorecard import Scorecard
from jixiao.domain.standing import takes_part

__all__ = ["DepartmentFacts", "FolderResult", "ReportResult", "decode", "encode", "result_of"]

FORMAT = 3
_SEVERITY = {s.value: s for s in Severity}  # a dict lookup, not the enum's call (one per finding read)


@dataclass(frozen=True, slots=True)
class ReportResult:
    """One report's result line: computed total and grade beside the printed ones."""

    key: tuple[Any, ...]  # the report's sort key (``Report.key``)
    file: str
    files: frozenset[str]  # the files its findings are about (``check.report_files``)
    department: str
    year: int
    policy: str  # the policy's label (``Policy.label``), overrides included
    policy_overrides: tuple[tuple[str, str], ...]
    total: Decimal
    grade: str
    claimed_total: Decimal | None
    claimed_grade: str | None
    ranked: bool = False  # takes part in its year's ranking (``domain.standing.takes_part``)
    draft: bool = False  # ``status: draft``: checked, never published, blocks nothing


def result_of(card: Scorecard) -> ReportResult:
    report = card.report
    return ReportResult(
        tuple(report.key), report.loc.file, report_files(report),
        report.department.name + (f" · 项目“{report.name}”" if report.is_project else ""), report.year,
        card.policy.label, card.policy.overrides, card.total, card.grade, card.claimed_total, card.claimed_grade,
        takes_part(card), report.draft)


@dataclass(frozen=True, slots=True)
class DepartmentFacts:
    """What the duplicate-department rule reads of a department."""

    slug: str
    name: str
    code: str
    loc: Loc
    name_loc: Loc
    code_loc: Loc

    @classmethod
    def of(cls, dept: Department) -> DepartmentFacts:
        return cls(dept.slug, dept.name, dept.code, dept.loc, dept.at("name"), dept.at("code"))

    def department(self) -> Department:
        locs = MappingProxyType({"name": self.name_loc, "code": self.code_loc})
        return Department(loc=self.loc, locs=locs, slug=self.slug, name=self.name, code=self.code)


@dataclass(frozen=True, slots=True)
class FolderResult:
    department: DepartmentFacts | None
    reports: tuple[ReportResult, ...]
    loading: tuple[Finding, ...]  # in the loader's order
    scoring: tuple[Finding, ...]  # in report order


def _loc(loc: Loc) -> list[Any]:
    return [loc.file, loc.line, loc.column]


def _finding(f: Finding) -> list[Any]:
    return [*_loc(f.loc), f.code, f.severity.value, f.message, f.hint]


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def encode(result: FolderResult, key: str) -> dict[str, Any]:
    """The JSON form of ``result``, naming the key it was stored under."""
    dept = result.department
    return {
        "format": FORMAT, "key": key,
        "department": None if dept is None else [dept.slug, dept.name, dept.code, _loc(dept.loc),
                                                 _loc(dept.name_loc), _loc(dept.code_loc)],
        "reports": [[list(r.key), r.file, sorted(r.files), r.department, r.year, r.policy,
                     [list(p) for p in r.policy_overrides], str(r.total), r.grade, _decimal(r.claimed_total),
                     r.claimed_grade, r.ranked, r.draft] for r in result.reports],
        "loading": [_finding(f) for f in result.loading],
        "scoring": [_finding(f) for f in result.scoring],
    }


class _Bad(Exception):
    pass


def _strings(*values: Any) -> None:
    for value in values:
        if type(value) is not str:
            raise _Bad


def _dec(value: Any) -> Decimal:
    _strings(value)
    try:
        return Decimal(value)
    except InvalidOperation:
        raise _Bad from None


def _read_loc(value: Any) -> Loc:
    file, line, column = value
    if type(file) is not str or type(line) is not int or type(column) is not int:
        raise _Bad
    return Loc(file, line, column)


def _read_finding(value: Any) -> Finding:
    if type(value) is not list:
        raise _Bad
    file, line, column, code, severity, message, hint = value
    if type(line) is not int or type(column) is not int:
        raise _Bad
    _strings(file, code, message, hint)
    return Finding(Loc(file, line, column), code, _SEVERITY[severity], message, hint)


def _read_report(value: Any) -> ReportResult:
    if type(value) is not list:
        raise _Bad
    key, file, files, dept, year, policy, overrides, total, grade, claimed_total, claimed_grade, ranked, draft = value
    if type(ranked) is not bool or type(draft) is not bool or type(key) is not list or type(files) is not list or type(overrides) is not list or type(year) is not int:
        raise _Bad
    _strings(file, dept, policy, grade, *files)
    if any(type(k) not in (str, int) for k in key) or (claimed_grade is not None and type(claimed_grade) is not str):
        raise _Bad
    pairs = tuple((a, b) for a, b in overrides)
    _strings(*(x for pair in pairs for x in pair))
    return ReportResult(tuple(key), file, frozenset(files), dept, year, policy, pairs, _dec(total), grade,
                        None if claimed_total is None else _dec(claimed_total), claimed_grade, ranked, draft)


def decode(data: Any, key: str) -> FolderResult | None:
    """The result stored as ``data`` under ``key``; None for anything else (a miss)."""
    try:
        if type(data) is not dict or data.get("format") != FORMAT or data.get("key") != key:
            return None
        dept = data["department"]
        facts = None
        if dept is not None:
            slug, name, code, loc, name_loc, code_loc = dept
            _strings(slug, name, code)
            facts = DepartmentFacts(slug, name, code, _read_loc(loc), _read_loc(name_loc), _read_loc(code_loc))
        reports, loading, scoring = data["reports"], data["loading"], data["scoring"]
        if type(reports) is not list or type(loading) is not list or type(scoring) is not list:
            return None
        return FolderResult(facts, tuple(_read_report(r) for r in reports), tuple(_read_finding(f) for f in loading),
                            tuple(_read_finding(f) for f in scoring))
    except (_Bad, KeyError, TypeError, ValueError):  # wrong shape, wrong count, unknown severity
        return None
