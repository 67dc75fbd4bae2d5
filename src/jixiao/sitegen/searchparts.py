"""A big site's search index in parts: Pagefind's memory grows with every page it indexes in one run.

Owns the split of the report pages into parts, the temporary tree that shows Pagefind one part, and
the list of bundles the search box searches as one. Measured with Pagefind 1.5 (extended): about
0.63 MB per report page plus 60 MB, linear (1,000 reports: 780 MB; 5,000: about 3.2 GB), whatever
parts of the page are indexed. Indexed in parts of at most ``part_pages`` pages, each part its own
bundle (part 1 in ``pagefind/`` itself, part k in ``pagefind/parts/k/``), Pagefind needs at most about
60 MB + 0.63 MB × ``part_pages`` at a time; ``pagefind/shards.json`` lists the bundles
(``{"bundles": ["./", "parts/2/", …], "years": [[2021], [2022, 2023], …]}``, relative to ``pagefind/``,
with the report years of each) and the search box searches them, the newest first (``sitegen.searchroutes``). Each part sees its pages at their own paths, so URLs are unchanged.

Why per page: Pagefind reads and parses every file it is shown at once, keeps each page's words (a
string and a list of positions for each distinct word) and its whole text (a zero-width space after
each Chinese word) until the end, copies all of it once more when it groups the pages by language,
and only then builds the index (``fossick_many`` and ``build_indexes`` in its source): about 170 bytes
per indexed word (a generated report page has about 3,800). A page without ``data-pagefind-body``
is parsed and kept whole until Pagefind knows that other pages are marked, so it is shown only the
report pages (:func:`linked`), in one run or in parts. The theme's header and navigation (about 18 KB of
an 84 KB report page) are parsed as a stream and not kept. Unless the site says otherwise
(:func:`part_size`), a site of up to :data:`AUTO_PART_PAGES` report pages keeps one bundle (a query
loads one index's metadata: issue 16's budget at 1,000 reports), a larger one is indexed in parts of
at most that many; a shard build, in parts of at most :data:`SHARD_PART_PAGES`.

Parts by department (``search_department_part_pages``, :func:`by_department`): every page of a department
in one part, chosen by a hash of its slug among a power-of-two number of parts, so an edit changes one
part's pages and a rebuild indexes that part only (``sitegen.searchcache``); the list says ``merge`` and
maps each department to its part, and the search box searches every part at once, ranking by score.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from jixiao.sitegen import searchroutes

#: Marks a page Pagefind indexes (``sitegen.search.mark_report``).
BODY = b"data-pagefind-body"
#: Bundles of parts 2, 3, … inside the main bundle directory.
PARTS_DIR = "parts"
#: Report pages one Pagefind run indexes at most when the site does not choose: about 60 MB + 0.63 MB a
#: page, so about 0.7 GB.
AUTO_PART_PAGES = 1000
#: The same for ``jixiao build --shard`` (issue 18: a shard of 2,500 reports under 1 GB as a whole process
#: tree). Pagefind runs beside the build's Python process, which still holds about 0.45 GB then: the heap
#: it grew while generating the pages is fragmented (pymalloc frees an arena only when every object in it
#: is gone, and the survivors -- mkdocs' pages and navigation, the findings to print -- are spread over
#: all of them), so neither ``gc.collect`` nor ``malloc_trim`` gives it back. Parts of at most 600 pages
#: (2,500 reports: 5 of 500, about 0.41 GB each) keep the tree near 0.85 GB; 1,000 (3 of 834, 0.63 GB)
#: took it to 1.08 GB. Fixed, not measured at run time, so a shard's index stays reproducible.
SHARD_PART_PAGES = 600


def part_size(configured: int | None, shard: bool = False) -> int:
    """Report pages per Pagefind run: ``configured`` (``search_part_pages``; 0: one run whatever the
    size), else :data:`SHARD_PART_PAGES` for a shard build (``shard``) and :data:`AUTO_PART_PAGES` for any other."""
    if configured is not None:
        return configured
    return SHARD_PART_PAGES if shard else AUTO_PART_PAGES


def stable_count(pages: int, part_pages: int) -> int:
    """How many department parts (:func:`by_department`) a site of ``pages`` report pages is indexed in, about
    ``part_pages`` each: the power of two at or above ``pages / part_pages`` (so the count, and with it every
    page's part, changes only when the site doubles or halves)."""
    count = 1
    while count * part_pages < pages:
        count *= 2
    return count


def department_of(page: str) -> str:
    """The department of report page ``page`` (``<year>/<slug>/…``): its slug; the page itself otherwise."""
    parts = page.split("/")
    return parts[1] if len(parts) > 2 else page


def department_part(department: str, count: int) -> int:
    """The part (0 … ``count`` - 1) of ``department``'s pages: a hash of its slug, nothing else."""
    digest = hashlib.blake2b(department.encode("utf-8", "surrogateescape"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % count


def by_department(pages: Sequence[str], part_pages: int) -> list[list[str]]:
    """``pages`` (in order) in parts of about ``part_pages`` by department: every page of a department in the
    same part, fixed by the department's slug and the part count (:func:`stable_count`) alone, so an edit of
    one report changes the pages of one part only (a rebuild indexes that part again: ``sitegen.searchrun``).
    Empty parts are left out."""
    count = stable_count(len(pages), part_pages)
    groups: list[list[str]] = [[] for _ in range(count)]
    for page in pages:
        groups[department_part(department_of(page), count)].append(page)
    return [group for group in groups if group] or [[]]


def groups(pages: Sequence[str], part_pages: int, department_pages: int = 0) -> list[list[str]]:
    """The parts a site's report ``pages`` (sorted) are indexed in: by department (:func:`by_department`) when
    ``department_pages`` is set, else in order, at most ``part_pages`` each (0: one part)."""
    if department_pages > 0:
        return by_department(pages, department_pages)
    return split(pages, part_pages) if part_pages > 0 else [list(pages)]


def report_pages(site: Path, bundle_dir: str) -> list[str]:
    """The HTML pages of ``site`` that Pagefind indexes (they carry :data:`BODY`), as sorted relative paths."""
    found = []
    for path in site.rglob("*.html"):
        relative = path.relative_to(site)
        if relative.parts[0] != bundle_dir and BODY in path.read_bytes():
            found.append(relative.as_posix())
    return sorted(found)


def split(pages: Sequence[str], part_pages: int) -> list[list[str]]:
    """``pages`` in order, in the fewest parts of at most ``part_pages``, as even as possible."""
    count = max(1, -(-len(pages) // part_pages))
    return [list(pages[i * len(pages) // count:(i + 1) * len(pages) // count]) for i in range(count)]


def bundle(output: Path, number: int) -> Path:
    """Where part ``number`` (from 1) is written: ``output`` itself for the first part."""
    return output if number == 1 else output / PARTS_DIR / str(number)


@contextmanager
def linked(site: Path, pages: Sequence[str]) -> Iterator[Path]:
    """A temporary tree beside ``site`` holding just ``pages``, at their paths (hard links where possible)."""
    root = Path(tempfile.mkdtemp(prefix=f".{site.name}.search-part-", dir=site.parent))
    try:
        for page in pages:
            target = root / page
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site / page, target)
            except OSError:  # another file system, or no hard links there
                shutil.copyfile(site / page, target)
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def bundle_dirs(count: int) -> list[str]:
    """The bundles of ``count`` parts, relative to the bundle directory: ``./``, ``parts/2/``, …"""
    return ["./", *(f"{PARTS_DIR}/{number}/" for number in range(2, count + 1))]


def write_list(output: Path, groups: Sequence[Sequence[str]], name: str, *, by_department: bool = False,
               departments: Path | None = None) -> None:
    """``output/<name>`` (``shards.json``): the bundle of each part of ``groups`` (its pages), relative to
    ``output``, the first (``./``) first; with more than one, the report years each holds
    (``sitegen.searchroutes``). Parts made ``by_department`` are searched together (``merge``) and each is
    its own shard, whose departments ``departments`` (the explorer's departments file) lists for the
    search box (``searchroutes.DEPARTMENT_SHARDS``)."""
    years = [searchroutes.page_years(group) for group in groups] if len(groups) > 1 else None
    merged = by_department and len(groups) > 1
    shards = [[n] for n in range(len(groups))] if merged else None
    (output / name).write_text(searchroutes.listing(bundle_dirs(len(groups)), years, shards, merge=merged),
                               encoding="utf-8")
    if merged and departments is not None and departments.is_file():
        rows = json.loads(departments.read_text(encoding="utf-8"))["departments"]
        part_of = {department_of(page): n for n, group in enumerate(groups) for page in group}
        text = searchroutes.department_shards(rows, part_of)
        (output / searchroutes.DEPARTMENT_SHARDS).write_text(text, encoding="utf-8")
