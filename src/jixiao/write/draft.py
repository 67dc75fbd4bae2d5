"""A :class:`Draft` -> the text of ``<year>.yaml``, ``<year>.md`` and ``department.yaml``.

Owns the written form of imported content, exactly as ``load/schema.py`` declares it and styled like
the built-in example: the ``yaml-language-server`` modeline, top-level keys in schema order separated
by blank lines, numbers unquoted, text quoted only where YAML needs it, indicator rows as one-line flow
mappings, unplaced source blocks last under ``unplaced:``, and the narrative under the ``## `` headings
the loader recognises.
"""

from __future__ import annotations

import copy
from typing import Any

import yaml

from jixiao.domain.layout import NARRATIVE_HEADINGS
from jixiao.importers.draft import Draft, Num
from jixiao.write.modeline import DEPARTMENT_MODELINE, PROJECT_MODELINE, REPORT_MODELINE

_FLOW_LIMIT = 160


class _Flow(dict[str, Any]):
    """A mapping written on one line (``{name: …, weight: 3}``)."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # indent list items under their key, as in the example


def _num(dumper: yaml.SafeDumper, value: Num) -> yaml.ScalarNode:
    tag = "tag:yaml.org,2002:float" if "." in value else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, str(value))


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


_Dumper.add_representer(Num, _num)
_Dumper.add_representer(str, _text)
_Dumper.add_representer(_Flow, _flow)


def _dump(data: dict[str, Any]) -> str:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100000,
                     default_flow_style=False, indent=2)
    return text


def _short(item: dict[str, Any]) -> bool:
    return all("\n" not in str(v) for v in item.values()) and len(str(item)) <= _FLOW_LIMIT


def _styled(report: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in report.items() if v is not None}
    for table in out.get("tables", []):
        for group in table["groups"]:
            group["indicators"] = [_Flow(i) if _short(i) else i for i in group["indicators"]]
        for key in ("title", "intro", "points"):
            if table.get(key) in (None, ""):
                table.pop(key, None)
    return out


def _spaced(text: str) -> str:
    """A blank line before each top-level key after the first, as in the example."""
    lines = text.rstrip("\n").split("\n")
    out: list[str] = []
    for index, line in enumerate(lines):
        block = line.endswith(":") or line.endswith(": |-") or line.endswith(": |")
        if index and block and not line.startswith((" ", "-", "#")) and not out[-1].startswith("#"):
            out.append("")
        out.append(line)
    return "\n".join(out) + "\n"


def _content_yaml(draft: Draft, modeline: str, heading: str, source: str) -> str:
    """The draft's report under ``modeline`` and a ``heading`` comment, then every unplaced block."""
    data = _styled(copy.deepcopy(draft.report))
    comment = f"# {heading}（由 jixiao import 从 {source} 导入）"
    if draft.unplaced:
        data["unplaced"] = [{"source": u.pos.label, "kind": u.kind, "text": u.text} for u in draft.unplaced]
        comment += f"\n# 有 {len(draft.unplaced)} 处原文未能归位，见文末 unplaced：请移入正确字段后删除该项。"
    return f"{modeline}\n{comment}\n{_spaced(_dump(data))}"


def report_yaml(draft: Draft, name: str, source: str) -> str:
    """``<year>.yaml``: the report, then every unplaced block with its place in ``source``."""
    return _content_yaml(draft, REPORT_MODELINE, f"{name} {draft.year} 年度部门整体支出预算绩效自评报告", source)


def project_yaml(draft: Draft, name: str, source: str) -> str:
    """``<year>/projects/<project>.yaml``: one project table, then its unplaced blocks."""
    return _content_yaml(draft, PROJECT_MODELINE, f"{name} {draft.year} 年度项目支出绩效自评表", source)


def narrative_markdown(draft: Draft) -> str | None:
    """``<year>.md`` with the narrative sections found, in form order; ``None`` when there are none."""
    parts = [f"## {title}\n\n{draft.narrative[key.value]}" for key, title in NARRATIVE_HEADINGS.items()
             if draft.narrative.get(key.value)]
    return "\n\n".join(parts) + "\n" if parts else None


def department_yaml(name: str) -> str:
    return f"{DEPARTMENT_MODELINE}\n{_dump({'name': name})}"
