"""Two fixes to the theme's page markup, so every page passes the Nu HTML Checker.

Owns what mkdocs-material writes that HTML does not allow, fixed in the finished page (the theme's
``base.html`` is not copied into the project for two attributes):

- its hidden state checkboxes (``__drawer``, ``__search``) carry ``autocomplete="off"``, which HTML
  allows on text-like inputs only;
- the table of contents' title is a ``<label for="__toc">``, but the ``__toc`` checkbox exists only on
  pages listed in the navigation (jixiao lists a handful): elsewhere the label points at nothing and
  becomes a plain ``<div>`` with the same class and look.
"""

from __future__ import annotations

import re

_TOGGLE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
_TOC_TITLE = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.S)


def tidy(html: str) -> str:
    """``html`` with the theme's two invalid constructs fixed (see the module docstring)."""
    html = _TOGGLE.sub(r"\1", html)
    if 'id="__toc"' not in html:
        html = _TOC_TITLE.sub(r'<div class="md-nav__title">\1</div>', html)
    return html
