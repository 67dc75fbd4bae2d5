"""Never a traceback: ``python -m jixiao check`` on every bad input, and on a forced internal error.

Every case of tests/fixtures/bad/ is run through the real CLI in a fresh interpreter (several at a
time): exit code 1 (``--strict``, since some cases are warnings), the case's codes in the JSON output,
and no ``Traceback`` anywhere in stdout or stderr. An unexpected exception inside jixiao exits 2 with
one line that says it is a bug and names the log, which holds the traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.conftest import ROOT
from tests.corpus import Case, build_case, cases


def _env(tmp: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "TMPDIR": str(tmp), "PYTHONWARNINGS": "error"}


def _run_case(case: Case, tmp: Path) -> str | None:
    """Run the CLI on one case; the reason it fails the contract, or None."""
    where = tmp / case.name
    build_case(case, where)
    proc = subprocess.run(
        [sys.executable, "-m", "jixiao", "check", "content", "--strict", "--format", "json"],
        cwd=where, env=_env(where), capture_output=True, text=True, timeout=120, check=False,
    )
    output = proc.stdout + proc.stderr
    if "Traceback" in output:
        return f"{case.name}: traceback\n{output[-2000:]}"
    if "\x1b" in output:
        return f"{case.name}: a raw ESC reached the terminal"
    if proc.returncode != 1:
        return f"{case.name}: exit {proc.returncode}\n{output[-2000:]}"
    codes = {item["code"] for item in json.loads(proc.stdout)["findings"]}
    if not {e.code for e in case.expect} <= codes:
        return f"{case.name}: codes {sorted(codes)}"
    return None


def test_cli_on_every_bad_input_exits_1_with_codes_and_no_traceback(tmp_path: Path) -> None:
    """All cases, each in its own interpreter; every failure is listed, not just the first."""
    all_cases = cases()
    with ThreadPoolExecutor(max_workers=4) as pool:
        failures = [r for r in pool.map(lambda c: _run_case(c, tmp_path), all_cases) if r]
    assert failures == []
    assert len(all_cases) >= 40


_CRASH = """
import sys
import jixiao.check

def broken(*args, **kwargs):
    raise ZeroDivisionError("forced internal error for the test")

jixiao.check.check = broken
sys.argv = ["jixiao", "check", "content"]
from jixiao.cli import main
main()
"""


def test_internal_error_exits_2_with_one_line_naming_the_log(tmp_path: Path) -> None:
    """A bug (here: the pipeline replaced by one that raises) is one line on stderr, exit 2, log kept."""
    proc = subprocess.run(
        [sys.executable, "-c", _CRASH], cwd=tmp_path, env=_env(tmp_path),
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "内部错误" in lines[0]
    logs = list(tmp_path.glob("jixiao-error-*.log"))
    assert len(logs) == 1 and logs[0].as_posix() in lines[0]
    assert "ZeroDivisionError: forced internal error" in logs[0].read_text(encoding="utf-8")


def test_usage_error_exits_2_without_traceback(tmp_path: Path) -> None:
    """An unknown option is a usage error: exit 2, click's message, no traceback."""
    proc = subprocess.run(
        [sys.executable, "-m", "jixiao", "check", "--no-such-option"], cwd=tmp_path, env=_env(tmp_path),
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr


def test_control_characters_from_content_never_reach_the_terminal(tmp_path: Path) -> None:
    """An ESC written in YAML ("\\e]0;...\\a", "\\e[2J") is printed as \\x1b, in text and github formats."""
    (case,) = [c for c in cases() if c.name == "s-terminal-escape"]
    build_case(case, tmp_path)
    for fmt in ("text", "github"):
        proc = subprocess.run(
            [sys.executable, "-m", "jixiao", "check", "content", "--format", fmt], cwd=tmp_path, env=_env(tmp_path),
            capture_output=True, text=True, timeout=120, check=False,
        )
        assert proc.returncode == 1
        assert "\x1b" not in proc.stdout + proc.stderr and "\x07" not in proc.stdout
        assert "\\x1b]0;" in proc.stdout
