"""``jixiao check`` remembers: the second run prints exactly what the first printed, from the cache.

Real ``python -m jixiao check`` runs on a copy of the example project: the cache appears beside the
content folder (``.jixiao-cache``, ignoring itself for git), text and JSON output and the exit code are
the same warm and cold, an edit shows up at once, and ``--no-cache`` neither reads nor writes it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import CONTENT, ROOT


def _check(project: Path, *args: str) -> tuple[int, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run([sys.executable, "-m", "jixiao", "check", *args, "content"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=300, check=False)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout


def test_warm_output_equals_cold(tmp_path: Path) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    uncached = {fmt: _check(tmp_path, "--no-cache", "--format", fmt) for fmt in ("text", "json", "github")}
    assert not (tmp_path / ".jixiao-cache").exists()
    for _ in range(2):  # cold, then warm
        for fmt, expected in uncached.items():
            assert _check(tmp_path, "--format", fmt) == expected, fmt
    assert (tmp_path / ".jixiao-cache" / ".gitignore").is_file()
    report = tmp_path / "content" / "datong-zonggonghui" / "2021.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("total: 93.98", "total: 93.97", 1), encoding="utf-8")
    code, text = _check(tmp_path)
    assert (code, text) == _check(tmp_path, "--no-cache") and "报告所列 93.97" in text
