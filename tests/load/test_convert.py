"""Number text becomes an exact Decimal; the accepted and refused spellings the editors' guide lists."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.load.convert import dec
from jixiao.load.schema import _DECIMAL, number_problem


@pytest.mark.parametrize(("text", "value"), [
    ("450.5", Decimal("450.5")), ("93", Decimal(93)), ("007", Decimal(7)), ("+5", Decimal(5)),
    ("-3.5", Decimal("-3.5")), (" 12 ", Decimal(12)), ("0.1", Decimal("0.1")),
])
def test_accepted_numbers_are_exact(text: str, value: Decimal) -> None:
    assert _DECIMAL.fullmatch(text.strip())
    assert dec(text) == value


@pytest.mark.parametrize("text", ["-0", "-0.00", "+0"])
def test_negative_zero_is_plain_zero(text: str) -> None:
    """``-0`` is accepted and shown as 0, never as "-0"."""
    result = dec(text)
    assert result == 0 and not str(result).startswith("-")


@pytest.mark.parametrize(("text", "reason"), [
    ("1,234.5", "千分位"), ("1，234", "千分位"), ("１２３", "全角"), ("1e309", "科学计数法"), ("1.5E3", "科学计数法"),
    ("NaN", "NaN"), (".nan", "NaN"), ("-.inf", "NaN"), ("Infinity", "NaN"), ("450万", "单位"), ("95%", "单位"),
    (".5", "单位"), ("5.", "单位"), ("", "为空"), ("优秀", "不是数字"), ("0x1F", "单位"),
])
def test_refused_numbers_say_why(text: str, reason: str) -> None:
    assert not _DECIMAL.fullmatch(text)
    assert reason in number_problem(text)
