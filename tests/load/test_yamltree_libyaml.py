"""The libyaml fast path of ``parse_yaml`` gives exactly what the pure-Python loader gives.

Valid files: the same plain values, value places and key places. Invalid files: the same findings,
because errors are always re-read by the pure-Python loader whose wording ``_PROBLEMS`` explains.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.corpus import generate

from jixiao.load import yamltree
from tests.conftest import CONTENT

BROKEN = (
    "a: b: c\n",
    "a: [1, 2\n",
    "a: 'open\n",
    "a: &x 1\nb: *x\n",
    "a: 1\na: 2\n",
    "a: !!python/object:os.system 1\n",
    "--- 1\n--- 2\n",
    "key:\n  - one\n - two\n",
    "a: @b\n",
)


def _pure(text: str, file: str) -> yamltree.Tree:
    saved = yamltree._FAST_LOADER
    yamltree._FAST_LOADER = None
    try:
        return yamltree.parse_yaml(text, file)
    finally:
        yamltree._FAST_LOADER = saved


def test_libyaml_is_available() -> None:
    """PyYAML's wheels ship libyaml; without it loading 10,000 reports is about 5x slower."""
    assert yamltree._FAST_LOADER is not None


def test_same_tree_for_valid_files(tmp_path: Path) -> None:
    """Values and places agree on the example content and on generated reports."""
    generate(tmp_path / "c", 6, seed=11)
    files = sorted([*CONTENT.rglob("*.yaml"), *(tmp_path / "c").rglob("*.yaml")])
    assert len(files) > 8
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast, pure = yamltree.parse_yaml(text, "f.yaml"), _pure(text, "f.yaml")
        assert (fast.value, fast.locs, fast.key_locs, fast.findings) == (pure.value, pure.locs, pure.key_locs, pure.findings)


@pytest.mark.parametrize("text", BROKEN)
def test_same_findings_for_broken_files(text: str) -> None:
    """Syntax errors, aliases, duplicate keys, unsafe tags and several documents are reported identically."""
    fast, pure = yamltree.parse_yaml(text, "f.yaml"), _pure(text, "f.yaml")
    assert fast.findings, text
    assert [(f.loc, f.code, f.message) for f in fast.findings] == [(f.loc, f.code, f.message) for f in pure.findings]
