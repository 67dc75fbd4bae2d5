"""docs/performance.md stays runnable: every benchmark command it shows exists and takes the flags it shows."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.conftest import ROOT

DOC = ROOT / "docs" / "performance.md"


def test_documented_benchmark_commands_accept_their_flags() -> None:
    """Each ``python -m benchmarks.X --flag`` in the doc answers ``--help`` and lists those flags."""
    commands = re.findall(r"python -m (benchmarks\.\w+)((?: --[\w-]+(?: [^\s-][^\s]*)?)*)", DOC.read_text(encoding="utf-8"))
    assert {module for module, _ in commands} >= {"benchmarks.run", "benchmarks.corpus", "benchmarks.serve"}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    for module, args in commands:
        result = subprocess.run([sys.executable, "-m", module, "--help"], cwd=ROOT, env=env,
                                capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        for flag in re.findall(r"--[\w-]+", args):
            assert flag in result.stdout, (module, flag)
