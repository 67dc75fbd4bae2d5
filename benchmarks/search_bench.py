"""Search engines compared on the synthetic corpus: mkdocs-material's built-in search vs Pagefind.

For each corpus size, generates the synthetic corpus (``benchmarks/corpus.py``), builds the site
twice with the project's own renderer — once as shipped (Pagefind box, Pagefind index as the
post-build step) and once with mkdocs-material's ``search`` plugin instead (which segments Chinese
with jieba, installed) — and measures, in headless Chromium with a cold cache and a local server
under a sub-path: time from typing the query to the first result, bytes downloaded before it, and
the tab's memory. Build time added is the index step's time (Pagefind) and the difference between
the two mkdocs builds (built-in search). Writes the table into ``docs/performance.md`` under
``## 搜索`` (other sections of that file are left alone).

    PYTHONPATH=src python -m benchmarks.search_bench                  # 100, 1000, 5000 reports
    PYTHONPATH=src python -m benchmarks.search_bench --sizes 100 --no-write

With ``--queries`` it measures instead the 20 typical queries of :data:`QUERIES` (department names
whole and in part, indicator names, numbers, phrases, grades) on one site of ``--sizes`` reports
(built, or ``--site`` an existing one; ``--baseline`` a second built site, e.g. from the previous
commit, measured in the same run): per query the bytes fetched after the page had loaded, until the
results settled, and the time to the first result (``benchmarks.browser.query_costs``). Writes
``## 搜索：典型查询`` in ``docs/performance.md``.

    nice -n 10 env PYTHONPATH=src python -m benchmarks.search_bench --queries --sizes 1000
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from benchmarks.browser import Measurement, QueryCost, first_result, query_costs
from benchmarks.corpus import generate

ROOT = Path(__file__).resolve().parent.parent
QUERY = "困难职工"
SECTION = "## 搜索"
ENGINES = ("pagefind", "material")  # Pagefind first: its build also warms the imports both share
QUERIES_SECTION = "## 搜索：典型查询"
#: Typical queries on the synthetic corpus (seed 1, 1,000 reports): (query, what it stands for).
QUERIES: tuple[tuple[str, str], ...] = (
    ("保德县司法局", "部门全称"), ("河津市教育局", "部门全称"), ("晋中市人力资源和社会保障局", "部门全称（长）"),
    ("教育局", "部门名称的一部分"), ("司法局", "部门名称的一部分"), ("保德县", "地名"),
    ("困难职工", "词语"), ("满意度", "指标名称的一部分"), ("社会公众满意度", "指标名称"),
    ("预算执行率", "指标名称"), ("政府采购规范性", "指标名称"), ("绩效管理制度健全性", "指标名称"),
    ("职业技能培训", "任务"), ("95.93", "数字（总分）"), ("2926.25", "数字（金额）"), ("1136", "数字（目标值）"),
    ("着力提升资金使用效益", "短语"), ('"资金使用效益"', "带引号的短语"), ("优秀", "等级"), ("良好", "等级"),
)


@dataclass(frozen=True, slots=True)
class Row:
    """One engine at one corpus size."""

    engine: str
    reports: int
    build_seconds: float  # the whole site build (mkdocs + index step)
    added_seconds: float  # what search adds to the build
    index_bytes: int  # the index on disk (Material: search_index.json; Pagefind: pagefind/)
    index_gzip_bytes: int  # Material's index gzipped (what a compressing server would send)
    runs: tuple[Measurement, ...]

    def median(self, name: str) -> float:
        return statistics.median(float(getattr(m, name)) for m in self.runs)


def _absolute(config: dict[str, object], base: Path) -> None:
    config["docs_dir"] = str(base / str(config.get("docs_dir", "docs")))
    theme = config["theme"]
    assert isinstance(theme, dict)
    if "custom_dir" in theme:
        theme["custom_dir"] = str(base / theme["custom_dir"])


def variant_config(engine: str, work: Path) -> Path:
    """The project's ``mkdocs.yml`` with absolute paths, its plugins set for ``engine``.

    The jixiao plugin's own index step is switched off (``search_index: false``): :func:`build` runs
    it separately for ``pagefind`` to time it; ``none`` is the build without any search.
    """
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    _absolute(config, ROOT)
    plugins = []
    for plugin in config.get("plugins", []):
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name in ("search", "material/search"):
            continue
        if name == "jixiao":
            options = dict(plugin["jixiao"]) if isinstance(plugin, dict) else {}
            options["templates"] = [str(ROOT / t) for t in options.get("templates", ["templates"])]
            options["search_index"] = False
            plugin = {"jixiao": options}
        plugins.append(plugin)
    if engine == "material":
        plugins.insert(0, {"search": {"lang": "zh"}})
    config["plugins"] = plugins
    path = work / f"mkdocs-{engine}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build(engine: str, content: Path, work: Path) -> tuple[Path, float, float]:
    """Build ``content`` for ``engine`` into ``work/site-<engine>``: (site, total s, index-step s)."""
    from jixiao.check import check
    from jixiao.sitegen import search
    from jixiao.sitegen.build import build_site

    site = work / f"site-{engine}"
    started = time.perf_counter()
    checked = check(content)
    build_site(checked, variant_config(engine, work), site, content)
    index_seconds = 0.0
    if engine == "pagefind":
        index_started = time.perf_counter()
        search.index(site)
        index_seconds = time.perf_counter() - index_started
    return site, time.perf_counter() - started, index_seconds


def measure_size(reports: int, runs: int, work: Path, done: set[tuple[str, int]],
                 engines: tuple[str, ...] = ENGINES) -> Iterator[Row]:
    """Build and measure each engine not in ``done`` at ``reports`` reports; yields each row when ready."""
    content = work / "content"
    generate(content, reports)
    pf_mkdocs = 0.0  # the mkdocs part of the Pagefind build: the baseline for the theme's search
    for engine in engines:
        if (engine, reports) in done and engine != "pagefind":
            continue
        site, total, index_s = build(engine, content, work)
        if engine == "pagefind":
            pf_mkdocs = total - index_s
            if (engine, reports) in done:
                continue
        measured = []
        for run in range(runs if engine == "pagefind" or reports <= 1000 else 1):
            m = first_result(site, "", QUERY, timeout=1800)
            measured.append(m)
            print(f"{reports} {engine} run {run + 1}: {json.dumps(asdict(m))}", flush=True)
        if engine == "material":
            raw = (site / "search" / "search_index.json").read_bytes()
            yield Row(engine, reports, total, max(total - pf_mkdocs, 0.0), len(raw),
                      len(gzip.compress(raw, 6)), tuple(measured))
        else:
            yield Row(engine, reports, total, index_s, _dir_bytes(site / "pagefind"), 0, tuple(measured))
        shutil.rmtree(site)


def load_rows(path: Path) -> list[Row]:
    """Rows saved by an earlier run (``--json``), to resume or extend it."""
    rows = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        item["runs"] = tuple(Measurement(**m) for m in item["runs"])
        rows.append(Row(**item))
    return rows


def _mb(n: float) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e6 else f"{n / 1e3:.0f} KB"


def table(rows: list[Row]) -> str:
    names = {"material": "mkdocs-material 内置搜索 + jieba", "pagefind": "Pagefind 1.5（本项目采用）"}
    lines = [
        "| 报告数 | 搜索引擎 | 构建增加的时间 | 索引大小 | 首个结果前下载（搜索部分 / 整页合计） | 首个结果用时 | 标签页内存峰值（PSS） | JS 堆（主线程） | 次数 |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in sorted(rows, key=lambda r: (r.reports, r.engine)):
        size = _mb(r.index_bytes) + (f"（gzip {_mb(r.index_gzip_bytes)}）" if r.index_gzip_bytes else "")
        lines.append(
            f"| {r.reports:,} | {names[r.engine]} | {r.added_seconds:.1f} s | {size} | "
            f"{_mb(r.median('search_bytes'))} / {_mb(r.median('bytes_before_result'))} | "
            f"{r.median('seconds'):.2f} s | {_mb(r.median('peak_rss'))} | {_mb(r.median('js_heap'))} | "
            f"{len(r.runs)} |")
    return "\n".join(lines)


def write_section(path: Path, body: str, heading: str = SECTION) -> None:
    """Replace (or append) the ``heading`` section of ``path``, leaving other sections alone."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# 性能\n"
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == heading), None)
    if start is None:
        new = text.rstrip("\n") + "\n\n" + body.rstrip("\n") + "\n"
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        new = "\n".join([*lines[:start], *body.rstrip("\n").splitlines(), "", *lines[end:]]).rstrip("\n") + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new, encoding="utf-8")


def section(rows: list[Row], command: str, load: str) -> str:
    return "\n".join([
        SECTION,
        "",
        f"由 `{command}` 生成（`benchmarks/search_bench.py`）。合成语料见 `benchmarks/corpus.py`；"
        f"查询词 {QUERY}；无头 Chromium，冷缓存，本机 HTTP 服务器（不压缩），网站位于子路径 `/sub/` 下。"
        "“首个结果用时”从查询词进入搜索框（如输入法一次提交整个词）开始，到第一条结果出现为止；“下载”按服务器实际发送的字节计，"
        "包括 Web Worker 的请求，“搜索部分”是索引、搜索引擎脚本与搜索框资源，“整页合计”另含页面本身；"
        "内存为该标签页渲染进程的 PSS 峰值（含 Worker）与主线程 JS 堆（CDP Performance.getMetrics）。"
        f"表中为多次测量的中位数。测量时机器（2 核）的平均负载：{load}（其他任务同时运行，"
        "时间会偏长，字节数不受影响）。",
        "",
        table(rows),
        "",
    ])


#: What the query table shows and why, written under it (the figures themselves are in the table).
QUERY_NOTES = """\
- **怎样做到的。** ① 结果片段（每份报告约 7 KB 的结果数据）只在它的位置滚动到视野内时才下载
  （IntersectionObserver），首屏约 3 个，而不是一次 10 个；② 网站有 400 个以上页面时，Pagefind 的索引块改小
  （`PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE=2000`，`sitegen/search.py`）：浏览器把中文查询切成几个词
  （如 保德县司法局 → 保|德|县|司法|局），每个词要下载一个索引块，原来每块 25–70 KB，现在中位数约 4 KB；
  代价是每次搜索都要下载的元数据多约 6 KB；③ 查询是某个部门的名称或名称的一部分（教育局）时，这些部门的报告
  排在最前（部门筛选加同一查询，不多下载索引块），全称在前，同一部门新年度在前；④ 排在最前的结果（这些部门的报告、
  含完整短语的页面）一算出就显示，第一条立即载入；代价大的普通查询（约 1,000 个候选页面时 WebAssembly 要算
  0.2–0.4 秒）在第一条结果显示之后才运行，只补充还没列出的页面，最后显示“找到 N 份报告”；顺序与全部算完再显示相同。
- **固定部分。** 每个查询都要下载 Pagefind 的脚本（46 KB）、WebAssembly 引擎（68 KB）和索引元数据（约 19 KB），
  约 133 KB；两个字以上的中文查询还要下载部门名单（`explorer/department-names.json`，1,000 份报告时 9 KB，
  用来把查询点名的部门排在最前）。筛选项（Pagefind 的 filters，每个索引包都有一套）只在读者把指针移到、聚焦或
  触碰筛选栏时才下载，所以分片合并的大网站不会每次查询都下载每个包的筛选项。本机服务器不压缩，GitHub Pages
  等服务器会对脚本和名单做 gzip 压缩，实际更少。
- **用时。** 测量时机器上同时运行着其他开发任务（见上文的平均负载），绝对时间偏长、波动大；字节数不受影响。
  在空闲机器上重新运行上面的命令可得到干净的用时。
- **已知限制。** Pagefind 在浏览器中用 ICU 分词，建索引时用 jieba 分词，两者切法不同时（如 着力提升资金使用效益），
  精确短语查询在大网站上找不到结果，搜索框会退回普通查询（结果按相关度排序，完整短语仍会高亮）。
"""


def _kb(n: float) -> str:
    return f"{n / 1000:.0f} KB"


def query_table(now: list[QueryCost], before: list[QueryCost] | None) -> str:
    """One row per query (bytes after page load, seconds to the first result), then the maxima."""
    kinds = dict(QUERIES)
    head = "| 查询 | 类型 | 结果数 | 加载结果片段 | 页面加载后下载 | 首个结果用时 |"
    rule = "|---|---|---:|---:|---:|---:|"
    if before:
        head = "| 查询 | 类型 | 结果数 | 加载结果片段（之前 → 现在） | 页面加载后下载（之前 → 现在） | 首个结果用时（之前 → 现在） |"
    lines = [head, rule]
    pairs = list(zip(before, now, strict=True)) if before else [(None, c) for c in now]
    for old, c in pairs:
        if old is None:
            lines.append(f"| {c.query} | {kinds.get(c.query, '')} | {c.results} | {c.fragments} | "
                         f"{_kb(c.bytes_after_load)} | {c.seconds:.2f} s |")
        else:
            lines.append(f"| {c.query} | {kinds.get(c.query, '')} | {c.results} | {old.fragments} → {c.fragments} | "
                         f"{_kb(old.bytes_after_load)} → **{_kb(c.bytes_after_load)}** | "
                         f"{old.seconds:.2f} → **{c.seconds:.2f} s** |")
    if before:  # how the ranking compares: the first ten results' pages
        lines[0] += " 前 10 条：相同页面 / 相同位置 |"
        lines[1] += "---:|"
        for at, (old, c) in enumerate(pairs, start=2):
            assert old is not None
            same = len(set(old.top) & set(c.top))
            placed = sum(1 for a, b in zip(old.top, c.top, strict=False) if a == b)
            lines[at] += f" {same} / {placed}（共 {len(old.top)}） |"
    top_bytes = max(c.bytes_after_load for c in now)
    top_seconds = max(c.seconds for c in now)
    if before:
        lines.append(f"| **最大值** | | | | {_kb(max(c.bytes_after_load for c in before))} → **{_kb(top_bytes)}** | "
                     f"{max(c.seconds for c in before):.2f} → **{top_seconds:.2f} s** |")
    else:
        lines.append(f"| **最大值** | | | | **{_kb(top_bytes)}** | **{top_seconds:.2f} s** |")
    return "\n".join(lines)


def measure_queries(site: Path, runs: int) -> list[QueryCost]:
    """Each query ``runs`` times (cold cache each time); per query the run with the median time."""
    queries = [q for q, _ in QUERIES]
    rounds = [query_costs(site, "", queries) for _ in range(runs)]
    chosen = []
    for i in range(len(queries)):
        tries = sorted((r[i] for r in rounds), key=lambda c: c.seconds)
        chosen.append(tries[len(tries) // 2])
    return chosen


def queries_main(args: argparse.Namespace) -> int:
    size = args.sizes[0]
    with tempfile.TemporaryDirectory(prefix=f"jx-search-queries-{size}-") as tmp:
        site = args.site
        if site is None:
            content = Path(tmp) / "content"
            generate(content, size)
            site, _, _ = build("pagefind", content, Path(tmp))
        before = measure_queries(args.baseline, args.runs) if args.baseline else None
        now = measure_queries(site, args.runs)
    body = query_table(now, before)
    print(body, flush=True)
    if args.json:
        args.json.write_text(json.dumps({"now": [asdict(c) for c in now],
                                         "before": [asdict(c) for c in before] if before else None},
                                        ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.no_write:
        load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
        command = f"PYTHONPATH=src python -m benchmarks.search_bench --queries --sizes {size} --runs {args.runs}"
        command += " --site SITE" if args.site else ""
        command += " --baseline SITE" if args.baseline else ""
        text = "\n".join([
            QUERIES_SECTION, "",
            f"由 `{command}` 生成（`benchmarks/search_bench.py`，在 `nice -n 10` 下运行）。合成语料 {size:,} 份报告"
            "（种子 1）；每个查询都在新清空缓存的无头 Chromium（1366×900）中进行：先打开首页并等它加载完毕，"
            "再把查询词一次输入搜索框（如输入法提交），“页面加载后下载”是此后服务器发出的全部字节"
            "（Pagefind 脚本与 WebAssembly 引擎、索引元数据、查询用到的索引块、筛选项、结果片段），"
            "直到结果不再变化（0.8 秒内没有新的请求）；本机 HTTP 服务器不压缩，网站位于子路径 `/sub/` 下。"
            "“首个结果用时”从输入到第一条结果出现。"
            + (f"每个查询测 {args.runs} 次，取用时居中的一次。" if args.runs > 1 else "")
            + f"测量时机器（2 核）的平均负载：{load}（其他任务同时运行，时间会偏长，字节数不受影响）。"
            + ("“之前”是同一次运行中对上一版本构建的同一语料网站的测量。" if before else "")
            + ("“结果数”是现在的结果数。" if before else ""),
            "", body, "", QUERY_NOTES])
        write_section(args.out, text, QUERIES_SECTION)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3, help="browser runs per engine and size")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    parser.add_argument("--json", type=Path,
                        help="keep the raw measurements here; rows already in it are not measured again")
    parser.add_argument("--queries", action="store_true", help="measure the 20 typical queries instead")
    parser.add_argument("--site", type=Path, help="with --queries: an already built site to measure")
    parser.add_argument("--baseline", type=Path, help="with --queries: a second built site to compare with")
    args = parser.parse_args(argv)
    if args.queries:
        return queries_main(args)
    rows: list[Row] = load_rows(args.json) if args.json and args.json.exists() else []
    rows = [r for r in rows if r.reports in args.sizes]
    with tempfile.TemporaryDirectory(prefix="jx-search-warm-") as tmp:
        # load mkdocs, the theme and the templates once, so the first size is not charged for them;
        # jieba's dictionary is not warmed: every build with the theme's search loads it anew
        generate(Path(tmp) / "content", 3)
        build("pagefind", Path(tmp) / "content", Path(tmp))
    command = "PYTHONPATH=src python -m benchmarks.search_bench --sizes " + " ".join(map(str, args.sizes))
    for size in args.sizes:
        done = {(r.engine, r.reports) for r in rows}
        engines = tuple(e for e in ENGINES if e in args.engines)
        if all((engine, size) in done for engine in engines):
            continue
        with tempfile.TemporaryDirectory(prefix=f"jx-search-{size}-") as tmp:
            for row in measure_size(size, args.runs, Path(tmp), done, engines):
                rows.append(row)
                print(table(rows), flush=True)
                if args.json:
                    args.json.write_text(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))
                if not args.no_write:
                    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
                    write_section(args.out, section(rows, command, load))
    return 0


if __name__ == "__main__":
    sys.exit(main())
