"""A damaged cache is a miss, never an error or a wrong answer (``cache/store.py``, ``cache/records.py``).

Every entry of a warm cache is damaged the same way (truncated, not JSON, not UTF-8, valid JSON of the
wrong shape, an entry of another key, a folder where a file was), and the next check loads every folder
again, gives the same result as a fresh check and repairs the cache. A cache that cannot be written
(its path is a file) is simply not written.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from jixiao.cache.run import check_cached, summarize
from jixiao.cache.store import Store
from jixiao.check import check
from tests.conftest import CONTENT


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("check/*/*.json"))


def _reshape(path: Path) -> None:
    data = json.loads(path.read_bytes())
    data["reports"] = [["not", "a", "report"]]
    path.write_text(json.dumps(data), encoding="utf-8")


def _wrong_total(path: Path) -> None:
    data = json.loads(path.read_bytes())
    data["reports"][0][7] = "九十"
    path.write_text(json.dumps(data), encoding="utf-8")


def _other_key(path: Path) -> None:
    data = json.loads(path.read_bytes())
    data["key"] = "0" * 40
    path.write_text(json.dumps(data), encoding="utf-8")


def _directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
    "empty": lambda p: p.write_bytes(b""),
    "not UTF-8": lambda p: p.write_bytes(b"\xff\xfe\x00garbage"),
    "JSON of another shape": lambda p: p.write_text("[1, 2, 3]", encoding="utf-8"),
    "a report of the wrong shape": _reshape,
    "a total that is not a number": _wrong_total,
    "another key's entry": _other_key,
    "a folder instead of a file": _directory,
}


@pytest.mark.parametrize("name", sorted(DAMAGE))
def test_a_damaged_entry_is_a_miss(name: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fresh = summarize(check(CONTENT, "content"))
    check_cached(CONTENT, "content", cache=cache)
    entries = _entries(cache)
    assert entries
    for entry in entries:
        DAMAGE[name](entry)
    after = check_cached(CONTENT, "content", cache=cache)
    assert after.hits == 0 and (after.findings, after.reports) == (fresh.findings, fresh.reports)
    if name != "a folder instead of a file":
        assert check_cached(CONTENT, "content", cache=cache).misses == 0  # repaired


def test_an_unwritable_cache_is_not_written(tmp_path: Path) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder would go\n", encoding="utf-8")
    fresh = summarize(check(CONTENT, "content"))
    for _ in range(2):
        summary = check_cached(CONTENT, "content", cache=blocked)
        assert summary.misses == 1 and (summary.findings, summary.reports) == (fresh.findings, fresh.reports)


def test_the_cache_ignores_itself_and_drops_other_environments(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    old = Store(cache, "old-environment")
    old.put("k", {"a": 1})
    assert old.get("k") == {"a": 1}
    Store(cache, "new-environment").put("k", {"a": 2})
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (cache / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert sorted(p.name for p in (cache / "check").iterdir()) == ["new-environment"]
    shutil.rmtree(cache)  # safe to delete
    assert Store(cache, "new-environment").get("k") is None
