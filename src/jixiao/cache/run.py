"""``jixiao check`` with the cache: load and score only the department folders that changed.

Owns the cached check. :func:`check_cached` loads ``site.yaml`` and lists the department folders as
:func:`jixiao.load.content.load_content` does, takes each folder's result from the cache when its key
(``cache.keys``) is there, and loads and scores the others, on every core when there are many (each
worker returns a compact :class:`~jixiao.cache.records.FolderResult`, never models). The rules that span
folders (duplicate departments, an empty content folder) run on the compact results. The findings and
report results equal those of :func:`jixiao.check.check`, in the same order, warm or cold.
"""

from __future__ import annotations

import gc
import os
import signal
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jixiao.cache import keys
from jixiao.cache.records import DepartmentFacts, FolderResult, ReportResult, decode, encode, result_of
from jixiao.cache.store import DIRECTORY, Store
from jixiao.check import Checked, check, place
from jixiao.domain.audit import policy_for, score_report
from jixiao.domain.checks.softtargets import soft_target_findings
from jixiao.domain.issues import Finding, Severity, finding
from jixiao.domain.model import Department, Loc, Report, SiteSettings
from jixiao.domain.policy import Policy
from jixiao.domain.scorecard import Scorecard
from jixiao.load.collect import THRESHOLD, few_collections
from jixiao.load.content import Loader

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

__all__ = ["FolderModels", "Planned", "Summary", "check_cached", "check_for_build", "default_cache", "gating", "models_of",
           "reassemble", "summarize"]

#: Fewer folders to load than this are loaded in this process (starting workers costs more).
PARALLEL_FROM = 24
#: At most this many folders per task handed to a worker, so the workers finish together (a last task of
#: ~100 reports is ~0.4 s; 3,334 folders in 16 tasks left one core idle for up to ~2 s at the end).
CHUNK = 32


@dataclass(frozen=True, slots=True)
class Summary:
    """What ``jixiao check`` reports: every finding in order and each report's result, in corpus order."""

    reports: tuple[ReportResult, ...]
    findings: tuple[Finding, ...]
    hits: int = 0  # department folders taken from the cache
    misses: int = 0  # department folders loaded and scored


def summarize(checked: Checked) -> Summary:
    """The summary of a full :func:`~jixiao.check.check` result."""
    return Summary(tuple(result_of(card) for card in checked.scorecards), checked.findings)


def default_cache(content: Path) -> Path:
    """Where the cache of ``content`` lives: ``.jixiao-cache`` beside it (the project folder)."""
    return content.resolve().parent / DIRECTORY


@dataclass(frozen=True, slots=True)
class _Context:
    root: Path
    shown_root: str
    site: SiteSettings
    policy: Policy


@dataclass(frozen=True, slots=True)
class FolderModels:
    """One department folder loaded and scored in this process, models kept (``jixiao build`` renders them)."""

    name: str
    department: Department | None
    reports: tuple[Report, ...]
    cards: tuple[Scorecard, ...]
    loading: tuple[Finding, ...]  # in the loader's order
    scoring: tuple[Finding, ...]  # in report order

    def result(self) -> FolderResult:
        dept = self.department
        return FolderResult(None if dept is None else DepartmentFacts.of(dept),
                            tuple(result_of(c) for c in self.cards), self.loading, self.scoring)


def _models(context: _Context, name: str) -> FolderModels:
    loader = Loader(context.root, context.shown_root)
    dept, reports = loader.folder(context.root / name)
    cards = [score_report(r, context.policy, context.site.grade_bands) for r in reports]
    # cross-year hints compare a report with its department's earlier one: both are in this folder (and key)
    soft = soft_target_findings(reports, context.site.soft_targets)
    return FolderModels(name, dept, tuple(reports), tuple(cards), tuple(loader.findings),
                        (*(f for c in cards for f in c.findings), *soft))


def _check_folder(context: _Context, name: str) -> FolderResult:
    return _models(context, name).result()


_worker: _Context | None = None  # set once in each worker process by _start_worker
#: Set by the parent when it stops the pool (``_stop``): a worker then skips the folders left in its chunk.
_stopping: Any = None
#: Signals held while worker processes are forked (``_load``) until each has set its own handlers.
_HELD = {signal.SIGINT, signal.SIGTERM}


def _start_worker(root: Path, shown_root: str, stopping: Any) -> None:
    global _worker, _stopping
    _stopping = stopping
    # a forked worker inherits the command's handlers: SIGTERM (``cli._terminated``) would raise in the middle
    # of a folder and be sent back as that folder's result; Ctrl-C reaches the whole terminal's process
    # group. The parent stops the pool (``_stop``): a worker ends its chunk (at most ``CHUNK`` folders) and
    # exits; one killed instead would leave the pool's bookkeeping broken (Python 3.11 raises in its thread)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)  # held by the parent while it forked this process
    gc.set_threshold(*THRESHOLD)  # this process only loads and scores (see jixiao.load.collect)
    site = Loader(root, shown_root).site()
    _worker = _Context(root, shown_root, site, policy_for(site)[0])


def _work(name: str) -> dict[str, Any] | None:
    """One folder's result in the form of its cache entry (``records.encode``, under no key yet): lists and
    strings, pickled in C where the result's dataclasses are pickled field by field in Python, and the form
    the parent stores anyway. None once the parent has stopped (it reads no result then)."""
    assert _worker is not None
    if _stopping is not None and _stopping.is_set():
        return None
    return encode(_check_folder(_worker, name), "")


def _jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


#: Called with each result as it arrives: its index, the result, and its cache entry when a worker made one.
Each = Callable[[int, FolderResult, "dict[str, Any] | None"], None]


def _load(context: _Context, names: Sequence[str], jobs: int, each: Each | None = None) -> list[FolderResult]:
    """Load and score ``names``: in worker processes when there are many and several cores. ``each`` is
    called with every result (its index in ``names``) as it arrives, so that storing it overlaps the
    workers' loading of the rest instead of following it."""
    jobs = min(jobs or _jobs(), len(names))
    done: list[FolderResult] = []

    def take(result: FolderResult, entry: dict[str, Any] | None = None) -> None:
        if each is not None:
            each(len(done), result, entry)
        done.append(result)

    if jobs > 1 and len(names) >= PARALLEL_FROM:
        import multiprocessing  # not imported by a warm check
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        # forked from a process with other threads (the preview's server, restarting on a site.yaml edit), a
        # worker could inherit a lock one of them held: the workers then come from a fresh forkserver instead
        kind = multiprocessing.get_context("forkserver" if threading.active_count() > 1 and
                                           "forkserver" in multiprocessing.get_all_start_methods() else None)
        stopping = kind.Event()
        try:
            with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, mp_context=kind,
                                     initargs=(context.root, context.shown_root, stopping)) as pool:
                try:
                    # the workers are forked as the work is handed out: a signal then would reach one before
                    # its handlers are set (a Ctrl-C would break the pool, and the folders be loaded here)
                    signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
                    try:
                        results = pool.map(_work, names, chunksize=max(1, min(CHUNK, len(names) // (jobs * 8))))
                    finally:
                        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
                    for entry in results:
                        result = decode(entry, "")
                        assert result is not None  # None only once stopped
                        take(result, entry)
                    return done
                except BaseException:  # SIGTERM (``SystemExit``), Ctrl-C: stop now, not when the chunks are done
                    stopping.set()
                    _stop(pool)
                    raise
        except (BrokenProcessPool, OSError):  # no processes to be had: do it here
            pass
    for name in names[len(done):]:
        take(_check_folder(context, name))
    return done


def _stop(pool: ProcessPoolExecutor) -> None:
    """Hand out no more work: leaving the ``with`` block then waits only for the folder each worker is
    loading (the rest of its chunk and of the chunks already queued are skipped: ``_stopping``), not for
    every folder queued."""
    pool.shutdown(wait=False, cancel_futures=True)


def _assemble(loader: Loader, policy_findings: Iterable[Finding], results: list[FolderResult],
              hits: int) -> Summary:
    """The rules across folders, then every finding merged in :func:`jixiao.check.check`'s order."""
    loader.duplicates([r.department.department() for r in results if r.department is not None])
    loading = [*loader.findings, *(f for r in results for f in r.loading)]
    reports = sorted((report for r in results for report in r.reports), key=lambda report: report.key)
    if not reports and not any(f.severity == Severity.ERROR for f in loading):
        loading.append(finding("JX-L011", Loc(loader.shown_root)))
    scoring = [f for r in results for f in r.scoring]  # equal places are only ever in one folder's files
    everything = sorted([*sorted(loading, key=place), *policy_findings, *scoring], key=place)
    return Summary(tuple(reports), tuple(everything), hits, len(results) - hits)


def check_cached(content: Path, shown: str | None = None, *, cache: Path | None = None, jobs: int = 0) -> Summary:
    """Check ``content`` as :func:`jixiao.check.check` does, remembering results in ``cache`` (None: don't).

    ``jobs`` is the number of worker processes for a cold check (0: every available core).
    """
    with few_collections():
        return _check_cached(content, shown, cache, jobs)


@dataclass
class Planned:
    """What ``jixiao build`` knows after its cached check: the summary (printed, gating the build), each
    department folder with its cache key, and the models of the folders it asked for (:func:`check_for_build`)."""

    summary: Summary
    site: SiteSettings
    folders: tuple[tuple[str, str | None], ...] = ()  # folder name, key (None: never cached)
    models: dict[str, FolderModels] = field(default_factory=dict)
    context: _Context | None = None
    #: each folder's compact result, by name in folder order (the preview re-assembles the check from them)
    results: dict[str, FolderResult] = field(default_factory=dict)
    site_findings: tuple[Finding, ...] = ()  # the loader's findings about ``site.yaml``
    policy_findings: tuple[Finding, ...] = ()

    def load(self, names: Iterable[str]) -> list[FolderModels]:
        """The models of folders ``names`` (loaded now unless they are already in :attr:`models`)."""
        out: list[FolderModels] = []
        with few_collections():
            for name in names:
                if name not in self.models:
                    assert self.context is not None
                    self.models[name] = _models(self.context, name)
                out.append(self.models[name])
        return out

    @property
    def gating(self) -> tuple[Finding, ...]:
        """The findings that may stop the build: all but those of drafts (as ``Checked.gating``)."""
        return gating(self.summary)


def gating(summary: Summary) -> tuple[Finding, ...]:
    """The findings of ``summary`` that may stop a build: all but those of drafts (as ``Checked.gating``)."""
    owner: dict[str, bool] = {}
    for report in summary.reports:
        for name in report.files:
            owner.setdefault(name, report.draft)
    return tuple(f for f in summary.findings if not owner.get(f.loc.file, False))


def models_of(context: _Context, name: str) -> FolderModels:
    """Folder ``name`` of the content of ``context`` (``Planned.context``), loaded and scored here."""
    with few_collections():
        return _models(context, name)


def reassemble(context: _Context, site_findings: Iterable[Finding], policy_findings: Iterable[Finding],
               results: Callable[[Path], FolderResult]) -> tuple[dict[str, FolderResult], Summary]:
    """The content folder listed again, each department folder's result from ``results`` (the kept one,
    or loaded anew), and the whole check assembled as :func:`check_cached` assembles it."""
    loader = Loader(context.root, context.shown_root)
    loader.findings.extend(site_findings)  # as if ``site.yaml`` were read again by this loader
    done = {folder.name: results(folder) for folder in loader.folders()}
    return done, _assemble(loader, policy_findings, list(done.values()), 0)


def check_for_build(content: Path, shown: str | None = None, *, cache: Path | None = None,
                    want: Callable[[str, str | None], bool] = lambda name, key: True) -> Planned:
    """:func:`check_cached` for ``jixiao build``: the folders ``want`` (name, key) accepts are loaded and
    scored in this process and their models kept (their results stored in the cache as a check stores
    them); the others are taken from the cache, or checked as :func:`check_cached` does."""
    with few_collections():
        return _check_for_build(content, shown, cache, want)


@dataclass(frozen=True, slots=True)
class _Setup:
    """What both cached checks start from: the loader (its findings so far), the settings and policy, and
    each department folder with its cache key."""

    loader: Loader
    context: _Context
    site_findings: tuple[Finding, ...]
    policy_findings: tuple[Finding, ...]
    folders: list[Path]
    store: Store | None
    keys: list[str | None]


def _setup(content: Path, shown_root: str, cache: Path | None) -> _Setup:
    """Load ``site.yaml`` and the policy, list the department folders and key each (``content`` is a folder)."""
    loader = Loader(content, shown_root)
    site = loader.site()
    site_findings = tuple(loader.findings)
    policy, policy_findings = policy_for(site)
    folders = list(loader.folders())
    store, folder_keys = _keys(content, shown_root, folders, cache)
    return _Setup(loader, _Context(content, shown_root, site, policy), site_findings, tuple(policy_findings), folders,
                  store, folder_keys)


def _check_for_build(content: Path, shown: str | None, cache: Path | None,
                     want: Callable[[str, str | None], bool]) -> Planned:
    shown_root = shown if shown is not None else content.as_posix()
    if not content.is_dir():
        summary = summarize(check(content, shown))
        return Planned(summary, SiteSettings(loc=Loc(shown_root)))
    setup = _setup(content, shown_root, cache)
    loader, context, folders, store, folder_keys = setup.loader, setup.context, setup.folders, setup.store, setup.keys
    planned = Planned(Summary((), ()), context.site,
                      tuple((f.name, k) for f, k in zip(folders, folder_keys, strict=True)), context=context,
                      site_findings=setup.site_findings, policy_findings=setup.policy_findings)
    results: list[FolderResult | None] = []
    for folder, key in zip(folders, folder_keys, strict=True):
        if want(folder.name, key):
            result = planned.load([folder.name])[0].result()
            results.append(result)
            if store is not None and key is not None:
                store.put(key, encode(result, key))
        else:
            results.append(None if store is None or key is None else decode(store.get(key), key))
    missing = _load_missing(context, folders, folder_keys, store, results, 0)
    done = [r for r in results if r is not None]
    planned.results = {f.name: r for f, r in zip(folders, done, strict=True)}
    planned.summary = _assemble(loader, setup.policy_findings, done,
                                len(folders) - len(missing) - len(planned.models))
    return planned


def _load_missing(context: _Context, folders: list[Path], folder_keys: list[str | None], store: Store | None,
                  results: list[FolderResult | None], jobs: int) -> list[int]:
    """Load the folders whose place in ``results`` is still None into it, storing each result in the cache
    as it arrives (while the workers load the rest); returns their indexes."""
    missing = [i for i, r in enumerate(results) if r is None]

    def store_result(n: int, result: FolderResult, entry: dict[str, Any] | None) -> None:
        i = missing[n]
        results[i] = result
        key = folder_keys[i]
        if store is not None and key is not None:
            store.put(key, encode(result, key) if entry is None else {**entry, "key": key})

    _load(context, [folders[i].name for i in missing], jobs, store_result)
    return missing


def _keys(content: Path, shown_root: str, folders: list[Path], cache: Path | None,
          ) -> tuple[Store | None, list[str | None]]:
    """The cache (None: not to be used) and each folder's key."""
    site_file = content / "site.yaml"
    site_bytes = keys.file_digest(site_file)
    store = Store(cache, keys.environment()) if cache is not None else None
    if site_file.is_symlink() or (site_bytes is None and site_file.exists()):
        store = None  # what site.yaml says is outside the key
    return store, [None if store is None else keys.folder_key(f, shown_root, site_bytes) for f in folders]


def _check_cached(content: Path, shown: str | None, cache: Path | None, jobs: int) -> Summary:
    shown_root = shown if shown is not None else content.as_posix()
    if not content.is_dir():
        return summarize(check(content, shown))
    setup = _setup(content, shown_root, cache)
    store = setup.store
    results: list[FolderResult | None] = []
    for key in setup.keys:
        results.append(None if store is None or key is None else decode(store.get(key), key))
    missing = _load_missing(setup.context, setup.folders, setup.keys, store, results, jobs)
    done = [r for r in results if r is not None]
    return _assemble(setup.loader, setup.policy_findings, done, len(setup.folders) - len(missing))
