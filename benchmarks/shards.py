"""The province simulation: a generated corpus with regions, built as shards a few at a time, then assembled.

Owns the measurement of issue 18: per-shard wall time, CPU time and peak memory (``jixiao build
--shard``, Pagefind included, each in its own process measured by ``benchmarks.proc.child``), the
``jixiao shards`` survey, the cold whole-content check that fills the check cache (the year rankings of a
region shard come from it), the assembly, and the search in headless Chromium on the assembled site
(first-result time and bytes, ``benchmarks.browser``) against a single Pagefind index of the same pages
(``--single``: Pagefind run once over the assembled site's HTML, which is byte-identical to a whole
build's). The queries are two common words and the name of a department of the last shard (its
index is the last one the search box merges); each search's bytes are broken down by kind of
request (:func:`breakdown`: engine, entry, metadata, filters, index chunks, fragments). It ends with a
projection of the wall time on a matrix of ``--runners`` CI runners.

    PYTHONPATH=src python -m benchmarks.shards --reports 2000 --regions 4 --parallel 2 --single
    PYTHONPATH=src python -m benchmarks.shards --reports 20000 --years 4 --regions 8 --part-pages 800

``--only NAME`` builds that one shard (after the survey and the cold check) and stops: a quick look at
one shard's memory before the whole run. ``--reuse`` keeps shard outputs already built in ``--work``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from benchmarks.build_bench import config
from benchmarks.corpus import generate
from benchmarks.proc import ROOT, child

QUERIES = ("满意度", "困难职工")
#: What a search request is, by its path (first match): the bytes of a first search, by kind.
KINDS = (
    ("entry", "pagefind-entry.json"), ("meta", ".pf_meta"), ("filters", ".pf_filter"),
    ("index", ".pf_index"), ("fragments", ".pf_fragment"), ("list", "shards.json"),
    ("engine", "/pagefind/"), ("engine", "/assets/search/"),
)


def _jixiao(*args: str) -> list[str]:
    return ["nice", "-n", "10", sys.executable, "-m", "jixiao", *args]


def _load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def _single_index(site: Path, work: Path) -> Path:
    """A copy of the assembled site (hard links) whose search is one Pagefind index over every page."""
    from jixiao.sitegen.search import BUNDLE_DIR, SHARDS_FILE, index

    single = work / "single"
    if single.exists():
        shutil.rmtree(single)
    shutil.copytree(site, single, copy_function=os.link, ignore=shutil.ignore_patterns(BUNDLE_DIR))
    index(single)
    assert (single / BUNDLE_DIR / SHARDS_FILE).is_file()
    return single


def _kind(path: str) -> str | None:
    return next((k for k, marker in KINDS if marker in path), None)


def breakdown(files: tuple[tuple[str, int], ...]) -> dict[str, dict[str, float]]:
    """The search requests of one measurement by kind (:data:`KINDS`): count and KB of each."""
    out: dict[str, dict[str, float]] = {}
    for path, size in files:
        kind = _kind(path)
        if kind is None:
            continue
        row = out.setdefault(kind, {"requests": 0, "kb": 0.0})
        row["requests"] += 1
        row["kb"] = round(row["kb"] + size / 1024, 1)
    return out


def by_bundle(files: tuple[tuple[str, int], ...]) -> dict[str, dict[str, float]]:
    """The Pagefind requests of one measurement by bundle (``pagefind/``, ``pagefind/shards/<id>/parts/2/``, …)
    and kind: KB of each."""
    out: dict[str, dict[str, float]] = {}
    for path, size in files:
        kind, at = _kind(path), path.find("/pagefind/")
        if kind is None or at < 0:
            continue
        rest = path[at + len("/pagefind/"):].split("?")[0]
        parts = rest.split("/")
        bundle = []
        while len(parts) > 1 and parts[0] in ("shards", "parts"):
            bundle += parts[:2]
            parts = parts[2:]
        row = out.setdefault("/".join(bundle) or ".", {})
        row[kind] = round(row.get(kind, 0.0) + size / 1024, 1)
    return out


def _search(site: Path, label: str, queries: tuple[str, ...], runs: int = 2) -> list[dict[str, Any]]:
    """Each query, ``runs`` times cold; the faster run is kept (the other's time too)."""
    from benchmarks.browser import first_result

    rows = []
    for query in queries:
        measured = sorted((first_result(site, "", query) for _ in range(runs)), key=lambda m: m.seconds)
        m = measured[0]
        rows.append({"index": label, "query": query, "seconds": round(m.seconds, 3),
                     "other_seconds": [round(o.seconds, 3) for o in measured[1:]],
                     "search_kb": round(m.search_bytes / 1024, 1), "total_kb": round(m.bytes_before_result / 1024, 1),
                     "requests": m.requests, "results": m.results, "by_kind": breakdown(m.files),
                     "by_bundle": by_bundle(m.files), "load": _load()})
    return rows


def _last_department(shard_dir: Path, names: list[str]) -> str:
    """The name of the first department (by slug) of the last shard: its index is merged last."""
    manifest = json.loads((shard_dir / names[-1] / "jixiao-shard.json").read_text(encoding="utf-8"))
    depts = sorted(manifest["departments"], key=lambda d: d["department"]["slug"])
    return str(depts[0]["department"]["name"])


def _building(shard_dir: Path, name: str) -> bool:
    """Whether another process is building shard ``name`` now (``jixiao build``'s lock names a live process)."""
    try:
        pid = int((shard_dir / f".jixiao-lock-{name}").read_text(encoding="utf-8").split()[0])
        os.kill(pid, 0)
    except (OSError, ValueError, IndexError):
        return False
    return True


def _dir_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1_000_000, 1)


def run(reports: int, regions: int, parallel: int, work: Path, single: bool, runners: int, *, years: int = 3,
        part_pages: int = 0, only: str | None = None, reuse: bool = False) -> dict[str, Any]:
    work.mkdir(parents=True, exist_ok=True)
    content = work / "content"
    out: dict[str, Any] = {"reports": reports, "regions": regions, "years": years, "parallel": parallel,
                           "part_pages": part_pages, "load_before": _load()}
    if not content.exists():
        t0, before = time.perf_counter(), time.process_time()
        generate(content, reports, seed=1, years=years, regions=regions)
        out["generate"] = {"seconds": round(time.perf_counter() - t0, 1),
                           "cpu_seconds": round(time.process_time() - before, 1)}
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    conf = config(part_pages, work)
    names = subprocess.run(_jixiao("shards", "--content", str(content)), capture_output=True, text=True, check=True,
                           cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "src")}).stdout.split()
    out["shards_cmd"] = child(_jixiao("shards", "--content", str(content)), logs / "shards.log")
    cache = content.parent / ".jixiao-cache"
    if not reuse or not cache.exists():
        shutil.rmtree(cache, ignore_errors=True)
        out["check_cold"] = child(_jixiao("check", str(content)), logs / "check.log", ok=(0, 1))
    shard_dir = work / "shards"

    def one(name: str) -> dict[str, Any]:
        folder = shard_dir / name
        while reuse and _building(shard_dir, name) and not (folder / "jixiao-shard.json").is_file():
            time.sleep(10)  # an earlier run (--only) is building it: wait, then keep its output
        if reuse and (folder / "jixiao-shard.json").is_file():
            figures: dict[str, Any] = {"reused": True}
        else:
            started_at = _load()
            figures = {**child(_jixiao("build", "--shard", name, "--content", str(content), "--site-dir",
                                       str(folder), "--config", str(conf)), logs / f"shard-{name}.log"),
                       "load_before": started_at}
        manifest = json.loads((folder / "jixiao-shard.json").read_text(encoding="utf-8"))
        return {"shard": name, "reports": len(manifest["reports"]), **figures, "load_after": _load(),
                "output_mb": _dir_mb(folder), "index_mb": _dir_mb(folder / "pagefind")}

    if only is not None:
        out["shards"] = [one(only)]
        out["load_after"] = _load()
        return out
    started = time.perf_counter()
    order = sorted(names, key=lambda n: not _building(shard_dir, n))  # those being built take their slot first
    with ThreadPoolExecutor(parallel) as pool:
        done = dict(zip(order, pool.map(one, order), strict=True))
    out["shards"] = [done[n] for n in names]
    out["all_shards_wall"] = round(time.perf_counter() - started, 1)
    site = work / "site"
    out["load_before_assemble"] = _load()
    out["assemble"] = child(_jixiao("assemble", *(str(shard_dir / n) for n in names), "--content", str(content),
                                    "--site-dir", str(site), "--config", str(conf)), logs / "assemble.log")
    out["load_after_assemble"] = _load()
    out["site_mb"] = _dir_mb(site)
    out["index_mb"] = _dir_mb(site / "pagefind")
    out["bundles"] = len(json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))["bundles"])
    departments = site / "explorer" / "rows" / "departments.json"
    out["explorer_departments_kb"] = round(departments.stat().st_size / 1024, 1) if departments.is_file() else None
    queries = (*QUERIES, _last_department(shard_dir, names))
    out["search"] = _search(site, f"{len(names)} 个部分的索引合并", queries)
    if single:
        t0 = time.perf_counter()
        one_index = _single_index(site, work)
        out["single_index_seconds"] = round(time.perf_counter() - t0, 1)
        out["search"] += _search(one_index, "单一索引", queries)
    slowest = max(s.get("seconds", 0.0) for s in out["shards"])
    waves = -(-len(names) // runners)
    out["projection"] = {
        "runners": runners, "waves": waves,
        "matrix_seconds": round(out["shards_cmd"]["seconds"] + waves * slowest + out["assemble"]["seconds"], 1),
        "note": "shards job + slowest shard per wave + assemble; artifact upload/download not included",
    }
    out["load_after"] = _load()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build a generated province as shards and assemble it.")
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--regions", type=int, default=4)
    parser.add_argument("--parallel", type=int, default=2, help="shards built at the same time")
    parser.add_argument("--work", type=Path, default=Path("/tmp/jixiao-shards-bench"))
    parser.add_argument("--single", action="store_true", help="also search one Pagefind index of the same pages")
    parser.add_argument("--runners", type=int, default=20, help="CI runners for the projection")
    parser.add_argument("--years", type=int, default=3, help="reports per department in the generated corpus")
    parser.add_argument("--part-pages", type=int, default=0,
                        help="the shards' search index in parts of this many report pages (search_part_pages)")
    parser.add_argument("--only", default=None, metavar="NAME", help="build this one shard and stop")
    parser.add_argument("--reuse", action="store_true", help="keep shard outputs (and the check cache) in --work")
    args = parser.parse_args(argv)
    result = run(args.reports, args.regions, args.parallel, args.work, args.single, args.runners, years=args.years,
                 part_pages=args.part_pages, only=args.only, reuse=args.reuse)
    label = f"{args.reports}" + (f"-{args.only}" if args.only else "")
    target = ROOT / "benchmarks" / "out" / f"shards-{label}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    print(f"-> {target}", file=sys.stderr)
    os._exit(0)  # selenium's service threads


if __name__ == "__main__":
    sys.exit(main())
