"""Chart labels: the first clause, cut by drawn width (Latin half a CJK character), never mid-number."""

from __future__ import annotations

from jixiao.render.charts import shorten


def test_labels_keep_the_first_clause() -> None:
    assert shorten("2. 救助困难职工，节日送温暖、慰问，困难职工春雨、金秋助学等。") == "2. 救助困难职工…"
    assert shorten("1. 离退休党支部活动管理") == "1. 离退休党支部活动管理"  # fits: digits take half a character


def test_long_labels_are_cut_to_the_width() -> None:
    label = shorten("3. 围绕职工合法权益的重大问题进行调查研究并提出意见")
    assert label.endswith("…") and len(label) < 15
