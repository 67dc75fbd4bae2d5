"""Shards: the parts a large site is split into, each built apart and assembled into one site.

Owns which shard a report belongs to (``site.yaml`` ``shards: {by: year}`` → its year;
``{by: region}`` → its department's ``region``, or the rule's default part when the department has
none), the sorted list of shard names, and what makes a name usable: a shard name becomes a
command-line argument, a CI matrix value, a CI artifact name and a folder name, so it may not hold
path separators, wildcard or quoting characters, or spaces.

Standard library only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from jixiao.domain.model import Department, Report, ShardRule

__all__ = ["BY_REGION", "BY_YEAR", "MAX_NAME", "department_shard", "name_problem", "shard_id", "shard_names",
           "shard_names_of", "shard_of"]

BY_YEAR = "year"
BY_REGION = "region"
#: The longest shard name, in characters (CI artifact names and folder names stay short).
MAX_NAME = 40
_FORBIDDEN = frozenset('/\\:*?"<>|\'`$&;#%{}[]~')


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a shard (Chinese, for a finding), or None when it can."""
    if not name:
        return "不能为空"
    if len(name) > MAX_NAME:
        return f"超过 {MAX_NAME} 个字符"
    if name.startswith(".") or name.startswith("-"):
        return "不能以 . 或 - 开头"
    bad = sorted({c for c in name if c in _FORBIDDEN or c.isspace() or not c.isprintable()})
    if bad:
        shown = "、".join("空白" if c.isspace() else (c if c.isprintable() else "控制字符") for c in bad)
        return f"含有不能用于名称的字符：{shown}"
    return None


def shard_of(report: Report, rule: ShardRule) -> str:
    """The shard ``report`` belongs to under ``rule``."""
    if rule.by == BY_REGION:
        return report.department.region or rule.default
    return str(report.year)


def shard_names(reports: Iterable[Report], rule: ShardRule) -> tuple[str, ...]:
    """Every shard that holds a report, sorted (years ascending; regions by their text)."""
    return tuple(sorted({shard_of(r, rule) for r in reports}))


def shard_id(name: str) -> str:
    """A short ASCII folder name for a shard's search bundle: the name itself when it is plain ASCII
    letters, digits and ``-``, else ``s`` and 10 hex digits of its SHA-256."""
    if name.isascii() and name.replace("-", "").isalnum():
        return name.lower()
    return "s" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]


def shard_names_of(rule: ShardRule, departments: Iterable[tuple[Department, Iterable[int]]]) -> tuple[str, ...]:
    """The shards of a site from its departments and their report years: every year with a report
    (``by: year``), or every department's region, the default part included when a department has none
    (``by: region``: a department without reports still has its page in its region's shard)."""
    if rule.by == BY_REGION:
        return tuple(sorted({dept.region or rule.default for dept, _ in departments}))
    return tuple(sorted({str(year) for _, years in departments for year in years}))


def department_shard(dept: Department, published_years: Iterable[int], rule: ShardRule,
                     names: tuple[str, ...]) -> str:
    """The shard that owns a department's facts (its indicator lineages, its rows of lineage.csv): its
    region's; with ``by: year`` the shard of its newest published report, else the first shard."""
    if rule.by == BY_REGION:
        return dept.region or rule.default
    years = list(published_years)
    return str(max(years)) if years else (names[0] if names else "")
