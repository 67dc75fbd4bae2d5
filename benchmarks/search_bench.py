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

from benchmarks.browser import Measurement, first_result
from benchmarks.corpus import generate

ROOT = Path(__file__).resolve().parent.parent
QUERY = "困难职工"
SECTION = "## 搜索"
ENGINES = ("pagefind", "material")  # Pagefind first: its build also warms the imports both share


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


def write_section(path: Path, body: str) -> None:
    """Replace (or append) the ``## 搜索`` section of ``path``, leaving other sections alone."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# 性能\n"
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == SECTION), None)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3, help="browser runs per engine and size")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    parser.add_argument("--json", type=Path,
                        help="keep the raw measurements here; rows already in it are not measured again")
    args = parser.parse_args(argv)
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
