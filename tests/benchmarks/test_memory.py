"""The process-tree sampler: a forked child's copy-on-write pages count once in the PSS sum, twice in the RSS sum."""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.memory import run_sampled

# The parent fills 200 MB, then forks a child that only sleeps: both processes show the pages as resident.
_FORKED = """
import os, time
block = bytearray(200 * 1024 * 1024)
for i in range(0, len(block), 4096):
    block[i] = 1
pid = os.fork()
time.sleep(1.5)
if pid:
    os.waitpid(pid, 0)
"""


def test_shared_pages_of_a_forked_child_count_once_in_the_pss_sum(tmp_path: Path) -> None:
    figures = run_sampled([sys.executable, "-c", _FORKED], tmp_path / "log", interval=0.1)
    assert figures["peak_tree_mb"] > 380  # 200 MB counted in the parent and again in the child
    assert 190 < figures["peak_tree_pss_mb"] < 290  # counted once (plus the interpreters)
