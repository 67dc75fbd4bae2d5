"""The parser for target values (目标值) and actual values (业绩值) as printed in real reports.

Owns turning text such as ``>=299人``, ``≤165.45万元``, ``＞90%``, ``=1次``, ``1-12月``, ``每月``,
``2021年12月底前``, ``工资总额的2%``, ``合规`` or ``达成预期指标`` into a :class:`Value`, and the
three-cell form (指标性质 + 指标值 + 度量单位) into the same. Full-width and half-width symbols and
digits, spaces and thousands separators are accepted; comparison words (不低于, 不超过, 以上, 以内 …)
are read as the symbols they mean; a trailing remark in brackets (``1000人（超额完成）``) is kept in
the printed text and ignored for the reading. Text that cannot be read becomes a :class:`ParseError` naming a
catalogue code (JX-T…) and a Chinese reason; nothing is guessed.

Standard library only.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from jixiao.domain.model import Target
from jixiao.domain.quickinit import quick_init
from jixiao.domain.units import Unit, lookup


class Op(StrEnum):
    """A comparison as printed in a target (or an actual given as a bound)."""

    EQ = "="
    GE = "≥"
    GT = ">"
    LE = "≤"
    LT = "<"

    @property
    def reverse(self) -> bool:
        """``≤``/``<``: a reverse (cost-type) target, met by staying at or under it."""
        return self in (Op.LE, Op.LT)


class ValueKind(StrEnum):
    """What a printed value is."""

    QUANTITY = "quantity"  # [op] number [unit]: >=299人, 100%, <=1136.92万
    WINDOW = "window"  # months: 1-12月, 10-12月, 12月, 全年, 2021年11月
    DEADLINE = "deadline"  # 2021年12月底前, 年底前
    PERIODIC = "periodic"  # 每月, 每季度, 每年
    RELATIVE = "relative"  # a share of something the report does not give: 工资总额的2%
    WORD = "word"  # 合规, 健全, 有效, 完成, 达成预期指标


class Role(StrEnum):
    TARGET = "target"
    ACTUAL = "actual"


@quick_init
@dataclass(frozen=True, slots=True)
class Value:
    """A parsed target or actual value; ``text`` is always the value as printed."""

    text: str
    kind: ValueKind
    op: Op | None = None
    amount: Decimal | None = None
    unit: Unit | None = None
    months: tuple[int, int] | None = None
    year: int | None = None
    day: int | None = None
    word: str = ""  # the word (WORD), the period (PERIODIC) or the base (RELATIVE)

    @property
    def is_percent(self) -> bool:
        return self.unit is not None and self.unit.is_percent


@dataclass(frozen=True, slots=True)
class ParseError:
    """Why a value could not be read: a catalogue code and the fields of its message."""

    code: str
    fields: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


_UNREADABLE = {Role.TARGET: "JX-T001", Role.ACTUAL: "JX-T002"}
ROLE_LABEL = {Role.TARGET: "目标值", Role.ACTUAL: "业绩值"}

_SYMBOLS: tuple[tuple[str, Op], ...] = (
    (">=", Op.GE), ("=>", Op.GE), ("≥", Op.GE), ("≧", Op.GE), ("<=", Op.LE), ("=<", Op.LE),
    ("≤", Op.LE), ("≦", Op.LE), ("==", Op.EQ), ("=", Op.EQ), (">", Op.GT), ("<", Op.LT),
    ("大于或等于", Op.GE), ("大于等于", Op.GE), ("不少于", Op.GE), ("不低于", Op.GE), ("不小于", Op.GE),
    ("至少", Op.GE), ("达到", Op.GE), ("小于或等于", Op.LE), ("小于等于", Op.LE), ("不超过", Op.LE),
    ("不高于", Op.LE), ("不大于", Op.LE), ("不多于", Op.LE), ("控制在", Op.LE), ("大于", Op.GT),
    ("高于", Op.GT), ("超过", Op.GT), ("多于", Op.GT), ("小于", Op.LT), ("低于", Op.LT),
    ("少于", Op.LT), ("等于", Op.EQ),
)
_OPS: dict[str, Op] = dict(_SYMBOLS)
#: A comparison at the start, followed by a digit; longer spellings first (``>=`` before ``>``).
_OP = re.compile("(" + "|".join(re.escape(s) for s in sorted(_OPS, key=len, reverse=True)) + r")(?=\d)")
_SUFFIXES: tuple[tuple[str, Op], ...] = (
    ("及以上", Op.GE), ("以上", Op.GE), ("及以下", Op.LE), ("以下", Op.LE), ("以内", Op.LE),
)
_NUMBER = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(.*)")
_MONTH_RANGE = re.compile(
    r"(?:(\d{4})年)?(\d{1,2})月?(?:份)?[-~—–至到](?:\d{4}年)?(\d{1,2})月(?:份)?")
_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})[日号])?(?:份)?")
_DEADLINE = re.compile(
    r"(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})[日号])?(?:底|末|份)?(?:前|之前|以前)?(?:(?<=[前])|完成)")
_YEAR_END = frozenset({"年底前", "年末前", "年内", "年底", "年度内", "年底前完成", "年内完成"})
_PERIODIC = re.compile(r"每(月|季度|季|年|半年|周|天|日)(?:一次|1次)?")
_RELATIVE = re.compile(r"([\u4e00-\u9fff]+)的(\d+(?:\.\d+)?)(%|‰)")
_WORD = re.compile(r"[\u4e00-\u9fff、，“”\"（）()]+")
_REMARK = re.compile(r"\([^()]*\)$")  # a trailing remark in brackets (full-width ones are NFKC'd)
_FULL_YEAR = frozenset({"全年", "1-12月", "全年度"})


@functools.lru_cache(maxsize=8192)  # the same few hundred cell texts recur in every report
def normalize(text: str) -> str:
    """NFKC (full-width to half-width), no spaces, a few look-alike symbols unified."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("≧", "≥").replace("≦", "≤").replace("〜", "~").replace("－", "-")
    return "".join(text.split()).rstrip("。.;；")


def clip(text: str, limit: int = 40) -> str:
    """``text`` for a message: at most ``limit`` characters, an ellipsis when cut."""
    return text if len(text) <= limit else text[:limit] + "…"


def _error(role: Role, text: str, reason: str) -> ParseError:
    return ParseError(_UNREADABLE[role], MappingProxyType({"text": clip(text), "reason": reason}))


def _split_op(body: str) -> tuple[Op | None, str]:
    match = _OP.match(body)
    if match is None:
        return None, body
    return _OPS[match.group(1)], body[match.end(1):]


def _quantity(text: str, body: str, role: Role) -> Value | ParseError | None:
    """``[op] number [unit] [以上/以下]``; ``None`` when ``body`` does not look like one."""
    op, rest = _split_op(body)
    match = _NUMBER.fullmatch(rest)
    if match is None:
        return _error(role, text, "比较符号后应是数字") if op is not None else None
    number, unit_text = match.group(1).replace(",", ""), match.group(2)
    if unit_text[:1] in {".", ","} or unit_text[:1].isdigit():
        return _error(role, text, "数字的写法不对（小数点或千分位逗号的位置有误）")
    if any(ch.isdigit() for ch in unit_text):
        return _error(role, text, "含有数字但不是“比较符号 + 数值 + 单位”的形式")
    for suffix, suffix_op in _SUFFIXES:
        if unit_text.endswith(suffix):
            if op is not None and op != suffix_op and not (op in (Op.GE, Op.GT) and suffix_op == Op.GE):
                return _error(role, text, f"比较符号“{op.value}”与“{suffix}”矛盾")
            op, unit_text = op or suffix_op, unit_text.removesuffix(suffix)
            break
    unit_text = unit_text.removeprefix("个") if unit_text in {"个月", "个百分点"} else unit_text
    unit = None
    if unit_text:
        unit = lookup(unit_text)
        if unit is None:
            return ParseError("JX-T006", MappingProxyType(
                {"text": clip(text), "unit": clip(unit_text), "role": ROLE_LABEL[role]}))
    return Value(text, ValueKind.QUANTITY, op=op, amount=Decimal(number), unit=unit)


def _month(text: str, role: Role, *months: int) -> ParseError | None:
    if all(1 <= m <= 12 for m in months):
        return None
    return ParseError("JX-T008", MappingProxyType(
        {"text": clip(text), "role": ROLE_LABEL[role], "reason": "月份应在 1 到 12 之间"}))


def _time(text: str, body: str, role: Role) -> Value | ParseError | None:
    """Month windows, deadlines and periods; ``None`` when ``body`` is none of them."""
    if body in _FULL_YEAR:
        return Value(text, ValueKind.WINDOW, months=(1, 12))
    if body in _YEAR_END:
        return Value(text, ValueKind.DEADLINE, months=(12, 12))
    if match := _PERIODIC.fullmatch(body):
        return Value(text, ValueKind.PERIODIC, word="季度" if match.group(1) == "季" else match.group(1))
    if match := _MONTH_RANGE.fullmatch(body):
        first, last = int(match.group(2)), int(match.group(3))
        if (bad := _month(text, role, first, last)) is not None:
            return bad
        if first > last:
            return ParseError("JX-T008", MappingProxyType(
                {"text": clip(text), "role": ROLE_LABEL[role], "reason": "起始月份晚于结束月份"}))
        year = int(match.group(1)) if match.group(1) else None
        return Value(text, ValueKind.WINDOW, months=(first, last), year=year)
    for pattern, kind in ((_DEADLINE, ValueKind.DEADLINE), (_DATE, ValueKind.WINDOW)):
        if match := pattern.fullmatch(body):
            month = int(match.group(2))
            if (bad := _month(text, role, month)) is not None:
                return bad
            day = int(match.group(3)) if match.group(3) else None
            if day is not None and not 1 <= day <= 31:
                return ParseError("JX-T008", MappingProxyType(
                    {"text": clip(text), "role": ROLE_LABEL[role], "reason": "日期应在 1 到 31 之间"}))
            year = int(match.group(1)) if match.group(1) else None
            return Value(text, kind, months=(month, month), year=year, day=day)
    return None


@functools.lru_cache(maxsize=16384)
def parse_value(text: str, role: Role) -> Value | ParseError:
    """Read one printed target or actual value.

    Results are immutable and depend only on the arguments, and the same few hundred texts
    (``=100%``, ``100%``, ``合规``) recur in every report, so they are cached: a large corpus parses each
    distinct text once.
    """
    body = normalize(text)
    if not body:
        return ParseError("JX-T004" if role == Role.TARGET else "JX-T005", MappingProxyType({}))
    timed = _time(text, body, role)
    if timed is not None:
        return timed
    if _WORD.fullmatch(body):
        return Value(text, ValueKind.WORD, word=body)
    core = _REMARK.sub("", body) or body  # "1000人(超额完成)": the remark stays in the printed text only
    if core != body:
        body = core
        if (timed := _time(text, body, role)) is not None:
            return timed
    if match := _RELATIVE.fullmatch(body):
        return Value(text, ValueKind.RELATIVE, amount=Decimal(match.group(2)),
                     unit=lookup(match.group(3)), word=match.group(1))
    quantity = _quantity(text, body, role)
    if quantity is not None:
        return quantity
    if any(ch.isdigit() for ch in body):
        return _error(role, text, "含有数字但不是“比较符号 + 数值 + 单位”的形式")
    return _error(role, text, "既不是数值，也不是时间或定性词")


def parse_target(target: Target | None) -> Value | ParseError:
    """Read a target in the one-cell form (``text``) or the three-cell form (nature/value/unit)."""
    if target is None:
        return ParseError("JX-T004", MappingProxyType({}))
    if target.value is None:
        return parse_value(target.text, Role.TARGET)
    nature = normalize(target.nature or "")
    if nature == "定性":
        return parse_value(f"{target.value}{target.unit or ''}", Role.TARGET)
    if _NUMBER.fullmatch(normalize(target.value)) is None or not normalize(target.value)[-1:].isdigit():
        return ParseError("JX-T007", MappingProxyType({"nature": target.nature or "", "value": target.value}))
    parsed = parse_value(f"{nature}{target.value}{target.unit or ''}", Role.TARGET)
    if isinstance(parsed, Value):
        return Value(target.text, parsed.kind, parsed.op, parsed.amount, parsed.unit)
    return parsed


def parse_actual(text: str | None) -> Value | ParseError:
    return parse_value(text or "", Role.ACTUAL)
