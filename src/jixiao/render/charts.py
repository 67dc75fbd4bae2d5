"""Inline SVG charts made at build time: geometry only, drawn by the ``_charts.html.j2`` macros.

Owns the chart models (bars and points with their coordinates, computed here with Decimal so the
output is exact and deterministic) and each chart's text equivalent (a plain table with the same
numbers, for screen readers and print). Templates draw the shapes, so every label goes through
Jinja's autoescape. No chart library runs in the reader's browser.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.scoring import quantize, show

WIDTH = Decimal(440)  # drawn at about this many CSS pixels: text stays legible on a phone
LABEL_WIDTH = Decimal(150)
VALUE_WIDTH = Decimal(56)
BAR_HEIGHT = Decimal(12)
ROW_GAP = Decimal(14)
TOP = Decimal(30)


def _px(value: Decimal) -> Decimal:
    return quantize(value, 1)


@dataclass(frozen=True, slots=True)
class TextTable:
    """A chart's text equivalent: caption, column headings, rows of cell texts."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class BarShape:
    """One bar: its box, its CSS class (series) and the value written beside it."""

    x: Decimal
    y: Decimal
    width: Decimal
    height: Decimal
    series: str
    text: str
    text_x: Decimal


@dataclass(frozen=True, slots=True)
class BarRow:
    """One category: its label (shortened to fit; the table has the full text) and its bars."""

    label: str
    full_label: str
    label_y: Decimal
    bars: tuple[BarShape, ...]


@dataclass(frozen=True, slots=True)
class BarChart:
    """Horizontal paired bars, one row per category, with a legend."""

    chart_id: str
    title: str
    description: str
    width: Decimal
    height: Decimal
    legend: tuple[tuple[str, str], ...]  # (series class, label)
    rows: tuple[BarRow, ...]
    table: TextTable


@dataclass(frozen=True, slots=True)
class Point:
    x: Decimal
    y: Decimal
    label: str  # the x-axis label (a year)
    text: str  # the value written above the point
    present: bool = True  # False: no value that year (no point is drawn)


@dataclass(frozen=True, slots=True)
class LineChart:
    """A score trend: one point per year on a 0–100 scale."""

    chart_id: str
    title: str
    description: str
    width: Decimal
    height: Decimal
    points: tuple[Point, ...]
    polyline: str
    gridlines: tuple[tuple[Decimal, str], ...]  # (y, label)
    table: TextTable


def _width(text: str) -> float:
    """Drawn width in CJK characters: Latin letters, digits and spaces take about half."""
    return sum(0.55 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def shorten(text: str, limit: float = 12) -> str:
    """``text`` to its first clause (up to ，。；), then cut to ``limit`` CJK character widths with “…”."""
    for mark in "，。；,;":
        head, sep, _ = text.partition(mark)
        if sep and head.strip():
            text = head + "…"
    if _width(text) <= limit:
        return text
    out = ""
    for ch in text:
        if _width(out + ch) > limit - 1:
            break
        out += ch
    return out.rstrip("…") + "…"


@dataclass(frozen=True, slots=True)
class Category:
    """Input of :func:`bar_chart`: a label and one value per series (None = not available)."""

    label: str
    values: tuple[Decimal | None, ...]
    texts: tuple[str, ...]


def bar_chart(
    chart_id: str, title: str, description: str, series: Sequence[tuple[str, str]],
    categories: Sequence[Category], table: TextTable,
) -> BarChart:
    """Paired horizontal bars scaled to the largest value of any series."""
    values = [v for c in categories for v in c.values if v is not None and v > 0]
    top = max(values, default=Decimal(1))
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    rows: list[BarRow] = []
    y = TOP
    for cat in categories:
        bars: list[BarShape] = []
        first_y = y
        for (cls, _), value, text in zip(series, cat.values, cat.texts, strict=True):
            width = _px(span * (value if value and value > 0 else Decimal(0)) / top)
            bars.append(BarShape(LABEL_WIDTH, y, width, BAR_HEIGHT, cls, text, LABEL_WIDTH + width + 4))
            y += BAR_HEIGHT + 2
        rows.append(BarRow(shorten(cat.label), cat.label, _px((first_y + y) / 2 + 2), tuple(bars)))
        y += ROW_GAP
    return BarChart(chart_id, title, description, WIDTH, y + 4, tuple(series), tuple(rows), table)


def line_chart(
    chart_id: str, title: str, description: str, points: Sequence[tuple[str, Decimal | None]],
    table: TextTable,
) -> LineChart:
    """Points on a 0–100 scale, spaced evenly left to right; missing values are left out."""
    height, left, right, top, bottom = Decimal(220), Decimal(40), Decimal(20), Decimal(24), Decimal(30)
    plot_h = height - top - bottom
    step = (WIDTH - left - right) / max(len(points), 1)
    shapes: list[Point] = []
    for n, (label, value) in enumerate(points):
        x = _px(left + step * n + step / 2)
        if value is None:
            shapes.append(Point(x, height - bottom, label, "—", present=False))
            continue
        clamped = min(max(value, Decimal(0)), Decimal(100))
        shapes.append(Point(x, _px(top + plot_h * (100 - clamped) / 100), label, show(value)))
    line = " ".join(f"{p.x},{p.y}" for p, (_, v) in zip(shapes, points, strict=True) if v is not None)
    grid = tuple((_px(top + plot_h * (100 - g) / 100), str(g)) for g in (Decimal(0), Decimal(60), Decimal(80),
                                                                         Decimal(90), Decimal(100)))
    return LineChart(chart_id, title, description, WIDTH, height, tuple(shapes), line, grid, table)
