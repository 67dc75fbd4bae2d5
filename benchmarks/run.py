"""The benchmark command: for each N, generate a corpus and measure every stage, side by side.

Owns the benchmark procedure. For each size it generates N reports (``benchmarks.corpus``), then in
separate child processes, one after the other so they never compete for the two cores:

1. ``jixiao check`` as an editor runs it (interpreter start included): wall time, peak RSS;
2. jixiao's stages in one process (``benchmarks.stages``): load + check + score, render, the mkdocs
   build through the plugin, the search index; total wall time, peak RSS, site and index sizes;
3. plain mkdocs-material building the same rendered pages (same theme settings and short nav, no
   jixiao plugin), so jixiao's overhead is a ratio measured in the same run.

Peak RSS of each child comes from ``os.wait4`` (the child and the processes it waited for). Prints a
table and writes ``benchmarks/out/results-<sizes>-<time>.json``.

    python -m benchmarks.run --sizes 100,1000,5000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.corpus import generate
from benchmarks.proc import child

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"


def measure(n: int, seed: int, work: Path, plain: bool) -> dict[str, Any]:
    base = work / str(n)
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    content = base / "content"
    start = time.perf_counter()
    generated = generate(content, n, seed=seed)
    result: dict[str, Any] = {"reports": n, "departments": generated.departments,
                              "planted_errors": len(generated.planted),
                              "generate_seconds": round(time.perf_counter() - start, 3),
                              "content_bytes": sum(p.stat().st_size for p in content.rglob("*") if p.is_file())}
    py = sys.executable
    print(f"[N={n}] jixiao check …", file=sys.stderr, flush=True)
    result["check_cli"] = child([py, "-m", "jixiao", "check", str(content), "--format", "json"],
                                base / "check.log", ok=(0, 1))
    print(f"[N={n}] jixiao stages (check, render, build, index) …", file=sys.stderr, flush=True)
    stages_json = base / "stages.json"
    result["jixiao"] = child([py, "-m", "benchmarks.stages", "--content", str(content), "--work", str(base),
                              "--json", str(stages_json)], base / "stages.log")
    result["stages"] = json.loads(stages_json.read_text(encoding="utf-8"))
    config = result["stages"].get("plain_config")
    if plain and config:
        print(f"[N={n}] plain mkdocs-material build …", file=sys.stderr, flush=True)
        result["plain"] = child([py, "-m", "mkdocs", "build", "-q", "-f", config], base / "plain.log")
        site = Path(config).parent / "site"
        result["plain"]["site_bytes"] = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return result


def _s(stage: dict[str, Any] | None) -> str:
    """``wall (cpu)`` seconds of a stage or child process."""
    if not stage or "seconds" not in stage:
        return "—"
    return f"{stage['seconds']:.2f} ({stage['cpu_seconds']:.2f})"


COLUMNS = ("N", "check CLI s", "load+check+score s (reports/s)", "render s", "build s (mkdocs, incl. render)",
           "index s", "jixiao total s", "peak RSS MB jixiao / pagefind", "plain mkdocs-material s / MB",
           "own stages ÷ plain (CPU)", "check+build ÷ plain (CPU)", "site MB", "index MB")


def _cpu(stages: dict[str, Any], *names: str) -> float:
    return float(sum(stages.get(k, {}).get("cpu_seconds", 0) for k in names))


def row(r: dict[str, Any]) -> list[str]:
    """One size's figures; ratios by wall time, and by CPU time in brackets (robust to a busy machine)."""
    st = r["stages"]["stages"]
    check = st.get("check", {})
    plain = r.get("plain")
    built = "seconds" in st.get("build", {})

    def ratio(*names: str) -> str:
        if not (plain and built):
            return "—"
        wall = sum(st.get(k, {}).get("seconds", 0) for k in names) / plain["seconds"]
        return f"{wall:.2f} ({_cpu(st, *names) / plain['cpu_seconds']:.2f})"

    return [
        f"{r['reports']:,}", _s(r["check_cli"]),
        f"{_s(check)} ({r['reports'] / check['seconds']:.0f})" if check.get("seconds") else "—",
        _s(st.get("render")), _s(st.get("build")), _s(st.get("index")), f"{r['stages']['total_seconds']:.2f}",
        f"{r['stages']['peak_rss_mb']:.0f} / {r['stages']['children_peak_rss_mb']:.0f}",
        f"{_s(plain)} / {plain['peak_rss_mb']:.0f}" if plain else "—",
        ratio("check", "render"), ratio("check", "build"),
        f"{r['stages'].get('site_bytes', 0) / 1e6:.1f}", f"{r['stages'].get('index_bytes', 0) / 1e6:.2f}",
    ]


def table(results: list[dict[str, Any]]) -> str:
    """A Markdown table of the figures (seconds, MB, ratios)."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(row(r)) + " |" for r in results]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure jixiao at several corpus sizes.")
    parser.add_argument("--sizes", default="100,1000", help="comma-separated report counts, e.g. 100,1000,5000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=OUT / "work", help="where corpora and sites are built")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain mkdocs-material baseline")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    OUT.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()
    results = []
    for n in sizes:
        results.append(measure(n, args.seed, args.work, not args.no_plain))
        print(table(results[-1:]), file=sys.stderr, flush=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    meta = {"load_average_after": os.getloadavg(), "python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
            "load_average_before": load_before, "seed": args.seed, "time": stamp}
    path = OUT / f"results-{'-'.join(map(str, sizes))}-{stamp}.json"
    path.write_text(json.dumps({"meta": meta, "results": results}, ensure_ascii=False, indent=1), encoding="utf-8")
    print(table(results))
    notes = {note for r in results for note in r["stages"].get("notes", [])}
    skipped = {f"{k}: {v['skipped']}" for r in results for k, v in r["stages"]["stages"].items() if "skipped" in v}
    for line in sorted(notes | skipped):
        print(f"- {line}")
    print(f"results: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
