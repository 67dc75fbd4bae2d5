"""The fast path (``load.yamlfast``) reads plain files exactly as the reference walk of nodes does.

Every YAML file of the fixtures, the example content and generated reports gives the same value, value
places, key places and findings through ``parse_yaml`` with the fast path and without it; files that
are not plain (aliases, tags, duplicate keys, several documents, syntax errors ...) are refused by the
fast path and so always take the reference path. The whole broken-input corpus and a generated corpus,
checked end to end, give the same findings at the same ``file:line:column`` either way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from benchmarks.corpus import generate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.check import check
from jixiao.load import yamlfast, yamltree
from jixiao.load.content import load_content
from tests.conftest import CONTENT
from tests.corpus import Case, build_case, build_shared, cases

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

#: Plain files with the shapes the fast path must get right: nulls, quoting styles, block scalars,
#: flow collections, empty values and keys, nested lists, comments, an explicit document start and end.
PLAIN = (
    "a: ~\nb:\nc: null\nd: NULL\ne: true\nf: 2021-01-01\ng: 1.5\nh: 'null'\nj: [1, ~, x]\n",
    "---\nk: \"quoted \\u4e2d\"\nl: 'single ''q'''\nm: |\n  block\n  text\nn: >-\n  folded\n  text\n...\n",
    "- 1\n- - nested\n  - {x: 1, y: [a, b]}\n- \n-\n  deep:\n    deeper: [[], {}]\n",
    "~: null key\n'': empty\n\"<<\": quoted merge\n'=': quoted equals\n",
    "# only a scalar\n--- 42\n",
    "---\n",
    "中文键: 中文值  # 注释\n  \nx:   \n    - a\n",
    "a: 1\r\nb: 2\r\n",
)

#: Files the fast path refuses (the reference path then reports or reads them).
NOT_PLAIN = (
    "",
    "# nothing\n",
    "a: &x 1\nb: *x\n",
    "a: &x [1]\nb: *x\n",
    "a: *x\n",
    "a: &x 1\n",
    "a: ! x\nb: ! ~\nc: ! [1]\nd: ! {e: 1}\n",
    "a: !!str 1\n",
    "a: !custom 1\n",
    "a: 1\na: 2\n",
    "<<: {x: 1}\n",
    "a: <<\n",
    "a: =\n",
    "=: 1\n",
    "? [1, 2]\n: x\n",
    "--- 1\n--- 2\n",
    "a: b: c\n",
    "a: [1, 2\n",
    "a: 'open\n",
    "a:" + " [" * 45 + " ]" * 45 + "\n",
)


@contextmanager
def _reference() -> Iterator[None]:
    """``parse_yaml`` without the fast path (the reference walk of the nodes libyaml composes)."""
    saved = yamltree._PLAIN_NODES
    yamltree._PLAIN_NODES = False
    try:
        yield
    finally:
        yamltree._PLAIN_NODES = saved


def _both(text: str) -> tuple[yamltree.Tree, yamltree.Tree]:
    fast = yamltree.parse_yaml(text, "content/d/2021.yaml")
    with _reference():
        reference = yamltree.parse_yaml(text, "content/d/2021.yaml")
    return fast, reference


def _same(fast: yamltree.Tree, reference: yamltree.Tree) -> None:
    assert fast.value == reference.value
    assert fast.value_places() == reference.value_places()
    assert all(fast.loc(path) == loc for path, loc in reference.locs.items())
    assert list(fast.key_places().items()) == list(reference.key_places().items())
    assert all(fast.key_loc(path) == loc for path, loc in reference.key_locs.items())
    assert [(f.loc, f.code, f.message) for f in fast.findings] == [
        (f.loc, f.code, f.message) for f in reference.findings]


def test_fast_path_is_on() -> None:
    """PyYAML's wheels ship libyaml, so the fast path is what loads content."""
    assert yamlfast.CPARSER is not None and yamltree._PLAIN_NODES


@pytest.mark.parametrize("text", PLAIN)
def test_plain_shapes_read_the_same(text: str) -> None:
    """Each plain shape is taken by the fast path and gives the reference tree and places."""
    assert yamlfast.read_plain(text, yamltree.MAX_DEPTH) is not None, text
    _same(*_both(text))


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_other_files_take_the_reference_path(text: str) -> None:
    """Anything but a plain file is refused by the fast path, and parse_yaml's result is unchanged."""
    assert yamlfast.read_plain(text, yamltree.MAX_DEPTH) is None, text
    _same(*_both(text))


def test_every_fixture_and_generated_file_reads_the_same(tmp_path: Path) -> None:
    """All YAML under tests/fixtures (broken inputs included), the example and generated reports."""
    generate(tmp_path / "c", 9, seed=5)
    files = sorted({*FIXTURES.rglob("*.yaml"), *FIXTURES.rglob("*.yml"), *CONTENT.rglob("*.yaml"),
                    *(tmp_path / "c").rglob("*.yaml")})
    assert len(files) > 150
    fast_taken = 0
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace")
        fast_taken += yamlfast.read_plain(text, yamltree.MAX_DEPTH) is not None
        _same(*_both(text))
    assert fast_taken > len(files) * 3 // 4  # the fast path is the usual one


def _findings(content: Path) -> list[tuple[str, int, int, str, str]]:
    return [(f.loc.file, f.loc.line, f.loc.column, f.code, f.message) for f in check(content, "content").findings]


def test_bad_corpus_findings_at_the_same_places(tmp_path: Path) -> None:
    """Every broken-input case that shares a project: the same findings, file:line:column, either way."""
    content = build_shared([c for c in cases() if c.shared], tmp_path / "project")
    fast = _findings(content)
    with _reference():
        reference = _findings(content)
    assert len(fast) > 100
    assert fast == reference


@pytest.mark.parametrize("case", [c for c in cases() if not c.shared], ids=lambda c: c.name)
def test_unshared_bad_cases_at_the_same_places(case: Case, tmp_path: Path) -> None:
    """The cases that need a project of their own (their own site.yaml ...), each either way."""
    content = build_case(case, tmp_path)
    fast = _findings(content)
    with _reference():
        assert _findings(content) == fast


def test_generated_corpus_findings_at_the_same_places(tmp_path: Path) -> None:
    """Generated reports with planted score mistakes: the same findings and places either way."""
    generate(tmp_path / "content", 30, seed=3)
    fast = _findings(tmp_path / "content")
    with _reference():
        reference = _findings(tmp_path / "content")
    assert fast and fast == reference


def _places(value: object, where: str = "") -> Iterator[tuple[str, object, dict[str, object]]]:
    """Every record reachable from ``value`` with its own place and its fields' places (``Sourced.locs``
    is left out of record equality, so it is compared here on its own)."""
    if isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _places(item, f"{where}[{i}]")
        return
    locs = getattr(value, "locs", None)
    if locs is None or not hasattr(value, "__dataclass_fields__"):
        return
    yield where, value.loc, dict(locs)  # type: ignore[attr-defined]
    for name in value.__dataclass_fields__:  # type: ignore[attr-defined]
        if name not in ("loc", "locs"):
            yield from _places(getattr(value, name), f"{where}.{name}")


def test_records_get_the_same_field_places_either_way(tmp_path: Path) -> None:
    """The converter takes a record's field places from the fast path's places grouped by mapping
    (``Tree.children``) instead of looking each field up: every record of the example content, the forms'
    fixtures and generated reports has the same place and field places as from the reference path."""
    generate(tmp_path / "c", 12, seed=7)
    roots = [CONTENT, tmp_path / "c", *sorted((FIXTURES / "forms").glob("*/content"))]
    records = 0
    for root in roots:
        fast = load_content(root, "content").corpus
        with _reference():
            reference = load_content(root, "content").corpus
        assert fast == reference
        got, expected = list(_places(fast.reports)), list(_places(reference.reports))
        assert got == expected, root
        records += len(got)
    assert records > 1000


def test_fast_trees_group_every_place_by_mapping() -> None:
    """``Tree.children`` and ``Tree.key_marks`` hold, for each mapping, exactly its keys (in order), and a
    record's field places (``Tree.field_locs``) are the places of its values."""
    for text in PLAIN:
        tree = yamltree.parse_yaml(text, "f.yaml")
        mappings = [p for p in tree.value_places() if isinstance(_value_at(tree.value, p), dict)]
        assert sorted(tree.children, key=repr) == sorted(mappings, key=repr) == sorted(tree.key_marks, key=repr)
        for path, mine in tree.children.items():
            keys = list(_value_at(tree.value, path))  # type: ignore[call-overload]
            assert list(mine) == keys == list(tree.key_marks[path])
            locs = tree.field_locs(path, set(keys))
            assert dict(locs) == {key: tree.loc((*path, key)) for key in keys}
            assert len(locs) == len(keys) and all(key in locs for key in keys)


def _value_at(value: object, path: tuple[str | int, ...]) -> object:
    for part in path:
        value = value[part]  # type: ignore[index]
    return value


#: Characters that matter to YAML (indicators, quotes, block scalars, flow collections, comments, anchors).
_SPECIAL = ":-[]{}&*!|>'\"#%@`,?~=<\n \r\t中：０"
_TEXT = st.text(alphabet=st.sampled_from(list(_SPECIAL)) | st.characters(codec="utf-8", exclude_categories=("Cs",)),
                max_size=12)
_KEYS = _TEXT | st.sampled_from(["year", "<<", "=", "~", "null", ""])
_LEAF = st.none() | st.booleans() | st.integers() | _TEXT | st.sampled_from(["~", "null", "<<", "=", "", "1.5"])
_DATA = st.recursive(_LEAF, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
                     max_leaves=25)
_STYLES = st.sampled_from([None, "", "'", '"', "|", ">"])
_SAME = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SAME
@given(_DATA, _STYLES, st.sampled_from([None, True, False]), st.integers(2, 6), st.sampled_from([8, 40, 200]),
       st.booleans())
def test_dumped_yaml_reads_the_same(data: object, style: str | None, flow: bool | None, indent: int, width: int,
                                    start: bool) -> None:
    """Any tree of mappings, lists, text and nulls, written by PyYAML in every scalar and collection style
    (quoted, block, flow, wrapped, with document markers): the fast path gives the reference value, value
    places, key places and findings, and takes every such file without anchors or tags."""
    text = yaml.safe_dump(data, default_style=style, default_flow_style=flow, indent=indent, width=width,
                          allow_unicode=True, explicit_start=start)
    _same(*_both(text))
    if "&" not in text and "!" not in text:  # no anchor, no explicit tag
        assert yamlfast.read_plain(text, yamltree.MAX_DEPTH) is not None, text


_PIECES = st.sampled_from(["a", "b: ", "- ", ": ", "  ", "\n", "&x ", "*x", "! ", "!!str ", "!t ", "{", "}", "[",
                           "]", ", ", "? ", "'q'", '"q"', "|\n", ">-\n", " # c", "---\n", "...\n", "~", "<<",
                           "=", "中", "1", "\t", "%YAML 1.1\n"])


@_SAME
@given(st.lists(_PIECES, max_size=30))
def test_any_yamlish_text_reads_the_same(pieces: list[str]) -> None:
    """Text strung together from YAML's syntax (aliases, tags, directives, complex keys, broken flow and
    indentation): whether the fast path takes it or not, ``parse_yaml`` gives the reference result."""
    _same(*_both("".join(pieces)))
