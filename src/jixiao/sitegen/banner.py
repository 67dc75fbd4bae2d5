"""The preview's error banner: the findings that stop a build, at the top of every page, in Chinese.

Owns the banner's HTML. ``jixiao serve`` shows it when the content has errors, above the pages of the
last content that passed the check (``sitegen.preview``); a built site never carries it. Every finding
is escaped: its text comes from content.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from jixiao.domain.issues import Finding

__all__ = ["MARK", "banner", "with_banner"]

MARK = "jixiao-preview-errors"  # the banner element's id
_SHOWN = 50
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_STYLE = ("margin:0;padding:12px 16px;background:#fdecea;color:#611a15;border-bottom:3px solid #d32f2f;"
          "font:14px/1.6 system-ui,sans-serif;position:relative;z-index:1000")


def banner(errors: Sequence[Finding]) -> str:
    """The banner for ``errors`` ('' for none)."""
    if not errors:
        return ""
    items = "".join(f"<li><code>{html.escape(str(f.loc))}</code> [{html.escape(f.code)}] "
                    f"{html.escape(f.message)} — {html.escape(f.hint)}</li>" for f in errors[:_SHOWN])
    more = f"<li>……还有 {len(errors) - _SHOWN} 个错误，运行 jixiao check 可看到全部。</li>" if len(errors) > _SHOWN else ""
    return (f'<div id="{MARK}" role="alert" style="{_STYLE}"><strong>内容有 {len(errors)} 个错误，网站没有更新：'
            f"下面显示的是上一次检查通过的内容。</strong>改正并保存后，页面会自动刷新。"
            f'<ul style="margin:6px 0 0 1.2em;padding:0">{items}{more}</ul></div>')


def with_banner(page: str, block: str) -> str:
    """``page`` with ``block`` right after its ``<body>`` tag (unchanged when there is no banner or body)."""
    if not block:
        return page
    match = _BODY.search(page)
    return page if match is None else page[:match.end()] + block + page[match.end():]
