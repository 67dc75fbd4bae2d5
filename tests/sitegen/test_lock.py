"""One build at a time per site directory (``sitegen/lock.py`` from ``jixiao build``), with real processes.

A holder process takes the site's lock the way ``jixiao build`` does; a real ``python -m jixiao build``
then waits for it (and says so, in Chinese) or, with ``--no-wait``, refuses and leaves site/ untouched.
The holder is killed with SIGKILL, never asked to let go: the kernel releases a ``flock`` when its
process dies, so no stale lock remains. Two real builds started together never have two temporary
build directories at once, and a build killed mid-way is cleaned up after by the next one. The lock file
is removed when its holder lets go, and removing it never lets two processes hold the lock at once:
processes taking it in a tight loop each create a marker file exclusively while they hold it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from jixiao.sitegen.lock import SiteBusy, lock_path, remove_stale_work, site_lock
from tests.conftest import CONTENT, ROOT
from tests.sitegen.conftest import CONFIG, tree_digest

#: Takes the lock of argv[1] argv[2] times; while holding it, creates argv[3] exclusively (fails if another
#: holder has it) and removes it again. Exit 0: never two holders at once.
CONTEND = """import os, sys
from pathlib import Path
from jixiao.sitegen.lock import site_lock
site, times, marker = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
for _ in range(times):
    with site_lock(site):
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        os.sched_yield()
        os.unlink(marker)
print("done", flush=True)
"""

HOLD = "import sys; from pathlib import Path; from jixiao.sitegen.lock import site_lock\n" \
       "with site_lock(Path(sys.argv[1])):\n    print('held', flush=True)\n    sys.stdin.read()\n"


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SOURCE_DATE_EPOCH": "1700000000"}


def _build(where: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "jixiao", "build", "--content", str(where / "content"),
            "--site-dir", str(where / "site"), "--config", str(CONFIG), *extra]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(CONTENT, tmp_path / "content")
    return tmp_path


@pytest.fixture
def holder(project: Path) -> Iterator[subprocess.Popen[str]]:
    """A process holding the lock of project/site until it is killed."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(project / "site")], env=_env(), text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline() == "held\n"
    yield proc
    proc.kill()
    proc.communicate(timeout=60)  # reaps it and closes its pipes


def _wait_for(predicate: object, proc: subprocess.Popen[str], what: str, limit: float = 300) -> None:
    deadline = time.monotonic() + limit
    while not predicate():  # type: ignore[operator]
        assert proc.poll() is None, f"the process ended before {what}"
        assert time.monotonic() < deadline, f"{what} never happened"
        time.sleep(0.02)


def _building(where: Path) -> list[Path]:
    return list(where.glob(".site.building-*"))


def test_a_second_build_waits_and_says_for_whom(project: Path, holder: subprocess.Popen[str]) -> None:
    build = subprocess.Popen(_build(project), cwd=project, env=_env(), text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert build.stderr is not None
    line = build.stderr.readline()
    assert f"另一个 jixiao build（进程 {holder.pid}）正在构建" in line and "等它完成后再开始" in line
    time.sleep(1)  # give a build that ignored the lock the chance to start writing
    assert build.poll() is None, "the second build did not wait"
    assert _building(project) == [] and not (project / "site").exists()
    holder.kill()  # SIGKILL: only the kernel can release the lock now
    out, err = build.communicate(timeout=600)
    assert build.returncode == 0, out + err
    assert (project / "site" / "index.html").is_file()
    assert "Traceback" not in out + err


def test_no_wait_refuses_and_leaves_the_site(project: Path, holder: subprocess.Popen[str]) -> None:
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("上一次的网站\n", encoding="utf-8")
    before = tree_digest(site)
    result = subprocess.run(_build(project, "--no-wait"), cwd=project, env=_env(), capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"另一个 jixiao build（进程 {holder.pid}）正在构建 site；本次未构建" in result.stderr
    assert tree_digest(site) == before and _building(project) == []


def test_a_killed_holder_leaves_no_stale_lock(project: Path, holder: subprocess.Popen[str]) -> None:
    holder.send_signal(signal.SIGKILL)
    holder.communicate(timeout=60)
    result = subprocess.run(_build(project, "--no-wait"), cwd=project, env=_env(), capture_output=True,
                            text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "另一个" not in result.stderr
    assert not lock_path(project / "site").exists(), "the build left its lock file beside the site"


def test_a_build_killed_mid_way_lets_the_waiting_one_finish(project: Path) -> None:
    first = subprocess.Popen(_build(project), cwd=project, env=_env(), text=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    lock = lock_path(project / "site")
    _wait_for(lambda: _building(project) and lock.read_text().strip() == str(first.pid), first,
              "the first build started writing")
    second = subprocess.Popen(_build(project), cwd=project, env=_env(), text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert second.stderr is not None
    assert f"（进程 {first.pid}）" in second.stderr.readline()
    stale = _building(project)
    first.kill()
    first.wait(timeout=60)
    out, err = second.communicate(timeout=600)
    assert second.returncode == 0, out + err
    assert (project / "site" / "index.html").is_file()
    assert not any(p.exists() for p in stale), "the killed build's directory was left behind"
    assert _building(project) == []


def test_two_builds_at_once_never_overlap(project: Path) -> None:
    builds = [subprocess.Popen(_build(project), cwd=project, env=_env(), text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    most = 0
    while any(b.poll() is None for b in builds):
        most = max(most, len(_building(project)))
        time.sleep(0.01)
    outputs = [b.communicate(timeout=60) for b in builds]
    assert [b.returncode for b in builds] == [0, 0], outputs
    assert most == 1, "two builds wrote temporary sites at the same time"
    assert sum("等它完成后再开始" in err for _, err in outputs) <= 1
    assert (project / "site" / "index.html").is_file() and _building(project) == []


def test_the_lock_in_one_process(tmp_path: Path) -> None:
    """Inside one process: the lock file sits beside the site, and a second holder is refused."""
    site = tmp_path / "out" / "site"
    (tmp_path / "out" / ".site.building-old").mkdir(parents=True)
    with site_lock(site):
        assert lock_path(site) == tmp_path / "out" / ".jixiao-lock-site"
        assert lock_path(site).read_text() == f"{os.getpid()}\n"
        with pytest.raises(SiteBusy) as busy, site_lock(site, wait=False):
            pass
        assert busy.value.holder == str(os.getpid())
        assert remove_stale_work(site) == [tmp_path / "out" / ".site.building-old"]
    assert not (tmp_path / "out" / ".site.building-old").exists()
    with site_lock(site, wait=False):  # released on leaving the block
        pass


def test_the_lock_file_goes_with_its_holder(tmp_path: Path) -> None:
    """Released normally or by an exception, no ``.jixiao-lock-*`` file stays; a stale one (a holder killed
    with ``kill -9`` leaves its file, unlocked) is taken over and removed."""
    site = tmp_path / "site"
    with site_lock(site):
        assert lock_path(site).is_file()
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(RuntimeError), site_lock(site):
        raise RuntimeError("a failed build")
    assert list(tmp_path.iterdir()) == []
    lock_path(site).write_text("4194304\n", encoding="ascii")  # left by a killed holder, not locked
    with site_lock(site, wait=False):
        assert lock_path(site).read_text() == f"{os.getpid()}\n"
    assert list(tmp_path.iterdir()) == []


def test_removing_the_lock_file_never_lets_two_holders_in(tmp_path: Path) -> None:
    """Processes taking and releasing the lock in a tight loop: each creates a marker file exclusively while
    it holds the lock, which fails if another process holds it too (as it would if a process blocked on the
    file its holder removed counted that as holding the lock)."""
    site, marker = tmp_path / "site", tmp_path / "held"
    procs = [subprocess.Popen([sys.executable, "-c", CONTEND, str(site), "300", str(marker)], env=_env(), text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [err[-1500:] for _, err in results]
    assert all(out == "done\n" for out, _ in results)
    assert list(tmp_path.iterdir()) == []
