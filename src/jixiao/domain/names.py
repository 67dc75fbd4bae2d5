"""The naming rules of content: department slugs and report years, one definition for every stage.

A department slug is the folder name and part of every URL: lowercase ASCII letters and digits in
words joined by single hyphens (``datong-zonggonghui``). ``\\A…\\Z`` anchors on purpose: ``$`` would
accept a trailing newline. Standard library only.
"""

from __future__ import annotations

import re

SLUG = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")

#: Report years the loader accepts.
YEARS = range(2000, 2100)


def is_slug(name: str) -> bool:
    """True when ``name`` is a valid department (or project) slug."""
    return SLUG.match(name) is not None
