"""The 数据下载 page: what readers can download, how big it is, what each column means.

Owns the typed context of ``downloads/`` (rendered by ``downloads.md.j2``): the site-wide files with
their format, size and SHA-256, the column reference of each table (from the same column
declarations that write the files, so the page cannot drift from the data), and the naming of each
report's own files (linked from the report page, via :func:`report_links`; the page does not list
thousands of them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from jixiao.domain.model import Report
from jixiao.opendata.lineage import LINEAGE_COLUMNS
from jixiao.opendata.package import PACKAGE, SUMS
from jixiao.opendata.tables import DATA_DIR, INDICATOR_COLUMNS, REPORT_COLUMNS, Column, report_paths
from jixiao.render import urls
from jixiao.render.context import Link

TITLE = "数据下载"


@dataclass(frozen=True, slots=True)
class DownloadFile:
    """One downloadable file: where it is, what it is, how big it is, and its checksum."""

    url: str  # site path, e.g. data/reports.csv
    name: str
    title: str
    format: str
    size: str  # human-readable, e.g. 7.2 KB
    sha256: str


@dataclass(frozen=True, slots=True)
class TableDoc:
    """The column reference of one table."""

    title: str
    files: tuple[str, ...]  # file names holding this table
    columns: tuple[Column, ...]


@dataclass(frozen=True, slots=True)
class DownloadsPage:
    page_url: str
    site_title: str
    title: str
    files: tuple[DownloadFile, ...]
    tables: tuple[TableDoc, ...]
    report_count: int  # reports with their own JSON and CSV (linked from each report page)
    example: tuple[Link, ...]  # the first report's own files, to show the naming pattern
    package_url: str
    sums_url: str


def size_text(size: int) -> str:
    """``845 字节``, ``7.2 KB``, ``3.1 MB`` (1 KB = 1024 bytes)."""
    if size < 1024:
        return f"{size} 字节"
    for unit in ("KB", "MB", "GB"):
        size_f = size / 1024
        if size_f < 1024 or unit == "GB":
            return f"{size_f:.1f} {unit}"
        size = int(size_f)
    return f"{size} 字节"  # pragma: no cover - unreachable


_SITE_WIDE = (
    ("reports.csv", "报告汇总", "CSV"),
    ("reports.xlsx", "报告汇总", "Excel"),
    ("indicators.csv", "绩效指标明细", "CSV"),
    ("indicators.xlsx", "绩效指标明细", "Excel"),
    ("lineage.csv", "指标历年对照", "CSV"),
    ("lineage.xlsx", "指标历年对照", "Excel"),
    (PACKAGE, "数据包说明（Frictionless Data Package）", "JSON"),
    (SUMS, "全部数据文件的 SHA-256 校验值", "文本"),
)


def report_links(report: Report) -> tuple[Link, Link]:
    """The report's own JSON and indicator CSV, as links for its page."""
    json_path, csv_path = report_paths(report)
    return Link(json_path, "完整数据（JSON）"), Link(csv_path, "指标明细（CSV）")


def data_links(digests: Sequence[tuple[str, str]]) -> tuple[Link, ...]:
    """A report's own JSON and indicator CSV as links, from its (path under ``data/``, digest) pairs."""
    if len(digests) < 2:
        return ()
    return Link(f"{DATA_DIR}/{digests[0][0]}", "完整数据（JSON）"), Link(f"{DATA_DIR}/{digests[1][0]}", "指标明细（CSV）")


def downloads_page(site_title: str, report_count: int, files: Mapping[str, tuple[int, str]],
                   example: tuple[Link, ...] = ()) -> DownloadsPage:
    """The context of ``downloads/``; ``files`` are the size and SHA-256 (hex) of each site-wide data file by
    its site path (``data/...``); ``example`` the first report's own files (to show their naming)."""
    listed = []
    for name, title, fmt in _SITE_WIDE:
        size, digest = files[f"{DATA_DIR}/{name}"]
        listed.append(DownloadFile(f"{DATA_DIR}/{name}", name, title, fmt, size_text(size), digest))
    return DownloadsPage(
        page_url=urls.DOWNLOADS,
        site_title=site_title,
        title=TITLE,
        files=tuple(listed),
        tables=(
            TableDoc("报告汇总", ("reports.csv", "reports.xlsx"), REPORT_COLUMNS),
            TableDoc("绩效指标明细", ("indicators.csv", "indicators.xlsx", "reports/<部门标识>-<年度>.csv",
                                       "projects/<部门标识>-<年度>/<项目标识>.csv"),
                     INDICATOR_COLUMNS),
            TableDoc("指标历年对照", ("lineage.csv", "lineage.xlsx"), LINEAGE_COLUMNS),
        ),
        report_count=report_count,
        example=example,
        package_url=f"{DATA_DIR}/{PACKAGE}",
        sums_url=f"{DATA_DIR}/{SUMS}",
    )
