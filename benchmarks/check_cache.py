"""The check that remembers, at city scale: ``jixiao check`` of N reports uncached, cold, warm, one edit.

Owns the cache benchmark. Generates N synthetic reports (``benchmarks.corpus``, default 10,000), then
runs the real ``jixiao check`` one after the other (never two at once), each a child process measured by
``benchmarks.proc.child`` (wall, CPU, peak RSS):

1. ``--no-cache --jobs 1``: the check as it was, one process, nothing remembered (the baseline);
2. cold: empty cache, folders loaded on every core, the cache written;
3. warm: nothing changed;
4. warm after one narrative edit: one department folder loaded again.

The output of 2-4 is compared with a fresh uncached run of the same content (they must be equal, or the
benchmark fails); ``--no-baseline`` skips the uncached runs (1 and its twin after the edit), comparing
warm with cold. Prints a Markdown table with the load average around each run; writes
``benchmarks/out/check-cache-<N>-<time>.json``.

    python -m benchmarks.check_cache --reports 10000
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


def _load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def _run(name: str, content: Path, base: Path, *args: str) -> tuple[dict[str, Any], bytes]:
    print(f"  {name} …", file=sys.stderr, flush=True)
    before = _load()
    log = base / f"{name}.log"
    figures: dict[str, Any] = child([sys.executable, "-m", "jixiao", "check", str(content), "--format", "json", *args],
                                    log, ok=(0, 1))
    figures.update(name=name, load_before=before, load_after=_load())
    return figures, log.read_bytes()


def measure(n: int, seed: int, work: Path, baseline: bool = True) -> dict[str, Any]:
    base = work / f"cache-{n}"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    content = base / "content"
    start = time.perf_counter()
    generated = generate(content, n, seed=seed)
    print(f"[N={n}] generated {generated.reports} reports in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    runs = []
    expected = None
    if baseline:
        figures, expected = _run("uncached-serial", content, base, "--no-cache", "--jobs", "1")
        runs.append(figures)
    for name in ("cold", "warm"):
        figures, output = _run(name, content, base)
        expected = output if expected is None else expected  # without the baseline: warm must equal cold
        assert output == expected, f"{name}: output differs from the uncached check"
        runs.append(figures)
    edited = sorted(content.glob("*/*.md"))[len(generated.planted) % 97]
    with edited.open("a", encoding="utf-8") as out:
        out.write("\n本年度还开展了一次专项检查。\n")
    figures, output = _run("warm-one-edit", content, base)
    if baseline:
        _, expected = _run("uncached-after-edit", content, base, "--no-cache")
        assert output == expected, "warm after an edit: output differs from the uncached check"
    runs.append(figures)
    cache_bytes = sum(p.stat().st_size for p in (base / ".jixiao-cache").rglob("*") if p.is_file())
    return {"reports": n, "departments": generated.departments, "edited": edited.relative_to(base).as_posix(),
            "cache_bytes": cache_bytes, "runs": runs}


def table(result: dict[str, Any]) -> str:
    lines = ["| N | run | wall s | CPU s | peak MB | load average before → after |", "|---|---|---|---|---|---|"]
    for r in result["runs"]:
        lines.append(f"| {result['reports']:,} | {r['name']} | {r['seconds']:.2f} | {r['cpu_seconds']:.2f} | "
                     f"{r['peak_rss_mb']:.0f} | {r['load_before']} → {r['load_after']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure jixiao check with and without its cache.")
    parser.add_argument("--reports", type=int, default=10_000, help="number of reports (default 10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=OUT / "work", help="where the corpus and its cache go")
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip the two uncached runs (warm output is then compared with the cold run's)")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    result = measure(args.reports, args.seed, args.work, baseline=not args.no_baseline)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    meta = {"python": platform.python_version(), "cpus": os.cpu_count(), "seed": args.seed, "time": stamp}
    path = OUT / f"check-cache-{args.reports}-{stamp}.json"
    path.write_text(json.dumps({"meta": meta, "result": result}, ensure_ascii=False, indent=1), encoding="utf-8")
    print(table(result))
    print(f"cache: {result['cache_bytes'] / 1e6:.1f} MB; edited {result['edited']}; results: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
