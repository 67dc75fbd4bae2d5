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

import contextlib
import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

from jixiao.domain.issues import finding
from jixiao.domain.model import Loc
from jixiao.sitegen import searchparts
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
    into its folder, and the last bundle is reused when no input changed (``previous_site``: where it is).
    """

    def __init__(self, site_dir: Path, part_pages: int | None, cache: SearchCache | None = None,
                 previous_site: Path | None = None) -> None:
        self.site_dir = site_dir.resolve()
        self.root = self.site_dir / FOLDER
        shutil.rmtree(self.root, ignore_errors=True)
        self.cache, self.previous_site = cache, previous_site
        self.inputs = cache.directory if cache is not None else self.root / "in"
        self.output = self.root / "out"
        self.root.mkdir(parents=True)
        self.inputs.mkdir(parents=True, exist_ok=True)
        self.pages: list[str] = []  # output paths of the report pages, as added
        #: dest -> [page key, hash of the input's bytes], for the next build's record (``sitegen.searchcache``)
        self.entries: dict[str, list[str]] = {}
        self.key = ""  # the bundle's key, once started
        self.reused = False  # the last build's bundle is this one's
        self.per_run = searchparts.part_size(part_pages)
        self.groups: list[list[str]] = []
        self.chunks: int | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.log: Path | None = None
        self.stack = contextlib.ExitStack()
        self.done = 0  # parts indexed
        self.where = Loc(f"{BUNDLE_DIR}/")

    def add(self, dest: str, marked: str, page_key: str = "") -> None:
        """Report page ``dest`` (its output path) with its marked content ``marked`` (made for ``page_key``)."""
        data = document(marked).encode("utf-8")
        target = self.inputs / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.pages.append(dest)
        self.entries[dest] = [page_key, hashlib.blake2b(data, digest_size=20).hexdigest()]

    def keep(self, dest: str, digest: str, page_key: str) -> None:
        """Report page ``dest``, reused from the last build: its input, with hash ``digest``, is in the cache."""
        self.pages.append(dest)
        self.entries[dest] = [page_key, digest]

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
        return self.per_run <= 0 or len(self.pages) <= self.per_run

    def start(self, html_pages: int) -> None:
        """Every page added: start indexing the first part (``html_pages``: the site's HTML pages).

        Raises :class:`SearchIndexError` when there is no Pagefind program.
        """
        pages = sorted(self.pages)
        self.groups = searchparts.split(pages, self.per_run) if self.per_run > 0 else [pages]
        self.chunks = chunk_size(html_pages)
        if self.cache is not None:
            self._prune()
        binary = self._binary()
        settings = [*EXCLUDED, f"chunks={self.chunks}", f"parts={[len(g) for g in self.groups]}"]
        self.key = bundle_key({dest: entry[1] for dest, entry in self.entries.items()}, binary, settings)
        if self.cache is not None and self.previous_site is not None:
            self.reused = self.cache.bundle(self.key, self.previous_site, self.output)
        if not self.reused:
            self._launch()

    @staticmethod
    def _binary() -> Path:
        binary = pagefind_binary()
        if binary is None:
            raise SearchIndexError(finding("JX-B001", Loc("pagefind_extended"), reason="没有安装 pagefind[extended]"))
        return binary

    def _launch(self) -> None:
        binary = self._binary()
        group = self.groups[self.done]
        # the documents at their paths, created in order: Pagefind numbers pages in the order it walks them
        part_site = self.stack.enter_context(searchparts.linked(self.inputs, group))
        bundle = searchparts.bundle(self.output, self.done + 1)
        env = {**os.environ, **({"PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(self.chunks)} if self.chunks else {})}
        self.log = self.root / f"pagefind-{self.done + 1}.log"
        with self.log.open("wb") as log:  # a file, not a pipe nobody reads while mkdocs works
            try:
                self.process = subprocess.Popen(part_command(binary, part_site, bundle), cwd=part_site,
                                                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                                env=env)
            except OSError as exc:  # not there, not executable
                raise SearchIndexError(finding("JX-B001", Loc(str(binary)),
                                               reason=exc.strerror or str(exc))) from exc

    def _wait(self) -> None:
        assert self.process is not None and self.log is not None
        code = self.process.wait()
        self.process = None
        self.stack.close()  # the part's linked tree
        if code != 0:
            output = self.log.read_text(encoding="utf-8", errors="replace")
            raise SearchIndexError(failure(code, output, self.where))
        self.done += 1

    def finish(self) -> IndexStats:
        """After :meth:`start`: wait for Pagefind, index the remaining parts, move the bundle to ``site_dir/pagefind``."""
        pages = len(self.pages)
        if not self.reused:
            self._wait()
            while self.done < len(self.groups):
                self._launch()
                self._wait()
            pages = sum(canonical_pages(searchparts.bundle(self.output, number), self.where)
                        for number in range(1, len(self.groups) + 1))
            searchparts.write_list(self.output, self.groups, SHARDS_FILE)
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

    def close(self) -> None:
        """Stop Pagefind if it still runs (a failed or interrupted build) and remove the working folder."""
        if self.process is not None:
            with contextlib.suppress(OSError):
                self.process.kill()
            self.process.wait()
            self.process = None
        self.stack.close()
        shutil.rmtree(self.root, ignore_errors=True)

