"""What Pagefind spends its CPU on: the same report pages of a built site shown to it in several forms.

Owns the profile of issue 15's search step. Given a site built by ``jixiao build``, it runs Pagefind
(as the build does: same options, same chunk size) one after the other over the report pages

- ``written``: the pages as written (the theme's header, navigation and footer around the content);
- ``body``: only the ``data-pagefind-body`` element of each page (what Pagefind indexes of it);
- ``input``: the build's search input (``sitegen.searchrun.document``: the body without the blocks
  marked ``data-pagefind-ignore``, i.e. the tables and key-figure lists, which are indexed as sentences);
- ``no-sentences``: the input without the hidden sentences the tables are told as (for scale only:
  the index then loses the tables' text);

and prints bytes shown and Pagefind's CPU and wall seconds for each, and whether the bundle of
each form equals the one of the written pages (``written``, ``body`` and ``input`` must).

    nice -n 10 env PYTHONPATH=src python -m benchmarks.search_input SITE
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jixiao.sitegen import searchparts
from jixiao.sitegen.reproducible import canonicalize
from jixiao.sitegen.search import BUNDLE_DIR, chunk_size, pagefind_binary, part_command
from jixiao.sitegen.searchrun import document

_START = "<div data-pagefind-body>"
_DIV = re.compile(r"<(/?)div\b")
_SENTENCES = re.compile(r'<div class="jx-search-text" hidden>.*?</div>', re.DOTALL)


def body(html: str) -> str:
    """The ``data-pagefind-body`` element of a written report page (its ``div``s counted)."""
    at = html.index(_START)
    depth = 0
    for match in _DIV.finditer(html, at):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return html[at:html.index(">", match.end()) + 1]
    raise ValueError("unclosed data-pagefind-body")


def _wrap(element: str) -> str:
    return f'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"></head><body>{element}</body></html>'


FORMS: dict[str, Callable[[str], str]] = {
    "written": lambda html: html,
    "body": lambda html: _wrap(body(html)),
    "input": lambda html: document(body(html)),
    "no-sentences": lambda html: _SENTENCES.sub("", document(body(html))),
}


def _digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@dataclass(frozen=True)
class Result:
    form: str
    pages: int
    bytes: int  # shown to Pagefind
    cpu: float  # Pagefind's user + system seconds
    wall: float
    bundle: dict[str, str]  # file -> SHA-256


def run(site: Path, form: str, work: Path) -> Result:
    pages = searchparts.report_pages(site, BUNDLE_DIR)
    tree = work / form / "site"
    shown = 0
    for page in sorted(pages):
        text = FORMS[form]((site / page).read_text(encoding="utf-8"))
        target = tree / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        shown += len(text.encode("utf-8"))
    binary = pagefind_binary()
    assert binary is not None
    bundle = work / form / "bundle"
    chunks = chunk_size(site)
    env = {**os.environ, **({"PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(chunks)} if chunks else {})}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(part_command(binary, tree, bundle), cwd=tree, check=True, env=env, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    canonicalize(bundle)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return Result(form, len(pages), shown, cpu, wall, _digest(bundle))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--forms", nargs="+", choices=list(FORMS), default=list(FORMS))
    args = parser.parse_args(argv)
    print(f"load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())}", file=sys.stderr)
    work = Path(tempfile.mkdtemp(prefix="jx-search-input-"))
    try:
        results = [run(args.site.resolve(), form, work) for form in args.forms]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("| form | pages | MB shown | Pagefind CPU s | wall s | same bundle as the first |")
    print("|---|---|---|---|---|---|")
    for r in results:
        same = "yes" if r.bundle == results[0].bundle else "no"
        print(f"| {r.form} | {r.pages} | {r.bytes / 1e6:.1f} | {r.cpu:.2f} | {r.wall:.2f} | {same} |")
    print(f"load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
