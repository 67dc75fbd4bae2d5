"""Self-grades in context on the pages and in the open data (the ten-department year, tests/fixtures/standing).

Report pages carry the plain summary and the rank / grade-line sentence; the year page the printed vs
recomputed grade table; ``reports.csv`` and each report's JSON the same figures. The expected figures
are counted here from the fixture's YAML (total = 60 + 40 × 服务人数 ÷ 100), not taken from jixiao.
"""

from __future__ import annotations

import csv
import io
import json
import re
from fractions import Fraction
from pathlib import Path

import yaml

from jixiao.check import Checked, check
from jixiao.opendata.package import data_files
from jixiao.render.site import RenderSettings, site_files
from tests.conftest import FIXTURES, ROOT

PROJECT = FIXTURES / "standing"


def _totals() -> dict[str, tuple[Fraction, str | None]]:
    out = {}
    for path in sorted(PROJECT.glob("d*/2023.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        people = Fraction(data["tables"][0]["groups"][0]["indicators"][1]["actual"].removesuffix("人"))
        out[path.parent.name] = (60 + 40 * people / 100, data["claimed"].get("grade"))
    return out


def _pages() -> dict[str, str]:
    checked = check(PROJECT)
    return {f.path: f.content for f in site_files(checked, RenderSettings((ROOT / "templates",)))
            if isinstance(f.content, str)}


def test_report_pages_show_summary_rank_and_grade_lines() -> None:
    pages = _pages()
    totals = _totals()
    values = [t for t, _ in totals.values()]
    for slug, (total, _) in totals.items():
        text = pages[f"2023/{slug}/index.md"]
        assert '<section class="jx-plain"' in text and "简要说明" in text
        standing = re.search(r'<p class="jx-standing" id="standing">(.*?)</p>', text)
        assert standing is not None, slug
        rank = 1 + sum(v > total for v in values)
        assert f"第 {rank} 位" in standing.group(1), slug
    d04 = pages["2023/d04/index.md"]
    assert "复核总分距‘优秀’线还差 1.2 分，高出‘良好’线 8.8 分；在 2023 年度 10 份报告中按复核总分排第 4 位" in d04


def test_year_page_compares_printed_and_recomputed_grades() -> None:
    text = _pages()["2023/index.md"]
    table = re.search(r'<table class="jx-table jx-table--compact jx-grade-compare" id="grade-compare">(.*?)</table>',
                      text, re.S)
    assert table is not None
    rows = dict(re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', table.group(1)))
    totals = _totals().values()
    bands = (("优秀", 90), ("良好", 80), ("中", 60), ("差", 0))
    computed = [next(label for label, line in bands if t >= line) for t, _ in totals]
    printed = [g or "未列等级" for _, g in totals]
    for label in ("优秀", "良好", "中", "差", "未列等级"):
        cells = re.findall(r'<td class="jx-num">(\d+)</td>', rows[label])
        assert cells == [str(printed.count(label)), str(computed.count(label))], label
    assert "4 份报告所列等级高于复核等级" in text


def test_open_data_carries_rank_distance_and_summary() -> None:
    checked = check(PROJECT)
    files = data_files(checked.reports, checked.corpus.site)
    rows = list(csv.DictReader(io.StringIO(files["data/reports.csv"].decode("utf-8-sig"))))
    totals = _totals()
    values = [t for t, _ in totals.values()]
    for row in rows:
        total, _ = totals[row["部门标识"]]
        assert int(row["年度排名"]) == 1 + sum(v > total for v in values)
        assert row["年度参与排名报告数"] == "10"
        assert row["简要说明"].count("。") == 4
    d04 = next(r for r in rows if r["部门标识"] == "d04")
    assert (d04["下一等级"], Fraction(d04["距下一等级分差"]), Fraction(d04["所在等级分数线"]),
            Fraction(d04["高于同年报告比例"])) == ("优秀", Fraction(90) - totals["d04"][0], 80, Fraction("66.7"))
    data = json.loads(files["data/reports/d04-2023.json"])
    assert data["computed"]["standing"]["rank"] == 4
    assert data["computed"]["standing"]["text"][1:] == ["距‘优秀’线还差 1.2 分", "高出‘良好’线 8.8 分"]
    assert len(data["computed"]["summary"]) == 4


def _unscored_and_incomplete(tmp_path: Path) -> tuple[Checked, str]:
    """The project with 报告未列得分 (d09 with every score taken out, its printed grade 中 kept) and 不完整
    (d10 with a weight cut to 30: the rows reach only 70): the checked content and its 2023 year page."""
    import shutil

    content = tmp_path / "content"
    shutil.copytree(PROJECT, content)
    d09 = content / "d09" / "2023.yaml"
    text = re.sub(r", score: \d+", "", d09.read_text(encoding="utf-8"))
    d09.write_text(text.replace("  total: 68\n  grade: 中\n", "  grade: 中\n"), encoding="utf-8")
    d10 = content / "d10" / "2023.yaml"
    d10.write_text(d10.read_text(encoding="utf-8").replace("weight: 60", "weight: 30"), encoding="utf-8")
    checked = check(content)
    states = {c.report.department.slug: c.state.value for c in checked.scorecards}
    assert (states["d09"], states["d10"]) == ("unscored", "incomplete")
    page = next(f.content for f in site_files(checked, RenderSettings((ROOT / "templates",))) if f.path == "2023/index.md")
    assert isinstance(page, str)
    return checked, page


def test_year_page_gives_no_rank_to_a_report_without_a_full_recomputed_total(tmp_path: Path) -> None:
    """报告未列得分 and 不完整 get no rank: listed after the ranking with the reason; the others are
    ranked 1 … 8."""
    _, page = _unscored_and_incomplete(tmp_path)
    ranking, unranked = page.split("## 排名", 1)[1].split("## 等级分布", 1)[0].split('<p id="unranked">', 1)
    ranks = re.findall(r'<td class="jx-num" data-label="名次">(\d+)</td>', ranking)
    assert len(ranks) == 8 and "d09" not in ranking and "d10" not in ranking
    assert "名次" not in unranked and "以下 2 份报告没有完整的复核总分" in unranked
    rows = re.findall(r"<tr[^>]*><th scope=\"row\"><a href=\"[^\"]*(d\d\d)/\">.*?data-label=\"说明\">([^<]*)</td></tr>",
                      unranked)
    assert rows == [("d09", "报告未列得分"), ("d10", "不完整，不评定等级")]
    assert "共 10 份部门整体支出绩效自评报告" in page


def test_differences_list_no_report_without_scores_and_give_the_reason_of_an_incomplete_one(tmp_path: Path) -> None:
    """d09 prints a grade (中) but no score: nothing was recomputed, so it is no difference (it was listed
    with its printed grade shown as the computed one). d10 (不完整) differs in its total and one row: listed
    with no computed grade ("—") and the reason in 说明; fully scored rows say "—" there."""
    checked, page = _unscored_and_incomplete(tmp_path)
    d09 = next(c for c in checked.scorecards if c.report.department.slug == "d09")
    assert d09.claimed_grade == "中" and not (d09.grade_differs or d09.total_differs or d09.differs)
    differences = page.split("## 报告所列与复核结果的差异", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r'<th scope="row"><a href="[^"]*(d\d\d)/">[^<]*</a></th>(.*?)</tr>', differences))
    assert "d09" not in rows and "d10" in rows and "d04" in rows
    assert '<td data-label="等级"><span class="jx-grade jx-grade--0">—</span></td>' in rows["d10"]
    assert rows["d10"].endswith('<td data-label="说明">不完整，不评定等级</td>')
    assert rows["d04"].endswith('<td data-label="说明">—</td>')
