"""The generated parts of the docs: the field reference and the error-code reference, as Markdown.

Owns the text ``jixiao docs`` writes: ``docs/error-codes.md`` in full from the catalogue in
``domain/issues.py``; the field reference inside ``docs/editors-guide.md`` (between the
``FIELDS_BEGIN``/``FIELDS_END`` markers) from the JSON Schemas that ``load/jsonschema.py`` derives
from ``load/schema.py``; and the rule table inside ``docs/scoring.md`` (between ``RULES_BEGIN``/
``RULES_END``) from the rule table in ``domain/ruletable.py``. Tests compare the committed docs with this output, so the docs cannot go
stale and no code or field can be missing from them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jixiao.domain.issues import CATALOGUE, IssueType
from jixiao.domain.ruletable import RULES, Rule
from jixiao.load.jsonschema import FILES, json_schema

FIELDS_BEGIN = "<!-- BEGIN GENERATED: field reference (jixiao docs) -->"
FIELDS_END = "<!-- END GENERATED: field reference -->"
RULES_BEGIN = "<!-- BEGIN GENERATED: rule table (jixiao docs) -->"
RULES_END = "<!-- END GENERATED: rule table -->"

PREFIXES: dict[str, str] = {
    "E": "文件与编码",
    "Y": "YAML 语法",
    "S": "字段与取值",
    "L": "内容目录结构",
    "M": "叙述文件（Markdown）",
    "T": "目标值与业绩值",
    "C": "算术核对",
    "A": "报告所列与重新计算的结果",
    "P": "评分规则",
    "I": "导入",
    "O": "开放数据",
    "B": "构建网站（运行环境）",
}

_FILE_HEADINGS = {
    "site": "网站设置 `content/site.yaml`",
    "department": "部门信息 `content/<部门>/department.yaml`",
    "report": "年度报告 `content/<部门>/<年度>.yaml`",
    "project": "项目支出绩效自评表 `content/<部门>/<年度>/projects/<项目>.yaml`",
}


# --- field reference ----------------------------------------------------------------------------


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str):
        resolved: dict[str, Any] = defs[ref.rsplit("/", 1)[-1]]
        return resolved
    return node


def _options(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The alternatives of a field, without ``null``."""
    for key in ("anyOf", "oneOf"):
        if key in node:
            alternatives: list[dict[str, Any]] = []
            for option in node[key]:
                alternatives.extend(_options(option))
            return alternatives
    return [] if node.get("type") == "null" else [node]


def _label(node: dict[str, Any], defs: dict[str, Any]) -> str:
    """A short Chinese name for the kind of value a schema node accepts."""
    if "$ref" in node:
        return "映射"
    if "enum" in node:
        return "取值：" + " / ".join(f"`{str(v).lower() if isinstance(v, bool) else v}`"
                                   for v in dict.fromkeys(str(v).lower() for v in node["enum"]))
    kinds = node.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "array" in kinds:
        item = _options(node.get("items", {}))
        inner = " 或 ".join(_label(i, defs) for i in item) if item else "任意值"
        return f"列表（每项：{inner}）"
    if "object" in kinds:
        return "映射（名称: 文字）"
    if "integer" in kinds:
        return "整数"
    if "number" in kinds and "pattern" in node:
        return "数字"
    return "文字"


def _rows(node: dict[str, Any], defs: dict[str, Any], prefix: str) -> Iterator[tuple[str, str, str, str]]:
    """(path, type, required, description) for every property under ``node``, depth first."""
    required = set(node.get("required", ()))
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        options = _options(prop)
        label = " 或 ".join(_label(o, defs) for o in options)
        default = prop.get("default")
        description = str(prop.get("description", ""))
        if default not in (None, "", [], {}):
            description += f"（默认 `{str(default).lower() if isinstance(default, bool) else default}`）"
        yield path, label, "是" if name in required else "", description
        for option in options:
            target = _resolve(option, defs)
            if "properties" in target:
                yield from _rows(target, defs, f"{path}.")
            items = _options(option.get("items", {})) if option.get("type") == "array" else []
            for item in items:
                item_target = _resolve(item, defs)
                if "properties" in item_target:
                    yield from _rows(item_target, defs, f"{path}[].")


def field_paths(kind: str) -> list[str]:
    """Every field path of one kind of content file, e.g. ``tables[].groups[].indicators[].weight``."""
    schema = json_schema(kind)
    return [row[0] for row in _rows(schema, schema.get("$defs", {}), "")]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def field_reference() -> str:
    """The field reference section of the editors' guide (between the markers, markers excluded)."""
    out: list[str] = [
        "",
        "> 本节由 `jixiao docs` 根据 `src/jixiao/load/schema.py` 自动生成，请勿手工修改。",
        "> 路径中的 `[]` 表示列表中的每一项；“必填”为空的字段可以省略。",
        "",
    ]
    for kind in FILES:
        schema = json_schema(kind)
        out += [f"### {_FILE_HEADINGS[kind]}", "", "| 字段 | 类型 | 必填 | 说明 |", "|---|---|---|---|"]
        for path, label, required, description in _rows(schema, schema.get("$defs", {}), ""):
            out.append(f"| `{path}` | {_cell(label)} | {required} | {_cell(description)} |")
        out.append("")
    return "\n".join(out)


def _replace_between(text: str, begin: str, end: str, body: str, what: str) -> str:
    start = text.find(begin)
    stop = text.find(end)
    if start < 0 or stop < start:
        raise ValueError(f"{what} has lost its markers")
    return text[: start + len(begin)] + "\n" + body + "\n" + text[stop:]


def update_guide(text: str) -> str:
    """``text`` (the editors' guide) with its generated field reference replaced by a fresh one."""
    return _replace_between(text, FIELDS_BEGIN, FIELDS_END, field_reference(), "the editors' guide")


# --- rule table ---------------------------------------------------------------------------------


def rule_table() -> str:
    """The table of scoring rules in docs/scoring.md (between the markers, markers excluded)."""
    out = [
        "",
        "> 本表由 `jixiao docs` 根据 `src/jixiao/domain/ruletable.py` 自动生成，请勿手工修改。",
        "",
        "| 规则代码 | 名称 | 适用 | 计分 |",
        "|---|---|---|---|",
    ]
    out += [f"| `{rule.value}` | {_cell(RULES[rule].label)} | {_cell(RULES[rule].applies)} | {_cell(RULES[rule].scores)} |"
            for rule in Rule]
    out.append("")
    return "\n".join(out)


def update_scoring(text: str) -> str:
    """``text`` (docs/scoring.md) with its generated rule table replaced by a fresh one."""
    return _replace_between(text, RULES_BEGIN, RULES_END, rule_table(), "docs/scoring.md")


# --- error codes --------------------------------------------------------------------------------


def _template(text: str) -> str:
    return text.replace("{{", "{").replace("}}", "}")


def _entry(entry: IssueType) -> list[str]:
    return [
        f"### {entry.code} {entry.title}",
        "",
        f"- 严重程度：{entry.severity.label}（`{entry.severity.value}`）",
        f"- 消息：{_template(entry.message)}",
        f"- 如何修改：{_template(entry.hint)}",
        "",
    ]


def error_codes() -> str:
    """The whole of ``docs/error-codes.md``."""
    out = [
        "# 问题代码一览",
        "",
        "<!-- 本文件由 `jixiao docs` 根据 src/jixiao/domain/issues.py 自动生成，请勿手工修改。 -->",
        "",
        "`jixiao check` 报告的每个问题都有一个固定代码，格式为 `文件:行:列 [代码] 严重程度：消息 — 如何修改`。",
        "消息中的 `{...}` 在实际输出中会换成具体的字段名、取值或行号。",
        "“错误”会使 `jixiao check` 以退出码 1 结束；“警告”只在 `--strict` 时如此；",
        "`--ignore 代码` 可以忽略某一类问题。",
        "B 开头的代码不是内容问题，而是构建网站时运行环境的问题（`jixiao build`、`mkdocs build` 报告，退出码 1，",
        "原网站保持不变）。",
        "",
    ]
    by_prefix: dict[str, list[IssueType]] = {}
    for entry in CATALOGUE.values():
        by_prefix.setdefault(entry.code.split("-")[1][0], []).append(entry)
    order = [*PREFIXES, *sorted(set(by_prefix) - set(PREFIXES))]
    for prefix in order:
        entries = by_prefix.get(prefix)
        if not entries:
            continue
        out += [f"## {prefix}：{PREFIXES.get(prefix, '其他')}", ""]
        for entry in sorted(entries, key=lambda e: e.code):
            out += _entry(entry)
    return "\n".join(out).rstrip("\n") + "\n"
