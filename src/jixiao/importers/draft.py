"""The importer's working result: the report as plain data, plus everything it could not place.

Owns the shape handed from the assembler to the writers: ``report`` is a plain tree of dicts, lists
and strings keyed exactly like ``load/schema.py``'s ``ReportFile`` (numbers as :class:`Num`, so the
writer prints them unquoted), ``narrative`` maps narrative keys to Markdown, ``unplaced`` lists the
source blocks no field took (with their places), and ``notes`` what was deliberately left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jixiao.importers.document import Pos


class Num(str):
    """Plain decimal text destined for a number field (written without quotes)."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Unplaced:
    """A source block no field took: a paragraph, table, row or cell, verbatim."""

    kind: str  # paragraph, table, row, cell
    pos: Pos
    text: str


@dataclass(frozen=True, slots=True)
class Note:
    """Something recognised and deliberately not imported (a form label, a derived column)."""

    what: str
    pos: Pos
    reason: str


@dataclass(slots=True)
class Draft:
    """What the assembler made of one document."""

    report: dict[str, Any] = field(default_factory=dict)
    narrative: dict[str, str] = field(default_factory=dict)
    department: str | None = None
    year: int | None = None
    unplaced: list[Unplaced] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def unplace(self, kind: str, pos: Pos, text: str) -> None:
        if text.strip():
            self.unplaced.append(Unplaced(kind, pos, text.strip()))

    def note(self, what: str, pos: Pos, reason: str) -> None:
        self.notes.append(Note(what, pos, reason))

    def indicator_count(self) -> int:
        return sum(len(g["indicators"]) for t in self.report.get("tables", []) for g in t["groups"])
