"""``jixiao build`` at city scale: the whole build's peak memory, its ratio to plain mkdocs-material, a rebuild.

Owns the build benchmark of issue 15. For each N it generates N synthetic reports (``benchmarks.corpus``)
and runs, one after the other (never two at once), each as a child process sampled by
``benchmarks.memory`` (the peak of the whole process tree: Python *and* the Pagefind binary it starts):

1. ``jixiao build`` into an empty site directory (check, render, mkdocs, Pagefind index): cold;
2. the same pages, rendered once by ``render.site.site_files`` into a plain mkdocs-material project
   (same theme settings and short navigation, no jixiao plugin, no search; ``benchmarks.stages``), built
   with ``mkdocs build``: the baseline of the ratio "build incl. search ÷ plain mkdocs-material";
3. one narrative file edited (a sentence appended), ``jixiao build`` again: the rebuild after one edit.

Prints a Markdown table with the load average before and after each run and writes
``benchmarks/out/build-<N>-<time>.json``.

    python -m benchmarks.build_bench --reports 1000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.corpus import generate
from benchmarks.memory import run_sampled

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"


def _load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
            "SOURCE_DATE_EPOCH": "1700000000"}


def _run(name: str, cmd: list[str], base: Path) -> dict[str, Any]:
    print(f"  {name} …", file=sys.stderr, flush=True)
    before = _load()
    figures = run_sampled(cmd, base / f"{name}.log", env=_env(), cwd=ROOT)
    figures.update(name=name, load_before=before, load_after=_load())
    print(f"  {name}: {figures['seconds']:.1f} s, CPU {figures['cpu_seconds']:.1f} s, "
          f"peak {figures['peak_tree_mb']:.0f} MB {figures['peak_by_program_mb']}", file=sys.stderr, flush=True)
    return figures


def plain(content: Path, work: Path) -> None:
    """Render ``content``'s pages (as the plugin does) into a plain mkdocs-material project in ``work``."""
    from benchmarks.stages import CONFIG, plain_project
    from jixiao.check import check
    from jixiao.render.site import RenderSettings, site_files

    files = site_files(check(content, "content"), RenderSettings((CONFIG.parent / "templates",)))
    plain_project(files, work)


def config(part_pages: int, work: Path, department_pages: int = 0) -> Path:
    """The project's ``mkdocs.yml`` (absolute paths); with ``part_pages``, the index made in parts of that many;
    with ``department_pages``, in parts of about that many by department (``search_department_part_pages``)."""
    if not part_pages and not department_pages:
        return ROOT / "mkdocs.yml"
    import yaml

    raw = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    raw["docs_dir"] = str(ROOT / raw["docs_dir"])
    raw["theme"]["custom_dir"] = str(ROOT / raw["theme"]["custom_dir"])
    for plugin in raw["plugins"]:
        if isinstance(plugin, dict) and "jixiao" in plugin:
            plugin["jixiao"]["templates"] = [str(ROOT / t) for t in plugin["jixiao"].get("templates", ["templates"])]
            if part_pages:
                plugin["jixiao"]["search_part_pages"] = part_pages
            if department_pages:
                plugin["jixiao"]["search_department_part_pages"] = department_pages
    path = work / f"mkdocs-parts-{part_pages}-{department_pages}.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def measure(n: int, seed: int, work: Path, part_pages: int = 0, plain_too: bool = True,
            department_pages: int = 0) -> dict[str, Any]:
    base = work / f"build-{n}"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    content = base / "content"
    start = time.perf_counter()
    generate(content, n, seed=seed)
    print(f"[N={n}] generated in {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    py = sys.executable
    build = [py, "-m", "jixiao", "build", "--content", str(content), "--site-dir", str(base / "site"),
             "--config", str(config(part_pages, base, department_pages))]
    result: dict[str, Any] = {"reports": n, "part_pages": part_pages, "department_part_pages": department_pages,
                              "content_bytes": sum(p.stat().st_size for p in content.rglob("*"))}
    result["cold"] = _run("build-cold", build, base)
    result["site_bytes"] = sum(p.stat().st_size for p in (base / "site").rglob("*") if p.is_file())
    result["index_bytes"] = sum(p.stat().st_size for p in (base / "site" / "pagefind").rglob("*") if p.is_file())
    if not plain_too:
        return result
    _run("render-plain", [py, "-c", "import sys, pathlib; from benchmarks.build_bench import plain; "
                                    "plain(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]))",
                          str(content), str(base)], base)
    result["plain"] = _run("plain-mkdocs", [py, "-m", "mkdocs", "build", "-q", "-f", str(base / "plain" / "mkdocs.yml")],
                           base)
    narrative = sorted(content.glob("*/2022.md"))[len(list(content.glob("*/2022.md"))) // 2]
    with narrative.open("a", encoding="utf-8") as out:
        out.write("\n本段为基准测试追加的一句话。\n")
    result["edited"] = narrative.relative_to(content).as_posix()
    result["rebuild"] = _run("build-after-edit", build, base)
    return result


def _ratio(a: dict[str, Any], b: dict[str, Any]) -> str:
    return f"{a['seconds'] / b['seconds']:.2f} ({a['cpu_seconds'] / b['cpu_seconds']:.2f})"


def table(results: list[dict[str, Any]]) -> str:
    """Seconds as ``wall (CPU)``; ratios by wall time and, in brackets, by CPU time."""
    lines = ["| N | jixiao build s | peak MB (whole tree; python / pagefind) | plain mkdocs-material s | "
             "build ÷ plain | rebuild after one edit s | rebuild ÷ build | load before → after |",
             "|---|---|---|---|---|---|---|---|"]
    for r in results:
        if "plain" not in r:
            programs = r["cold"]["peak_by_program_mb"]
            parts = r["part_pages"] or "auto"
            lines.append(f"| {r['reports']:,} (index parts of {parts}) | {r['cold']['seconds']:.1f} "
                         f"({r['cold']['cpu_seconds']:.1f}) | {r['cold']['peak_tree_mb']:.0f} "
                         f"({programs.get('python', 0):.0f} / {programs.get('pagefind_extend', 0):.0f}) | "
                         f"— | — | — | — | {r['cold']['load_before']} → {r['cold']['load_after']} |")
            continue
        cold, base, again = r["cold"], r["plain"], r["rebuild"]
        programs = cold["peak_by_program_mb"]
        lines.append(
            f"| {r['reports']:,} | {cold['seconds']:.1f} ({cold['cpu_seconds']:.1f}) | {cold['peak_tree_mb']:.0f} "
            f"({programs.get('python', programs.get('python3', 0)):.0f} / {programs.get('pagefind_extend', 0):.0f}) | "
            f"{base['seconds']:.1f} ({base['cpu_seconds']:.1f}) | {_ratio(cold, base)} | "
            f"{again['seconds']:.1f} ({again['cpu_seconds']:.1f}) | {_ratio(again, cold)} | "
            f"{cold['load_before']} → {again['load_after']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", default="1000", help="comma-separated report counts, e.g. 1000,5000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=OUT / "work")
    parser.add_argument("--part-pages", type=int, default=0,
                        help="index in parts of this many report pages (search_part_pages); 0: as mkdocs.yml says "
                             "(unset: parts of at most 1,000)")
    parser.add_argument("--department-part-pages", type=int, default=0,
                        help="index in parts of about this many report pages by department "
                             "(search_department_part_pages; a rebuild indexes the edited report's part only)")
    parser.add_argument("--build-only", action="store_true", help="only the cold build (its peak memory)")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    results = [measure(int(n), args.seed, args.work, args.part_pages, not args.build_only, args.department_part_pages)
               for n in args.reports.split(",") if n.strip()]
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    path = OUT / f"build-{args.reports.replace(',', '-')}-{stamp}.json"
    meta = {"python": platform.python_version(), "cpus": os.cpu_count(), "time": stamp}
    path.write_text(json.dumps({"meta": meta, "results": results}, ensure_ascii=False, indent=1), encoding="utf-8")
    print(table(results))
    print(f"results: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
