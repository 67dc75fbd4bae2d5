"""Schema validation of a parsed tree, with pydantic's errors turned into coded Chinese findings.

Owns the mapping from a pydantic error (its type and location path) to a catalogue code at the
file:line:column of the offending key or value, with a spelling suggestion for unknown keys.
"""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from jixiao.domain.issues import Finding, finding
from jixiao.load.fieldpath import field_label
from jixiao.load.schema import UNION_TAGS
from jixiao.load.yamltree import PathKey, Plain, Tree

M = TypeVar("M", bound=BaseModel)

_EXPECTED = {
    "string_type": "文字",
    "dict_type": "“字段: 值”的映射",
    "model_type": "“字段: 值”的映射",
    "model_attributes_type": "“字段: 值”的映射",
    "list_type": "列表（每项以“- ”开头）",
}


def _describe(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, dict):
        return "映射（字段: 值）"
    if isinstance(value, list):
        return "列表"
    return f"文字“{str(value)[:40]}”"


def _value_at(root: Plain, path: PathKey) -> Any:
    node: Any = root
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _model_at(model: type[BaseModel], path: PathKey) -> type[BaseModel] | None:
    """The schema class that describes the mapping at ``path`` (for spelling suggestions)."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if isinstance(current, type) and issubclass(current, BaseModel) else None
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    stack = [annotation]
    while stack:
        item = stack.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item
        stack.extend(getattr(item, "__args__", ()) or ())
        stack.extend(getattr(item, "__metadata__", ()) or ())
        origin = getattr(item, "__origin__", None)
        if origin is not None:
            stack.append(origin)
    return None


def _one(error: Any, tree: Tree, model: type[BaseModel]) -> Finding:
    path: PathKey = tuple(p for p in error["loc"] if p not in UNION_TAGS)
    key = field_label(path)
    kind = error["type"]
    value = _value_at(tree.value, path)
    if kind == "extra_forbidden":
        known = _model_at(model, path[:-1])
        options = list(known.model_fields) if known else []
        close = difflib.get_close_matches(str(path[-1]), options, n=1, cutoff=0.6)
        suggestion = f"，是否应为“{close[0]}”？" if close else ""
        return finding("JX-S001", tree.key_loc(path), key=path[-1], suggestion=suggestion)
    if kind == "missing":
        return finding("JX-S002", tree.loc(path[:-1]), key=key)
    if kind == "jx_decimal":
        reason = error.get("ctx", {}).get("reason", "不是数字")
        return finding("JX-S004", tree.loc(path), key=key, value=value, reason=reason)
    if kind == "jx_integer":
        return finding("JX-S005", tree.loc(path), key=key, value=value)
    if kind in _EXPECTED:
        return finding("JX-S003", tree.loc(path), key=key, expected=_EXPECTED[kind], found=_describe(value))
    if kind == "literal_error":
        allowed = error.get("ctx", {}).get("expected", "")
        return finding("JX-S006", tree.loc(path), key=key, value=value, reason="不是允许的取值", allowed=allowed)
    if kind in {"string_too_long", "string_too_short"}:
        reason = "内容过长" if kind == "string_too_long" else "不能为空"
        return finding("JX-S006", tree.loc(path), key=key, value=str(value)[:40], reason=reason, allowed="见编辑指南")
    return finding("JX-S003", tree.loc(path), key=key, expected="符合编辑指南的值", found=_describe(value))


def validate(tree: Tree, model: type[M]) -> tuple[M | None, list[Finding]]:
    """Validate ``tree.value`` against ``model``; every schema problem becomes one finding."""
    if not isinstance(tree.value, dict):
        return None, [finding("JX-Y006", tree.loc(()), found=_describe(tree.value))]
    try:
        return model.model_validate(tree.value), []
    except ValidationError as err:
        seen: set[tuple[object, ...]] = set()
        out: list[Finding] = []
        for error in err.errors(include_url=False):
            item = _one(error, tree, model)
            if (item.loc, item.code) not in seen:
                seen.add((item.loc, item.code))
                out.append(item)
        return None, out
