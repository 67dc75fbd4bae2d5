"""One benchmark run of jixiao's own stages on one content tree, in its own process.

Owns the timing of each stage, in order, in one process: load + check + score (``jixiao.check.check``),
render (``render.site.site_files``), the mkdocs build through the jixiao plugin (which renders again
inside mkdocs), and the search index (the plugin's ``on_post_build``, timed here on its own). It also writes the rendered pages into a
plain mkdocs-material project (same theme settings and short nav, no jixiao plugin) for the baseline
that ``benchmarks.run`` builds next. Results go to a JSON file; stages that are not on this branch
yet are recorded as skipped with the reason.

    python -m benchmarks.stages --content DIR --work DIR --json FILE
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from benchmarks.proc import child

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"


def peak_mb(who: int) -> float:
    """Peak resident set size in MB (Linux reports ru_maxrss in KB)."""
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def tree_size(path: Path, exclude: str = "") -> int:
    return sum(p.stat().st_size for p in path.rglob("*")
               if p.is_file() and not (exclude and exclude in p.relative_to(path).parts))


class Timer:
    def __init__(self) -> None:
        self.stages: dict[str, Any] = {}

    def run(self, name: str, fn: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        cpu = time.process_time()
        value = fn()
        self.stages[name] = {"seconds": round(time.perf_counter() - start, 3),
                             "cpu_seconds": round(time.process_time() - cpu, 3)}
        return value

    def skip(self, name: str, why: str) -> None:
        self.stages[name] = {"skipped": why}


def plain_project(files: list[Any], work: Path) -> Path:
    """Write the rendered pages into ``work/plain/docs`` with a mkdocs.yml minus the jixiao plugin."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    docs = work / "plain" / "docs"
    shutil.rmtree(work / "plain", ignore_errors=True)
    own_docs = (CONFIG.parent / config.get("docs_dir", "docs")).resolve()
    if own_docs.is_dir():
        shutil.copytree(own_docs, docs)
    docs.mkdir(parents=True, exist_ok=True)
    for item in files:
        target = docs / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(item.content, bytes):
            target.write_bytes(item.content)
        else:
            target.write_text(item.content, encoding="utf-8")
    nav = sorted((f for f in files if f.nav_title), key=lambda f: (f.nav_order, f.path))
    config["nav"] = [{f.nav_title: f.path} for f in nav]
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(work / "plain" / "site")
    config["plugins"] = [p for p in config.get("plugins", [])
                         if not (p == "jixiao" or (isinstance(p, dict) and "jixiao" in p))]
    theme = config.get("theme", {})
    if isinstance(theme, dict) and "custom_dir" in theme:
        theme["custom_dir"] = str((CONFIG.parent / theme["custom_dir"]).resolve())
    path = work / "plain" / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--content", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--json", type=Path, required=True)
    args = parser.parse_args(argv)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")  # no git call for the build date
    timer = Timer()
    result: dict[str, Any] = {"stages": timer.stages, "notes": []}
    start = time.perf_counter()

    from jixiao.check import check

    checked = timer.run("check", lambda: check(args.content, "content"))
    result["reports"] = len(checked.corpus.reports)
    result["findings"] = len(checked.findings)
    result["errors"] = sum(f.severity.value == "error" for f in checked.findings)

    site_dir = args.work / "site"
    if importlib.util.find_spec("jixiao.render.site") is None or not CONFIG.is_file():
        for name in ("render", "build", "index"):
            timer.skip(name, "no render/site stage on this branch yet (jixiao.render.site, mkdocs.yml)")
    else:
        from jixiao.render.site import RenderSettings, site_files
        from jixiao.sitegen.build import build_site

        settings = RenderSettings((CONFIG.parent / "templates",))
        files = timer.run("render", lambda: site_files(checked, settings))
        result["pages"] = sum(1 for f in files if f.path.endswith(".md"))
        result["plain_config"] = str(plain_project(files, args.work))
        del files
        from benchmarks.search_bench import variant_config

        no_index = variant_config("none", args.work)  # the index is timed on its own below
        timer.run("build", lambda: build_site(checked, no_index, site_dir, args.content.resolve()))
        result["site_bytes"] = tree_size(site_dir, exclude="pagefind")
        result["material_search_bytes"] = tree_size(site_dir / "search") if (site_dir / "search").is_dir() else 0
        if importlib.util.find_spec("jixiao.sitegen.search") is not None:
            # In its own small process, so the indexer's peak memory is not the fork of this big one.
            timer.stages["index"] = child(
                [sys.executable, "-c", "import sys, pathlib; from jixiao.sitegen.search import index; index(pathlib.Path(sys.argv[1]))",
                 str(site_dir)], args.work / "index.log")
        else:
            timer.skip("index", "no search index step on this branch yet")
        if (site_dir / "pagefind").is_dir():
            result["index_bytes"] = tree_size(site_dir / "pagefind")
    result["total_seconds"] = round(time.perf_counter() - start, 3)
    result["peak_rss_mb"] = peak_mb(resource.RUSAGE_SELF)
    result["children_peak_rss_mb"] = timer.stages.get("index", {}).get("peak_rss_mb", 0)  # pagefind
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
