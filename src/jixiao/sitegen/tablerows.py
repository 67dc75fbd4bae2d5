"""The rows of the two big site-wide tables while ``jixiao assemble`` runs: on disk, not in memory.

Owns :class:`SpilledRows`. A province's ``indicators.csv`` and ``lineage.csv`` have hundreds of thousands
of rows, most of every manifest; holding them all (as ``render.facts`` objects) would make the assembly's
memory grow with the whole province. As each shard's manifest is read (``sitegen.manifest.read_manifest``
with a row sink) its rows are appended to one temporary file, each report's and each department's as one
pickled block whose place is remembered; the tables are then written (``opendata.package.write_site_data``)
from the blocks read back one at a time in the whole site's order (reports by key, departments by slug),
so the assembled files have the bytes of a whole build's. The file is this process's own, deleted with
its folder.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path

from jixiao.opendata.tables import Cell

__all__ = ["SpilledRows"]

Row = tuple[Cell, ...]
Key = tuple[str, int, str]


class SpilledRows:
    """Rows handed over by manifests (``sitegen.manifest.RowSink``), kept in ``folder``; also the folder the
    site-wide data files are written to (``render.facts.TableRows``)."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._path = folder / ".rows.pickle"
        self._out = self._path.open("wb")
        self._reports: dict[Key, tuple[int, int]] = {}
        self._departments: dict[str, tuple[int, int]] = {}

    @property
    def folder(self) -> Path:
        return self._folder

    def _put(self, rows: tuple[Row, ...]) -> tuple[int, int]:
        block = pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)
        at = self._out.tell()
        self._out.write(block)
        return at, len(block)

    def report(self, key: Key, rows: tuple[Row, ...]) -> None:
        self._reports[key] = self._put(rows)

    def department(self, slug: str, rows: tuple[Row, ...]) -> None:
        self._departments[slug] = self._put(rows)

    def _read(self, places: list[tuple[int, int]]) -> Iterator[Row]:
        self._out.flush()
        with self._path.open("rb") as f:
            for at, size in places:
                f.seek(at)
                rows: tuple[Row, ...] = pickle.loads(f.read(size))  # written by this process
                yield from rows

    def indicators(self) -> Iterator[Row]:
        """Every report's rows, reports by key (the corpus order)."""
        return self._read([self._reports[k] for k in sorted(self._reports)])

    def lineage(self) -> Iterator[Row]:
        """Every department's rows, departments by slug."""
        return self._read([self._departments[s] for s in sorted(self._departments)])

    def close(self) -> None:
        """Let go of the temporary file (its folder is removed by the caller)."""
        self._out.close()
        self._path.unlink(missing_ok=True)
