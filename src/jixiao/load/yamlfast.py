"""YAML text -> the plain tree and its places straight from libyaml's events, for plain files.

Owns the fast path of :func:`jixiao.load.yamltree.parse_yaml`. Nearly every content file is "plain":
one document of untagged mappings, sequences and scalars, without anchors, aliases, merge keys,
duplicate or complex keys, and nested no deeper than :data:`~jixiao.load.yamltree.MAX_DEPTH`. For
such a file this reads libyaml's parser events and builds the same value, value places and key places
as composing nodes and walking them, in about a third of the time (no node objects, no resolver call
per scalar). Anything else, including every file that has a finding, returns ``None`` and is read
again by the reference path, so findings, their wording and their places come from one place only.
"""

from __future__ import annotations

from typing import Any

import yaml

from jixiao.domain.model import Loc

PathKey = tuple[str | int, ...]
Plain = dict[str, "Plain"] | list["Plain"] | str | None
Places = dict[PathKey, Loc]
#: The value places of each mapping's keys, by the mapping's path (the same ``Loc`` objects as in ``Places``).
Children = dict[PathKey, dict[str, Loc]]

#: libyaml's event parser, when PyYAML was built with it.
CPARSER: Any = getattr(getattr(yaml, "cyaml", None), "CParser", None)

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
#: Plain scalars the reference resolver tags as something the walker refuses (merge ``<<``, value ``=``).
_REFUSED = frozenset({"<<", "="})
_SCALAR, _MAPPING_START, _SEQUENCE_START = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAPPING_END, _SEQUENCE_END = yaml.MappingEndEvent, yaml.SequenceEndEvent


class _NotPlain(Exception):
    """The file needs the reference path (it has a finding, or YAML features plain files lack)."""


class _Reader:
    def __init__(self, parser: Any, file: str, max_depth: int) -> None:
        self.next = parser.get_event
        self.file = file
        self.max_depth = max_depth
        self.locs: Places = {}
        self.key_marks: dict[PathKey, Any] = {}
        self.children: Children = {}

    def node(self, event: Any, path: PathKey) -> Plain:
        """The value starting with ``event`` at ``path`` (its events consumed)."""
        if len(path) > self.max_depth or event.anchor is not None or event.tag is not None:
            raise _NotPlain
        mark = event.start_mark
        self.locs[path] = Loc(self.file, mark.line + 1, mark.column + 1)
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
        nxt, file, locs, key_marks = self.next, self.file, self.locs, self.key_marks
        mine: dict[str, Loc] = {}  # this mapping's value places by key, for the converter (``Tree.children``)
        self.children[path] = mine
        deep = len(path) + 1 > self.max_depth
        event: Any = nxt()
        while type(event) is _SCALAR:
            if event.anchor is not None or event.tag is not None:
                raise _NotPlain  # an anchored or tagged key
            key: str = event.value
            if key in out or (event.implicit[0] and key in _REFUSED):
                raise _NotPlain  # a duplicate key or a merge key
            mark: Any = event.start_mark
            child = (*path, key)
            key_marks[child] = mark  # made a Loc only when a finding needs it (Tree.key_loc)
            event = nxt()
            if type(event) is _SCALAR and not deep and event.anchor is None and event.tag is None:
                mark = event.start_mark
                locs[child] = mine[key] = Loc(file, mark.line + 1, mark.column + 1)
                value: str | None = event.value
                if event.implicit[0]:  # plain scalar: resolved as the reference resolver does
                    if value in _NULLS:
                        value = None
                    elif value in _REFUSED:
                        raise _NotPlain
                out[key] = value
            else:
                out[key] = self.node(event, child)
                mine[key] = locs[child]
            event = nxt()
        if type(event) is not _MAPPING_END:
            raise _NotPlain  # a complex key or an alias as key
        return out


def read_plain(text: str, file: str, max_depth: int) -> tuple[Plain, Places, dict[PathKey, Any], Children] | None:
    """The value, value places, key marks (libyaml's, 0-based) and value places by mapping of a plain
    one-document file; None for any other file."""
    if CPARSER is None:  # pragma: no cover - PyYAML without libyaml
        return None
    parser = CPARSER(text)
    try:
        reader = _Reader(parser, file, max_depth)
        reader.next()  # stream start
        if type(reader.next()) is not yaml.DocumentStartEvent:
            return None  # no document at all
        value = reader.node(reader.next(), ())
        if type(reader.next()) is not yaml.DocumentEndEvent or type(reader.next()) is not yaml.StreamEndEvent:
            return None  # several documents
        return value, reader.locs, reader.key_marks, reader.children
    except (_NotPlain, yaml.YAMLError):
        return None
    finally:
        parser.dispose()
