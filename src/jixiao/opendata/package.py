"""Every open-data file of the site, described by a Frictionless data package and a checksum list.

Owns the list of files under ``data/`` (site-wide CSV and XLSX tables, each report's JSON and
indicator CSV), ``datapackage.json`` (every file as a resource, with its size and SHA-256; tables
point to a shared Table Schema file, ``indicators.schema.json`` / ``reports.schema.json``, with
fields, types, units and Chinese descriptions, so the descriptor stays small with thousands of
reports) and ``SHA256SUMS`` (the format ``sha256sum -c`` reads). A pure function of the scorecards and site settings: the same
content gives the same bytes. The site-wide files are written to a folder (:func:`write_site_data`) from
rows that may come one at a time, so ``jixiao assemble`` never holds the whole province's rows;
:func:`site_data` gives the same files' bytes for a whole build.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jixiao.check import CheckedReport
from jixiao.domain.model import SiteSettings
from jixiao.domain.revisions import History
from jixiao.domain.standing import Standing, standings
from jixiao.opendata.lineage import lineage_table, lineage_table_of
from jixiao.opendata.tables import (
    DATA_DIR,
    INDICATOR_COLUMNS,
    Cell,
    Table,
    csv_bytes,
    csv_rows,
    indicators_table_of,
    report_indicators_table,
    report_json,
    report_name,
    report_paths,
    report_row,
    reports_table_of,
    write_csv,
)
from jixiao.opendata.xlsx import stream_xlsx, xlsx_bytes

PACKAGE = "datapackage.json"
SUMS = "SHA256SUMS"
CSV_TYPE = "text/csv"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _schema(table: Table) -> dict[str, Any]:
    fields = []
    for c in table.columns:
        field: dict[str, Any] = {"name": c.name, "title": c.name, "type": c.type,
                                 "description": c.description + (f"（单位：{c.unit}）" if c.unit else "")}
        if c.unit:
            field["unit"] = c.unit
        fields.append(field)
    return {"fields": fields, "missingValues": [""]}


def schema_path(table: Table) -> str:
    """The shared Table Schema file of a table kind (every per-report CSV uses the indicators one)."""
    return "indicators.schema.json" if table.columns == INDICATOR_COLUMNS else f"{table.name}.schema.json"


def _resource(name: str, path: str, data: bytes | Written, title: str, description: str,
              table: Table | None = None, fmt: str = "csv") -> dict[str, Any]:
    size, digest = (len(data), hashlib.sha256(data).hexdigest()) if isinstance(data, bytes) else (data.size, data.sha256)
    resource: dict[str, Any] = {
        "name": name,
        "path": path,
        "title": title,
        "description": description,
        "format": fmt,
        "mediatype": {"csv": CSV_TYPE, "xlsx": XLSX_TYPE, "json": "application/json"}[fmt],
        "bytes": size,
        "hash": "sha256:" + digest,
    }
    if fmt == "csv":
        resource["encoding"] = "utf-8-sig"  # UTF-8 with a byte-order mark, for Excel
    if table is not None:
        resource["profile"] = "tabular-data-resource"
        resource["schema"] = schema_path(table)
    return resource


def _package(site: SiteSettings, resources: list[dict[str, Any]]) -> bytes:
    descriptor = {
        "profile": "data-package",
        "name": "jixiao-performance-reports",
        "title": f"{site.title}：开放数据" if site.title else "部门整体支出预算绩效自评报告：开放数据",
        "description": (
            f"{site.publisher + '公开的' if site.publisher else ''}部门（单位）整体支出预算绩效自评报告和项目支出绩效自评表的结构化数据，"
            "含报告所列得分与 jixiao 按评分规则重算的得分、等级和复核发现的问题。CSV 为带 BOM 的 UTF-8 编码；"
            "JSON 中的数值均为字符串形式的精确十进制数。"
        ),
        "resources": resources,
    }
    return (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def sha256sums(files: dict[str, bytes]) -> bytes:
    """``<hex>  <path>`` per file, sorted by path, paths relative to the data folder."""
    return sha256sums_of({path: hashlib.sha256(data).hexdigest() for path, data in files.items()})


def sha256sums_of(digests: Mapping[str, str]) -> bytes:
    """:func:`sha256sums` from the files' SHA-256 hex digests."""
    lines = [f"{digest}  {path}" for path, digest in sorted(digests.items())]
    return ("\n".join(lines) + "\n").encode("ascii") if lines else b""


@dataclass(frozen=True, slots=True)
class ReportData:
    """One report's part of the open data: its rows of the site-wide tables, and its own files'
    data-package resources and SHA-256 digests (paths relative to ``data/``)."""

    report_row: tuple[Cell, ...]
    indicator_rows: tuple[tuple[Cell, ...], ...]
    resources: tuple[dict[str, Any], ...]
    digests: tuple[tuple[str, str], ...]


def report_data(item: CheckedReport, standing: Standing | None, history: History | None,
                ) -> tuple[ReportData, dict[str, bytes]]:
    """A report's :class:`ReportData` and its own files (JSON and indicator CSV) by path under ``data/``."""
    card = item.card
    json_path, csv_path = (p.removeprefix(DATA_DIR + "/") for p in report_paths(card.report))
    table = report_indicators_table(item)
    title = report_name(card.report)
    files = {json_path: report_json(item, standing, history), csv_path: csv_bytes(table)}
    resources = (
        _resource(f"{table.name}-json", json_path, files[json_path], f"{title}报告（JSON）",
                  "该报告的完整数据：报告原文各项、重算的各指标得分与总分、等级和复核发现的问题。", fmt="json"),
        _resource(f"{table.name}-csv", csv_path, files[csv_path], f"{title}绩效指标（CSV）", table.description, table),
    )
    digests = tuple((path, hashlib.sha256(data).hexdigest()) for path, data in files.items())
    return ReportData(report_row(item, standing), table.rows, resources, digests), files


Rows = Callable[[], Iterable[tuple[Cell, ...]]]  # a table's rows, afresh at each call

#: The files of the two big site-wide tables (paths under ``data/``): ``write_site_data`` takes them ready-made.
TABLE_FILES = ("indicators.csv", "indicators.xlsx", "lineage.csv", "lineage.xlsx")


@dataclass(frozen=True, slots=True)
class Written:
    """A data file written to disk: where, its size and its SHA-256 (hex)."""

    path: Path
    size: int
    sha256: str

    @classmethod
    def of(cls, path: Path) -> Written:
        digest = hashlib.sha256()
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        return cls(path, path.stat().st_size, digest.hexdigest())


def write_site_data(folder: Path, site: SiteSettings, reports: Sequence[ReportData],
                    indicator_rows: Rows | tuple[tuple[Cell, ...], ...],
                    lineage: Rows | tuple[tuple[Cell, ...], ...],
                    made: Mapping[str, bytes] | None = None) -> dict[str, Written]:
    """The site-wide files under ``data/`` (tables, schemas, ``datapackage.json``, ``SHA256SUMS``), written
    into ``folder`` and listed by their path in the site. ``reports`` (in the corpus order) give the
    report rows and their own files' resources and checksums; ``indicator_rows`` (the same order) and
    ``lineage`` (by department) are the rows of the two big tables: held (a whole build: the fast
    in-memory writers) or a callable giving them afresh, read as they come and written row by row
    (``jixiao assemble`` and a whole build through the render cache: never held whole). Either way the files have the same bytes. ``made``: files of
    :data:`TABLE_FILES` (by their path under ``data/``) made before from the same rows, taken as they are."""
    written: dict[str, Written] = {}
    resources: list[dict[str, Any]] = []
    tables = ((reports_table_of(()), "报告汇总", tuple(r.report_row for r in reports)),
              (indicators_table_of(()), "绩效指标明细", indicator_rows),
              (lineage_table_of(()), "指标历年对照", lineage))

    def put(path: str, data: bytes) -> None:
        (folder / path).write_bytes(data)
        written[path] = Written.of(folder / path)

    for table, sheet, rows in tables:
        put(schema_path(table), (json.dumps(_schema(table), ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        if made is not None and all(f"{table.name}.{fmt}" in made for fmt in ("csv", "xlsx")):
            put(f"{table.name}.csv", made[f"{table.name}.csv"])
            put(f"{table.name}.xlsx", made[f"{table.name}.xlsx"])
        elif isinstance(rows, tuple):
            held = replace(table, rows=rows)
            put(f"{table.name}.csv", csv_bytes(held))
            put(f"{table.name}.xlsx", xlsx_bytes(held, sheet))
        else:
            # the CSV written in the pass that writes the sheet: each folder's rows decoded once for both
            with (folder / f"{table.name}.csv").open("w", encoding="utf-8-sig", newline="") as out:
                whole = stream_xlsx(table.columns, rows, sheet, folder / f"{table.name}.xlsx", csv_rows(table.columns, out))
            if not whole:  # the sheet written cell by cell: the CSV on its own
                write_csv(table.columns, rows(), folder / f"{table.name}.csv")
            written.update((f"{table.name}.{fmt}", Written.of(folder / f"{table.name}.{fmt}")) for fmt in ("csv", "xlsx"))
        for fmt in ("csv", "xlsx"):
            path = f"{table.name}.{fmt}"
            resources.append(_resource(f"{table.name}-{fmt}", path, written[path], f"{table.title}（{fmt.upper()}）",
                                       table.description, table, fmt))
    for r in reports:
        resources.extend(r.resources)
    put(PACKAGE, _package(site, resources))
    digests = {path: w.sha256 for path, w in written.items()}
    digests.update(pair for r in reports for pair in r.digests)
    put(SUMS, sha256sums_of(digests))
    return {f"{DATA_DIR}/{path}": w for path, w in written.items()}


def site_data(site: SiteSettings, reports: Sequence[ReportData],
              lineage: Sequence[tuple[Cell, ...]], made: Mapping[str, bytes] | None = None) -> dict[str, bytes]:
    """The bytes of :func:`write_site_data`'s files from rows held in memory (a whole build); ``made``: as there."""
    folder = Path(tempfile.mkdtemp(prefix="jixiao-data-"))
    try:
        written = write_site_data(folder, site, reports, tuple(row for r in reports for row in r.indicator_rows),
                                  tuple(lineage), made)
        return {path: w.path.read_bytes() for path, w in written.items()}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def data_files(items: Sequence[CheckedReport], site: SiteSettings,
               histories: Mapping[tuple[str, int, str], History] | None = None) -> dict[str, bytes]:
    """Every open-data file, by its path in the site (``data/...``), in a stable order."""
    ranks = standings((item.card for item in items), site.grade_bands)
    own: dict[str, bytes] = {}
    parts: list[ReportData] = []
    for item in items:
        part, files = report_data(item, ranks.get(item.report.key), (histories or {}).get(item.report.key))
        parts.append(part)
        own.update(files)
    whole = site_data(site, parts, lineage_table(items).rows)
    return {**whole, **{f"{DATA_DIR}/{path}": data for path, data in own.items()}}
