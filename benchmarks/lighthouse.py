"""Lighthouse 12 scores of every page kind, desktop and mobile (its slow-4G profile), on Debian's Chromium.

Owns the Lighthouse procedure: build the example site and the project-table site
(tests/fixtures/projects-site overlaid on the example), serve each from a sub-path on a local port
with gzip as any real host (GitHub Pages, nginx) sends text, and run Lighthouse (npm ``lighthouse``,
pinned in tests/browser/npm/package.json and installed by scripts/install-browser.sh) through
``tests/browser/npm/lighthouse-pages.mjs``, one Chromium for all pages. Prints a Markdown table of
the four category scores, LCP, TBT and page weight per page kind and form factor, and writes
``benchmarks/out/lighthouse-<time>.json``.

    python -m benchmarks.lighthouse            # every page kind, desktop and mobile
    make lighthouse                            # the same

Performance is a benchmark figure (the machine's load moves it); accessibility, best practices and
SEO are asserted at 100 by tests/browser/test_lighthouse.py with :func:`run`.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import io
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
NPM = ROOT / "tests" / "browser" / "npm"
RUNNER = NPM / "lighthouse-pages.mjs"
CHROMIUM = "/usr/bin/chromium"
SUB_PATH = "/sub/"
FORMS = ("desktop", "mobile")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: page kind -> (site, path under the site): every kind of page the site has, once
PAGES: dict[str, tuple[str, str]] = {
    "home": ("example", ""),
    "report": ("example", "2021/datong-zonggonghui/"),
    "project": ("projects", "2021/datong-zonggonghui/projects/kunnan-zhigong-bangfu/"),
    "year": ("example", "2021/"),
    "years": ("example", "years/"),
    "department": ("example", "departments/datong-zonggonghui/"),
    "departments": ("example", "departments/"),
    "explorer": ("example", "explorer/"),
    "downloads": ("example", "downloads/"),
    "about": ("example", "about/"),
    "method": ("example", "method/"),
    "404": ("example", "404.html"),
}
_COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".csv", ".md"}


class _Handler(SimpleHTTPRequestHandler):
    """Serves ``directory`` under ``/sub/`` only, gzip-compressing text when the client accepts it."""

    def translate_path(self, path: str) -> str:
        bare = urlsplit(path).path
        if not bare.startswith(SUB_PATH):
            return str(Path(self.directory) / "__outside_sub_path__")
        return super().translate_path("/" + bare[len(SUB_PATH):])

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in _COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", "") \
                or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site from ``/sub/`` on a free local port; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    finally:
        server.shutdown()
        server.server_close()


def build_sites(work: Path) -> dict[str, Path]:
    """The example site and the project-table site, built by ``jixiao build`` under ``work``."""
    content = ROOT / "content"
    projects = work / "projects-content"
    shutil.copytree(content, projects)
    shutil.copytree(ROOT / "tests" / "fixtures" / "projects-site" / "overlay", projects, dirs_exist_ok=True)
    sites = {}
    for name, source in (("example", content), ("projects", projects)):
        site = work / f"{name}-site"
        subprocess.run([sys.executable, "-m", "jixiao", "build", "--content", str(source), "--site-dir", str(site)],
                       cwd=ROOT, check=True, capture_output=True)
        sites[name] = site
    return sites


def run(urls: Mapping[str, str], forms: tuple[str, ...] = FORMS, categories: tuple[str, ...] | None = None,
        timeout: int = 1800, save: Path | None = None) -> list[dict[str, Any]]:
    """Lighthouse on each ``kind -> url`` in each form factor; one result dict per (kind, form).
    ``save``: a folder for each full Lighthouse report (``<kind>-<form>.json``, for a closer look)."""
    node = shutil.which("node")
    if node is None or not (NPM / "node_modules" / "lighthouse").is_dir():
        raise RuntimeError("需要 node 和 npm 包 lighthouse：请运行 make browser（scripts/install-browser.sh）安装")
    jobs = [{"name": kind, "url": url, "form": form} for kind, url in urls.items() for form in forms]
    with tempfile.TemporaryDirectory(prefix="jixiao-lighthouse-") as tmp:
        spec, out = Path(tmp) / "jobs.json", Path(tmp) / "out.json"
        spec.write_text(json.dumps({"chrome": CHROMIUM, "jobs": jobs,
                                    "categories": list(categories) if categories else None,
                                    "save": str(save) if save else None}), encoding="utf-8")
        subprocess.run([node, str(RUNNER), str(spec), str(out)], cwd=NPM, check=True, timeout=timeout,
                       capture_output=True)
        results: list[dict[str, Any]] = json.loads(out.read_text(encoding="utf-8"))
    return results


def table(results: list[dict[str, Any]]) -> str:
    """The scores as a Markdown table: one line per page kind, desktop and mobile side by side."""
    head = ("| 页面 | 桌面 性能 / 无障碍 / 最佳做法 / SEO | 手机 性能 / 无障碍 / 最佳做法 / SEO "
            "| 手机 LCP | 手机 TBT | 页面大小 |\n|---|---|---|---|---|---|")
    rows = [head]
    by = {(r["name"], r["form"]): r for r in results}
    for kind in dict.fromkeys(r["name"] for r in results):
        cells = []
        for form in FORMS:
            r = by.get((kind, form))
            cells.append(" / ".join(str(r["scores"].get(c, "—")) for c in CATEGORIES) if r else "—")
        mobile = by.get((kind, "mobile")) or by.get((kind, "desktop")) or {}
        m = mobile.get("metrics", {})
        lcp = f"{m['largest-contentful-paint'] / 1000:.1f} s" if "largest-contentful-paint" in m else "—"
        tbt = f"{m['total-blocking-time']:.0f} ms" if "total-blocking-time" in m else "—"
        weight = f"{m['total-byte-weight'] / 1024:.0f} KB" if "total-byte-weight" in m else "—"
        rows.append(f"| {kind} | {cells[0]} | {cells[1]} | {lcp} | {tbt} | {weight} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Lighthouse 12 on every page kind, desktop and mobile")
    parser.add_argument("--kinds", default=",".join(PAGES), help="page kinds, comma-separated")
    parser.add_argument("--forms", default=",".join(FORMS), help="desktop,mobile")
    parser.add_argument("--save", type=Path, help="a folder for each full Lighthouse report")
    args = parser.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k]
    with tempfile.TemporaryDirectory(prefix="jixiao-lh-sites-") as tmp:
        sites = build_sites(Path(tmp))
        with serve(sites["example"]) as example, serve(sites["projects"]) as projects:
            base = {"example": example, "projects": projects}
            urls = {k: base[PAGES[k][0]] + PAGES[k][1] for k in kinds}
            started = time.time()
            if args.save:
                args.save.mkdir(parents=True, exist_ok=True)
            results = run(urls, tuple(args.forms.split(",")), save=args.save and args.save.resolve())
    print(table(results))
    indexes = sorted(r["benchmarkIndex"] for r in results if r.get("benchmarkIndex"))
    if indexes:  # Lighthouse's own CPU benchmark of this machine at the time (higher is faster)
        print(f"\nLighthouse benchmarkIndex: {indexes[0]:.0f}–{indexes[-1]:.0f}（中位数 {indexes[len(indexes) // 2]:.0f}）")
    OUT.mkdir(parents=True, exist_ok=True)
    out = OUT / f"lighthouse-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps({"seconds": round(time.time() - started), "results": results},
                              ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\n{out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
