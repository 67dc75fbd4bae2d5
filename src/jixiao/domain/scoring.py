"""Exact score arithmetic: the one rounding function, division, sums, and grades from bands.

Owns the decimal arithmetic of scoring. Every division goes through :func:`divide` with this
module's own :class:`decimal.Context` (34 significant digits), and every rounding through
:func:`quantize` with an explicit ``ROUND_HALF_UP``; the global decimal context is never read or
changed. Scores are rounded per indicator and then summed (sums of rounded decimals are exact).

Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal

from jixiao.domain.model import GradeBand

_CONTEXT = Context(prec=34, rounding=ROUND_HALF_EVEN)
ZERO = Decimal(0)
HUNDRED = Decimal(100)


def quantize(value: Decimal, decimals: int) -> Decimal:
    """``value`` rounded half-up to ``decimals`` places (2 → 0.01; 0 → whole points)."""
    return value.quantize(Decimal(1).scaleb(-decimals, _CONTEXT), rounding=ROUND_HALF_UP, context=_CONTEXT)


def divide(numerator: Decimal, denominator: Decimal) -> Decimal:
    """``numerator / denominator`` to 34 significant digits; the caller ensures a non-zero denominator."""
    return _CONTEXT.divide(numerator, denominator)


def multiply(a: Decimal, b: Decimal) -> Decimal:
    return _CONTEXT.multiply(a, b)


def subtract(a: Decimal, b: Decimal) -> Decimal:
    return _CONTEXT.subtract(a, b)


def total(values: Iterable[Decimal]) -> Decimal:
    """The exact sum of ``values`` (0 for none)."""
    result = ZERO
    for value in values:
        result = _CONTEXT.add(result, value)
    return result


def clamp(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    return max(low, min(high, value))


def grade_for(score: Decimal, bands: Iterable[GradeBand]) -> str:
    """The label of the highest band whose inclusive lower bound ``score`` reaches.

    Below every band, the lowest band's label; with no bands at all, an empty string.
    """
    ordered = sorted(bands, key=lambda band: band.minimum, reverse=True)
    for band in ordered:
        if score >= band.minimum:
            return band.label
    return ordered[-1].label if ordered else ""


def show(value: Decimal) -> str:
    """A decimal as plain text, never in exponent form (``1.6``, ``93.98``, ``0``)."""
    return format(value, "f")


def percent(value: Decimal) -> str:
    """A percentage amount as text: ``88`` → ``88%``."""
    return f"{show(value)}%"
