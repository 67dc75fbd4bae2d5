"""Keep the HTML blocks of generated pages away from Python-Markdown, and put them back after.

Owns a build-speed measure. jixiao's page templates write Markdown headings (for the table of
contents and anchors) between blocks of finished HTML. Python-Markdown parses every raw HTML block
tag by tag only to find where it ends, which was about 60% of mkdocs' time on a large site. For the
pages that opt in, :func:`stash` swaps each block that starts with ``<`` (blocks are separated by a
blank line; jixiao's templates keep blank lines out of their HTML) for a one-line HTML comment, and
:func:`restore` puts the blocks back into Python-Markdown's output. The result equals converting the
page directly (a test holds this).
"""

from __future__ import annotations

import re

_PLACEHOLDER = "<!--jx-verbatim-{}-->"
_FOUND = re.compile(r"<!--jx-verbatim-(\d+)-->")


def stash(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` with each HTML block replaced by a placeholder, and the blocks in order."""
    blocks: list[str] = []
    chunks = markdown.split("\n\n")
    for n, chunk in enumerate(chunks):
        if chunk.startswith("<") and not _FOUND.search(chunk):
            block = chunk.rstrip()
            chunks[n] = _PLACEHOLDER.format(len(blocks)) + chunk[len(block):]
            blocks.append(block)
    return "\n\n".join(chunks), blocks


def restore(html: str, blocks: list[str]) -> str:
    """Python-Markdown's ``html`` with the stashed blocks back in place of their placeholders."""
    if not blocks:
        return html
    return _FOUND.sub(lambda m: blocks[int(m.group(1))] if int(m.group(1)) < len(blocks) else m.group(0), html)
