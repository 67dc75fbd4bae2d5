"""Pagefind's metadata file is rewritten with its filters in a fixed order, so builds are byte-identical."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from jixiao.sitegen.reproducible import SIGNATURE, canonicalize, decode, encode
from jixiao.sitegen.search import SearchFacts, index, mark_report
from tests.sitegen.conftest import tree_digest

values = st.recursive(
    st.integers(min_value=0, max_value=2**64 - 1) | st.text() | st.binary(),
    lambda inner: st.lists(inner, max_size=5), max_leaves=20)


@given(values)
def test_cbor_round_trip(value: object) -> None:
    """Whatever the codec encodes, it decodes to the same value."""
    assert decode(encode(value)) == value


def test_known_cbor_bytes() -> None:
    """Shortest heads, as RFC 8949's examples give them."""
    assert encode(23) == bytes([0x17])
    assert encode(24) == bytes([0x18, 0x18])
    assert encode(1000) == bytes([0x19, 0x03, 0xE8])
    assert encode("a") == bytes([0x61, 0x61])
    assert encode([1, [2, 3]]) == bytes([0x82, 0x01, 0x82, 0x02, 0x03])


def _site(root: Path) -> None:
    for year, grade in ((2021, "优秀"), (2022, "良好")):
        page = root / str(year) / "x" / "index.html"
        page.parent.mkdir(parents=True)
        body = mark_report(f"<h2 id='a'>一</h2><p>救助困难职工{year}</p>", SearchFacts("某局", year, grade, "90"))
        page.write_text(f'<!doctype html><html lang="zh"><body>{body}</body></html>', encoding="utf-8")


def _meta(bundle: Path) -> list[object]:
    path = next(bundle.glob("*.pf_meta"))
    value = decode(gzip.decompress(path.read_bytes())[len(SIGNATURE):])
    assert isinstance(value, list)
    return value


def test_filter_order_does_not_change_the_bytes(tmp_path: Path) -> None:
    """An index whose filter list came out in another order is rewritten to the same bytes."""
    first, second = tmp_path / "a", tmp_path / "b"
    _site(first)
    index(first)
    shutil.copytree(first, second)
    bundle = second / "pagefind"
    meta = _meta(bundle)
    filters = next(i for i, v in enumerate(meta)
                   if isinstance(v, list) and len(v) == 3 and all(isinstance(p, list) for p in v)
                   and {p[0] for p in v} == {"year", "grade", "department"})
    assert [p[0] for p in meta[filters]] == ["year", "grade", "department"]
    meta[filters] = list(reversed(meta[filters]))  # as an unlucky Pagefind run writes it
    path = next(bundle.glob("*.pf_meta"))
    path.write_bytes(gzip.compress(SIGNATURE + encode(meta)))
    assert tree_digest(first) != tree_digest(second)
    canonicalize(bundle)
    assert tree_digest(first) == tree_digest(second)
