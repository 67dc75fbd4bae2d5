"""``jixiao -h`` and every subcommand's help, and click's own usage errors, read in Chinese.

click writes some words itself (``Usage:``, ``Options:``, ``Show this message and exit.``,
``[default: …]``, ``Error: No such option``); jixiao.clitext puts them in Chinese and measures lines in
terminal columns (a Chinese character takes two), so help stays within 80 columns.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from jixiao.cli import cli
from jixiao.clitext import translate, width

ENGLISH = ("Usage", "Options", "Commands", "Show this message", "Show the version", "[default", "[required]",
           "INTEGER", "TEXT", "PATH")


@pytest.mark.parametrize("command", ["", *sorted(cli.commands)])
def test_help_is_chinese_and_fits_80_columns(command: str) -> None:
    result = CliRunner().invoke(cli, [*command.split(), "-h"], prog_name="jixiao", terminal_width=80)
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith(f"用法：jixiao {command}".rstrip()) and "\n选项：\n" in text
    assert "-h, --help" in text and "显示本帮助并退出" in text
    assert not [word for word in ENGLISH if word in text], text
    assert max(width(line) for line in text.splitlines()) <= 80


def test_group_help_lists_the_commands_under_a_chinese_heading() -> None:
    text = CliRunner().invoke(cli, ["--help"], prog_name="jixiao", terminal_width=80).output
    assert "\n命令：\n" in text and "显示版本号并退出" in text
    assert "用法：jixiao [选项] 命令 [参数]..." in text


@pytest.mark.parametrize(("args", "said"), [
    (["check", "--bogus"], "错误：没有选项 --bogus。"),
    (["check", "--format", "xml"], "错误：--format 的值无效：“xml”不是可选的值"),
    (["check", "--jobs", "x"], "错误：--jobs 的值无效：“x”不是整数。"),
    (["bogus"], "错误：没有命令 bogus。"),
    (["check", "a", "b"], "错误：多出了参数：b"),
])
def test_usage_errors_are_chinese_with_the_usage_line_and_where_help_is(args: list[str], said: str) -> None:
    result = CliRunner().invoke(cli, args, prog_name="jixiao")
    assert result.exit_code == 2
    assert said in result.output, result.output
    assert result.output.startswith("用法：jixiao") and "查看帮助" in result.output
    assert "Error" not in result.output and "Try " not in result.output


def test_unknown_wording_is_kept_rather_than_lost() -> None:
    assert translate("Something click says one day.") == "Something click says one day."
