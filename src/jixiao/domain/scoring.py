"""Exact score arithmetic: the one rounding function, division, sums, grades from bands, and the number formatters.

Owns the decimal arithmetic of scoring. Every division goes through :func:`divide` with this
module's own :class:`decimal.Context` (34 significant digits; :func:`scale` divides once, last),
sums and products are exact in a context of unlimited precision, and every rounding goes through
:func:`quantize` with an explicit ``ROUND_HALF_UP``; the global decimal context is never read or
changed. Scores are rounded per indicator and then summed (sums of rounded decimals are exact).
:func:`show` is the one Decimal → text formatter and :func:`rate_text` the one rate → percent
formatter, used by messages, pages, open data and the CLI alike.

Standard library only.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal

from jixiao.domain.model import GradeBand

#: Addition, subtraction, multiplication and rounding: exact for any length of printed number.
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN, rounding=ROUND_HALF_EVEN)
#: Division only: 34 significant digits (a quotient may not terminate).
_DIVISION = Context(prec=34, Emax=MAX_EMAX, Emin=MIN_EMIN, rounding=ROUND_HALF_EVEN)
ZERO = Decimal(0)
_PLACES = {places: Decimal(1).scaleb(-places, _EXACT) for places in range(5)}
HUNDRED = Decimal(100)


def quantize(value: Decimal, decimals: int) -> Decimal:
    """``value`` rounded half-up to ``decimals`` places (2 → 0.01; 0 → whole points)."""
    return value.quantize(_PLACES[decimals], rounding=ROUND_HALF_UP, context=_EXACT)


def divide(numerator: Decimal, denominator: Decimal) -> Decimal:
    """``numerator / denominator`` to 34 significant digits; the caller ensures a non-zero denominator."""
    return _DIVISION.divide(numerator, denominator)


def scale(weight: Decimal, numerator: Decimal, denominator: Decimal) -> Decimal:
    """``weight × numerator ÷ denominator`` with a single (division) rounding."""
    return divide(multiply(weight, numerator), denominator)


def multiply(a: Decimal, b: Decimal) -> Decimal:
    return _EXACT.multiply(a, b)


def subtract(a: Decimal, b: Decimal) -> Decimal:
    return _EXACT.subtract(a, b)


def total(values: Iterable[Decimal]) -> Decimal:
    """The exact sum of ``values`` (0 for none), added left to right in the exact context (the loop in C)."""
    return functools.reduce(_EXACT.add, values, ZERO)


def clamp(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    return max(low, min(high, value))


def grade_for(score: Decimal, bands: Sequence[GradeBand]) -> str:
    """The label of the highest band whose inclusive lower bound ``score`` reaches.

    ``bands`` best first, as :class:`~jixiao.domain.model.SiteSettings` keeps them. Below every band,
    the lowest band's label; with no bands at all, an empty string.
    """
    for band in bands:
        if score >= band.minimum:
            return band.label
    return bands[-1].label if bands else ""


def show(value: Decimal) -> str:
    """The one number formatter: a decimal as plain text, never in exponent form (``1.6``, ``93.98``, ``0``)."""
    return format(value, "f")


def percent(value: Decimal) -> str:
    """A percentage amount as text: ``88`` → ``88%``."""
    return f"{show(value)}%"


def rate_percent(rate: Decimal) -> Decimal:
    """A rate (a fraction, 1 = 100%) in percent, rounded half-up to two places: ``1.333`` → ``133.30``."""
    return quantize(multiply(rate, HUNDRED), 2)


def rate_text(rate: Decimal) -> str:
    """The one percent formatter for rates: ``1.333`` → ``133.30%``."""
    return percent(rate_percent(rate))
