"""The header search of an already assembled site, measured with a given search box: issue 18's search figures.

Owns the search half of ``benchmarks/shards.py`` for a site assembled earlier (the 20,000-report
simulation takes hours to build): it brings the site's search files up to what an assemble of this
tree writes (:func:`refresh`) and measures queries in headless Chromium, cold (``benchmarks.browser``):
time and bytes to the first result, and to the box's count (every bundle searched). Work on a copy made
with hard links (``cp -al``): every file this script writes is replaced, never written through a link.

    cp -al /tmp/h18sim-20k/site /tmp/h18s/site
    nice -n 10 env PYTHONPATH=src python -m benchmarks.shards_search /tmp/h18s/site /tmp/h18sim-20k/shards \\
        --search-js old.js --label before
    nice -n 10 env PYTHONPATH=src python -m benchmarks.shards_search /tmp/h18s/site /tmp/h18sim-20k/shards

:func:`refresh` writes ``pagefind/shards.json`` with each bundle's report years (read from the page URLs
in its fragments: the shards may predate the list's ``years``) and each shard's bundles,
``pagefind/department-shards.json``, and ``explorer/department-names.json`` when the site predates it
(from the explorer's departments file, as ``render.explorer_data`` writes it).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.proc import ROOT
from benchmarks.shards import _load, breakdown, by_bundle
from jixiao.domain.shards import shard_id
from jixiao.render import explorer_data
from jixiao.sitegen import searchroutes
from jixiao.sitegen.search import BUNDLE_DIR, SHARDS_FILE

SEARCH_JS = ROOT / "templates" / "overrides" / "assets" / "search" / "search.js"
QUERIES = ("满意度", "困难职工", "安泽县妇女联合会")


def _replace(path: Path, text: str) -> None:
    """Write ``path`` as a new file (it may be a hard link into the site the copy was made from)."""
    path.unlink(missing_ok=True)
    path.write_text(text, encoding="utf-8")


def _bundle_years(bundle: Path) -> list[int]:
    """The report years of the pages a bundle indexes, from the URLs in its fragments."""
    pages = []
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes()).decode("utf-8", "replace")
        pages += [url.lstrip("/") for url in re.findall(r'"url":"([^"]+)"', data)[:1]]
    return searchroutes.page_years(pages)


def _shard_departments(folder: Path) -> tuple[str, list[str]]:
    """A shard's name and its departments' slugs, from its manifest (read, then let go: ~75 MB each)."""
    m = json.loads((folder / "jixiao-shard.json").read_text(encoding="utf-8"))
    return str(m["shard"]), [str(d["department"]["slug"]) for d in m["departments"]]


def refresh(site: Path, shard_dir: Path) -> dict[str, Any]:
    """Write the search routing files of ``site`` from its bundles and the shards' manifests (see above)."""
    bundle = site / BUNDLE_DIR
    bundles = json.loads((bundle / SHARDS_FILE).read_text(encoding="utf-8"))["bundles"]
    manifests = sorted(_shard_departments(folder) for folder in shard_dir.iterdir()
                       if (folder / "jixiao-shard.json").is_file())
    prefixes = [f"shards/{shard_id(name)}/" for name, _ in manifests]
    groups: list[list[int]] = [[] for _ in manifests]
    for i, b in enumerate(bundles):  # the first shard's bundles are the ones under no other shard's
        groups[next((n for n, p in enumerate(prefixes) if n > 0 and b.startswith(p)), 0)].append(i)
    shard_of = {slug: n for n, (_, slugs) in enumerate(manifests) for slug in slugs}
    years = [_bundle_years(bundle / b) for b in bundles]
    _replace(bundle / SHARDS_FILE, searchroutes.listing(bundles, years, groups))
    rows = json.loads((site / explorer_data.DEPARTMENTS).read_text(encoding="utf-8"))["departments"]
    _replace(bundle / searchroutes.DEPARTMENT_SHARDS, searchroutes.department_shards(rows, shard_of))
    names = site / explorer_data.NAMES
    if not names.is_file():
        _replace(names, json.dumps({"names": [name for name, _ in rows]}, ensure_ascii=False,
                                   separators=(",", ":")) + "\n")
    return {"bundles": len(bundles), "years": years, "shards": [name for name, _ in manifests], "groups": groups,
            "department_shards_kb": round((bundle / searchroutes.DEPARTMENT_SHARDS).stat().st_size / 1024, 1),
            "department_names_kb": round(names.stat().st_size / 1024, 1)}


def measure(site: Path, queries: tuple[str, ...], runs: int) -> list[dict[str, Any]]:
    """Each query ``runs`` times cold, until the box's count; the run with the faster first result is kept."""
    from benchmarks.browser import first_result

    rows = []
    for query in queries:
        load = _load()
        measured = sorted((first_result(site, "", query, until_final=True) for _ in range(runs)),
                          key=lambda m: m.seconds)
        m = measured[0]
        names = sum(size for path, size in m.files if path.split("?")[0].endswith(explorer_data.NAMES))
        rows.append({"query": query, "seconds": round(m.seconds, 3),
                     # the department names the box reads to see whether a query names one: served outside
                     # pagefind/ (benchmarks.browser does not count it as search), but read for the search
                     "search_with_names_kb": round((m.search_bytes + names) / 1024, 1),
                     "other_seconds": [round(o.seconds, 3) for o in measured[1:]],
                     "search_kb": round(m.search_bytes / 1024, 1), "total_kb": round(m.bytes_before_result / 1024, 1),
                     "final_seconds": round(m.final_seconds, 3), "final_kb": round(m.bytes_before_final / 1024, 1),
                     "requests": m.requests, "results": m.results, "by_kind": breakdown(m.files),
                     "by_bundle": by_bundle(m.files), "load_before": load, "load_after": _load()})
        print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the header search of an assembled site.")
    parser.add_argument("site", type=Path, help="the assembled site (a hard-linked copy: files are replaced)")
    parser.add_argument("shards", type=Path, help="the shard folders it was assembled from (their manifests)")
    parser.add_argument("--search-js", type=Path, default=SEARCH_JS, help="the search box to measure")
    parser.add_argument("--label", default="after")
    parser.add_argument("--query", action="append", default=None, help="a query (repeatable); default: the table's")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--no-refresh", action="store_true", help="the routing files are written already")
    args = parser.parse_args(argv)
    out: dict[str, Any] = {"label": args.label, "search_js": str(args.search_js), "load_before": _load(),
                           "refresh": None if args.no_refresh else refresh(args.site, args.shards)}
    target_js = args.site / "assets" / "search" / "search.js"
    target_js.unlink()
    shutil.copyfile(args.search_js, target_js)
    out["search"] = measure(args.site, tuple(args.query or QUERIES), args.runs)
    out["load_after"] = _load()
    target = ROOT / "benchmarks" / "out" / f"shards-search-{args.label}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(out, ensure_ascii=False, indent=1))
    print(f"-> {target}", file=sys.stderr)
    os._exit(0)  # selenium's service threads


if __name__ == "__main__":
    sys.exit(main())
