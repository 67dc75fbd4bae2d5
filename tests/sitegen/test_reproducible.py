"""Pagefind's filter chunks and metadata file are rewritten in a fixed order, so builds are byte-identical."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from jixiao.sitegen.reproducible import FILTERS, SIGNATURE, canonicalize, decode, encode
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


def _chunk(bundle: Path, filter_name: str) -> tuple[Path, list[object]]:
    for path in (bundle / "filter").iterdir():
        value = decode(gzip.decompress(path.read_bytes())[len(SIGNATURE):])
        if isinstance(value, list) and value[0] == filter_name:
            return path, value
    raise AssertionError(f"no chunk for {filter_name}")


def test_hash_map_order_does_not_change_the_bytes(tmp_path: Path) -> None:
    """An index whose filters and filter values came out in another order is rewritten to the same bytes."""
    first, second = tmp_path / "a", tmp_path / "b"
    _site(first)
    index(first)
    shutil.copytree(first, second)
    bundle = second / "pagefind"
    meta = _meta(bundle)
    assert [p[0] for p in meta[FILTERS]] == ["department", "grade", "kind", "year"]  # sorted by name
    meta[FILTERS] = list(reversed(meta[FILTERS]))  # as an unlucky Pagefind run writes them
    path = next(bundle.glob("*.pf_meta"))
    path.write_bytes(gzip.compress(SIGNATURE + encode(meta)))
    chunk_path, chunk = _chunk(bundle, "year")
    values = chunk[1]
    assert isinstance(values, list) and [v[0] for v in values] == ["2021", "2022"]
    chunk_path.write_bytes(gzip.compress(SIGNATURE + encode(["year", list(reversed(values))])))
    assert tree_digest(first) != tree_digest(second)
    canonicalize(bundle)
    assert tree_digest(first) == tree_digest(second)


def test_rewritten_files_are_named_after_their_content(tmp_path: Path) -> None:
    """Chunk and metadata names follow the rewritten bytes, and the entry file points at the metadata."""
    _site(tmp_path)
    index(tmp_path)
    bundle = tmp_path / "pagefind"
    meta = _meta(bundle)
    for name, chunk in meta[FILTERS]:
        data = (bundle / "filter" / f"{chunk}.pf_filter").read_bytes()
        assert chunk == f"zh_{hashlib.sha256(data).hexdigest()[:7]}", name
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta_file = bundle / f"pagefind.{entry['languages']['zh']['hash']}.pf_meta"
    assert entry["languages"]["zh"]["hash"] == f"zh_{hashlib.sha256(meta_file.read_bytes()).hexdigest()[:10]}"
    assert len(list(bundle.glob("*.pf_meta"))) == 1
    assert len(list((bundle / "filter").iterdir())) == 4  # department, grade, kind, year
