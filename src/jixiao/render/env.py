"""The Jinja2 environment every page template is rendered with, and its filters.

Owns the template search path (a deployment's own directories first, then the project's
``templates/``), the environment's safety settings (autoescape ON for every template, whatever its
extension; ``StrictUndefined`` so a misspelt variable fails the build) and the filters templates use
to show numbers: ``num`` (a Decimal as printed), ``wan`` (万元), ``pct`` (a rate as a percentage),
``md`` (text made safe inside a Markdown heading or line) and ``rel`` (a link from the page being
rendered to another page of the site).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from jixiao.domain.scoring import rate_text, show

#: Characters Python-Markdown (with attr_list) treats as syntax inside a heading or a line.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>])")
NONE_TEXT = "—"


def num(value: Decimal | int | None) -> str:
    """A number as printed (``domain.scoring.show``: no exponent, no rounding); ``—`` when absent."""
    if value is None:
        return NONE_TEXT
    return str(value) if isinstance(value, int) else show(value)


def wan(value: Decimal | None) -> str:
    """An amount in 万元, as printed, with its unit."""
    return NONE_TEXT if value is None else f"{num(value)} 万元"


def pct(rate: Decimal | None) -> str:
    """A rate (a fraction, 1 = 100%) as a percentage with two decimals, rounded half up (``rate_text``)."""
    return NONE_TEXT if rate is None else rate_text(rate)


def md(text: object) -> Markup:
    """``text`` HTML-escaped and with Markdown syntax characters backslash-escaped."""
    escaped = str(escape(str(text))).replace("\n", " ")
    return Markup(_MD_SPECIAL.sub(r"\\\1", escaped))


def relative_url(target: str, page: str) -> str:
    """The relative URL from directory-URL page ``page`` (``2021/x/``) to ``target`` (``y/``).

    Both are site paths without a leading slash; ``""`` is the home page. Targets ending in ``/``
    are pages, others are files.
    """
    base = posixpath.dirname(page.rstrip("/") + "/x") if page else "."
    rel = posixpath.relpath(target or ".", base or ".")
    if rel == ".":
        return "./"
    is_page = target == "" or target.endswith("/")
    return rel + "/" if is_page and not rel.endswith("/") else rel


@pass_context
def _rel(context: Context, target: str) -> str:
    page = context.get("page_url")
    if not isinstance(page, str):
        raise TypeError("the template context has no page_url")
    return relative_url(target, page)


def environment(template_dirs: Sequence[Path], bytecode: Path | None = None) -> Environment:
    """The environment for ``template_dirs``, searched in order (a deployment's own first); ``bytecode``: a
    folder where the compiled templates are kept between runs (Jinja's bytecode cache, keyed by each
    template's source: compiling them took about a second of every build)."""
    cache = None
    if bytecode is not None:
        try:
            bytecode.mkdir(parents=True, exist_ok=True)
            cache = FileSystemBytecodeCache(str(bytecode))
        except OSError:  # not writable: compiled each time
            cache = None
    env = Environment(
        loader=FileSystemLoader([str(d) for d in template_dirs]),
        bytecode_cache=cache,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(num=num, wan=wan, pct=pct, md=md, rel=_rel)
    return env
