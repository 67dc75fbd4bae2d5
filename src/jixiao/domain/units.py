"""Units of measure as printed in target and actual values, and conversion between them.

Owns the unit vocabulary (人, 家, 次, 个, 项, 天, 月, 元, 万元, 亿元, %, 百分比, rates such as 元/天 …), which units can be
compared with which (money converts between 元/千元/万元/亿元; a bare ``万`` is 万元 when the other
side is money and 10,000 of the other side's count otherwise; a count in 万人 is 10,000 人), and the conversion of an amount into its dimension's
base unit. Two different count units (人 vs 家) never compare: that is a unit clash.

Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal

MONEY = "money"
_EXACT = Context(prec=60)  # exact for any printed amount times a power of ten
PERCENT = "percent"


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit: its printed symbol, its dimension and its factor to the dimension's base unit.

    Money's base is 元; percent's base is one percentage point; every count unit is its own
    dimension (``人``, ``家``, ``次`` …) with base 1.
    """

    symbol: str
    dimension: str
    factor: Decimal = Decimal(1)

    @property
    def is_money(self) -> bool:
        return self.dimension == MONEY

    @property
    def is_percent(self) -> bool:
        return self.dimension == PERCENT

    @property
    def bare(self) -> bool:
        """A bare multiplier (``万``, ``亿``): 万元 beside money, 10,000 of the count beside a count."""
        return self.symbol in _BARE


_MONEY: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "万": Decimal(10000),  # bare 万: 万元 where the other side is money
    "百万元": Decimal(1000000),
    "亿元": Decimal(100000000),
    "亿": Decimal(100000000),
}
_BARE = frozenset({"万", "亿"})
_PERCENT: dict[str, Decimal] = {"%": Decimal(1), "百分比": Decimal(1), "百分点": Decimal(1), "‰": Decimal("0.1")}

#: Count and time units; each is its own dimension. Aliases map to the unit they mean.
COUNT_UNITS: tuple[str, ...] = (
    "人次", "户次", "课时", "学时", "小时", "工作日", "平方米", "公里", "千米", "公顷", "亩", "吨",
    "人", "家", "次", "个", "项", "天", "日", "月", "年", "场", "期", "户", "篇", "件", "份", "所", "座",
    "台", "套", "本", "册", "条", "处", "批", "轮", "村", "班", "类", "种", "部", "支", "队", "张",
    "名", "位", "单位", "季度", "周", "分",
)
_ALIASES: dict[str, str] = {"名": "人", "位": "人", "日": "天", "千米": "公里"}


def _per(symbol: str) -> Unit | None:
    """A rate unit ``amount/count`` (``元/天``, ``万元/人``, ``元/人·月``, ``次/年``), or ``None``.

    Its dimension is the numerator's dimension over the denominator's count units, so ``元/人`` and
    ``万元/人`` compare (the factor converts the money), while ``元/人`` and ``元/天`` never do.
    """
    numerator, _, denominator = symbol.partition("/")
    parts = denominator.split("·")
    top = lookup(numerator)
    if top is None or top.bare or top.is_percent or not all(part in COUNT_UNITS for part in parts):
        return None
    return Unit(symbol, f"{top.dimension}/{'·'.join(_ALIASES.get(part, part) for part in parts)}", top.factor)


def lookup(symbol: str) -> Unit | None:
    """The unit printed as ``symbol`` (already NFKC-normalised), or ``None`` when unknown.

    ``万`` or ``亿`` in front of a count unit multiplies it (``1.2万人`` is 12,000 人); a unit with
    one ``/`` is a rate (``元/天``): see :func:`_per`.
    """
    if symbol.count("/") == 1:
        return _per(symbol)
    if symbol in _MONEY:
        return Unit(symbol, MONEY, _MONEY[symbol])
    if symbol in _PERCENT:
        return Unit(symbol, PERCENT, _PERCENT[symbol])
    if symbol in COUNT_UNITS:
        return Unit(symbol, _ALIASES.get(symbol, symbol))
    for prefix, factor in (("万", Decimal(10000)), ("亿", Decimal(100000000))):
        rest = symbol.removeprefix(prefix)
        if rest != symbol and rest in COUNT_UNITS:
            return Unit(symbol, _ALIASES.get(rest, rest), factor)
    return None


def compatible(a: Unit | None, b: Unit | None) -> bool:
    """Whether amounts in ``a`` and ``b`` can be compared; a missing unit takes the other side's."""
    if a is None or b is None:
        return True
    if a.bare or b.bare:
        return not (a.is_percent or b.is_percent)
    return a.dimension == b.dimension


def to_base(amount: Decimal, unit: Unit | None) -> Decimal:
    """``amount`` expressed in its dimension's base unit (exact: factors are powers of ten)."""
    return amount if unit is None else _EXACT.multiply(amount, unit.factor)
