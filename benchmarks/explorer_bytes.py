"""Bytes of the report explorer (报告一览) at 1,000 and 20,000 reports: first load, per page, per sort.

The explorer's files are a pure function of its rows, so this measures them without building every
report page: the rows of a real generated and checked corpus (``--reports``, default 1,000), and the
same rows scaled to ``--scaled`` (default 20,000: tests/render/test_explorer.py's ``_scaled``, shaped like
a province: 2,000 departments, each with an overall report and a project table in each of 5 years). The theme's share of the first load
(mkdocs-material's page chrome, its CSS and JS, and the explorer's own script and styles) is measured
once on a real build of the example site: ``explorer/index.html`` minus its page source, plus every
stylesheet and script the page references. Raw bytes and gzip (as GitHub Pages serves them).

    PYTHONPATH=src nice -n 10 python -m benchmarks.explorer_bytes
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
import tempfile
from pathlib import Path

from tests.render.test_explorer import _scaled
from tests.sitegen.conftest import build_example

from benchmarks.corpus import generate
from jixiao.check import check
from jixiao.render import explorer
from jixiao.render.site import RenderSettings, explorer_files

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = RenderSettings((ROOT / "templates",))


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0))


def theme_share(work: Path) -> tuple[int, int]:
    """Bytes the first load adds to the page source: page chrome plus referenced CSS/JS (raw, gzip)."""
    site = work / "site"
    build_example(site)
    html = (site / "explorer" / "index.html").read_bytes()
    source = (ROOT / "content")  # the example's page source, rendered again to subtract it
    checked = check(source, "content")
    md = next(f.content for f in explorer_files(explorer.explorer_rows(checked.reports, checked.corpus.site.grade_bands),
                                                 checked.corpus.site, SETTINGS) if f.path == "explorer/index.md")
    assert isinstance(md, str)
    body = md.split("---\n", 2)[2].encode()
    raw, packed = len(html) - len(body), _gz(html) - _gz(body)
    for ref in re.findall(rb'(?:href|src)="([^"]+\.(?:css|js))"', html):
        path = (site / "explorer" / ref.decode()).resolve()
        if path.is_file() and site.resolve() in path.parents:
            raw += path.stat().st_size
            packed += _gz(path.read_bytes())
    return raw, packed


def figures(rows: list[explorer.ExplorerRow]) -> dict[str, int]:
    site = check(ROOT / "content", "content").corpus.site
    files = {f.path: (f.content.encode() if isinstance(f.content, str) else f.content)
             for f in explorer_files(rows, site, SETTINGS)}
    pages = [data for path, data in files.items() if path.endswith("index.md")]
    rows_all = [data for path, data in files.items() if path.startswith("explorer/rows/")]
    years = [data for path, data in files.items() if path.startswith("explorer/rows/") and "departments" not in path]
    departments = files["explorer/rows/departments.json"]
    return {
        "reports": len(rows), "pages": len(pages),
        "first": len(files["explorer/index.md"]), "first_gz": _gz(files["explorer/index.md"]),
        "page_max": max(map(len, pages)), "page_max_gz": max(map(_gz, pages)),
        "rows": sum(map(len, rows_all)), "rows_gz": sum(map(_gz, rows_all)),
        "departments": len(departments), "departments_gz": _gz(departments),
        "year_max": max(map(len, years)), "year_max_gz": max(map(_gz, years)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--scaled", type=int, default=20000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        chrome, chrome_gz = theme_share(work)
        generate(work / "content", args.reports, seed=1)
        checked = check(work / "content")
        real = list(explorer.explorer_rows(checked.reports, checked.corpus.site.grade_bands))
    print(f"theme share of the first load: {chrome} B raw, {chrome_gz} B gzip")
    for rows in (real, _scaled(real, args.scaled)):
        f = figures(rows)
        print(f"{f['reports']} reports, {f['pages']} pages: first load {f['first'] + chrome} B raw / "
              f"{f['first_gz'] + chrome_gz} B gzip (page source {f['first']} / {f['first_gz']}); "
              f"largest page {f['page_max']} / {f['page_max_gz']}; first sort or filter fetches all rows "
              f"{f['rows']} / {f['rows_gz']}; one year's file at most {f['year_max']} / {f['year_max_gz']}, "
              f"departments file {f['departments']} / {f['departments_gz']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
