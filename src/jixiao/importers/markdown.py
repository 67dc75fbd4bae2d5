"""Imported prose and tables -> Markdown for ``<year>.md`` that renders as the text was printed.

Owns the escaping of characters Markdown would read as markup (a leading ``#``, ``-``, ``1.``; ``*``,
``_``, backticks, brackets, ``&``; ``<`` as ``&lt;``) and the writing of a table found in a narrative section as a
Markdown pipe table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_INLINE = re.compile(r"([\\`*_\[\]>|&])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def escape(text: str) -> str:
    """``text`` as literal Markdown: markup characters backslash-escaped, line breaks kept."""
    lines = []
    for line in text.split("\n"):
        line = _INLINE.sub(r"\\\1", line).replace("<", "&lt;")  # an entity: the loader warns on any "<tag"
        match = _LINE_START.match(line)
        if match:
            marker = match.group(2)
            escaped = marker[:-1] + "\\" + marker[-1] if len(marker) > 1 else "\\" + marker
            line = match.group(1) + escaped + line[match.end():]
        lines.append(line)
    return "  \n".join(lines)


def table_markdown(rows: Sequence[Sequence[str]]) -> str:
    """A pipe table; the first row is the header, short rows are padded with empty cells."""
    width = max((len(r) for r in rows), default=0)
    if width == 0:
        return ""
    lines = []
    for index, row in enumerate(rows):
        cells = [escape(c.strip()).replace("  \n", " ") for c in row] + [""] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if index == 0:
            lines.append("|" + " --- |" * width)
    return "\n".join(lines)
