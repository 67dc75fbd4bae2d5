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

#: Scalars the full resolver gives other tags than the fast one (null, bool, int, float, timestamp).
SCALARS = "a: ~\nb:\nc: null\nd: NULL\ne: true\nf: 2021-01-01\ng: 1.5\nh: 'null'\ni: !!str 3\nj: [1, ~, x]\n"

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
    "a: =\n",
    "d: &d {x: 1}\nb:\n  <<: *d\n",
    "b:\n  <<: {x: 1}\n",
)


def _pure(text: str, file: str) -> yamltree.Tree:
    saved = yamltree._FAST_LOADER
    yamltree._FAST_LOADER = None
    try:
        return yamltree.parse_yaml(text, file)
    finally:
        yamltree._FAST_LOADER = saved


def test_untagged_scalars_are_text_or_null() -> None:
    """Nulls become None; every other scalar stays the text it was written as, quoted or not."""
    tree = yamltree.parse_yaml(SCALARS, "f.yaml")
    assert tree.value == {"a": None, "b": None, "c": None, "d": None, "e": "true", "f": "2021-01-01",
                          "g": "1.5", "h": "null", "i": "3", "j": ["1", None, "x"]}


def test_libyaml_is_available() -> None:
    """PyYAML's wheels ship libyaml; without it loading 10,000 reports is about 5x slower."""
    assert yamltree._FAST_LOADER is not None


def test_same_tree_for_valid_files(tmp_path: Path) -> None:
    """Values and places agree on the example content and on generated reports."""
    generate(tmp_path / "c", 6, seed=11)
    files = sorted([*CONTENT.rglob("*.yaml"), *(tmp_path / "c").rglob("*.yaml")])
    assert len(files) > 8
    texts = [path.read_text(encoding="utf-8") for path in files] + [SCALARS]
    for text in texts:
        fast, pure = yamltree.parse_yaml(text, "f.yaml"), _pure(text, "f.yaml")
        assert (fast.value, fast.value_places(), fast.key_places(), fast.findings) == (
            pure.value, pure.value_places(), pure.key_places(), pure.findings)


@pytest.mark.parametrize("text", BROKEN)
def test_same_findings_for_broken_files(text: str) -> None:
    """Syntax errors, aliases, duplicate keys, unsafe tags and several documents are reported identically."""
    fast, pure = yamltree.parse_yaml(text, "f.yaml"), _pure(text, "f.yaml")
    assert fast.findings, text
    assert [(f.loc, f.code, f.message) for f in fast.findings] == [(f.loc, f.code, f.message) for f in pure.findings]
