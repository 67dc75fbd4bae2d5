"""The explorer's row files: every report's row as compact columnar JSON, one file per year.

The explorer's pages carry only their own rows; ``assets/explorer/explorer.js`` fetches these files when
a reader sorts or filters — only the chosen year's file under a year filter, every year's otherwise,
and once the departments file — and sorts and filters all reports exactly in the browser.
``explorer/rows/departments.json`` is ``{"departments": [["大同市总工会", "datong-zonggonghui"], ...]}``,
every department of the rows (name and slug, in that order), and ``explorer/rows/<year>.json`` holds::

    {"year": 2021, "count": 2,
     "urls": {"report": "{year}/{dept}/", "project": "{year}/{dept}/projects/{project}/",
              "department": "departments/{dept}/"},
     "kinds": ["部门整体", "项目"],
     "grades": [["优秀", 1], ["良好", 2], ...],
     "d": [0, 0], "p": ["", "劳模疗休养项目"], "s": ["", "laomo"], "c": ["93.98", "88"], "l": ["93.98", null],
     "g": [0, 1], "o": [0, 0], "r": ["133.30", null], "q": [1, 0],
     "f": [2, 0], "x": [0, 1]}

one array per column, row ``i`` of the year at index ``i`` of each, rows in the explorer's default
order (``kinds`` names an overall report's kind, then a project table's): ``d`` the department (index into the departments file's list), ``p`` the project's name and ``s`` the last
part of its URL ("" for an overall report), ``c`` and ``l`` the computed and printed totals (exact, as
printed), ``g`` the grade (index into ``grades``, each with its level: 1 = the best band, 0 = not in
``site.yaml``), ``o`` 1 when that grade is only the printed one (the report prints no score to recompute
it from; shown as 报告所列), ``r`` the execution rate as shown (percent, two decimals, without "%"), ``q`` 1 when a finding
questions the 金额合计 row that rate comes from (shown as 待核实), ``f`` the number
of warnings, ``x`` 1 when the computed total or grade differs from the printed one. Page URLs are made
from ``urls``, site paths relative to the site root. Made from :class:`ExplorerRow` values alone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from jixiao.domain.layout import REPORT_KINDS
from jixiao.render import urls
from jixiao.render.env import num, pct
from jixiao.render.explorer import ExplorerRow, YearRows, default_order

DIRECTORY = f"{urls.EXPLORER}rows/"
DEPARTMENTS = f"{DIRECTORY}departments.json"
#: Every department's name alone, for the search box (it lists the departments a query names first):
#: ``{"names": ["大同市总工会", ...]}``, in the departments file's order; half its size, one file for a
#: site of any number of search bundles. Outside ``rows/``: the explorer never reads it.
NAMES = f"{urls.EXPLORER}department-names.json"
_YEAR = 1000  # stands for {year} in the URL patterns (any number; replaced below)
URL_PATTERNS = {
    "report": urls.report(_YEAR, "{dept}").replace(str(_YEAR), "{year}"),
    "project": urls.project(_YEAR, "{dept}", "{project}").replace(str(_YEAR), "{year}"),
    "department": urls.department("{dept}"),
}


def row_url(pattern: str, year: int, dept: str, project: str = "") -> str:
    """A URL from one of :data:`URL_PATTERNS`, as the script fills it in."""
    return pattern.replace("{year}", str(year)).replace("{dept}", dept).replace("{project}", project)


def _check_urls(row: ExplorerRow) -> None:
    """Every page URL must follow the patterns, or the script would link to the wrong page."""
    pattern = URL_PATTERNS["project" if row.project_slug else "report"]
    made = row_url(pattern, row.year, row.department_slug, row.project_slug)
    if made != row.link.url or row_url(URL_PATTERNS["department"], row.year, row.department_slug) != row.department.url:
        raise ValueError(f"explorer row {row.link.url} does not follow the URL patterns {URL_PATTERNS}")


def _departments(rows: Sequence[ExplorerRow]) -> list[tuple[str, str]]:
    return sorted({(r.department.text, r.department_slug) for r in rows})


def year_file(year: int, rows: Sequence[ExplorerRow], departments: Sequence[tuple[str, str]]) -> str:
    """The row file of ``year`` over its ``rows``, compact JSON; ``departments`` as in the departments file."""
    ordered = sorted(rows, key=default_order)
    dept_index = {d: n for n, d in enumerate(departments)}
    grades = sorted({(r.grade.label, r.grade.level) for r in ordered if r.grade},
                    key=lambda g: (g[1] == 0, g[1], g[0]))
    grade_index = {g: n for n, g in enumerate(grades)}
    columns: dict[str, list[Any]] = {key: [] for key in "dpsclgorqfx"}
    for row in ordered:
        _check_urls(row)
        columns["d"].append(dept_index[(row.department.text, row.department_slug)])
        columns["p"].append(row.project)
        columns["s"].append(row.project_slug)
        columns["c"].append(None if row.computed is None else num(row.computed))
        columns["l"].append(None if row.claimed is None else num(row.claimed))
        columns["g"].append(grade_index[(row.grade.label, row.grade.level)] if row.grade else None)
        columns["o"].append(int(row.grade_printed))
        columns["r"].append(None if row.rate is None else pct(row.rate).removesuffix("%"))
        columns["q"].append(int(row.rate_flagged))
        columns["f"].append(row.findings)
        columns["x"].append(int(row.differs))
    data = {"year": year, "count": len(ordered), "urls": URL_PATTERNS, "kinds": list(REPORT_KINDS.values()),
            "grades": [list(g) for g in grades], **columns}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def row_files(rows: Sequence[ExplorerRow]) -> tuple[dict[str, str], tuple[YearRows, ...]]:
    """The departments file, the names file for the search box and every year's row file (site path ->
    content); the years' list, newest first."""
    departments = _departments(rows)
    by_year: dict[int, list[ExplorerRow]] = {}
    for row in rows:
        by_year.setdefault(row.year, []).append(row)
    listing = {"departments": [list(d) for d in departments]}
    files = {DEPARTMENTS: json.dumps(listing, ensure_ascii=False, separators=(",", ":")) + "\n",
             NAMES: json.dumps({"names": [name for name, _ in departments]}, ensure_ascii=False,
                               separators=(",", ":")) + "\n"}
    listed: list[YearRows] = []
    for year in sorted(by_year, reverse=True):
        path = f"{DIRECTORY}{year}.json"
        files[path] = year_file(year, by_year[year], departments)
        listed.append(YearRows(year, path, len(by_year[year])))
    return files, tuple(listed)
