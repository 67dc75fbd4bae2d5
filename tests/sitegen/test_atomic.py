"""Atomic output: a build that is killed or cannot write leaves the previous site/ byte-identical.

Both run the real ``python -m jixiao build`` in a fresh interpreter: one is sent SIGTERM as soon as
rendered pages appear in its temporary build directory; the other runs with a file-size limit
(RLIMIT_FSIZE), so that writing the new site fails with "File too large" as on a full disk. The
previous site/ is hashed file by file before and after. Neither leaves a half-built directory behind.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import CONTENT, ROOT
from tests.sitegen.conftest import config, tree_digest

COPIES = 25


def _project(where: Path) -> Path:
    """The example report under COPIES departments: enough pages that rendering takes a while."""
    content = where / "content"
    shutil.copytree(CONTENT, content)
    source = content / "datong-zonggonghui"
    for n in range(COPIES):
        dept = content / f"dept-{n:02d}"
        shutil.copytree(source, dept)
        (dept / "department.yaml").write_text(f"name: 测试部门{n:02d}\n", encoding="utf-8")
    return content


def _previous_site(where: Path) -> Path:
    site = where / "site"
    (site / "2021" / "old").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>上一次的网站</title>\n", encoding="utf-8")
    (site / "2021" / "old" / "index.html").write_text("旧报告\n", encoding="utf-8")
    (site / "data.bin").write_bytes(bytes(range(256)) * 64)
    return site


def _command(content: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "jixiao", "build", "--content", str(content), "--site-dir", str(site),
            "--config", str(config(search=False))]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def _leftovers(where: Path) -> list[str]:
    return sorted(p.name for p in where.iterdir() if p.name.startswith(".site"))


def test_sigterm_during_rendering_leaves_the_previous_site(tmp_path: Path) -> None:
    content = _project(tmp_path)
    site = _previous_site(tmp_path)
    before = tree_digest(site)
    proc = subprocess.Popen(_command(content, site), cwd=tmp_path, env=_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    rendering = False
    while proc.poll() is None:
        work = [p for p in tmp_path.glob(".site.building-*") if any(p.rglob("*.html"))]
        if work:
            rendering = True
            proc.send_signal(signal.SIGTERM)
            break
        time.sleep(0.005)
    output = proc.communicate(timeout=300)[0].decode("utf-8", "replace")
    assert rendering, f"the build ended before rendering was seen (exit {proc.returncode}):\n{output[-2000:]}"
    assert proc.returncode != 0
    assert "Traceback" not in output
    assert tree_digest(site) == before
    assert _leftovers(tmp_path) == []


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write beyond the limit fails with EFBIG instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (48 * 1024, 48 * 1024))


def test_failed_disk_write_leaves_the_previous_site(tmp_path: Path) -> None:
    content = _project(tmp_path)
    site = _previous_site(tmp_path)
    before = tree_digest(site)
    proc = subprocess.run(_command(content, site), cwd=tmp_path, env=_env(), capture_output=True, text=True,
                          timeout=600, check=False, preexec_fn=_limit_file_size)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output[-2000:]
    assert "写入网站文件失败" in output and "网站未更新" in output
    assert "Traceback" not in output
    assert tree_digest(site) == before
    assert _leftovers(tmp_path) == []
