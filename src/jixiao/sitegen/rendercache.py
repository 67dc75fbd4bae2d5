"""The render cache: one department folder's generated files and facts, under ``.jixiao-cache/render/``.

Owns the entries' keys and their format on disk. An entry is named by the folder's check key
(``cache.keys.folder_key``: jixiao itself, ``site.yaml``, how paths are shown, every name and byte of the
folder) and records the render key it was made under (:func:`folder_key`: that check key, the render
setting of :func:`base_key` (jixiao, the libraries that render, every file of the template folders), the
folder's files' commits in git (publication dates and 修订记录) and the standings its reports print,
which depend on every other folder). It holds the folder's report, project and department pages and each
report's own data files, byte for byte, the :class:`~jixiao.render.facts.ReportFacts` and
:class:`~jixiao.render.facts.DepartmentFacts` the site-wide pages are made from, each report page's search
facts, and apart (read only when the site-wide tables are made again) the rows of those tables. The
site-wide indicator and lineage tables' files are kept too (``tables/``), keyed by every folder's rows.

An entry is a folder: each file a file of its own, which a build hard-links into the site (its bytes are
neither read nor written again), and ``entry.bin`` with the rest and, for each file, the hash of its bytes
and its size, modification time and inode as written. So a file of ``site/`` written in place (an editor
that does not replace the file) writes the cache's too: the entry is then a miss, unless the file still
has those size, time and inode, or its bytes still have the recorded hash. Reading never fails: a
missing, truncated or damaged entry (a digest covers ``entry.bin``), or one of another render key, is a
miss; writing never fails (a temporary folder renamed into place, or nothing when the cache cannot be
written). Safe to delete at any time.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path

from jixiao.cache.keys import environment
from jixiao.cache.store import DIRECTORY
from jixiao.domain.standing import Standing
from jixiao.opendata.tables import Cell
from jixiao.render.facts import DepartmentFacts, ReportFacts
from jixiao.render.site import GeneratedFile, RenderSettings
from jixiao.sitegen.codec import decode, encode
from jixiao.sitegen.reuse import digest, file_state, hash_folder, unchanged
from jixiao.sitegen.search import SearchFacts

__all__ = [
    "Entry",
    "base_key",
    "entry_path",
    "folder_key",
    "indicator_rows_of",
    "lineage_rows_of",
    "prune",
    "read",
    "rows_of",
    "split",
    "stored",
    "tables_key",
    "tables_path",
    "write",
]

_MAGIC = b"jixiao-render/3\n"
#: An entry's record, beside its files
_ENTRY = "entry.bin"
_SEP = b"\x00"
#: The libraries whose versions change what is rendered (jixiao's own sources: ``environment``).
_LIBRARIES = ("Jinja2", "MarkupSafe", "markdown-it-py", "mdit-py-plugins", "PyYAML", "XlsxWriter")


@dataclass(frozen=True, slots=True)
class Entry:
    """What one department folder contributes to the site."""

    files: tuple[GeneratedFile, ...]  # its report, project and department pages and own data files, with content
    reports: tuple[ReportFacts, ...]  # its published reports, by key, without their ``indicator_rows``
    #: without its ``lineages`` (its page is in ``files``) and ``lineage_rows``; None: no department.yaml read
    department: DepartmentFacts | None
    search: Mapping[str, SearchFacts]  # report page source path -> its search facts
    rows: bytes  # the rows of the site-wide tables left out above (:func:`split`, :func:`rows_of`)


Rows = tuple[tuple[Cell, ...], ...]


def split(reports: Sequence[ReportFacts], department: DepartmentFacts | None,
          ) -> tuple[tuple[ReportFacts, ...], DepartmentFacts | None, bytes]:
    """The facts without their table rows (and the department without its lineages), and the rows as JSON."""
    rows = [[encode(r.data.indicator_rows) for r in reports], None if department is None else encode(department.lineage_rows)]
    bare = tuple(replace(r, data=replace(r.data, indicator_rows=())) for r in reports)
    dept = None if department is None else replace(department, lineages=(), lineage_rows=())
    return bare, dept, json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def rows_of(rows: bytes) -> tuple[tuple[Rows, ...], Rows]:
    """Each report's ``indicator_rows`` and the department's ``lineage_rows`` of an entry's ``rows``."""
    reports, lineage = json.loads(rows)
    return tuple(decode(r, Rows) for r in reports), () if lineage is None else decode(lineage, Rows)


def indicator_rows_of(rows: bytes) -> Iterator[tuple[Cell, ...]]:
    """The rows of ``indicators.csv`` of an entry's ``rows`` (its reports' in turn), decoded one report at a time."""
    reports, _ = json.loads(rows)
    for own in reports:
        yield from decode(own, Rows)


def lineage_rows_of(rows: bytes) -> Rows:
    """The department's rows of ``lineage.csv`` of an entry's ``rows`` (none without a department)."""
    _, lineage = json.loads(rows)
    return () if lineage is None else decode(lineage, Rows)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def base_key(settings: RenderSettings) -> str:
    """The key of what every folder's rendering depends on besides the folder: jixiao, the rendering
    libraries and every file of the template folders."""
    h = hashlib.blake2b(digest_size=20)
    h.update(environment().encode())
    for name in _LIBRARIES:
        h.update(f"|{name}={_version(name)}".encode())
    for folder in settings.templates:
        hash_folder(h, folder)
    return h.hexdigest()


def folder_key(base: str, check_key: str, commits: Iterable[str], ranks: Mapping[tuple[str, int, str], Standing],
               ) -> str:
    """The render key of one folder: ``base`` (:func:`base_key`), its check key, its files' commits (as
    ``gitdates.file_commits`` gives them) and the standings of its reports (``repr``: every field)."""
    h = hashlib.blake2b(digest_size=20)
    h.update(base.encode() + _SEP + check_key.encode() + _SEP)
    for line in commits:
        h.update(line.encode("utf-8", "surrogateescape") + _SEP)
    for key in sorted(ranks):
        h.update(repr((key, ranks[key])).encode("utf-8") + _SEP)
    return h.hexdigest()


def cache_root(content: Path) -> Path:
    return content.resolve().parent / DIRECTORY / "render"


def entry_path(content: Path, check_key: str) -> Path:
    """Where the entry of the folder whose check key is ``check_key`` is kept (a folder)."""
    return cache_root(content) / check_key


def stored(path: Path) -> bool:
    """Whether there is an entry in folder ``path`` (maybe of another render key, maybe damaged)."""
    return (path / _ENTRY).is_file()


def _blob(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def write(path: Path, key: str, entry: Entry) -> None:
    """Store ``entry`` in the folder ``path`` under render key ``key``; nothing when the cache cannot be written.

    Each file is a file of its own (``0``, ``1``, …: a build links them into the site, :func:`read`), the
    rest is ``entry.bin``, which records each file's hash, size, modification time and inode as written. A
    file whose content is on disk (``GeneratedFile.source``: the site-wide tables written as their rows
    came) is copied from there, never read whole.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _ignore(path.parent)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=path.parent))
        try:
            listed = []
            for number, f in enumerate(entry.files):
                blob = tmp / str(number)
                if f.source is not None:
                    shutil.copyfile(f.source, blob)
                    hashed = _file_digest(blob)
                else:
                    data = _blob(f.content)
                    blob.write_bytes(data)
                    hashed = digest(data)
                listed.append([f.path, isinstance(f.content, str) and f.source is None, f.verbatim_html, hashed,
                               file_state(blob)])
            header = {
                "key": key, "files": listed,
                "reports": encode(entry.reports), "department": encode(entry.department),
                "search": {page: encode(facts) for page, facts in entry.search.items()}, "rows": len(entry.rows),
            }
            payload = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n" + entry.rows
            (tmp / _ENTRY).write_bytes(_MAGIC + digest(payload).encode("ascii") + b"\n" + payload)
            _replace(tmp, path)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    except OSError:
        pass


def _file_digest(path: Path) -> str:
    """:func:`~jixiao.sitegen.reuse.digest` of a file's bytes, read in blocks."""
    h = hashlib.blake2b(digest_size=20)
    with path.open("rb") as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _replace(new: Path, path: Path) -> None:
    """Put the folder ``new`` at ``path`` (an older entry there goes; its files stay wherever they are linked)."""
    if path.is_dir() and not path.is_symlink():
        aside = Path(tempfile.mkdtemp(prefix=".old-", dir=path.parent))
        path.rename(aside / "entry")
        shutil.rmtree(aside, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink()
    new.rename(path)


def read(path: Path, key: str, *, load: bool = False) -> Entry | None:
    """The entry in folder ``path`` if it was stored under render key ``key`` and is whole; else None.

    Its files are given by path (``GeneratedFile.source``, ``linked``: to be linked, never moved or
    written), unless ``load``: then with their content. A file is whole when its size, modification time
    and inode are those recorded, or else its bytes have the recorded hash.
    """
    try:
        data = (path / _ENTRY).read_bytes()
    except OSError:
        return None
    head = len(_MAGIC) + 41
    if not data.startswith(_MAGIC) or len(data) < head or data[head - 1:head] != b"\n":
        return None
    payload = memoryview(data)[head:]
    if digest(payload).encode("ascii") != data[len(_MAGIC):head - 1]:
        return None
    try:
        end = data.index(b"\n", head)
        header = json.loads(data[head:end])
        if not isinstance(header, dict) or header.get("key") != key:
            return None
        rows = data[end + 1:]
        if len(rows) != header["rows"]:
            return None
        files: list[GeneratedFile] = []
        for number, (name, text, verbatim, hashed, state) in enumerate(header["files"]):
            blob = path / str(number)
            if not isinstance(name, str) or not isinstance(verbatim, bool) or not isinstance(hashed, str):
                return None
            if load:
                content = blob.read_bytes()
                if digest(content) != hashed:
                    return None
                files.append(GeneratedFile(name, content.decode("utf-8") if text else content,
                                           verbatim_html=verbatim, digest=hashed))
                continue
            if not unchanged(blob, hashed, state):  # written since (its state), and not with the same bytes
                return None
            files.append(GeneratedFile(name, "", verbatim_html=verbatim, source=blob, linked=True, digest=hashed))
        return Entry(tuple(files), decode(header["reports"], tuple[ReportFacts, ...]),
                     decode(header["department"], DepartmentFacts | None),
                     {page: decode(facts, SearchFacts) for page, facts in header["search"].items()}, rows)
    except (OSError, KeyError, TypeError, ValueError, ArithmeticError, AttributeError):  # ValueError: JSON, UTF-8, codec
        return None


def tables_key(base: str, rows: Iterable[bytes]) -> str:
    """The key of the site-wide tables' files: ``base`` and every folder's rows (``Entry.rows``), in order."""
    h = hashlib.blake2b(digest_size=20)
    h.update(base.encode() + _SEP)
    for part in rows:
        h.update(hashlib.blake2b(part, digest_size=20).digest())
    return h.hexdigest()


def tables_path(content: Path, key: str) -> Path:
    """Where the site-wide tables' files of ``key`` (:func:`tables_key`) are kept (an entry of files only)."""
    return cache_root(content) / "tables" / key


def prune(content: Path, used: Iterable[str], tables: str) -> None:
    """Remove the entries of folders this build did not have (older versions of edited folders), the
    site-wide tables of other rows, and what an interrupted write or an older format left."""
    for folder, keep in ((cache_root(content), {*used, "tables"}), (cache_root(content) / "tables", {tables})):
        try:
            for path in folder.iterdir():
                if path.name in keep or path.name.startswith("."):  # .gitignore, another build's .tmp-
                    continue
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
        except OSError:
            pass


def _ignore(root: Path) -> None:
    """The cache folder ignores itself for git, as the check cache's does."""
    ignore = root / ".gitignore"
    if not ignore.is_file():
        ignore.write_text("# jixiao's cache: safe to delete\n*\n", encoding="utf-8")
