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

__all__ = ["DepartmentFacts", "FolderResult", "ReportResult", "decode", "encode", "result_of"]

FORMAT = 1


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


def result_of(card: Scorecard) -> ReportResult:
    report = card.report
    return ReportResult(
        tuple(report.key), report.loc.file, report_files(report),
        report.department.name + (f" · 项目“{report.name}”" if report.is_project else ""), report.year,
        card.policy.label, card.policy.overrides, card.total, card.grade, card.claimed_total, card.claimed_grade)


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
                     r.claimed_grade] for r in result.reports],
        "loading": [_finding(f) for f in result.loading],
        "scoring": [_finding(f) for f in result.scoring],
    }


class _Bad(Exception):
    pass


def _want(value: Any, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise _Bad
    return value


def _str(value: Any) -> str:
    return str(_want(value, str))


def _opt_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _int(value: Any) -> int:
    return int(_want(value, int))


def _list(value: Any, size: int | None = None) -> list[Any]:
    items: list[Any] = _want(value, list)
    if size is not None and len(items) != size:
        raise _Bad
    return items


def _dec(value: Any) -> Decimal:
    try:
        return Decimal(_str(value))
    except InvalidOperation:
        raise _Bad from None


def _read_loc(value: Any) -> Loc:
    file, line, column = _list(value, 3)
    return Loc(_str(file), _int(line), _int(column))


def _read_finding(value: Any) -> Finding:
    file, line, column, code, severity, message, hint = _list(value, 7)
    try:
        level = Severity(_str(severity))
    except ValueError:
        raise _Bad from None
    return Finding(Loc(_str(file), _int(line), _int(column)), _str(code), level, _str(message), _str(hint))


def _read_report(value: Any) -> ReportResult:
    key, file, files, dept, year, policy, overrides, total, grade, claimed_total, claimed_grade = _list(value, 11)
    pairs = tuple((_str(a), _str(b)) for a, b in (_list(p, 2) for p in _list(overrides)))
    return ReportResult(
        tuple(_want(k, (str, int)) for k in _list(key)), _str(file), frozenset(_str(f) for f in _list(files)),
        _str(dept), _int(year), _str(policy), pairs, _dec(total), _str(grade),
        None if claimed_total is None else _dec(claimed_total), _opt_str(claimed_grade))


def decode(data: Any, key: str) -> FolderResult | None:
    """The result stored as ``data`` under ``key``; None for anything else (a miss)."""
    try:
        entry: dict[str, Any] = _want(data, dict)
        if entry.get("format") != FORMAT or entry.get("key") != key:
            return None
        dept = entry["department"]
        facts = None
        if dept is not None:
            slug, name, code, loc, name_loc, code_loc = _list(dept, 6)
            facts = DepartmentFacts(_str(slug), _str(name), _str(code), _read_loc(loc), _read_loc(name_loc),
                                    _read_loc(code_loc))
        return FolderResult(facts, tuple(_read_report(r) for r in _list(entry["reports"])),
                            tuple(_read_finding(f) for f in _list(entry["loading"])),
                            tuple(_read_finding(f) for f in _list(entry["scoring"])))
    except (_Bad, KeyError, TypeError, ValueError):
        return None
