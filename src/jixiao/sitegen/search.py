"""Full-text search: the marks report pages carry, and the Pagefind index made from the built site.

Owns the search step of the build. Report pages wrap their content in ``data-pagefind-body`` (so the
index holds report text, never navigation or other chrome) with the facts the search box shows and
filters on: department, year, kind (部门整体 / 项目), grade and total (:func:`mark_report`). A build
indexes the report pages' marked content while mkdocs writes the site (``sitegen.searchrun``); :func:`index`
runs the Pagefind program (``pagefind[extended]``, whose binary segments Chinese into words) over a
written site (the preview's, or a build whose report pages were not converted) and waits for it to
exit; either way the output is made byte-reproducible (``sitegen.reproducible``) and the chunked index is
in ``pagefind/``. A missing or failing Pagefind is ``JX-B001`` / ``JX-B002``. The browser loads only the
chunks a query needs; the search box itself lives in ``templates/overrides/partials/jixiao-search.html``
and ``templates/overrides/assets/search/``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import threading
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from jixiao.check import Checked
from jixiao.domain.issues import Finding, finding
from jixiao.domain.layout import REPORT_KINDS
from jixiao.domain.model import Loc, ReportKind
from jixiao.opendata.tables import computed_grade
from jixiao.render import urls
from jixiao.render.env import num
from jixiao.render.explorer_data import DEPARTMENTS
from jixiao.render.site import published
from jixiao.sitegen import searchparts
from jixiao.sitegen.reproducible import canonicalize
from jixiao.sitegen.search_text import readable

#: Where the index is written, relative to the site root; the search box loads ``pagefind.js`` here.
BUNDLE_DIR = "pagefind"

#: In the bundle: every bundle the search box loads, relative to ``pagefind/`` (the primary, ``./``, first;
#: ``jixiao assemble`` adds one per further shard for Pagefind's ``mergeIndex``).
SHARDS_FILE = "shards.json"

#: Parts of a report page's content that are not report text (``.jx-chart-data``: a chart's numbers,
#: already indexed from the table the chart draws).
EXCLUDED = (".headerlink", ".md-source-file", "[data-search-ignore]", ".jx-chart-data")

#: Index words per chunk file on a large site (Pagefind's ``PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE``; its
#: default makes chunks of 25-70 KB at 1,000 reports). A query fetches one chunk per word it holds,
#: and the browser splits a Chinese query into several words, so smaller chunks keep a query's
#: download small: at 1,000 reports 2,000 gives chunks of 4 KB (median), ~670 files instead of ~150,
#: and ~6 KB more metadata for every search (docs/performance.md, 搜索：典型查询).
INDEX_CHUNK_SIZE = 2000
#: HTML pages from which a site counts as large. A small site keeps Pagefind's default chunks: it has
#: only a few, and with them all loaded Pagefind can also match a query word the index split
#: differently (大同市 indexed as 大同 + 市), so phrase search stays exact there.
LARGE_SITE = 400


def chunk_size(site: Path) -> int | None:
    """The index chunk size for ``site``: :data:`INDEX_CHUNK_SIZE` when it is large, else Pagefind's own."""
    pages = sum(1 for _ in site.rglob("*.html"))
    return INDEX_CHUNK_SIZE if pages >= LARGE_SITE else None


#: Weight of the hidden line naming the page's department and project (Pagefind: h1 is 7, text 1).
NAME_WEIGHT = 10


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site: ``JX-B001`` (no Pagefind binary) or ``JX-B002`` (it failed)."""

    def __init__(self, problem: Finding) -> None:
        super().__init__(problem.format())
        self.finding = problem


@dataclass(frozen=True, slots=True)
class SearchFacts:
    """What a report page tells the index besides its text: shown in results, used as facets."""

    department: str
    year: int
    grade: str = ""  # the computed grade; empty while the report is unscored
    total: str = ""  # the computed total as printed, e.g. ``93.98``; empty while unscored
    kind: str = REPORT_KINDS[ReportKind.OVERALL]  # 部门整体 or 项目
    project: str = ""  # a project table's project name

    @property
    def title(self) -> str:
        if self.project:
            return f"{self.department} {self.year} 年度 {self.project}（项目支出绩效自评表）"
        return f"{self.department} {self.year} 年度自评报告"

    def filters(self) -> tuple[tuple[str, str], ...]:
        pairs = (("year", str(self.year)), ("department", self.department), ("kind", self.kind),
                 ("grade", self.grade))
        return tuple((k, v) for k, v in pairs if v)

    def sorts(self) -> tuple[tuple[str, str], ...]:
        """Sort keys: ``newest`` orders a department's pages newest year first, the overall report first."""
        overall = self.kind == REPORT_KINDS[ReportKind.OVERALL]
        return (("newest", f"{self.year}{1 if overall else 0}"),)

    def names(self) -> tuple[str, ...]:
        """What a reader may type to find this page by name: department, project, year, kind."""
        return tuple(v for v in (self.department, self.project, f"{self.year} 年度", self.kind) if v)

    def meta(self) -> tuple[tuple[str, str], ...]:
        pairs = (("title", self.title), ("department", self.department), ("year", str(self.year)),
                 ("kind", self.kind), ("grade", self.grade), ("total", self.total))
        return tuple((k, v) for k, v in pairs if v)


def report_facts(checked: Checked) -> dict[str, SearchFacts]:
    """The facts of every report page, by the page's source path (``2021/slug/index.md``)."""
    checked = published(checked)
    cards = {card.report.key: card for card in checked.scorecards}
    facts: dict[str, SearchFacts] = {}
    for report in checked.corpus.reports:
        card = cards.get(report.key)
        claimed = report.claimed
        grade = (computed_grade(card) or "") if card else (claimed.grade if claimed and claimed.grade else "")
        shown = card.shown_total if card else None
        total = num(shown) if shown is not None else ""
        path = urls.source_path(urls.of(report.key))
        facts[path] = SearchFacts(report.department.name, report.year, grade, total, REPORT_KINDS[report.kind],
                                  report.project.name if report.project else "")
    return facts


def _attr(key: str, value: str) -> str:
    # Pagefind reads ``key:value`` and splits several pairs on commas: keep values comma-free.
    return escape(f"{key}:{value.replace(',', '，')}", quote=True)


def mark_report(html: str, facts: SearchFacts) -> str:
    """``html`` (a report page's rendered content) wrapped so Pagefind indexes it with ``facts``.

    Facts are attributes of empty elements, so they become filters and metadata; the names a reader
    searches for (department, project, year, kind) are also indexed as one hidden line weighted
    above the title (:data:`NAME_WEIGHT`), so a page naming the department in full ranks before pages
    that only mention its words. Tables and key figures are indexed as sentences
    (``sitegen.search_text``).
    """
    marks = "".join(f'<span data-pagefind-filter="{_attr(k, v)}"></span>' for k, v in facts.filters())
    marks += "".join(f'<span data-pagefind-meta="{_attr(k, v)}"></span>' for k, v in facts.meta())
    marks += "".join(f'<span data-pagefind-sort="{_attr(k, v)}"></span>' for k, v in facts.sorts())
    names = escape(" ".join(facts.names()), quote=False)
    marks += f'<p class="jx-search-text" hidden data-pagefind-weight="{NAME_WEIGHT}">{names}</p>'
    return f'<div data-pagefind-body>{marks}\n{readable(html)}\n</div>'


@dataclass(frozen=True, slots=True)
class IndexStats:
    """What :func:`index` did: report pages indexed and the bytes written (index and Pagefind's scripts)."""

    pages: int
    bytes: int
    path: Path


def pagefind_binary() -> Path | None:
    """The Pagefind binary: ``PAGEFIND_BINARY_PATH``, else ``pagefind[extended]``'s, else one on ``PATH``."""
    from pagefind.service import get_executable

    try:
        return get_executable()
    except FileNotFoundError:  # pagefind_bin_extended is installed but its binary is gone
        return None


def _command(binary: Path, site: Path, bundle: str = BUNDLE_DIR) -> list[str]:
    command = [str(binary), "--site", str(site), "--output-subdir", bundle, "--force-language", "zh", "--quiet"]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    return command


#: Lines of Pagefind's output that say nothing about a failure.
_CHATTER = ("Note: Pagefind doesn't support stemming", "Search will still work", "stack backtrace:", "note: ")


def _tail(output: str, lines: int = 4) -> str:
    kept = [line.strip() for line in output.splitlines() if line.strip() and not line.strip().startswith(_CHATTER)]
    return "；".join(kept[-lines:]) or "没有输出"


def kill_run(process: subprocess.Popen[Any]) -> None:
    """Kill a Pagefind run and whatever it started: it leads its own process group (``start_new_session``),
    so a wrapper (an npm shim, a script named by ``PAGEFIND_BINARY_PATH``) does not leave the real indexer
    running, holding its output open."""
    killpg = getattr(os, "killpg", None)
    try:
        if killpg is not None:
            killpg(process.pid, signal.SIGKILL)
            return
    except OSError:  # the group is gone already, or not ours
        pass
    with contextlib.suppress(OSError):
        process.kill()


class Runs:
    """The Pagefind runs of :func:`index` in one thread, stoppable from another (``jixiao serve`` stopping
    while its search index is made): :meth:`stop` kills the run under way and refuses later ones."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: subprocess.Popen[str] | None = None
        self.stopped = False

    def started(self, process: subprocess.Popen[str]) -> None:
        with self._lock:
            self._running = process
            if self.stopped:
                kill_run(process)

    def stop(self) -> None:
        with self._lock:
            self.stopped = True
            if self._running is not None and self._running.poll() is None:
                kill_run(self._running)


def _pagefind(binary: Path, command: list[str], cwd: Path, where: Loc, chunks: int | None = None,
              runs: Runs | None = None) -> None:
    """Run Pagefind to completion (``chunks``: its index chunk size); raises :class:`SearchIndexError`."""
    env = {**os.environ, **({"PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(chunks)} if chunks else {})}
    try:
        with subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace",
                              env=env, start_new_session=True) as process:
            if runs is not None:
                runs.started(process)
            try:
                stdout, stderr = process.communicate()
            except BaseException:  # as ``subprocess.run``: never leave it running
                kill_run(process)
                raise
    except OSError as exc:  # not there, not executable
        raise SearchIndexError(finding("JX-B001", Loc(str(binary)), reason=exc.strerror or str(exc))) from exc
    if process.returncode != 0:
        raise SearchIndexError(failure(process.returncode, stderr + "\n" + stdout, where))


def failure(code: int, output: str, where: Loc) -> Finding:
    """``JX-B002`` for a Pagefind run that ended with ``code`` (negative: a signal), saying ``output``."""
    status = f"退出码 {code}" if code > 0 else f"被信号 {-code} 终止"
    return finding("JX-B002", where, status=status, detail=_tail(output))


def canonical_pages(bundle: Path, where: Loc) -> int:
    """Make ``bundle`` reproducible (``sitegen.reproducible``); the number of pages it indexes."""
    try:
        canonicalize(bundle)
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SearchIndexError(finding("JX-B002", where, status="输出不完整或无法识别", detail=str(exc))) from exc
    return sum(int(lang["page_count"]) for lang in entry["languages"].values())


def index(site: Path, part_pages: int | None = None, subdir: str = BUNDLE_DIR, *, shard: bool = False,
          runs: Runs | None = None, department_pages: int = 0) -> IndexStats:
    """Index the built site in ``site`` (pages marked by :func:`mark_report`) into ``site/pagefind``.

    Runs the Pagefind command line program and waits for it to exit: its writes are finished then
    (the Python API's service is terminated after it answers, while its last writes may still be
    pending, which truncated files at a few hundred reports). With more report pages than ``part_pages``
    (``None``: :data:`~jixiao.sitegen.searchparts.AUTO_PART_PAGES`, or for a ``shard`` build
    :data:`~jixiao.sitegen.searchparts.SHARD_PART_PAGES`; 0: one run whatever the size), the
    index is made in parts (``sitegen.searchparts``) so Pagefind's memory stays bounded. Pagefind is
    shown the report pages only (each part, or all of them at once). ``runs``: another thread may stop
    it (:meth:`Runs.stop`). ``department_pages``: parts of about that many pages made by department
    (``searchparts.by_department``). Raises :class:`SearchIndexError`.
    """
    site = site.resolve()
    output = site / subdir  # the preview (``sitegen.liveengine``) indexes into another folder, then swaps it in
    where = Loc(f"{BUNDLE_DIR}/")  # of the site; the path of a temporary build directory would say nothing
    if output.is_dir():
        shutil.rmtree(output)  # Pagefind keeps existing content-hashed files; start clean
    binary = pagefind_binary()
    if binary is None:
        raise SearchIndexError(finding("JX-B001", Loc("pagefind_extended"), reason="没有安装 pagefind[extended]"))
    marked = searchparts.report_pages(site, BUNDLE_DIR)
    per_run = searchparts.part_size(part_pages, shard)
    groups = searchparts.groups(marked, per_run, department_pages)
    chunks = chunk_size(site)
    if not marked:  # no report page: Pagefind over the site as it is (it then indexes every page's body)
        _pagefind(binary, _command(binary, site, subdir), site, where, chunks, runs)
        pages = canonical_pages(output, where)
    else:
        # Pagefind parses and keeps every page it is shown, marked or not, until it knows whether any
        # page is marked: shown only the report pages (hard links at the same paths), it does not
        # spend memory and time on the indexes (the explorer and year pages list every report)
        pages = 0
        for number, group in enumerate(groups, start=1):
            bundle = searchparts.bundle(output, number)
            with searchparts.linked(site, group) as part_site:
                _pagefind(binary, part_command(binary, part_site, bundle), part_site, where, chunks, runs)
            pages += canonical_pages(bundle, where)
    searchparts.write_list(output, groups, SHARDS_FILE, by_department=department_pages > 0,
                           departments=site / DEPARTMENTS)
    size = sum(p.stat().st_size for p in output.rglob("*") if p.is_file())
    return IndexStats(pages=pages, bytes=size, path=output)


def part_command(binary: Path, part_site: Path, bundle: Path) -> list[str]:
    """Pagefind over one part's pages (same paths, so the same URLs), into its own bundle directory."""
    command = _command(binary, part_site)
    at = command.index("--output-subdir")
    return [*command[:at], "--output-path", str(bundle), *command[at + 2:]]
