"""The JSON Schemas in schema/ are current, named by the example files, and accept the example.

They are what VS Code reads while an editor types; if they drift from ``load/schema.py`` the editor
would be told the wrong thing, so the committed files must equal freshly generated ones.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from pydantic import BaseModel

from jixiao.load.jsonschema import FILES, schema_texts, write_schemas
from jixiao.load.schema import SCHEMAS
from tests.conftest import CONTENT, ROOT

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.MULTILINE)
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_committed_schemas_equal_generated_ones() -> None:
    """schema/*.json are byte-identical to what ``jixiao schema`` writes now."""
    for name, text in schema_texts().items():
        committed = ROOT / "schema" / name
        assert committed.is_file(), f"missing {committed}; run: jixiao schema"
        assert committed.read_text(encoding="utf-8") == text, f"{name} is stale; run: jixiao schema"


def test_write_schemas_writes_every_file(tmp_path: Path) -> None:
    written = write_schemas(tmp_path / "out")
    assert sorted(p.name for p in written) == sorted(name for name, _ in FILES.values())
    for path in written:
        assert json.loads(path.read_text(encoding="utf-8"))["$schema"].startswith("https://json-schema.org/")


def _models(model: type[BaseModel]) -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []
    stack = [model]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.append(current)
        for field in current.model_fields.values():
            pending = [field.annotation]
            while pending:
                item = pending.pop()
                if isinstance(item, type) and issubclass(item, BaseModel):
                    stack.append(item)
                pending.extend(getattr(item, "__args__", ()) or ())
    return seen


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_every_field_has_a_chinese_description(kind: str) -> None:
    for model in _models(SCHEMAS[kind]):
        for name, field in model.model_fields.items():
            assert field.description and CJK.search(field.description), f"{model.__name__}.{name}"


def _content_files() -> list[Path]:
    return [CONTENT / "site.yaml", *sorted(CONTENT.glob("*/department.yaml")), *sorted(CONTENT.glob("*/[0-9]*.yaml"))]


@pytest.mark.parametrize("path", _content_files(), ids=lambda p: p.relative_to(CONTENT).as_posix())
def test_example_file_names_its_schema_and_validates_against_it(path: Path) -> None:
    """The modeline points at the right committed schema, and the file as YAML tools read it passes."""
    text = path.read_text(encoding="utf-8")
    match = MODELINE.search(text.split("\n", 1)[0])
    assert match, f"{path} lacks the yaml-language-server modeline on its first line"
    schema_path = (path.parent / match.group(1)).resolve()
    kind = "site" if path.name == "site.yaml" else "department" if path.name == "department.yaml" else "report"
    assert schema_path == (ROOT / "schema" / FILES[kind][0]).resolve()
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(text), schema)


def test_schema_rejects_a_misspelt_field() -> None:
    """The schema is strict, as the loader is: an editor's tool flags unknown keys too."""
    schema = json.loads(schema_texts()["department.schema.json"])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"name": "x", "nmae": "y"}, schema)
