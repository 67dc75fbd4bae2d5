"""Run a command as a child process and measure it: wall time, CPU time and peak RSS from ``os.wait4``.

Owns the one measuring primitive every benchmark stage that leaves Python uses, so figures of the
jixiao stages, the plain mkdocs-material build and the search indexer are taken the same way.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


TIME = Path("/usr/bin/time")


def child(cmd: list[str], log: Path, ok: tuple[int, ...] = (0,)) -> dict[str, float]:
    """Run ``cmd`` to completion; its wall time, CPU time (user + system) and peak RSS in MB.

    The figures cover the child and every process it waited for (e.g. the pagefind binary). Linux
    counts a forked child's memory from before its ``exec`` in its peak, so a child forked from a
    big process (the jixiao stages) would report that process's size: when GNU time is installed
    it is the one forked here, and it reports the command it forks itself.
    """
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
           "SOURCE_DATE_EPOCH": "1700000000"}
    timefile = log.with_suffix(".time")
    if TIME.is_file():
        cmd = [str(TIME), "-f", "%e %U %S %M", "-o", str(timefile), *cmd]
    start = time.perf_counter()
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if proc.returncode not in ok:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}); see {log}")
    cpu, peak_kb = usage.ru_utime + usage.ru_stime, usage.ru_maxrss
    if TIME.is_file():
        fields = timefile.read_text(encoding="utf-8").split()[-4:]
        cpu, peak_kb = float(fields[1]) + float(fields[2]), int(fields[3])
    return {"seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3),
            "peak_rss_mb": round(peak_kb / 1024, 1), "exit": proc.returncode}
