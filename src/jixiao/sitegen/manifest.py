"""The shard manifest, ``jixiao-shard.json``: what a shard build made, for ``jixiao assemble``.

Owns the manifest's format. A shard build writes it at the root of its output: the shard's name and
rule, the jixiao version and the SHA-256 of ``site.yaml`` it was built with, the
:class:`~jixiao.render.facts.ReportFacts` of each of its reports (list summary, explorer row, grades,
rows of the site-wide tables, its own data files' resources), the
:class:`~jixiao.render.facts.DepartmentFacts` of the departments it owns, and the SHA-256 of every file
it owns (report and project pages, each report's data files), by their path in the site. ``jixiao
assemble`` reads the manifests alone to write the site-wide pages; it copies the owned files, checking
each one's digest. Facts are encoded by ``sitegen.codec`` (exact decimals).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Protocol

from jixiao.domain.model import ShardRule
from jixiao.domain.standing import Standing
from jixiao.opendata.tables import Cell
from jixiao.render.facts import DepartmentFacts, ReportFacts
from jixiao.sitegen.codec import CodecError, decode, encode

__all__ = ["FORMAT", "NAME", "Manifest", "ManifestError", "RowSink", "ShardPart", "read_manifest", "write_manifest"]

Rows = tuple[tuple[Cell, ...], ...]

FORMAT = "jixiao-shard/1"
NAME = "jixiao-shard.json"


class ManifestError(ValueError):
    """A shard folder without a readable manifest of this format (the message is Chinese)."""


@dataclass(frozen=True, slots=True)
class Manifest:
    format: str
    shard: str
    by: str  # "year" or "region"
    version: str  # the jixiao version that built the shard
    site_sha256: str  # of content/site.yaml
    reports: tuple[ReportFacts, ...]
    departments: tuple[DepartmentFacts, ...]
    files: dict[str, str] = field(default_factory=dict)  # site path -> SHA-256 of each owned file
    search: str = "pagefind/"  # the shard's Pagefind bundle, relative to the shard folder


@dataclass(frozen=True, slots=True)
class ShardPart:
    """One shard to build: its name and rule, the whole site's year rankings, the departments it owns."""

    name: str
    rule: ShardRule
    ranks: Mapping[tuple[str, int, str], Standing]  # the whole site's year standings
    departments: tuple[DepartmentFacts, ...]


def write_manifest(manifest: Manifest, folder: Path) -> Path:
    """Write ``manifest`` into ``folder``: the bytes of ``json.dumps(encode(manifest))``, compact, and a newline.

    Written field by field and fact by fact: encoded at once, a 2,500-report shard's manifest (76 MB of
    JSON) was several hundred MB of Python objects and text, the build's peak (issue 18).
    """
    path = folder / NAME
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("{")
        for number, item in enumerate(fields(manifest)):
            value = getattr(manifest, item.name)
            out.write(("," if number else "") + _json(item.name) + ":")
            if isinstance(value, tuple):
                out.write("[")
                for index, fact in enumerate(value):
                    out.write(("," if index else "") + _json(encode(fact)))
                out.write("]")
            else:
                out.write(_json(encode(value)))
        out.write("}\n")
    return path


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def read_manifest(folder: Path, rows: RowSink | None = None) -> Manifest:
    """The manifest of the shard built into ``folder``; raises :class:`ManifestError`.

    ``rows``: each report's ``indicator_rows`` and each department's ``lineage_rows`` are handed to it
    (decoded) instead of being kept in the manifest returned (``jixiao assemble`` keeps them on disk).
    """
    path = folder / NAME
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"{folder} 中没有 {NAME}：它不是 jixiao build --shard 的输出目录") from None
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise ManifestError(f"{path} 无法读取：{err}") from err
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        raise ManifestError(f"{path} 的格式是 {found!s}，本版本的 jixiao 只读 {FORMAT}；请用同一版本重新构建该部分")
    try:
        if rows is not None:
            _hand_over(data, rows)
        manifest = decode(data, Manifest)
    except (CodecError, KeyError, TypeError, ValueError, ArithmeticError) as err:
        raise ManifestError(f"{path} 内容不完整或已损坏：{err}") from err
    if not isinstance(manifest, Manifest):
        raise ManifestError(f"{path} 内容不完整或已损坏")
    return manifest


class RowSink(Protocol):
    """Takes the rows of the site-wide tables out of a manifest as it is read."""

    def report(self, key: tuple[str, int, str], rows: Rows) -> None: ...

    def department(self, slug: str, rows: Rows) -> None: ...


def _hand_over(data: dict[str, Any], sink: RowSink) -> None:
    for report in data["reports"]:
        key = decode(report["key"], tuple[str, int, str])
        sink.report(key, decode(report["data"]["indicator_rows"], Rows))
        report["data"]["indicator_rows"] = []
    for dept in data["departments"]:
        sink.department(str(dept["department"]["slug"]), decode(dept["lineage_rows"], Rows))
        dept["lineage_rows"] = []
