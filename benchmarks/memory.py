"""Peak memory of a whole process tree, sampled: what a build costs the machine, indexer included.

Owns the tree sampler. ``os.wait4`` and GNU time report the peak of the *largest single* process that
was waited for, not of processes alive at the same time: a ``jixiao build`` whose Python process still
holds 1 GB while the Pagefind binary it started uses 2 GB needs 3 GB, and neither figure says so.
:func:`run_sampled` runs a command and, every ``interval`` seconds, adds up the resident memory
(``VmRSS`` in ``/proc``) of the command and all its descendants; it returns the peak of that sum, the
peak of each program by name, wall and CPU time. It also adds up ``Pss`` (``/proc/<pid>/smaps_rollup``):
resident pages shared by several processes (a forked worker's copy-on-write pages, shared libraries) counted
once, split among them. ``VmRSS`` counts them in every process, so the RSS sum overstates a tree with forked
workers (the parallel load forks the build's Python process); the PSS sum is what the tree takes from the machine.

    python -m benchmarks.memory -- jixiao build --content DIR --site-dir DIR
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

PROC = Path("/proc")


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _rss_kb(pid: int) -> tuple[str, int]:
    name, rss = "?", 0
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("Name:"):
                name = line.split(None, 1)[1] if len(line.split(None, 1)) > 1 else "?"
            elif line.startswith("VmRSS:"):
                rss = int(line.split()[1])
    except OSError:
        pass
    return name, rss


def _pss_kb(pid: int) -> int:
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_pss(root: int) -> int:
    """The proportional set size (KB) of ``root`` and all its descendants: shared pages counted once."""
    kids = _children()
    todo, total = [root], 0
    while todo:
        pid = todo.pop()
        total += _pss_kb(pid)
        todo.extend(kids.get(pid, ()))
    return total


def tree_rss(root: int) -> tuple[int, dict[str, int]]:
    """The resident KB of ``root`` and all its descendants, in total and by program name (the kernel keeps 15 characters)."""
    kids = _children()
    todo, total, by_name = [root], 0, dict[str, int]()
    while todo:
        pid = todo.pop()
        name, rss = _rss_kb(pid)
        total += rss
        by_name[name] = by_name.get(name, 0) + rss
        todo.extend(kids.get(pid, ()))
    return total, by_name


def run_sampled(cmd: list[str], log: Path, interval: float = 0.25, env: dict[str, str] | None = None,
                cwd: Path | None = None, ok: tuple[int, ...] = (0,)) -> dict[str, Any]:
    """Run ``cmd``; wall and CPU seconds, peak MB of the whole tree (RSS sum and PSS sum) and of each program
    by name."""
    start, before = time.perf_counter(), os.times()
    peak, peak_pss, peaks = 0, 0, dict[str, int]()
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        while proc.poll() is None:
            total, by_name = tree_rss(proc.pid)
            peak = max(peak, total)
            peak_pss = max(peak_pss, tree_pss(proc.pid))
            for name, kb in by_name.items():
                peaks[name] = max(peaks.get(name, 0), kb)
            time.sleep(interval)
    seconds, after = time.perf_counter() - start, os.times()
    cpu = after.children_user + after.children_system - before.children_user - before.children_system
    if proc.returncode not in ok:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}); see {log}")
    return {"seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3),
            "peak_tree_mb": round(peak / 1024, 1), "peak_tree_pss_mb": round(peak_pss / 1024, 1),
            "peak_by_program_mb": {k: round(v / 1024, 1) for k, v in sorted(peaks.items())},
            "exit": proc.returncode}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--log", type=Path, default=Path("memory.log"))
    parser.add_argument("cmd", nargs="+")
    args = parser.parse_args(argv)
    print(json.dumps(run_sampled(args.cmd, args.log), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
