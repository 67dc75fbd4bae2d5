"""Page chrome of a saved portal page: navigation, banner, breadcrumbs, article info, 打印/关闭, footer.

Owns telling what a 预决算公开 portal prints around a report from the report itself, so the importer
lists it as a note ("网页导航/页脚（已忽略）" with its text) instead of leaving it unplaced or placing it
into a field. Two kinds of evidence: an element that is chrome by its tag (``nav``; ``header`` and
``footer`` outside an ``article``/``main``) or by a word in its ``class``/``id`` (nav, menu, footer,
breadcrumb, position, copyright, 当前位置's ``dqwz`` …), provided it holds no data table and little text;
and a line that is chrome by itself: links only (with separators such as ``>`` ``|`` and a 当前位置 prefix),
打印/关闭/字体 controls, article info (发布时间、来源、浏览次数), a copyright line (版权所有、ICP备) or the
site's name in a banner (…门户网站).
Pure functions over lxml elements and strings; no state.
"""

from __future__ import annotations

import re
from typing import Any

CHROME_TAGS = frozenset({"nav"})
_EDGE_TAGS = frozenset({"header", "footer"})  # chrome unless inside the article itself
_WORDS = frozenset({
    "nav", "navbar", "navigation", "menu", "menubar", "mainnav", "subnav", "topnav", "footer", "foot", "ft",
    "header", "topbar", "banner", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "position",
    "location", "dqwz", "copyright", "share", "bdshare", "sidebar", "print", "tools", "toolbar", "logo",
    "links", "friendlink", "yqlj",
})
_TOKEN = re.compile(r"[A-Za-z][a-z0-9]*|[A-Z0-9]+(?![a-z])")
MAX_CHROME_TEXT = 600
MAX_LINE = 100
_PREFIX = re.compile(r"^\s*(?:当前位置|您现在的位置|您当前的位置|您的位置|现在位置|所在位置|位置|分享到|友情链接|相关链接)\s*[:：]?")
_SEPARATORS = re.compile(r"[\s|｜>＞»›/／·•\-—【】\[\]()（）:：、,，]+")
_CONTROLS = re.compile(r"^(?:[\s【】\[\]|｜:：]*(?:打印本页|打印|关闭窗口|关闭本页|关闭|返回顶部|加入收藏|收藏|字体|字号|大|中|小|"
                       r"默认|分享到|微信|微博|QQ空间|上一篇|下一篇|返回|保存本页|纠错))+[\s【】\[\]|｜]*$")
_INFO = re.compile(r"(?:发布时间|发布日期|更新时间|信息来源|文章来源|来源|浏览次数|点击数|阅读次数|访问次数|作者|责任编辑|编辑|字号)\s*[:：]")
_FOOTER = re.compile(r"版权所有|Copyright|©|ICP备|网站标识码|技术支持|主办单位|承办单位|网站地图|公网安备|建议使用.*浏览器")
_SITE = re.compile(r"(?:门户网站|政府网站|网站|政府网|公开网|公开平台|信息网|服务平台)$")
MAX_SITE_NAME = 30
_REPORT = re.compile(r"绩效|自评|预算|决算|指标|得分|评价")


def _tag(element: Any) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


_WHOLE = frozenset({"top", "bottom", "head", "foot"})  # chrome only as a whole name (not class="top-title")


def _tokens(element: Any) -> set[str]:
    names = [element.get("class") or "", element.get("id") or ""]
    whole = {n.strip().lower() for name in names for n in name.split()} & _WHOLE
    return {t.lower() for name in names for t in _TOKEN.findall(name)} - _WHOLE | whole


def _link_text(element: Any) -> str:
    return "".join("".join(a.itertext()) for a in element.iter("a") if _tag(a) == "a")


def _link_only_table(table: Any) -> bool:
    """A table whose every filled cell is link text (a menu laid out as a table)."""
    cells = [c for c in table.iter("td", "th") if "".join(c.itertext()).strip()]
    return bool(cells) and all(_SEPARATORS.sub("", "".join(c.itertext())) == _SEPARATORS.sub("", _link_text(c))
                               for c in cells)


def is_chrome_element(element: Any) -> bool:
    """Whether ``element`` is page chrome by its tag or its class/id, and holds nothing of the report."""
    tag = _tag(element)
    by_tag = tag in CHROME_TAGS or (tag in _EDGE_TAGS and not any(_tag(a) in {"article", "main"}
                                                                  for a in element.iterancestors()))
    if not by_tag and not (_tokens(element) & (_WORDS | _WHOLE)):
        return False
    text = "".join(element.itertext())
    if len(text) > MAX_CHROME_TEXT:
        return False
    tables = [element] if tag == "table" else list(element.iter("table"))
    return all(_link_only_table(t) for t in tables)


def is_chrome_line(text: str, links: list[str]) -> bool:
    """Whether one line of page text (``links``: the texts of the links in it) is chrome by itself: a
    control line, article info, a copyright line, the site's name, or nothing but links (a single link only when it
    does not read like the report: a title may be a link)."""
    line = text.strip()
    if not line or len(line) > MAX_LINE:
        return False
    if _CONTROLS.fullmatch(line) or _FOOTER.search(line) or len(_INFO.findall(line)) >= 2:
        return True
    if len(line) <= MAX_SITE_NAME and _SITE.search(line):  # the banner: the site's own name
        return True
    linked = [t for t in links if t.strip()]
    if not linked:
        return False
    prefixed = _PREFIX.match(line) is not None
    rest = _SEPARATORS.sub("", _PREFIX.sub("", line))
    if rest != _SEPARATORS.sub("", "".join(linked)):
        return False
    return prefixed or len(linked) >= 2 or not _REPORT.search(line)
