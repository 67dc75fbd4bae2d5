"""Pagefind beside the build: each report page's search input written when it is known, indexed while
mkdocs writes the pages.

Owns the search step of a build through the jixiao plugin. Pagefind reads from a report page only its
``data-pagefind-body`` element (the marks of ``search.mark_report`` and the content; the language is
forced), and of that element nothing marked ``data-pagefind-ignore`` (the tables and key-figure lists,
indexed as sentences instead: ``sitegen.search_text``). So the plugin hands each report page's marked
content to :meth:`SearchRun.add` once mkdocs has converted it, which writes a small document holding
just that element, ignored blocks left out (:func:`document`), at the page's output path in an input
folder. When every page is converted (``on_env``) Pagefind starts on those documents
(:meth:`SearchRun.start`) and mkdocs renders the theme around every page and writes the site
meanwhile, on the other core; ``on_post_build`` waits for it (:meth:`SearchRun.finish`) and moves the
bundle into the site. The bundle is the one indexing the written pages gives, byte for byte
(``tests/sitegen/test_searchrun.py``), from about 40% of the bytes (no theme, no tables' markup).

Pagefind's memory grows with the pages it indexes at once (``sitegen.searchparts``): a site indexed in
several parts is indexed after the pages are written and the build's memory released, as before, from
the same documents. Pagefind runs as a child process writing into a temporary folder; a failed or
interrupted build kills and waits for it (:meth:`SearchRun.close`), and nothing it wrote reaches
``site_dir``'s search bundle.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

from jixiao.domain.issues import finding
from jixiao.domain.model import Loc
from jixiao.sitegen import searchparts
from jixiao.sitegen.reuse import digest, file_state
from jixiao.sitegen.search import (
    BUNDLE_DIR,
    EXCLUDED,
    INDEX_CHUNK_SIZE,
    LARGE_SITE,
    SHARDS_FILE,
    IndexStats,
    SearchIndexError,
    canonical_pages,
    failure,
    kill_run,
    pagefind_binary,
    part_command,
)
from jixiao.sitegen.searchcache import SearchCache, bundle_key

#: A block Pagefind does not index (``search_text.readable`` marks the tables and key-figure lists so).
_IGNORED = re.compile(r"<(table|dl)\b[^>]*\bdata-pagefind-ignore\b[^>]*>.*?</\1>", re.DOTALL)
#: The folder, inside ``site_dir``, holding a build's search inputs and Pagefind's output until the
#: bundle is moved into place (hidden: mkdocs does not clean it; removed by :meth:`SearchRun.close`).
FOLDER = ".jixiao-search"


def document(marked: str) -> str:
    """What Pagefind is shown of a report page whose content, marked by ``search.mark_report``, is ``marked``."""
    return f'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"></head><body>{_IGNORED.sub("", marked)}</body></html>'


def chunk_size(html_pages: int) -> int | None:
    """The index chunk size of a site of ``html_pages`` HTML pages (``search.chunk_size``)."""
    return INDEX_CHUNK_SIZE if html_pages >= LARGE_SITE else None


class SearchRun:
    """One build's search inputs and the Pagefind run(s) over them.

    ``cache``: a rebuild's record of the last build (``sitegen.searchcache``): the inputs are written
    into its folder, and each part of the last bundle is reused when none of its inputs changed
    (``previous_site``: where it is). ``department_pages``: the parts are made by department, about that
    many pages each (``searchparts.by_department``), so an edit indexes one part again.
    """

    def __init__(self, site_dir: Path, part_pages: int | None, cache: SearchCache | None = None,
                 previous_site: Path | None = None, department_pages: int = 0) -> None:
        self.site_dir = site_dir.resolve()
        self.root = self.site_dir / FOLDER
        shutil.rmtree(self.root, ignore_errors=True)
        self.cache, self.previous_site = cache, previous_site
        self.inputs = cache.directory if cache is not None else self.root / "in"
        self.output = self.root / "out"
        self.root.mkdir(parents=True)
        self.inputs.mkdir(parents=True, exist_ok=True)
        self.pages: list[str] = []  # output paths of the report pages, as added
        #: dest -> [page key, hash of the input's bytes, its file's state], for the next build's record
        #: (``sitegen.searchcache``)
        self.entries: dict[str, list[Any]] = {}
        self.keys: list[str] = []  # each part's key, once started
        self.per_run = searchparts.part_size(part_pages)
        self.department_pages = department_pages
        self.groups: list[list[str]] = []
        self.todo: list[int] = []  # the parts (from 0) Pagefind indexes, the others are the last build's
        self.linked: dict[int, dict[str, list[Any]]] = {}  # those: the last build's record of their files
        self.chunks: int | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.lock = threading.Lock()  # guards ``process`` and ``stopped`` between the runner and ``close``
        self.stopped = False
        self.runner: threading.Thread | None = None
        self.error: BaseException | None = None  # what the runner raised
        self.where = Loc(f"{BUNDLE_DIR}/")

    def add(self, dest: str, marked: str, page_key: str = "") -> None:
        """Report page ``dest`` (its output path) with its marked content ``marked`` (made for ``page_key``)."""
        data = document(marked).encode("utf-8")
        target = self.inputs / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.pages.append(dest)
        self.entries[dest] = [page_key, digest(data), file_state(target)]

    def keep(self, dest: str, recorded: list[Any]) -> None:
        """Report page ``dest``, reused from the last build: its input is in the cache, as ``recorded``
        there ([page key, hash, file state]: ``SearchCache.input``)."""
        self.pages.append(dest)
        self.entries[dest] = list(recorded)

    def _prune(self) -> None:
        """Remove inputs of pages this build does not have (the cache's folder keeps the last build's)."""
        wanted = set(self.pages)
        for path in sorted(self.inputs.rglob("*"), reverse=True):
            if path.is_file() and path.relative_to(self.inputs).as_posix() not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()

    @property
    def started(self) -> bool:
        return bool(self.groups)

    @property
    def one_part(self) -> bool:
        """Whether Pagefind runs beside the writing of the pages (``on_env``): the site is indexed in one
        part, or in small parts by department; else after the pages are written (peak memory first)."""
        return self.department_pages > 0 or self.per_run <= 0 or len(self.pages) <= self.per_run

    def _part(self, number: int) -> Path:
        """Where part ``number`` (from 0) is made, before the parts are put together (:meth:`finish`)."""
        return self.root / "parts" / str(number)

    def start(self, html_pages: int) -> None:
        """Every page added: start indexing the parts whose inputs changed (``html_pages``: the site's HTML pages).

        Raises :class:`SearchIndexError` when there is no Pagefind program.
        """
        self.groups = searchparts.groups(sorted(self.pages), self.per_run, self.department_pages)
        self.chunks = chunk_size(html_pages)
        if self.cache is not None:
            self._prune()
        binary = self._binary()
        settings = [*EXCLUDED, f"chunks={self.chunks}"]
        digests = {dest: entry[1] for dest, entry in self.entries.items()}
        self.keys = [bundle_key({dest: digests[dest] for dest in group}, binary, settings) for group in self.groups]
        self.todo, self.linked = [], {}
        for number, key in enumerate(self.keys):
            reused = None
            if self.cache is not None and self.previous_site is not None:
                reused = self.cache.part(key, self.previous_site, self._part(number))
            if reused is None:
                shutil.rmtree(self._part(number), ignore_errors=True)
                self.todo.append(number)
            else:
                self.linked[number] = reused
        if self.todo:
            self.runner = threading.Thread(target=self._run_all, args=(binary,), name="pagefind", daemon=True)
            self.runner.start()

    @staticmethod
    def _binary() -> Path:
        binary = pagefind_binary()
        if binary is None:
            raise SearchIndexError(finding("JX-B001", Loc("pagefind_extended"), reason="没有安装 pagefind[extended]"))
        return binary

    def _run_all(self, binary: Path) -> None:
        """The runner thread: Pagefind over each part of ``todo``, one after the other."""
        try:
            for number in self.todo:
                if self.stopped:
                    return
                self._run(binary, number)
        except BaseException as exc:  # raised again by ``finish``
            self.error = exc

    def _run(self, binary: Path, number: int) -> None:
        bundle = self._part(number)
        env = {**os.environ, **({"PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(self.chunks)} if self.chunks else {})}
        log = self.root / f"pagefind-{number + 1}.log"
        # the documents at their paths, created in order: Pagefind numbers pages in the order it walks them
        with searchparts.linked(self.inputs, self.groups[number]) as part_site, log.open("wb") as out:
            with self.lock:
                if self.stopped:
                    return
                try:  # a file, not a pipe nobody reads while mkdocs works
                    self.process = subprocess.Popen(part_command(binary, part_site, bundle), cwd=part_site,
                                                    stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                                    env=env, start_new_session=True)
                except OSError as exc:  # not there, not executable
                    raise SearchIndexError(finding("JX-B001", Loc(str(binary)),
                                                   reason=exc.strerror or str(exc))) from exc
            code = self.process.wait()
            with self.lock:
                self.process = None
        if code != 0:
            raise SearchIndexError(failure(code, log.read_text(encoding="utf-8", errors="replace"), self.where))

    def finish(self, departments: Path | None = None) -> IndexStats:
        """After :meth:`start`: wait for Pagefind, put the parts together in ``site_dir/pagefind`` and list
        them (``departments``: the explorer's departments file, for the search box's routing by department)."""
        if self.runner is not None:
            self.runner.join()
            self.runner = None
        if self.error is not None:
            raise self.error
        pages = 0
        for number in range(len(self.groups)):
            if number in self.todo:
                pages += canonical_pages(self._part(number), self.where)
            else:
                pages += len(self.groups[number])
        shutil.rmtree(self.output, ignore_errors=True)
        for number, where in enumerate(searchparts.bundle_dirs(len(self.groups))):
            target = self.output / where
            target.parent.mkdir(parents=True, exist_ok=True)
            self._part(number).rename(target)
        searchparts.write_list(self.output, self.groups, SHARDS_FILE, by_department=self.department_pages > 0,
                               departments=departments)
        target = self.site_dir / BUNDLE_DIR
        try:
            if target.is_dir():
                shutil.rmtree(target)
            self.output.rename(target)
        except OSError as exc:  # e.g. a file named pagefind in the docs folder
            raise SearchIndexError(finding("JX-B002", self.where, status="无法放入网站目录",
                                           detail=str(exc))) from exc
        size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
        return IndexStats(pages=pages, bytes=size, path=target)

    @property
    def record(self) -> list[tuple[str, str, dict[str, list[Any]]]]:
        """(key, directory in the bundle, the last build's record of its files when it is that part) of each
        part, for the next build's record."""
        return [(key, where, self.linked.get(number, {})) for number, (key, where) in
                enumerate(zip(self.keys, searchparts.bundle_dirs(len(self.keys)), strict=True))]

    def close(self) -> None:
        """Stop Pagefind if it still runs (a failed or interrupted build) and remove the working folder."""
        with self.lock:
            self.stopped = True
            if self.process is not None:
                kill_run(self.process)
        if self.runner is not None:
            self.runner.join()
            self.runner = None
        shutil.rmtree(self.root, ignore_errors=True)
