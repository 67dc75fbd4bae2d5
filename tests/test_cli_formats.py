"""``jixiao check --format github`` prints GitHub Actions annotations on the offending lines."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.conftest import FIXTURES, ROOT

ANNOTATION = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),title=(JX-[A-Z]\d{3})::(.+)$")


def test_github_format_annotates_a_broken_fixture() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    fixture = (FIXTURES / "broken-report").relative_to(ROOT).as_posix()
    result = subprocess.run([sys.executable, "-m", "jixiao", "check", "--format", "github", fixture],
                            cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    matches = [ANNOTATION.match(line) for line in lines]
    assert all(matches), lines
    found = {(m.group(1), m.group(2), int(m.group(3)), m.group(5)) for m in matches if m}
    report = f"{fixture}/zonggonghui/2021.yaml"
    assert ("error", report, 5, "JX-S001") in found
    assert ("error", report, 13, "JX-S004") in found
