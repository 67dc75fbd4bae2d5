"""Every open-data file of the site, described by a Frictionless data package and a checksum list.

Owns the list of files under ``data/`` (site-wide CSV and XLSX tables, each report's JSON and
indicator CSV), ``datapackage.json`` (every file as a resource, with its size and SHA-256; tables
point to a shared Table Schema file, ``indicators.schema.json`` / ``reports.schema.json``, with
fields, types, units and Chinese descriptions, so the descriptor stays small with thousands of
reports) and ``SHA256SUMS`` (the format ``sha256sum -c`` reads). A pure function of the scorecards and site settings: the same
content gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from jixiao.check import CheckedReport
from jixiao.domain.model import SiteSettings
from jixiao.domain.revisions import History
from jixiao.domain.standing import standings
from jixiao.opendata.lineage import lineage_table
from jixiao.opendata.tables import (
    DATA_DIR,
    INDICATOR_COLUMNS,
    Table,
    csv_bytes,
    indicators_table,
    report_indicators_table,
    report_json,
    report_name,
    report_paths,
    reports_table,
)
from jixiao.opendata.xlsx import xlsx_bytes

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


def _resource(name: str, path: str, data: bytes, title: str, description: str,
              table: Table | None = None, fmt: str = "csv") -> dict[str, Any]:
    resource: dict[str, Any] = {
        "name": name,
        "path": path,
        "title": title,
        "description": description,
        "format": fmt,
        "mediatype": {"csv": CSV_TYPE, "xlsx": XLSX_TYPE, "json": "application/json"}[fmt],
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
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
    lines = [f"{hashlib.sha256(data).hexdigest()}  {path}" for path, data in sorted(files.items())]
    return ("\n".join(lines) + "\n").encode("ascii") if lines else b""


def data_files(items: Sequence[CheckedReport], site: SiteSettings,
               histories: Mapping[tuple[str, int, str], History] | None = None) -> dict[str, bytes]:
    """Every open-data file, by its path in the site (``data/...``), in a stable order."""
    local: dict[str, bytes] = {}
    resources: list[dict[str, Any]] = []
    ranks = standings((item.card for item in items), site.grade_bands)
    for table, sheet in ((reports_table(items, ranks), "报告汇总"), (indicators_table(items), "绩效指标明细"),
                         (lineage_table(items), "指标历年对照")):
        local[schema_path(table)] = (json.dumps(_schema(table), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        for fmt, data in (("csv", csv_bytes(table)), ("xlsx", xlsx_bytes(table, sheet))):
            path = f"{table.name}.{fmt}"
            local[path] = data
            resources.append(_resource(f"{table.name}-{fmt}", path, data, f"{table.title}（{fmt.upper()}）",
                                       table.description, table, fmt))
    for item in items:
        card = item.card
        json_path, csv_path = (p.removeprefix(DATA_DIR + "/") for p in report_paths(card.report))
        table = report_indicators_table(item)
        title = report_name(card.report)
        local[json_path] = report_json(item, ranks.get(card.report.key), (histories or {}).get(card.report.key))
        local[csv_path] = csv_bytes(table)
        resources.append(_resource(f"{table.name}-json", json_path, local[json_path], f"{title}报告（JSON）",
                                   "该报告的完整数据：报告原文各项、重算的各指标得分与总分、等级和复核发现的问题。",
                                   fmt="json"))
        resources.append(_resource(f"{table.name}-csv", csv_path, local[csv_path], f"{title}绩效指标（CSV）",
                                   table.description, table))
    local[PACKAGE] = _package(site, resources)
    local[SUMS] = sha256sums(local)
    return {f"{DATA_DIR}/{path}": data for path, data in local.items()}
