"""docs/glossary.md is the one list of names: the retired names appear nowhere, the names in use somewhere."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT

GLOSSARY = ROOT / "docs" / "glossary.md"
SEARCHED = ("src", "templates", "docs", "README.md")


def _rows() -> list[tuple[str, list[str]]]:
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in {"名称", "---"}:
            rows.append((cells[0], [r for r in re.split("[、，]", cells[2]) if r]))
    return rows


def _texts() -> dict[Path, str]:
    files: list[Path] = []
    for name in SEARCHED:
        path = ROOT / name
        files += [path] if path.is_file() else [p for p in path.rglob("*") if p.suffix in {".py", ".j2", ".md", ".js", ".html"}]
    return {p: p.read_text(encoding="utf-8") for p in files if p != GLOSSARY}


def test_glossary_lists_the_names_of_the_figures() -> None:
    names = [name for name, _ in _rows()]
    assert {"复核得分", "复核总分", "复核等级", "报告所列总分", "执行率", "警告数"} <= set(names)


def test_retired_names_are_used_nowhere() -> None:
    texts = _texts()
    found = [(str(path.relative_to(ROOT)), old) for name, retired in _rows() for old in retired
             for path, text in texts.items() if old in text]
    assert found == []


def test_each_name_is_used_by_the_site_or_the_data() -> None:
    used = "\n".join(text for path, text in _texts().items() if "docs" not in path.parts)
    assert [name for name, _ in _rows() if name not in used] == []
