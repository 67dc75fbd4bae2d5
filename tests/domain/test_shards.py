"""Shard names and membership (domain.shards), and the findings for names that cannot be used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jixiao.check import check
from jixiao.domain.model import Department, Loc, ShardRule
from jixiao.domain.shards import department_shard, name_problem, shard_id, shard_names_of
from jixiao.load.survey import survey
from tests.conftest import CONTENT


def _dept(slug: str, region: str = "") -> Department:
    return Department(loc=Loc(f"content/{slug}/department.yaml"), slug=slug, name=slug, region=region)


@pytest.mark.parametrize(("name", "ok"), [
    ("晋中市", True), ("province-level", True), ("2021", True), ("省本级", True),
    ("", False), ("晋中 市", False), ("a/b", False), ("a:b", False), ("*", False), ("-x", False), ("x" * 41, False),
])
def test_usable_names(name: str, ok: bool) -> None:
    """Names become CLI arguments, CI artifact names and folders: no separators, wildcards or spaces."""
    assert (name_problem(name) is None) is ok


def test_names_by_region_include_departments_without_reports() -> None:
    """By region: every department's region (the default part for none), even without reports."""
    rule = ShardRule("region", "省本级")
    depts = [(_dept("a", "晋中市"), (2021,)), (_dept("b"), ()), (_dept("c", "大同市"), (2022,))]
    assert shard_names_of(rule, depts) == ("大同市", "晋中市", "省本级")
    assert department_shard(depts[1][0], (), rule, ()) == "省本级"


def test_names_by_year_and_department_owner() -> None:
    """By year: every year with a report; a department belongs to its newest published year, else the first."""
    rule = ShardRule("year")
    depts = [(_dept("a"), (2021, 2022)), (_dept("b"), (2023,))]
    names = shard_names_of(rule, depts)
    assert names == ("2021", "2022", "2023")
    assert department_shard(depts[0][0], (2021, 2022), rule, names) == "2022"
    assert department_shard(depts[0][0], (), rule, names) == "2021"


def test_shard_ids_are_ascii_and_distinct() -> None:
    ids = {shard_id(n) for n in ("晋中市", "大同市", "2021", "province-level")}
    assert len(ids) == 4 and all(i.isascii() for i in ids)


def test_bad_region_and_default_are_findings(tmp_path: Path) -> None:
    """A region or default that cannot name a shard: JX-L015 at its place in the file."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    dept = content / "datong-zonggonghui" / "department.yaml"
    dept.write_text(dept.read_text(encoding="utf-8") + "region: 晋中 / 市\n", encoding="utf-8")
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "shards:\n  by: region\n  default: \"a:b\"\n", encoding="utf-8")
    found = {(f.loc.file, f.code) for f in check(content, "content").findings if f.code == "JX-L015"}
    assert found == {("content/datong-zonggonghui/department.yaml", "JX-L015"), ("content/site.yaml", "JX-L015")}


def test_unknown_rule_is_a_schema_finding(tmp_path: Path) -> None:
    """`by` other than year/region: JX-S006; the survey reports it too (jixiao shards stops)."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "shards:\n  by: county\n", encoding="utf-8")
    assert "JX-S006" in {f.code for f in check(content, "content").findings}
    assert "JX-S006" in {f.code for f in survey(content, "content").findings}
