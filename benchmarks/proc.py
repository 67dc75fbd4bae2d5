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


def child(cmd: list[str], log: Path, ok: tuple[int, ...] = (0,)) -> dict[str, float]:
    """Run ``cmd`` to completion; its wall time, CPU time (user + system) and peak RSS in MB.

    The figures cover the child and every process it waited for (e.g. the pagefind binary).
    """
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
           "SOURCE_DATE_EPOCH": "1700000000"}
    start = time.perf_counter()
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if proc.returncode not in ok:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}); see {log}")
    return {"seconds": round(seconds, 3), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "exit": proc.returncode}
