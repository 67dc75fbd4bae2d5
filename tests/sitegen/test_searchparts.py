"""The search index in parts (``sitegen.searchparts``): every report page indexed once, bundles listed, reproducible.

A real build of generated reports (no index), then the real Pagefind binary: one run, and parts of at
most 2 pages. The parts together index exactly the pages the one run indexes (same URLs), each part is
a complete bundle, ``shards.json`` lists them for the search box (with each one's report years), and
indexing again gives the same bytes.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

from benchmarks.corpus import generate

from jixiao.sitegen import searchparts
from jixiao.sitegen.search import BUNDLE_DIR, SHARDS_FILE, index
from tests.sitegen.conftest import build_example, tree_digest


def _urls(bundle: Path) -> set[str]:
    """The page URLs a bundle's fragments hold (Pagefind writes them gzipped, after a signature)."""
    urls: set[str] = set()
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        urls.update(re.findall(r'"url":"([^"]+)"', data.decode("utf-8", "replace")))
    return urls


def test_split_is_even_ordered_and_complete() -> None:
    """The fewest parts of at most N pages, in order, sizes differing by at most one."""
    pages = [f"p{i:02}" for i in range(7)]
    parts = searchparts.split(pages, 3)
    assert [len(p) for p in parts] == [2, 2, 3] and [x for p in parts for x in p] == pages
    assert searchparts.split(pages, 7) == [pages] and searchparts.split([], 5) == [[]]


def test_unset_part_size_keeps_a_thousand_report_site_in_one_bundle() -> None:
    """Unset: parts of at most 1,000 report pages (one bundle up to 1,000, two from 1,001); 0: one run; N: N."""
    size = searchparts.part_size(None)
    assert size == searchparts.AUTO_PART_PAGES == 1000
    assert len(searchparts.split([f"p{i}" for i in range(1000)], size)) == 1
    assert [len(p) for p in searchparts.split([f"p{i}" for i in range(1001)], size)] == [500, 501]
    assert [len(p) for p in searchparts.split([f"p{i}" for i in range(5000)], size)] == [1000] * 5
    assert searchparts.part_size(0) == 0 and searchparts.part_size(250) == 250


def test_a_shard_build_indexes_in_smaller_parts() -> None:
    """Unset in a shard build: parts of at most 600 (a 2,500-report shard: 5 bundles of 500, so Pagefind needs
    about 0.4 GB beside the build's 0.45 GB); a configured size still wins."""
    size = searchparts.part_size(None, shard=True)
    assert size == searchparts.SHARD_PART_PAGES == 600
    assert [len(p) for p in searchparts.split([f"p{i}" for i in range(2500)], size)] == [500] * 5
    assert len(searchparts.split([f"p{i}" for i in range(600)], size)) == 1
    assert searchparts.part_size(0, shard=True) == 0 and searchparts.part_size(1250, shard=True) == 1250


def test_parts_index_every_page_once_and_are_listed(tmp_path: Path) -> None:
    """Five report pages in parts of two: three bundles, the same URLs as one run, listed in shards.json."""
    generate(tmp_path / "content", 5, seed=2)
    site = tmp_path / "site"
    build_example(site, tmp_path / "content")
    pages = searchparts.report_pages(site, BUNDLE_DIR)
    assert len(pages) == 5 and all(p.endswith("index.html") for p in pages)

    whole = index(site, 0)
    one_run = _urls(site / BUNDLE_DIR)
    assert whole.pages == 5 and len(one_run) == 5
    assert json.loads((site / BUNDLE_DIR / SHARDS_FILE).read_text(encoding="utf-8")) == {"bundles": ["./"]}

    stats = index(site, 2)
    bundles = [site / BUNDLE_DIR, site / BUNDLE_DIR / "parts" / "2", site / BUNDLE_DIR / "parts" / "3"]
    listed = json.loads((site / BUNDLE_DIR / SHARDS_FILE).read_text(encoding="utf-8"))
    assert listed["bundles"] == ["./", "parts/2/", "parts/3/"]
    assert stats.pages == 5
    per_bundle = [_urls(b) for b in bundles]
    assert [len(u) for u in per_bundle] == [1, 2, 2]
    # each part's report years, for the search box to search the newest first (sitegen.searchroutes)
    assert listed["years"] == [sorted({int(u.strip("/").split("/")[0]) for u in urls}) for urls in per_bundle]
    assert set().union(*per_bundle) == one_run
    for bundle in bundles:
        assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert not any(p.name.startswith(f".{site.name}.search-part-") for p in tmp_path.iterdir())

    first = tree_digest(site / BUNDLE_DIR)
    shutil.rmtree(site / BUNDLE_DIR)
    index(site, 2)
    assert tree_digest(site / BUNDLE_DIR) == first


def test_page_years_are_the_first_path_parts_that_are_years() -> None:
    """A report page's path begins with its year; other pages (none is indexed today) add no year."""
    from jixiao.sitegen.searchroutes import page_years

    pages = ["2023/a/index.html", "2021/b/projects/x/index.html", "2023/c/index.html", "departments/a/index.html"]
    assert page_years(pages) == [2021, 2023] and page_years([]) == []


def test_department_shards_are_one_character_each_up_to_36_shards() -> None:
    """The department -> shard map: base-36 digits in the departments file's order, '-' for a department of
    no bundle; from 37 shards on, numbers."""
    from jixiao.sitegen.searchroutes import department_shards

    rows = [["乙局", "b"], ["甲局", "a"], ["丙局", "c"]]
    assert json.loads(department_shards(rows, {"a": 0, "b": 35})) == {"departments": "z0-"}
    assert json.loads(department_shards(rows, {"a": 36, "b": 1, "c": 2})) == {"departments": [1, 36, 2]}


def test_department_parts_depend_on_the_department_alone() -> None:
    """Parts by department: every page of a department in one part, fixed by its slug and the part count (a
    power of two, at most N pages a part on average), whatever other pages the site has."""
    pages = sorted(f"{year}/d{d:02}/{extra}index.html" for d in range(40) for year in (2021, 2022, 2023)
                   for extra in ("", "projects/p/"))
    assert searchparts.stable_count(240, 30) == 8 and searchparts.stable_count(241, 30) == 16
    assert searchparts.stable_count(1, 30) == 1 and searchparts.stable_count(0, 30) == 1
    parts = searchparts.by_department(pages, 40)
    assert sorted(p for part in parts for p in part) == pages and all(part == sorted(part) for part in parts)
    where = {searchparts.department_of(p): n for n, part in enumerate(parts) for p in part}
    assert len(where) == 40 and all(where[searchparts.department_of(p)] == n for n, part in enumerate(parts) for p in part)
    # another report of one department (same part count): no other page moves
    more = sorted([*pages, "2024/d07/index.html"])
    again = searchparts.by_department(more, 40)
    assert [[p for p in part if p != "2024/d07/index.html"] for part in again] == parts
    assert searchparts.groups(pages, 100) == searchparts.split(pages, 100)
    assert searchparts.groups(pages, 100, 40) == parts and searchparts.groups(pages, 0) == [pages]
