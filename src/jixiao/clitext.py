"""Click's own words in Simplified Chinese: what click writes around jixiao's texts.

Owns the usage line (``Usage: jixiao [OPTIONS] COMMAND`` -> ``用法：jixiao [选项] 命令``), the help
headings (``Options`` / ``Commands`` -> ``选项`` / ``命令``), the help line of ``-h/--help`` and
``--version``, the ``[default: …]`` and ``[required]`` marks, and the usage errors (``No such
option``, ``Missing argument``, ``Invalid value for``, ``Try … for help.``, ``Error: …``) as one
Chinese block. Prints nothing: ``cli.py`` prints what :func:`usage_error` returns.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

import click

HELP_TEXT = "显示本帮助并退出"
VERSION_TEXT = "显示版本号并退出"
HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}
METAVARS = {"INTEGER RANGE": "整数", "INTEGER": "整数", "FLOAT RANGE": "数", "FLOAT": "数", "PATH": "路径",
            "FILE": "文件", "DIRECTORY": "目录", "TEXT": "文字", "BOOLEAN": "是/否"}
_METAVARS = re.compile(r"\b(?:" + "|".join(re.escape(m) for m in METAVARS) + r")\b")
_USAGE_WORDS = (("[OPTIONS]", "[选项]"), ("COMMAND [ARGS]...", "命令 [参数]..."), ("[ARGS]...", "[参数]..."))
_MARKS = ((re.compile(r"\[default: ([^\]]*)\]"), r"[默认：\1]"), (re.compile(r"\[required\]"), "[必填]"),
          (re.compile(r"\[default: ([^\]]*); required\]"), r"[默认：\1；必填]"))
#: click's error messages (8.1 - 8.5 wording) and their Chinese; applied in order, each at most once
_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"No such option: (\S+)"), r"没有选项 \1"),
    (re.compile(r"No such option '([^']+)'\."), r"没有选项 \1。"),
    (re.compile(r" ?Did you mean '?([^'?]+)'?\?"), r"你是不是想用 \1？"),
    (re.compile(r" ?\(Possible options: ([^)]*)\)"), r"（可能是：\1）"),
    (re.compile(r"No such command '([^']+)'\."), r"没有命令 \1。请用 jixiao -h 查看全部命令。"),
    (re.compile(r"Missing argument '([^']+)'\."), r"缺少参数 \1。"),
    (re.compile(r"Missing option '([^']+)'\."), r"缺少选项 \1。"),
    (re.compile(r"Option '([^']+)' requires an argument\."), r"选项 \1 后面需要一个值。"),
    (re.compile(r"Option '([^']+)' requires (\d+) arguments\."), r"选项 \1 后面需要 \2 个值。"),
    (re.compile(r"Got unexpected extra arguments? \((.*)\)"), r"多出了参数：\1"),
    (re.compile(r"Invalid value for '([^']+)': "), r"\1 的值无效："),
    (re.compile(r"'([^']*)' is not one of (.+)\."), r"“\1”不是可选的值（\2）之一。"),
    (re.compile(r"'([^']*)' is not a valid integer(?: range)?\."), r"“\1”不是整数。"),
    (re.compile(r"'([^']*)' is not a valid float(?: range)?\."), r"“\1”不是数。"),
    (re.compile(r"'([^']*)' is not (?:a valid )?(.+?)\."), r"“\1”不是有效的值（应为 \2）。"),
    (re.compile(r"(?:File|Directory|Path) '([^']*)' does not exist\."), r"路径“\1”不存在。"),
    (re.compile(r"(?:File|Directory|Path) '([^']*)' is a directory\."), r"“\1”是目录，这里需要文件。"),
    (re.compile(r"(?:File|Directory|Path) '([^']*)' is a file\."), r"“\1”是文件，这里需要目录。"),
    (re.compile(r"(-?\d+) is not in the range (.+)\."), r"\1 不在允许的范围 \2 内。"),
)


def translate(message: str) -> str:
    """A click error message in Chinese, as far as its wording is known (unknown parts are kept)."""
    for pattern, chinese in _ERRORS:
        message = pattern.sub(chinese, message, count=1)
    return message


def _marks(text: str) -> str:
    for pattern, chinese in _MARKS:
        text = pattern.sub(chinese, text)
    return re.sub(r"(\[默认：[^\]]*?); ", r"\1；", text)


def _metavars(term: str) -> str:
    """click's value placeholders (``--jobs INTEGER RANGE``) in Chinese; jixiao's own (``CODE``) are kept."""
    return _METAVARS.sub(lambda m: METAVARS[m.group(0)], term)


_NO_LINE_START = frozenset("）。，、；：？！”’』」】》")


def join_lines(paragraph: str) -> str:
    """A docstring paragraph's lines as one: no space where Chinese meets Chinese across a line break."""
    out = ""
    for line in (part.strip() for part in paragraph.splitlines()):
        if out and line:
            out += "" if width(out[-1]) == 2 or width(line[0]) == 2 else " "
        out += line
    return out


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Chinese characters and full-width punctuation take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, columns: int) -> Iterator[str]:
    """``text`` in lines of at most ``columns`` terminal columns (Chinese has no spaces to break at:
    break anywhere, but keep a run of Latin letters, digits and symbols whole where it fits)."""
    line, used = "", 0
    for token in re.findall(r"[!-~]+ ?|\s|.", text):
        size = width(token.rstrip())
        if used and used + size > columns:
            # a closing mark never starts a line: the character before it goes down with it
            carry = line[-1] if token in _NO_LINE_START and len(line) > 1 else ""
            yield line[:len(line) - len(carry)].rstrip()
            line, used = carry, width(carry)
            token = token.lstrip()
        line += token
        used += width(token)
    if line.strip():
        yield line.rstrip()


class HelpFormatter(click.HelpFormatter):
    """click's help layout with Chinese headings, usage line and marks, measured in terminal columns."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, chinese in _USAGE_WORDS:
            args = args.replace(english, chinese)
        super().write_usage(prog, args, "用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{HEADINGS.get(heading, heading)}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        columns = max(self.width - self.current_indent, 20)
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        for n, paragraph in enumerate(paragraphs):
            if n:
                self.write("\n")
            for line in wrap(join_lines(paragraph), columns):
                self.write(f"{indent}{line}\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        items = [(_metavars(term), _marks(text)) for term, text in rows]
        first = min(max((width(term) for term, _ in items), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        columns = max(self.width - first - self.current_indent, 10)
        for term, text in items:
            lines = list(wrap(" ".join(text.split()), columns))
            if width(term) <= first - col_spacing and lines:
                self.write(f"{indent}{term}{' ' * (first - width(term))}{lines.pop(0)}\n")
            else:  # a long term on its own line, its text below it
                self.write(f"{indent}{term}\n")
            for line in lines:
                self.write(f"{indent}{' ' * first}{line}\n")


class Context(click.Context):
    formatter_class = HelpFormatter


class Command(click.Command):
    """A jixiao subcommand: Chinese help option and layout."""

    context_class = Context

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option


class Group(click.Group):
    """The ``jixiao`` group: its subcommands are :class:`Command`; Chinese help option and layout."""

    context_class = Context
    command_class = Command

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option


def usage_error(error: click.ClickException) -> str:
    """The whole message for a usage error: the usage line, where to find help, and what is wrong."""
    message = translate(error.format_message())
    ctx: Any = getattr(error, "ctx", None)
    if ctx is None:
        return f"错误：{message}"
    return f"{ctx.get_usage()}\n请用“{ctx.command_path} -h”查看帮助。\n\n错误：{message}"
