"""The 复核方法 page tells the rules of the policy in force, and the grade bands of site.yaml."""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.model import GradeBand
from jixiao.domain.policy import PRESETS
from jixiao.render.method import method_page

BANDS = (GradeBand("优秀", Decimal(90)), GradeBand("良好", Decimal(80)), GradeBand("中", Decimal(60)),
         GradeBand("差", Decimal(0)))


def _rule(page_rules: tuple[object, ...], start: str) -> str:
    return next(r.scores for r in page_rules if r.kind.startswith(start))  # type: ignore[attr-defined]


def test_each_preset_describes_its_own_reverse_rule() -> None:
    datong = method_page(PRESETS["datong-2021"], BANDS, "站")
    mof = method_page(PRESETS["mof-2020"], BANDS, "站")
    assert datong.policy == "datong-2021" and mof.policy == "mof-2020"
    assert _rule(datong.rules, "反向指标").endswith("超出的，得 0 分")
    assert _rule(mof.rules, "反向指标").endswith("超出的，得 权重 × 目标 ÷ 实际")
    assert all("`" not in r.scores for r in datong.rules)  # no parameter names for the public


def test_grade_bands_run_from_the_top_down_with_their_upper_edges() -> None:
    page = method_page(PRESETS["mof-2020"], tuple(reversed(BANDS)), "站")
    assert [(b.label, b.minimum, b.below) for b in page.bands] == [
        ("优秀", 90, None), ("良好", 80, 90), ("中", 60, 80), ("差", 0, 60)]
