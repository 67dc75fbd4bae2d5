"""JSON Schemas of the content files, derived from ``schema`` for editors' tools.

Owns the JSON Schema documents written by ``jixiao schema`` into ``schema/`` (committed, and named by
the ``# yaml-language-server: $schema=...`` line at the top of each content file) so that VS Code and
other YAML editors complete field names and flag mistakes while typing. Nothing here is declared a
second time: every property, requirement and description comes from the pydantic models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from jixiao.load.schema import SCHEMAS

DRAFT = "https://json-schema.org/draft/2020-12/schema"

#: The schema file of each kind of content file, and the Chinese title it carries.
FILES: dict[str, tuple[str, str]] = {
    "site": ("site.schema.json", "jixiao 网站设置 content/site.yaml"),
    "department": ("department.schema.json", "jixiao 部门信息 content/<部门>/department.yaml"),
    "report": ("report.schema.json", "jixiao 年度报告 content/<部门>/<年度>.yaml"),
    "project": ("project.schema.json", "jixiao 项目支出绩效自评表 content/<部门>/<年度>/projects/<项目>.yaml"),
}


class _NoTitles(GenerateJsonSchema):
    """Leaves out pydantic's English titles made from field names; the descriptions are Chinese."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of content file: ``site``, ``department``, ``report`` or ``project``."""
    generated = SCHEMAS[kind].model_json_schema(schema_generator=_NoTitles)
    for definition in generated.get("$defs", {}).values():
        definition.pop("title", None)
    generated.pop("title", None)
    return {"$schema": DRAFT, "title": FILES[kind][1], **generated}


def schema_texts() -> dict[str, str]:
    """File name -> the exact text ``jixiao schema`` writes (stable key order, UTF-8, final newline)."""
    return {
        name: json.dumps(json_schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        for kind, (name, _) in FILES.items()
    }


def write_schemas(out: Path) -> list[Path]:
    """Write every schema file into ``out`` (created if needed); return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, text in schema_texts().items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
