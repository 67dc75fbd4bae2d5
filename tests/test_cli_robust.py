"""Never a traceback: ``jixiao check`` on every bad input, on a usage error, and on a forced internal error.

The bulk runs the real click commands in-process (click's ``CliRunner``): every case of
tests/fixtures/bad/ exits 1 under ``--strict`` (some cases are warnings) with the case's codes in the
JSON output, no exception escapes the command, and neither ``Traceback`` nor a raw ESC is printed.
Two smoke tests start a real interpreter (``python -m jixiao``), because only there do the entry point,
the exit code and the streams meet as an editor sees them: a clean run exits 0, and an unexpected
exception inside jixiao exits 2 with one line that says it is a bug and names the log, which holds the
traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from jixiao.cli import cli
from tests.conftest import ROOT
from tests.corpus import Case, build_case, cases

CASES = cases()


def _invoke(where: Path, args: list[str], monkeypatch: pytest.MonkeyPatch) -> Result:
    """Run ``jixiao ARGS`` in-process with ``where`` as the working directory, as an editor would."""
    monkeypatch.chdir(where)
    return CliRunner().invoke(cli, args, catch_exceptions=True)


def _escaped(result: Result) -> BaseException | None:
    """The exception that left the command (it would be an "internal error" for the editor), if any."""
    return None if result.exception is None or isinstance(result.exception, SystemExit) else result.exception


def test_the_corpus_is_large() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cli_on_a_bad_input_exits_1_with_its_codes_and_no_traceback(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``jixiao check content --strict --format json``: exit 1, the case's codes, nothing raw on screen."""
    build_case(case, tmp_path)
    result = _invoke(tmp_path, ["check", "content", "--strict", "--format", "json"], monkeypatch)
    output = result.stdout + result.stderr
    assert _escaped(result) is None, f"{case.name}: {result.exception!r}"
    assert "Traceback" not in output, output[-2000:]
    assert "\x1b" not in output, f"{case.name}: a raw ESC reached the terminal"
    assert result.exit_code == 1, output[-2000:]
    codes = {item["code"] for item in json.loads(result.stdout)["findings"]}
    assert {e.code for e in case.expect} <= codes, sorted(codes)


def test_usage_error_exits_2_without_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unknown option is a usage error: exit 2, click's message, no traceback."""
    result = _invoke(tmp_path, ["check", "--no-such-option"], monkeypatch)
    assert _escaped(result) is None
    assert result.exit_code == 2
    assert "--no-such-option" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_control_characters_from_content_never_reach_the_terminal(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An ESC written in YAML ("\\e]0;...\\a", "\\e[2J") is printed as \\x1b, in text and github formats."""
    (case,) = [c for c in CASES if c.name == "s-terminal-escape"]
    build_case(case, tmp_path)
    result = _invoke(tmp_path, ["check", "content", "--format", fmt], monkeypatch)
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout
    assert "\\x1b]0;" in result.stdout


# --- smoke tests in a real interpreter -----------------------------------------------------------


def _env(tmp: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "TMPDIR": str(tmp), "PYTHONWARNINGS": "error"}


def test_smoke_a_clean_run_exits_0(tmp_path: Path) -> None:
    """``python -m jixiao check`` on the example project: its summary on stdout, nothing on stderr, exit 0."""
    proc = subprocess.run(
        [sys.executable, "-m", "jixiao", "check", str(ROOT / "content")], cwd=tmp_path, env=_env(tmp_path),
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert (proc.returncode, proc.stderr) == (0, "")
    assert "复核总分 93.98（优秀）" in proc.stdout and "共 0 个错误" in proc.stdout


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


def test_smoke_internal_error_exits_2_with_one_line_naming_the_log(tmp_path: Path) -> None:
    """A bug (here: the check replaced by one that raises) is one line on stderr, exit 2, log kept."""
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
