"""A field's place is said the way an editor reads the form, with the key as written in the file."""

from __future__ import annotations

from jixiao.load.fieldpath import field_label


def test_list_positions_count_from_one_and_name_what_the_list_holds() -> None:
    assert field_label(("tables", 0, "groups", 0, "indicators", 3, "score")) == (
        "第 1 张指标表 › 第 1 组 › 第 4 个指标 › score（得分）")
    assert field_label(("funds", "rows", 1, "spent")) == "资金使用情况表 › 第 2 行 › spent（执行数）"


def test_plain_keys_and_the_file_itself() -> None:
    assert field_label(("funds", "total", "budget")) == "资金使用情况表 › 合计 › budget（预算数）"
    assert field_label(("made_up",)) == "made_up"
    assert field_label(()) == "（顶层）"
