"""Pages as saved from 预决算公开 portals (浏览器“网页另存为”), the form's content inside the page chrome.

Three shapes seen on provincial and county portals: a current page with ``<header>``/``<nav>``/
breadcrumb/article info/打印·关闭 links/``<footer>`` (UTF-8); an older page laid out in nested tables
(banner, a row of menu cells, 您现在的位置, the content three tables deep, the copyright row) in
GB2312; and a div page whose parts are named only by ``id`` (``top``, ``menu``, ``position``,
``bottom``) in GBK. :data:`CHROME` is the page text that is not the report, one entry per line as the
reader lists it (a menu's links on one line).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.importers.forms.containers import form_html
from tests.importers.forms.layouts import Form

#: every line of chrome the pages print, as the reader joins it
CHROME = {
    "modern": [
        "某市财政局", "首页", "政务公开", "财政预决算", "部门预决算", "互动交流",
        "当前位置：首页 > 财政预决算 > 部门预决算",
        "发布时间：2024-06-12 来源：市财政局 浏览次数：356",
        "【打印本页】 【关闭窗口】",
        "主办单位：某市财政局 版权所有", "地址：某市人民路1号 电话：0000-1234567", "网站标识码：1234000001 某ICP备00000001号",
    ],
    "tables": [
        "某县人民政府门户网站", "首页 | 政务公开 | 预决算公开 | 办事服务", "您现在的位置：首页 >> 预决算公开",
        "【字体：大 中 小】 【打印】 【关闭】", "版权所有：某县人民政府办公室 技术支持：某某网络科技有限公司",
    ],
    "ids": [
        "某区政府信息公开平台", "首页 | 信息公开指南 | 信息公开目录", "当前位置：首页 > 财政资金 > 预决算",
        "分享到： 微信 微博", "Copyright © 某区人民政府 All Rights Reserved",
    ],
}


def modern_page(form: Form) -> str:
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{form.name}_某市财政局</title>
<link rel="stylesheet" href="./page_files/style.css"><script src="./page_files/jquery.min.js"></script></head>
<body>
<header class="site-header"><div class="logo"><img src="./page_files/logo.png" alt=""><span>某市财政局</span></div></header>
<nav class="main-nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/czyjs/">财政预决算</a></li><li><a href="/bmyjs/">部门预决算</a></li><li><a href="/hdjl/">互动交流</a></li></ul></nav>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/czyjs/">财政预决算</a> &gt; <a href="/bmyjs/">部门预决算</a></div>
<div class="article">
<div class="article-info"><span>发布时间：2024-06-12</span> <span>来源：市财政局</span> <span>浏览次数：356</span></div>
<div class="article-content">
{form_html(form)}
</div>
<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<footer><p>主办单位：某市财政局 版权所有</p><p>地址：某市人民路1号 电话：0000-1234567</p>
<p>网站标识码：1234000001 <a href="https://beian.example/">某ICP备00000001号</a></p></footer>
<script>var _hmt = _hmt || [];</script>
</body></html>"""


def tables_page(form: Form) -> str:
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>{form.name}</title></head>
<body topmargin="0">
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td height="120" background="images/top_bg.jpg"><font size="6">某县人民政府门户网站</font></td></tr>
<tr><td><table width="100%" border="0" cellspacing="0" class="menu"><tr>
<td><a href="index.html">首页</a></td><td><a href="zwgk.html">政务公开</a></td>
<td><a href="yjsgk.html">预决算公开</a></td><td><a href="bsfw.html">办事服务</a></td></tr></table></td></tr>
<tr><td class="dqwz">您现在的位置：<a href="index.html">首页</a> &gt;&gt; <a href="yjsgk.html">预决算公开</a></td></tr>
<tr><td><table width="100%" border="0"><tr><td width="20"></td><td>
<table width="100%" border="0"><tr><td class="content">
{form_html(form)}
</td></tr></table></td></tr></table></td></tr>
<tr><td align="right">【字体：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a>
<a href="javascript:doZoom(12)">小</a>】 <a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></td></tr>
<tr><td align="center" bgcolor="#e0e0e0">版权所有：某县人民政府办公室　技术支持：某某网络科技有限公司</td></tr>
</table>
</body></html>"""


def ids_page(form: Form) -> str:
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=GBK"><title>{form.name}</title></head>
<body>
<div id="top"><h2>某区政府信息公开平台</h2></div>
<div id="menu"><a href="/">首页</a> | <a href="/zn/">信息公开指南</a> | <a href="/ml/">信息公开目录</a></div>
<div id="position">当前位置：<a href="/">首页</a> &gt; <a href="/czzj/">财政资金</a> &gt; <a href="/yjs/">预决算</a></div>
<div id="zoom">
{form_html(form)}
</div>
<div class="bdshare">分享到： <a href="#">微信</a> <a href="#">微博</a></div>
<div id="bottom">Copyright © 某区人民政府 All Rights Reserved</div>
</body></html>"""


PAGES: dict[str, tuple[Callable[[Form], str], str]] = {
    "modern": (modern_page, "utf-8"), "tables": (tables_page, "gb18030"), "ids": (ids_page, "gb18030"),
}


def write_portal(form: Form, path: Path, kind: str) -> Path:
    page, codec = PAGES[kind]
    path.write_bytes(page(form).encode(codec))
    return path
