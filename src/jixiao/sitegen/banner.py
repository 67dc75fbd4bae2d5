"""The preview's banners: the findings that stop a build above every page, a report's warnings above
its page, in Chinese.

Owns the banners' HTML. ``jixiao serve`` shows it when the content has errors, above the pages of the
last content that passed the check (``sitegen.preview``); a built site never carries it. Every finding
is escaped: its text comes from content.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from jixiao.domain.issues import Finding

__all__ = ["MARK", "WARNINGS", "banner", "warning_banner", "with_banner"]

MARK = "jixiao-preview-errors"  # the banner element's id
WARNINGS = "jixiao-preview-warnings"  # the warnings banner's id
_SHOWN = 50
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_STYLE = ("margin:0;padding:12px 16px;background:#fdecea;color:#611a15;border-bottom:3px solid #d32f2f;"
          "font:14px/1.6 system-ui,sans-serif;position:relative;z-index:1000")


def banner(errors: Sequence[Finding]) -> str:
    """The banner for ``errors`` ('' for none)."""
    if not errors:
        return ""
    items = _items(errors)
    more = f"<li>……还有 {len(errors) - _SHOWN} 个错误，运行 jixiao check 可看到全部。</li>" if len(errors) > _SHOWN else ""
    return (f'<div id="{MARK}" role="alert" style="{_STYLE}"><strong>内容有 {len(errors)} 个错误，网站没有更新：'
            f"下面显示的是上一次检查通过的内容。</strong>改正并保存后，页面会自动刷新。"
            f'<ul style="margin:6px 0 0 1.2em;padding:0">{items}{more}</ul></div>')


_WARN_STYLE = ("margin:0;padding:12px 16px;background:#fff8e1;color:#4e3b00;border-bottom:3px solid #f9a825;"
               "font:14px/1.6 system-ui,sans-serif;position:relative;z-index:1000;max-height:40vh;overflow:auto")


def _items(findings: Sequence[Finding]) -> str:
    return "".join(f"<li><code>{html.escape(str(f.loc))}</code> [{html.escape(f.code)}] "
                   f"{html.escape(f.message)} — {html.escape(f.hint)}</li>" for f in findings[:_SHOWN])


def warning_banner(warnings: Sequence[Finding]) -> str:
    """The preview's banner above the page that ``warnings`` are about ('' for none)."""
    if not warnings:
        return ""
    more = f"<li>……还有 {len(warnings) - _SHOWN} 个警告，运行 jixiao check 可看到全部。</li>" if len(warnings) > _SHOWN else ""
    return (f'<div id="{WARNINGS}" role="status" style="{_WARN_STYLE}"><strong>本页内容有 {len(warnings)} 个警告'
            f"（仅在预览中显示）：</strong>警告不妨碍发布，请核对后决定是否修改。"
            f'<ul style="margin:6px 0 0 1.2em;padding:0">{_items(warnings)}{more}</ul></div>')


def with_banner(page: str, block: str) -> str:
    """``page`` with ``block`` right after its ``<body>`` tag (unchanged when there is no banner or body)."""
    if not block:
        return page
    match = _BODY.search(page)
    return page if match is None else page[:match.end()] + block + page[match.end():]
