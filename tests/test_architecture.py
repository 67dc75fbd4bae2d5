"""docs/architecture.md matches the tree: every top-level package and module of src/jixiao is in its table."""

from __future__ import annotations

import re

from tests.conftest import ROOT

SRC = ROOT / "src" / "jixiao"
DOC = ROOT / "docs" / "architecture.md"


def _documented() -> set[str]:
    rows = [line for line in DOC.read_text(encoding="utf-8").splitlines() if line.startswith("| `")]
    return {m.group(1).rstrip("/") for line in rows if (m := re.match(r"\| `([^`]+)`", line))}


def _tree() -> set[str]:
    names = {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    names |= {p.name for p in SRC.glob("*.py") if p.name not in {"__init__.py", "__main__.py"}}
    return names


def test_every_package_and_module_is_documented() -> None:
    """A folder or module added, removed or renamed without updating docs/architecture.md fails here."""
    assert _documented() == _tree()
