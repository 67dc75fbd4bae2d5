"""Indicator lineage on the three-year department (tests/fixtures/lineage/minzheng): domain, page and CSV.

The expected history of each indicator is read here from the fixture's YAML with PyYAML: weight and
target changes against the previous year that lists the indicator, a missed target (printed score below
the weight — the fixture's printed scores equal the recomputed ones), and an indicator gone from the
report after the year it missed.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import yaml

from jixiao.check import check
from jixiao.domain.lineage import department_lineages
from jixiao.opendata.package import data_files
from jixiao.render.site import RenderSettings, site_files
from tests.conftest import FIXTURES, ROOT

PROJECT = FIXTURES / "lineage"
YEARS = (2021, 2022, 2023)


def _history() -> dict[tuple[str, str], list[tuple[int, Decimal, str, bool, bool, bool]]]:
    """(group, name) -> [(year, weight, target, weight changed, target changed, missed)], oldest first."""
    out: dict[tuple[str, str], list[tuple[int, Decimal, str, bool, bool, bool]]] = {}
    for year in YEARS:
        data = yaml.safe_load((PROJECT / "minzheng" / f"{year}.yaml").read_text(encoding="utf-8"))
        for table in data["tables"]:
            for group in table["groups"]:
                for row in group["indicators"]:
                    history = out.setdefault((group["name"], row["name"]), [])
                    weight, target = Decimal(str(row["weight"])), str(row["target"])
                    last = history[-1] if history else None
                    history.append((year, weight, target, last is not None and last[1] != weight,
                                    last is not None and last[2] != target,
                                    Decimal(str(row["score"])) < weight))
    return out


def test_lineages_follow_every_indicator_with_its_changes() -> None:
    lineages = {(lin.group, lin.name): lin for lin in department_lineages(check(PROJECT).scorecards)}
    expected = _history()
    assert set(lineages) == set(expected)
    for key, history in expected.items():
        points = [(p.year, p.weight, p.target, p.weight_changed, p.target_changed, p.missed) for p in lineages[key].points]
        assert points == history, key
    dropped = {key: h[-1][0] for key, h in expected.items() if h[-1][5] and h[-1][0] < YEARS[-1]}
    assert dropped == {("数量", "培训次数"): 2021}
    assert {key: lin.dropped_after_miss for key, lin in lineages.items() if lin.dropped_after_miss} == dropped


def test_department_page_has_one_table_per_indicator_with_changes_marked() -> None:
    checked = check(PROJECT)
    files = {f.path: f.content for f in site_files(checked, RenderSettings((ROOT / "templates",)))}
    text = str(files["departments/minzheng/index.md"])
    tables = re.findall(r'<table class="jx-table jx-table--compact jx-lineage-table">(.*?)</table>', text, re.S)
    assert len(tables) == len(_history())
    marks = sum(h[3] + h[4] for history in _history().values() for h in history)
    assert text.count('<mark class="jx-changed" title="与上一份报告不同">') == marks
    assert "2021 年未完成目标，次年不再列出" in text


def test_lineage_csv_has_a_row_per_indicator_and_year() -> None:
    checked = check(PROJECT)
    files = data_files(checked.reports, checked.corpus.site)
    rows = list(csv.DictReader(io.StringIO(files["data/lineage.csv"].decode("utf-8-sig"))))
    expected = _history()
    assert len(rows) == sum(len(h) for h in expected.values())
    for row in rows:
        history = {h[0]: h for h in expected[(row["二级指标"], row["三级指标"])]}
        _, weight, target, weight_changed, target_changed, missed = history[int(row["年度"])]
        assert (Decimal(row["权重"]), row["目标值"]) == (weight, target)
        assert (row["权重有变化"], row["目标值有变化"], row["未完成目标"]) == tuple(
            "是" if flag else "否" for flag in (weight_changed, target_changed, missed))
    assert [r["次年不再列出"] for r in rows if r["三级指标"] == "培训次数"] == ["是"]


def test_a_single_year_department_shows_no_lineage() -> None:
    checked = check(FIXTURES / "scoring")
    files = {f.path: f.content for f in site_files(checked, RenderSettings((ROOT / "templates",)))}
    assert "jx-lineage" not in str(files["departments/shiju/index.md"])
