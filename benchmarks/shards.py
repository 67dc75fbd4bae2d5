"""The province simulation: a generated corpus with regions, built as shards a few at a time, then assembled.

Owns the measurement of issue 18: per-shard wall time, CPU time and peak memory (``jixiao build
--shard``, Pagefind included, each in its own process measured by ``benchmarks.proc.child``), the
``jixiao shards`` survey, the cold whole-content check that fills the check cache (the year rankings of a
region shard come from it), the assembly, and the search in headless Chromium on the assembled site
(first-result time and bytes, ``benchmarks.browser``) against a single Pagefind index of the same pages
(``--single``: Pagefind run once over the assembled site's HTML, which is byte-identical to a whole
build's). It ends with a projection of the wall time on a matrix of ``--runners`` CI runners.

    PYTHONPATH=src python -m benchmarks.shards --reports 2000 --regions 4 --parallel 2 --single
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

from benchmarks.corpus import generate
from benchmarks.proc import ROOT, child

CONFIG = ROOT / "mkdocs.yml"
QUERIES = ("满意度", "困难职工")


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


def _search(site: Path, label: str) -> list[dict[str, Any]]:
    from benchmarks.browser import first_result

    rows = []
    for query in QUERIES:
        m = first_result(site, "", query)
        rows.append({"index": label, "query": query, "seconds": round(m.seconds, 3),
                     "search_kb": round(m.search_bytes / 1024, 1), "total_kb": round(m.bytes_before_result / 1024, 1),
                     "requests": m.requests, "results": m.results})
    return rows


def _dir_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1_000_000, 1)


def run(reports: int, regions: int, parallel: int, work: Path, single: bool, runners: int) -> dict[str, Any]:
    work.mkdir(parents=True, exist_ok=True)
    content = work / "content"
    if not content.exists():
        generate(content, reports, seed=1, years=3, regions=regions)
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    out: dict[str, Any] = {"reports": reports, "regions": regions, "parallel": parallel, "load_before": _load()}
    names = subprocess.run(_jixiao("shards", "--content", str(content)), capture_output=True, text=True, check=True,
                           cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "src")}).stdout.split()
    out["shards_cmd"] = child(_jixiao("shards", "--content", str(content)), logs / "shards.log")
    cache = content.parent / ".jixiao-cache"
    if cache.exists():
        shutil.rmtree(cache)
    out["check_cold"] = child(_jixiao("check", str(content)), logs / "check.log", ok=(0, 1))
    shard_dir = work / "shards"

    def one(name: str) -> dict[str, Any]:
        figures = child(_jixiao("build", "--shard", name, "--content", str(content), "--site-dir",
                                str(shard_dir / name), "--config", str(CONFIG)), logs / f"shard-{name}.log")
        manifest = json.loads((shard_dir / name / "jixiao-shard.json").read_text(encoding="utf-8"))
        return {"shard": name, "reports": len(manifest["reports"]), **figures, "load_after": _load()}

    started = time.perf_counter()
    with ThreadPoolExecutor(parallel) as pool:
        out["shards"] = list(pool.map(one, names))
    out["all_shards_wall"] = round(time.perf_counter() - started, 1)
    site = work / "site"
    out["assemble"] = child(_jixiao("assemble", *(str(shard_dir / n) for n in names), "--content", str(content),
                                    "--site-dir", str(site), "--config", str(CONFIG)), logs / "assemble.log")
    out["site_mb"] = _dir_mb(site)
    out["index_mb"] = _dir_mb(site / "pagefind")
    out["search"] = _search(site, f"{len(names)} 个索引合并")
    if single:
        t0 = time.perf_counter()
        one_index = _single_index(site, work)
        out["single_index_seconds"] = round(time.perf_counter() - t0, 1)
        out["search"] += _search(one_index, "单一索引")
    slowest = max(s["seconds"] for s in out["shards"])
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
    args = parser.parse_args(argv)
    result = run(args.reports, args.regions, args.parallel, args.work, args.single, args.runners)
    target = ROOT / "benchmarks" / "out" / f"shards-{args.reports}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    print(f"-> {target}", file=sys.stderr)
    os._exit(0)  # selenium's service threads


if __name__ == "__main__":
    sys.exit(main())
