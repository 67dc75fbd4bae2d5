"""YAML text -> the plain tree and its places straight from libyaml's events, for plain files.

Owns the fast path of :func:`jixiao.load.yamltree.parse_yaml`. Nearly every content file is "plain":
one document of untagged mappings, sequences and scalars, without anchors, aliases, merge keys,
duplicate or complex keys, and nested no deeper than :data:`~jixiao.load.yamltree.MAX_DEPTH`. For
such a file this reads libyaml's parser events and builds the same value, value places and key places
as composing nodes and walking them, in about a third of the time (no node objects, no resolver call
per scalar; libyaml's own composer, which builds the nodes in C, was measured slower than reading the
events in Python: 0.77-0.82 against 0.44-0.52 CPU s for 1,000 report files). Anything else, including
every file that has a finding, returns ``None`` and is read again by the reference path, so findings,
their wording and their places come from one place only.

Places are kept as libyaml gives them, packed into one int each (0-based line << 32 | 0-based column), and become
:class:`~jixiao.domain.model.Loc` objects only when read: a report has ~360 values and only the few a
finding is about ever need a ``Loc`` (:class:`PackedLocs` is a record's field places).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import yaml

from jixiao.domain.model import Loc

PathKey = tuple[str | int, ...]
Plain = dict[str, "Plain"] | list["Plain"] | str | None
#: The value places of each mapping's keys, by the mapping's path (packed: :func:`unpack`).
Children = dict[PathKey, dict[str, int]]
#: The key marks (libyaml's, 0-based) of each mapping's keys, by the mapping's path.
KeyMarks = dict[PathKey, dict[str, Any]]

#: libyaml's event parser, when PyYAML was built with it.
CPARSER: Any = getattr(getattr(yaml, "cyaml", None), "CParser", None)

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
#: Plain scalars the reference resolver tags as something the walker refuses (merge ``<<``, value ``=``).
_REFUSED = frozenset({"<<", "="})
_SCALAR, _MAPPING_START, _SEQUENCE_START = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAPPING_END, _SEQUENCE_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
_SHIFT = 32
_COLUMN = (1 << _SHIFT) - 1


def unpack(file: str, packed: int) -> Loc:
    """The place (1-based) of a packed mark in ``file``."""
    return Loc(file, (packed >> _SHIFT) + 1, (packed & _COLUMN) + 1)


class PackedLocs(Mapping[str, Loc]):
    """A record's field places: read-only, each made a :class:`Loc` when read (``Sourced.locs``)."""

    __slots__ = ("_file", "_packed")

    def __init__(self, file: str, packed: dict[str, int]) -> None:
        self._file = file
        self._packed = packed

    def __getitem__(self, key: str) -> Loc:
        return unpack(self._file, self._packed[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __repr__(self) -> str:
        return f"PackedLocs({dict(self)!r})"

    def lines(self) -> list[int]:
        """The (1-based) line of every place, without making the places."""
        return [(packed >> _SHIFT) + 1 for packed in self._packed.values()]


class _NotPlain(Exception):
    """The file needs the reference path (it has a finding, or YAML features plain files lack)."""


class _Reader:
    def __init__(self, parser: Any, max_depth: int) -> None:
        self.next = parser.get_event
        self.max_depth = max_depth
        self.places: dict[PathKey, int] = {}  # of collections and sequence items (scalars of mappings: children)
        self.children: Children = {}
        self.keys: KeyMarks = {}

    def node(self, event: Any, path: PathKey) -> Plain:
        """The value starting with ``event`` at ``path`` (its events consumed)."""
        if len(path) > self.max_depth or event.anchor is not None or event.tag is not None:
            raise _NotPlain
        mark = event.start_mark
        self.places[path] = mark.line << _SHIFT | mark.column
        kind = type(event)
        if kind is _SCALAR:
            value: str = event.value
            if event.implicit[0]:  # plain scalar: resolved as the reference resolver does
                if value in _NULLS:
                    return None
                if value in _REFUSED:
                    raise _NotPlain
            return value
        if kind is _MAPPING_START:
            return self.mapping(path)
        if kind is _SEQUENCE_START:
            items: list[Plain] = []
            event = self.next()
            while type(event) is not _SEQUENCE_END:
                items.append(self.node(event, (*path, len(items))))
                event = self.next()
            return items
        raise _NotPlain  # an alias

    def mapping(self, path: PathKey) -> Plain:
        """A mapping's keys and values; a scalar value (most of them) is read here, not by :meth:`node`."""
        out: dict[str, Plain] = {}
        nxt = self.next
        mine: dict[str, int] = {}  # this mapping's value places by key (``Tree.children``)
        marks: dict[str, Any] = {}  # its key marks, made a Loc only when a finding needs one (``Tree.key_loc``)
        self.children[path] = mine
        self.keys[path] = marks
        deep = len(path) + 1 > self.max_depth
        event: Any = nxt()
        while type(event) is _SCALAR:
            if event.anchor is not None or event.tag is not None:
                raise _NotPlain  # an anchored or tagged key
            key: str = event.value
            if key in out or (event.implicit[0] and key in _REFUSED):
                raise _NotPlain  # a duplicate key or a merge key
            marks[key] = event.start_mark
            event = nxt()
            if type(event) is _SCALAR and not deep and event.anchor is None and event.tag is None:
                mark: Any = event.start_mark
                mine[key] = mark.line << _SHIFT | mark.column
                value: str | None = event.value
                if event.implicit[0]:  # plain scalar: resolved as the reference resolver does
                    if value in _NULLS:
                        value = None
                    elif value in _REFUSED:
                        raise _NotPlain
                out[key] = value
            else:
                child = (*path, key)
                out[key] = self.node(event, child)
                mine[key] = self.places[child]
            event = nxt()
        if type(event) is not _MAPPING_END:
            raise _NotPlain  # a complex key or an alias as key
        return out


def read_plain(text: str, max_depth: int) -> tuple[Plain, dict[PathKey, int], Children, KeyMarks] | None:
    """The value of a plain one-document file with its places: of collections and sequence items by path,
    of each mapping's values and of its keys (libyaml's marks) by the mapping's path; None for any other file."""
    if CPARSER is None:  # pragma: no cover - PyYAML without libyaml
        return None
    parser = CPARSER(text)
    try:
        reader = _Reader(parser, max_depth)
        reader.next()  # stream start
        if type(reader.next()) is not yaml.DocumentStartEvent:
            return None  # no document at all
        value = reader.node(reader.next(), ())
        if type(reader.next()) is not yaml.DocumentEndEvent or type(reader.next()) is not yaml.StreamEndEvent:
            return None  # several documents
        return value, reader.places, reader.children, reader.keys
    except (_NotPlain, yaml.YAMLError):
        return None
    finally:
        parser.dispose()
