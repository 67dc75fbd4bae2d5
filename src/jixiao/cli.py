"""The command line: the only place that prints and chooses exit codes.

Exit codes: 0 clean; 1 content errors (or warnings under ``--strict``); 2 usage errors or an
internal error (reported in one line with the path of the log that holds the details).
Commands import their heavy modules lazily so ``jixiao --help`` is instant.
"""

from __future__ import annotations

import json
import re
import signal
import sys
import tempfile
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

import click

from jixiao import clitext

if TYPE_CHECKING:
    from jixiao.cache.records import ReportResult
    from jixiao.check import Checked
    from jixiao.domain.issues import Finding
    from jixiao.domain.scorecard import Scorecard
    from jixiao.sitegen.manifest import ShardPart

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _shown(path: Path) -> str:
    """How a path is named in messages: relative to the working directory when it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return path.as_posix()


def _kept(findings: Iterable[Finding], ignore: tuple[str, ...]) -> list[Finding]:
    ignored = {code.upper() for code in ignore}
    return [f for f in findings if f.code not in ignored]


def _exit_code(findings: list[Finding], strict: bool) -> int:
    from jixiao.domain.issues import blocking

    return EXIT_CONTENT if blocking(findings, strict) else EXIT_OK


def _summary(findings: list[Finding]) -> str:
    errors = sum(f.severity.value == "error" for f in findings)
    warnings = sum(f.severity.value == "warning" for f in findings)
    return f"共 {errors} 个错误，{warnings} 个警告。"


def _result_line(card: ReportResult) -> str:
    """Computed total and grade beside the printed ones, for one report."""
    from jixiao.domain.scoring import show

    claimed_total = "未列" if card.claimed_total is None else show(card.claimed_total)
    claimed_grade = card.claimed_grade or "未列"
    computed = f"复核总分 {show(card.total)}（{card.grade}）" if card.grade else "不评等级（报告未列得分或权重不足总分）"
    return (f"== {card.file}：{card.department} {card.year} 年度 — {computed}"
            f"，报告所列 {claimed_total}（{claimed_grade}），评分规则 {card.policy}")


def _results(cards: Iterable[Scorecard]) -> tuple[ReportResult, ...]:
    from jixiao.cache.records import result_of

    return tuple(result_of(card) for card in cards)


def print_findings(findings: list[Finding], fmt: str, cards: Iterable[ReportResult] = ()) -> None:
    """Print findings; in text form each report's result line comes first, then that report's findings."""
    if fmt == "text":
        by_file: dict[str, list[tuple[int, Finding]]] = {}
        for i, f in enumerate(findings):
            by_file.setdefault(f.loc.file, []).append((i, f))
        placed = [(card, card.files) for card in cards]
        every: set[str] = set().union(*(files for _, files in placed))
        _print_lines([f for f in findings if f.loc.file not in every])
        for card, files in placed:  # a lookup per file, not a pass over every finding per report
            click.echo(printable(_result_line(card)))
            _print_lines([f for _, f in sorted(item for name in files for item in by_file.get(name, ()))])
        click.echo(_summary(findings))
        return
    if fmt == "json":
        from jixiao.checkjson import check_json

        click.echo(check_json(findings, cards))
        return
    for f in findings:
        level = {"error": "error", "warning": "warning"}.get(f.severity.value, "notice")
        text = f"[{f.code}] {f.message} — {f.hint}".replace("%", "%25").replace("\n", "%0A")
        click.echo(printable(f"::{level} file={f.loc.file},line={max(f.loc.line, 1)},col={max(f.loc.column, 1)},"
                             f"title={f.code}::{text}"))


def _print_lines(findings: list[Finding]) -> None:
    for f in findings:
        click.echo(printable(f.format()))


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` safe for a terminal: control characters that came from content (an ESC written as
    ``"\\e"`` in YAML could recolour or retitle the editor's terminal) are shown as ``\\xNN``."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class _Group(clitext.Group):
    """The ``jixiao`` group; run as a program, click's own usage errors are shown in Chinese."""

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.ClickException as error:
            click.echo(clitext.usage_error(error), err=True)
            sys.exit(error.exit_code)
        except click.exceptions.Abort:
            click.echo("已中止。", err=True)
            sys.exit(EXIT_CONTENT)
        sys.exit(code if isinstance(code, int) else EXIT_OK)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jixiao", message="jixiao %(version)s", help=clitext.VERSION_TEXT)
def cli() -> None:
    """jixiao（绩效）：把部门整体支出预算绩效自评报告发布为可检索、可下载的公开网站。"""


@cli.command()
@click.argument("content", default="content", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              help="输出格式：text（默认）、json、github（GitHub Actions 注释）")
@click.option("--strict", is_flag=True, help="有警告时也以退出码 1 结束")
@click.option("--ignore", multiple=True, metavar="CODE", help="忽略某个问题代码，可多次使用，如 --ignore JX-L006")
@click.option("--no-cache", "no_cache", is_flag=True,
              help="不读也不写缓存（默认把每个部门目录的检查结果按内容哈希记在 .jixiao-cache/，未改动的不再重新检查）")
@click.option("--jobs", type=click.IntRange(0, 256), default=0, show_default=True,
              help="需要重新检查的部门较多时使用的进程数（0 为全部可用的 CPU 核）")
def check(content: Path, fmt: str, strict: bool, ignore: tuple[str, ...], no_cache: bool, jobs: int) -> None:
    """检查 CONTENT 目录（默认 content）中的全部报告，列出所有问题。"""
    from jixiao.cache.run import check_cached, default_cache

    summary = check_cached(content, _shown(content), cache=None if no_cache else default_cache(content), jobs=jobs)
    findings = _kept(summary.findings, ignore)
    print_findings(findings, fmt, summary.reports)
    sys.exit(_exit_code(findings, strict))


@cli.command("new")
@click.argument("slug")
@click.argument("year", type=int)
@click.option("--content", "content", default="content", type=click.Path(path_type=Path), help="内容目录（默认 content）")
@click.option("--name", default="", help="新部门的全称（部门目录尚不存在时必填），如 大同市总工会")
@click.option("--project", default="", metavar="PROJECT", help="新建项目支出绩效自评表：项目的网址名，如 kunnan-zhigong-bangfu")
@click.option("--project-name", default="", help="项目名称（与 --project 同用），如 困难职工帮扶")
def new(slug: str, year: int, content: Path, name: str, project: str, project_name: str) -> None:
    """为部门 SLUG 新建 YEAR 年度报告：有上一年度报告时沿用其职责、组织架构、指标、权重和目标值。

    加 --project 时新建该年度的一张项目支出绩效自评表（content/SLUG/YEAR/projects/PROJECT.yaml）。
    """
    from jixiao.commands.new import NewReportError, plan_new_project, plan_new_report

    try:
        if project:
            plan = plan_new_project(content, slug, year, project, project_name, _shown(content))
        else:
            plan = plan_new_report(content, slug, year, name, _shown(content))
    except NewReportError as error:
        click.echo(f"无法新建：{error}", err=True)
        sys.exit(EXIT_USAGE)
    for path, text in plan.files:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as out:  # never overwrite
            out.write(text)
        click.echo(f"已生成 {_shown(path)}")
    click.echo(plan.note)


@cli.command("diff")
@click.argument("rev")
@click.argument("rev2", required=False)
@click.option("--content", "content", default="content", type=click.Path(path_type=Path), help="内容目录（默认 content）")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text",
              help="输出格式：text（默认）或 markdown（用于 $GITHUB_STEP_SUMMARY）")
def diff_command(rev: str, rev2: str | None, content: Path, fmt: str) -> None:
    """比较两个 git 版本（REV 与 REV2，REV2 缺省为当前工作区）的复核总分、复核等级和问题。"""
    from jixiao.commands import diff

    try:
        changes = diff.diff(content, rev, rev2, _shown(content))
    except diff.DiffError as error:
        click.echo(f"无法比较：{error}", err=True)
        sys.exit(EXIT_USAGE)
    base = f"{rev}…{rev2}" if rev2 else rev
    click.echo(diff.format_markdown(changes, base) if fmt == "markdown" else diff.format_text(changes), nl=False)


def _progress(paths: list[Path]) -> Iterator[Path]:
    """The paths, with a progress bar on stderr when there are several."""
    if len(paths) == 1:
        yield from paths
        return
    with click.progressbar(paths, label="导入中", file=sys.stderr,
                           item_show_func=lambda p: p.name if p else "") as bar:
        yield from bar


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--dept", metavar="SLUG", help="部门目录名（小写字母、数字和连字符），如 datong-zonggonghui")
@click.option("--year", type=click.IntRange(2000, 2099), help="年度；只能在导入单个文件时使用")
@click.option("--out", "out", default="content", show_default=True, type=click.Path(path_type=Path),
              help="写入的内容目录")
@click.option("--force", is_flag=True, help="覆盖已存在的 <年度>.yaml 和 <年度>.md")
def import_(files: tuple[Path, ...], dept: str | None, year: int | None, out: Path, force: bool) -> None:
    """把已有的报告（Word .docx、Excel .xlsx、带文字层的 PDF、网页 .html、文本 .txt）导入为 content/ 中的 YAML 与 Markdown。

    FILES 可以是文件或文件夹（导入其中全部上述文件）；文件格式按内容识别，不只看扩展名。导入后立即按 jixiao check 的规则检查写出的文件。
    退出码：0 全部内容都已归位；1 有未能归位的内容（写在 unplaced 中）或有错误；2 用法错误。
    """
    from jixiao.domain.names import is_slug
    from jixiao.importers import report
    from jixiao.importers.run import collect

    if dept is not None and not is_slug(dept):
        raise click.BadParameter("只能用小写英文字母、数字和连字符，如 datong-zonggonghui", param_hint="--dept")
    paths = collect(list(files))
    if not paths:
        raise click.UsageError("没有找到可导入的文件（.docx、.xlsx、.pdf、.html、.txt）")
    if year is not None and len(paths) > 1:
        raise click.UsageError("--year 只能在导入单个文件时使用")
    from jixiao.check import check as check_content
    from jixiao.importers.run import import_file

    shown_out = _shown(out)
    results = [import_file(p, _shown(p), out, dept=dept, year=year, force=force) for p in _progress(paths)]
    rows = report.checked(results, check_content(out, shown_out), shown_out)
    click.echo(report.format_report(rows))
    sys.exit(EXIT_OK if all(r.complete for r in rows) else EXIT_CONTENT)


def _blocked(checked_findings: list[Finding], strict: bool, results: tuple[ReportResult, ...]) -> bool:
    """Whether ``checked_findings`` (drafts' findings left out) stop the build; if so, print them."""
    from jixiao.domain.issues import blocking

    if blocking(checked_findings, strict):
        print_findings(checked_findings, "text", results)
        click.echo("内容有问题，未构建网站；上一次构建的网站保持不变。", err=True)
        return True
    return False


def _terminated(signum: int, frame: FrameType | None) -> None:
    """SIGTERM during a build: unwind (removing the half-built directory); site/ stays as it was."""
    raise SystemExit(128 + signum)


@cli.command()
@click.option("--content", "content", default="content", show_default=True,
              type=click.Path(path_type=Path), help="内容目录")
@click.option("--site-dir", "site_dir", default="site", show_default=True,
              type=click.Path(path_type=Path), help="网站输出目录")
@click.option("--config", "config_file", default="mkdocs.yml", show_default=True,
              type=click.Path(path_type=Path, exists=True, dir_okay=False), help="mkdocs 配置文件")
@click.option("--strict", is_flag=True, help="有警告（内容或 mkdocs）时也不构建，以退出码 1 结束")
@click.option("--no-wait", "no_wait", is_flag=True,
              help="同一网站目录正在由另一个 jixiao build 构建时不等待，直接以退出码 2 结束")
@click.option("--shard", "shard", default=None, metavar="NAME",
              help="只构建这一部分（site.yaml 的 shards；名称见 jixiao shards），输出供 jixiao assemble 合并")
def build(content: Path, site_dir: Path, config_file: Path, strict: bool, no_wait: bool, shard: str | None) -> None:
    """检查内容并构建网站到 SITE_DIR（先在临时目录中构建，成功后才替换原网站）。

    同一网站目录同时只构建一次：另一个 jixiao build 正在构建它时，先等那一次完成（--no-wait 则不等）。
    加 --shard NAME 时只构建这一部分的报告页、数据文件和搜索索引，并写出清单 jixiao-shard.json（见 docs/shards.md）。
    """
    from jixiao.sitegen.lock import SiteBusy, remove_stale_work, site_lock

    signal.signal(signal.SIGTERM, _terminated)
    shown_site = _shown(site_dir)

    def waiting(holder: str) -> None:
        who = f"（进程 {holder}）" if holder else ""
        click.echo(f"另一个 jixiao build{who}正在构建 {shown_site}，等它完成后再开始……", err=True)

    try:
        with site_lock(site_dir, wait=not no_wait, waiting=waiting):
            remove_stale_work(site_dir)
            if shard is None:
                _build(content, site_dir, config_file, strict)
            else:
                _build_shard(content, site_dir, config_file, strict, shard)
    except SiteBusy as busy:
        who = f"（进程 {busy.holder}）" if busy.holder else ""
        click.echo(f"另一个 jixiao build{who}正在构建 {shown_site}；本次未构建（去掉 --no-wait 可等它完成后再构建）。",
                   err=True)
        sys.exit(EXIT_USAGE)


def _build(content: Path, site_dir: Path, config_file: Path, strict: bool) -> None:
    """Check and build, holding the site's lock."""
    import time

    from jixiao import pipeline
    from jixiao.sitegen.errors import SiteBuildError

    started = time.perf_counter()
    # through the check cache; only folders the render cache cannot give are loaded (``pipeline.check_for_build``)
    # in a child process that generates the pages and exits before they are written and indexed, so the
    # reports' models are never in this process (``pipeline.check_apart``)
    planned = pipeline.check_apart(content, _shown(content))
    try:
        findings = list(planned.summary.findings)
        results = planned.summary.reports
        if _blocked(list(planned.gating), strict, results):
            sys.exit(EXIT_CONTENT)
        pages = sum(not r.draft and not r.key[2] for r in results)
        handed = [planned]
        try:
            reused = pipeline.build(handed.pop(), content, site_dir, config_file, strict=strict)
        except SiteBuildError as err:
            click.echo(f"{err}\n网站未更新；上一次构建的网站保持不变。", err=True)
            sys.exit(EXIT_CONTENT)
    finally:
        close = getattr(planned, "close", None)  # the child, if the build did not end it
        if close is not None:
            close()
    if findings:
        print_findings(findings, "text", results)
    kept = f"，{reused} 个页面与上一次构建相同、未重新生成" if reused else ""
    click.echo(f"已构建网站：{_shown(site_dir)}（{pages} 份报告，用时 {time.perf_counter() - started:.1f} 秒{kept}）")


def _build_shard(content: Path, site_dir: Path, config_file: Path, strict: bool, name: str) -> None:
    """One shard: check what it needs, build its pages, data files, search index and manifest."""
    import time

    from jixiao import pipeline
    from jixiao.sitegen.errors import SiteBuildError
    from jixiao.sitegen.shardbuild import ShardError

    started = time.perf_counter()
    try:
        checked, shard, part = pipeline.plan_shard(content, _shown(content), name)
    except ShardError as err:
        click.echo(str(err), err=True)
        sys.exit(EXIT_USAGE)
    if _blocked(list(checked.gating), strict, _results(checked.scorecards)):
        sys.exit(EXIT_CONTENT)
    findings, cards = _shard_findings(checked, part)
    results = _results(cards)
    del checked, cards  # only the shard's reports are rendered (``shard``)
    handed = [(shard, part)]
    # the build lets the reports' models go once the pages are made, the shard's facts once its manifest is written
    del shard, part
    try:
        built = pipeline.build_shard(*handed.pop(), content, site_dir, config_file, strict=strict)
    except SiteBuildError as err:
        click.echo(f"{err}\n该部分未更新；上一次构建的输出保持不变。", err=True)
        sys.exit(EXIT_CONTENT)
    if findings:
        print_findings(findings, "text", results)
    click.echo(f"已构建部分“{name}”：{_shown(site_dir)}（{built.reports} 份报告与项目表，"
               f"{built.files} 个文件，用时 {time.perf_counter() - started:.1f} 秒）")


def _shard_findings(checked: Checked, part: ShardPart) -> tuple[list[Finding], tuple[Scorecard, ...]]:
    """What ``jixiao build --shard`` prints after building, as ``jixiao build`` does for the whole site: the
    findings of the shard's reports (drafts included) with their result lines, and those about no report
    (``site.yaml``, ``department.yaml``). Another shard's reports (``by: year`` checks them all) are left out."""
    from jixiao.domain.shards import shard_of

    mine = [item for item in checked.reports if shard_of(item.report, part.rule) == part.name]
    kept = {f for item in mine for f in item.findings} | set(checked.other)
    return [f for f in checked.findings if f in kept], tuple(item.card for item in mine)


@cli.command()
@click.option("--content", "content", default="content", show_default=True,
              type=click.Path(path_type=Path), help="内容目录")
@click.option("--json", "as_json", is_flag=True, help="输出一行 JSON 数组（供 CI 的 matrix 读取）")
@click.option("--key", "key", default=None, metavar="NAME",
              help="输出这一部分的内容键（SHA-256）：键不变时该部分的输出不变，可沿用上次的构建产物")
def shards(content: Path, as_json: bool, key: str | None) -> None:
    """列出网站的各部分（site.yaml 的 shards），每行一个名称；供 jixiao build --shard 使用。

    没有 shards 设置时不列出任何名称（--json 输出 []），退出码 0：整站一次构建。
    """
    from jixiao.domain.shards import shard_names_of
    from jixiao.load.survey import survey

    surveyed = survey(content, _shown(content))
    if surveyed.findings:
        print_findings(list(surveyed.findings), "text")
        sys.exit(EXIT_CONTENT)
    rule = surveyed.site.shards
    if key is not None:
        from jixiao.sitegen.shardbuild import ShardError, shard_key

        try:
            click.echo(shard_key(content, _shown(content), key))
        except ShardError as err:
            click.echo(str(err), err=True)
            sys.exit(EXIT_USAGE)
        return
    if rule is None:
        click.echo("site.yaml 没有 shards 设置：整站一次构建（jixiao build）。", err=True)
        if as_json:
            click.echo("[]")
        return
    names = shard_names_of(rule, surveyed.departments)
    click.echo(json.dumps(list(names), ensure_ascii=False) if as_json else "\n".join(names))


@cli.command()
@click.argument("shard_dirs", nargs=-1, required=True, type=click.Path(path_type=Path, file_okay=False))
@click.option("--content", "content", default="content", show_default=True,
              type=click.Path(path_type=Path), help="内容目录（只读其中的 site.yaml）")
@click.option("--site-dir", "site_dir", default="site", show_default=True,
              type=click.Path(path_type=Path), help="网站输出目录")
@click.option("--config", "config_file", default="mkdocs.yml", show_default=True,
              type=click.Path(path_type=Path, exists=True, dir_okay=False), help="mkdocs 配置文件")
@click.option("--strict", is_flag=True, help="mkdocs 有警告时也不构建，以退出码 1 结束")
def assemble(shard_dirs: tuple[Path, ...], content: Path, site_dir: Path, config_file: Path, strict: bool) -> None:
    """把各部分的输出（jixiao build --shard 的 SHARD_DIRS）合成一个网站到 SITE_DIR：首页、年度、部门、
    报告一览、数据下载等全站页面由各部分的清单生成，开放数据合并，一个搜索框搜索所有部分。"""
    import time

    from jixiao import pipeline
    from jixiao.sitegen.assemble import AssembleError
    from jixiao.sitegen.errors import SiteBuildError
    from jixiao.sitegen.lock import SiteBusy, remove_stale_work, site_lock

    started = time.perf_counter()
    signal.signal(signal.SIGTERM, _terminated)
    try:
        with site_lock(site_dir, wait=True):
            remove_stale_work(site_dir)
            done = pipeline.assemble(list(shard_dirs), content, site_dir, config_file, strict=strict,
                                     shown=_shown(content))
    except AssembleError as err:
        click.echo(f"{err}\n未合成网站；上一次的网站保持不变。", err=True)
        sys.exit(EXIT_CONTENT)
    except SiteBuildError as err:
        click.echo(f"{err}\n未合成网站；上一次的网站保持不变。", err=True)
        sys.exit(EXIT_CONTENT)
    except SiteBusy:
        sys.exit(EXIT_USAGE)
    click.echo(f"已合成网站：{_shown(site_dir)}（{done.shards} 个部分，{done.reports} 份报告与项目表，"
               f"用时 {time.perf_counter() - started:.1f} 秒）")


@cli.command()
@click.option("--config", "config_file", default="mkdocs.yml", show_default=True,
              type=click.Path(path_type=Path, exists=True, dir_okay=False), help="mkdocs 配置文件")
@click.option("--addr", "dev_addr", default="127.0.0.1:8000", show_default=True, help="预览服务器地址")
def serve(config_file: Path, dev_addr: str) -> None:
    """在本机预览网站；修改 content/ 或 templates/ 后自动重新构建并刷新页面。

    内容有错误时，预览继续显示上一次检查通过的内容，并在每页顶部列出错误；改正并保存后自动更新。
    """
    import logging

    from jixiao.sitegen.errors import SiteBuildError
    from jixiao.sitegen.preview import PreviewError
    from jixiao.sitegen.preview import serve as preview

    def chinese_level(record: logging.LogRecord) -> bool:
        record.jx_level = {logging.WARNING: "警告：", logging.ERROR: "错误："}.get(record.levelno, "")
        return True

    handler = logging.StreamHandler()
    handler.addFilter(chinese_level)
    handler.setFormatter(logging.Formatter("%(asctime)s %(jx_level)s%(message)s", "%H:%M:%S"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    click.echo(f"预览地址：http://{dev_addr}/ （按 Ctrl+C 停止）")
    try:
        preview(config_file, dev_addr)
    except PreviewError as err:
        print_findings(list(err.findings), "text")
        click.echo(f"{err}：请改正上面的错误后再运行 jixiao serve。", err=True)
        sys.exit(EXIT_CONTENT)
    except SiteBuildError as err:
        click.echo(str(err), err=True)
        sys.exit(EXIT_USAGE)
    except OSError as err:
        click.echo(f"无法启动预览服务器（{dev_addr}）：{err.strerror or err}；可用 --addr 换一个端口", err=True)
        sys.exit(EXIT_USAGE)


@cli.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("schema"),
              show_default=True, help="写出 JSON Schema 的目录")
def schema(out: Path) -> None:
    """写出 site.yaml、department.yaml 和 <年度>.yaml 的 JSON Schema（供 VS Code 等编辑器补全与校验）。"""
    from jixiao.load.jsonschema import write_schemas

    for path in write_schemas(out):
        click.echo(f"已写出 {_shown(path)}")


@cli.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("docs"),
              show_default=True, help="文档目录")
@click.option("--check", "check_only", is_flag=True, help="只检查文档是否最新：过期时以退出码 1 结束，不写文件")
def docs(out: Path, check_only: bool) -> None:
    """重新生成 docs/error-codes.md、编辑指南中的字段说明和 docs/scoring.md 中的计分规则表。"""
    from jixiao.commands.docs import error_codes, update_guide, update_scoring

    guide, scoring = out / "editors-guide.md", out / "scoring.md"
    for needed in (guide, scoring):
        if not needed.is_file():
            click.echo(f"找不到文档 {_shown(needed)}", err=True)
            sys.exit(EXIT_USAGE)
    wanted = {out / "error-codes.md": error_codes(), guide: update_guide(guide.read_text(encoding="utf-8")),
              scoring: update_scoring(scoring.read_text(encoding="utf-8"))}
    stale = [p for p, text in wanted.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    for path in stale:
        if check_only:
            click.echo(f"{_shown(path)} 已过期，请运行 jixiao docs 重新生成")
        else:
            path.write_text(wanted[path], encoding="utf-8")
            click.echo(f"已更新 {_shown(path)}")
    sys.exit(EXIT_CONTENT if stale and check_only else EXIT_OK)


def _unraisable(info: sys.UnraisableHookArgs) -> None:
    """An exception Python cannot raise (e.g. in a finaliser after a failed disk write): logged, not shown."""
    try:
        with tempfile.NamedTemporaryFile("w", prefix="jixiao-ignored-", suffix=".log", delete=False) as log:
            log.write(f"{info.err_msg or 'Exception ignored in'}: {info.object!r}\n")
            traceback.print_exception(info.exc_type, info.exc_value, info.exc_traceback, file=log)
    except OSError:
        pass  # the disk is what failed: nothing more can be recorded


def main() -> None:
    """Entry point: run the CLI; an unexpected error becomes one line and exit code 2."""
    sys.unraisablehook = _unraisable
    try:
        cli.main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception:  # an internal error: never a traceback on the editor's screen
        with tempfile.NamedTemporaryFile("w", prefix="jixiao-error-", suffix=".log", delete=False) as log:
            traceback.print_exc(file=log)
        click.echo(f"jixiao 内部错误（这是程序缺陷，不是内容问题），详情已写入 {log.name}，请报告给维护者。", err=True)
        sys.exit(EXIT_USAGE)
