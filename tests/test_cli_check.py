"""``jixiao check`` prints, per report, the computed and printed total and grade, then its findings."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT


def _check(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "jixiao", "check", *args, "content"], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)


def test_text_output_has_the_result_line_then_the_findings() -> None:
    result = _check()
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("== content/datong-zonggonghui/2021.yaml"))
    assert "复核总分 93.98（优秀）" in lines[head] and "报告所列 93.98（优秀）" in lines[head]
    assert "datong-2021" in lines[head]
    assert any(line.startswith("content/datong-zonggonghui/2021.yaml:58:") and "[JX-C007]" in line
               for line in lines[head + 1:])
    assert lines[-1].startswith("共 ")


def test_strict_fails_on_the_funds_warnings() -> None:
    assert _check("--strict").returncode == 1


def test_json_output_lists_reports() -> None:
    data = json.loads(_check("--format", "json").stdout)
    report = next(r for r in data["reports"] if r["file"] == "content/datong-zonggonghui/2021.yaml")
    assert report == {"file": "content/datong-zonggonghui/2021.yaml", "department": "大同市总工会", "year": 2021,
                      "policy": "datong-2021", "policy_overrides": {}, "computed_total": "93.98", "computed_grade": "优秀",
                      "claimed_total": "93.98", "claimed_grade": "优秀"}
    codes = {(f["file"], f["line"], f["code"]) for f in data["findings"]}
    assert ("content/datong-zonggonghui/2021.yaml", 58, "JX-C007") in codes
