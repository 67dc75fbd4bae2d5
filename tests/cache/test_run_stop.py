"""A build stopped during its parallel cold check stops at once, workers included (``cache/run.py``).

A real ``python -m jixiao build --shard`` of a generated region-sharded corpus with an empty check cache
loads the whole site in worker processes (the province's rankings, ``sitegen.shardbuild``). It is sent
SIGTERM (as a CI runner or ``timeout`` does) while its workers are loading, and then, in another run,
SIGINT (Ctrl-C: the whole process group gets it). It must end within 15 s (leaving the ``with`` block of
the process pool waits for the chunks the workers are on: at 20,000 reports, many seconds each) with
the signal's exit code, no traceback, every worker gone, no temporary build directory, no site and no
lock file left.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from benchmarks.corpus import generate

from tests.conftest import ROOT
from tests.signals import as_from_a_terminal

REPORTS = 1500  # 500 department folders: the parallel check runs for several seconds


def _workers(pid: int) -> list[int]:
    """The forked Python processes under ``pid`` (the pool's workers), from ``/proc``."""
    me = Path(f"/proc/{pid}/cmdline").read_bytes()
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
            if int(stat[stat.rindex(")") + 2:].split()[1]) == pid and (entry / "cmdline").read_bytes() == me:
                found.append(int(entry.name))
        except (OSError, ValueError):
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return state[state.rindex(")") + 2] != "Z"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("stop") / "content"
    generate(content, REPORTS, seed=3, years=3, regions=2)
    return content


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_during_the_parallel_check_stops_the_build_and_its_workers(
        corpus: Path, tmp_path: Path, sig: signal.Signals) -> None:
    shutil.rmtree(corpus.parent / ".jixiao-cache", ignore_errors=True)  # a cold check: in worker processes
    names = subprocess.run([sys.executable, "-m", "jixiao", "shards", "--content", str(corpus)], check=True,
                           capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
                           cwd=tmp_path).stdout.split()
    site = tmp_path / "out" / "part"
    proc = subprocess.Popen([sys.executable, "-m", "jixiao", "build", "--shard", names[0], "--content", str(corpus),
                             "--site-dir", str(site), "--config", str(ROOT / "mkdocs.yml")], cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
                            preexec_fn=as_from_a_terminal)
    deadline = time.monotonic() + 600
    workers: list[int] = []
    while len(workers) < 2:
        assert proc.poll() is None, f"the build ended before its workers were seen:\n{proc.communicate()[0][-2000:]}"
        assert time.monotonic() < deadline, "no worker processes were started"
        time.sleep(0.05)
        workers = _workers(proc.pid)
    time.sleep(0.5)  # they are loading folders now
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)  # as Ctrl-C in a terminal: every process of the group
    else:
        proc.send_signal(sig)  # to the build alone, as ``kill`` or a CI runner's cancel
    sent = time.monotonic()
    try:
        output = proc.communicate(timeout=15)[0]
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"the build was still running 15 s after {sig.name}")
    while any(_alive(w) for w in workers) and time.monotonic() < sent + 15:
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers), "worker processes outlived the build"
    # SIGTERM: ``cli._terminated`` exits 128 + 15; Ctrl-C: click's abort, "已中止。", exit 1
    assert proc.returncode == (1 if sig == signal.SIGINT else 128 + sig), output[-2000:]
    assert "Traceback" not in output
    left = sorted(p.name for p in site.parent.iterdir()) if site.parent.exists() else []
    assert left == [], "a temporary build directory, the site or the lock file was left"
