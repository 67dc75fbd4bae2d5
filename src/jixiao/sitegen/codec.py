"""Frozen dataclasses to JSON data and back, exactly: the shard manifest's encoding of the site facts.

Owns one generic, type-driven codec. :func:`encode` turns dataclasses into objects (one key per
field), tuples and lists into arrays, mappings with text keys into objects and other mappings into
``{"$m": [[key, value], …]}``, and every ``Decimal`` into ``{"$d": "93.98"}`` (so a number's exact
text, and whether it was a Decimal, an int or text, survive: an XLSX cell's type depends on it).
:func:`decode` rebuilds a value of a given type from its type hints (dataclasses, tuples, unions,
enums, mappings). ``decode(encode(x), type(x)) == x`` for the facts types, which the equivalence
test of the shard build relies on.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from dataclasses import fields, is_dataclass
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

__all__ = ["CodecError", "decode", "encode"]

_DEC = "$d"
_MAP = "$m"


class CodecError(ValueError):
    """The data does not have the shape of the type asked for."""


def encode(value: Any) -> Any:
    """``value`` as JSON data (see the module docstring)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, Decimal):
        return {_DEC: str(value)}
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (tuple, list)):
        return [encode(v) for v in value]
    if isinstance(value, Mapping):
        if all(isinstance(k, str) for k in value):
            return {k: encode(v) for k, v in value.items()}
        return {_MAP: [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, Enum):
        return encode(value.value)
    raise CodecError(f"cannot encode {type(value).__name__}")


def _plain(data: Any) -> Any:
    """Data decoded without a type: Decimals and tagged mappings restored, arrays as tuples."""
    if isinstance(data, dict):
        if set(data) == {_DEC}:
            return Decimal(data[_DEC])
        if set(data) == {_MAP}:
            return {_plain(k): _plain(v) for k, v in data[_MAP]}
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return tuple(_plain(v) for v in data)
    return data


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def decode(data: Any, hint: Any) -> Any:
    """A value of type ``hint`` from the JSON data :func:`encode` made of it."""
    return _decoder(hint)(data)


def decode_slowly(data: Any, hint: Any) -> Any:
    """:func:`decode` walking the type hints at every value (the reference :func:`_decoder` is tested against)."""
    origin = get_origin(hint)
    if hint is Any or hint is object:
        return _plain(data)
    if origin is Union or isinstance(hint, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        if data is None:
            return None
        if len(options) == 1:
            return decode_slowly(data, options[0])
        return _plain(data)  # e.g. a table cell: str | int | Decimal | None, told apart by the encoding
    if data is None:
        return None
    if isinstance(hint, type) and is_dataclass(hint):
        if not isinstance(data, dict):
            raise CodecError(f"{hint.__name__}: expected an object")
        hints = _hints(hint)
        return hint(**{f.name: decode_slowly(data[f.name], hints[f.name]) for f in fields(hint) if f.name in data})
    if origin is tuple:
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode_slowly(v, args[0]) for v in data)
        return tuple(decode_slowly(v, a) for v, a in zip(data, args, strict=True))
    if origin in (list,):
        return [decode_slowly(v, get_args(hint)[0]) for v in data]
    if origin in (dict, Mapping) or hint in (dict, Mapping):
        args = get_args(hint) or (Any, Any)
        if isinstance(data, dict) and set(data) == {_MAP}:
            pairs = [(decode_slowly(k, args[0]), decode_slowly(v, args[1])) for k, v in data[_MAP]]
        else:
            pairs = [(decode_slowly(k, args[0]), decode_slowly(v, args[1])) for k, v in data.items()]
        return dict(pairs)
    if hint is Decimal:
        if not (isinstance(data, dict) and set(data) == {_DEC}):
            raise CodecError("expected a decimal")
        return Decimal(data[_DEC])
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(data)
    if hint in (str, int, bool) and not isinstance(data, hint):
        raise CodecError(f"expected {hint.__name__}")
    return data


Decoder = Callable[[Any], Any]


def _nullable(inner: Decoder) -> Decoder:
    def run(data: Any) -> Any:
        return None if data is None else inner(data)
    return run


@cache
def _decoder(hint: Any) -> Decoder:
    """:func:`decode_slowly` for one ``hint``, its type walked once (the facts of a build: ~10x fewer calls)."""
    origin = get_origin(hint)
    if hint is Any or hint is object:
        return _plain
    if origin is Union or isinstance(hint, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        return _nullable(_decoder(options[0])) if len(options) == 1 else _plain
    if isinstance(hint, type) and is_dataclass(hint):
        return _nullable(_Dataclass(hint))
    if origin is tuple:
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return _nullable(lambda data: tuple(map(item, data)))
        parts = [_decoder(a) for a in args]
        return _nullable(lambda data: tuple(d(v) for v, d in zip(data, parts, strict=True)))
    if origin in (list,):
        item = _decoder(get_args(hint)[0])
        return _nullable(lambda data: list(map(item, data)))
    if origin in (dict, Mapping) or hint in (dict, Mapping):
        args = get_args(hint) or (Any, Any)
        key, value = _decoder(args[0]), _decoder(args[1])

        def mapping(data: Any) -> Any:
            if isinstance(data, dict) and set(data) == {_MAP}:
                return dict([(key(k), value(v)) for k, v in data[_MAP]])
            return dict([(key(k), value(v)) for k, v in data.items()])
        return _nullable(mapping)
    if hint is Decimal:
        def decimal(data: Any) -> Any:
            if not (isinstance(data, dict) and set(data) == {_DEC}):
                raise CodecError("expected a decimal")
            return Decimal(data[_DEC])
        return _nullable(decimal)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _nullable(hint)
    if hint in (str, int, bool):
        def scalar(data: Any) -> Any:
            if data is not None and not isinstance(data, hint):
                raise CodecError(f"expected {hint.__name__}")
            return data
        return scalar
    return _identity


def _identity(data: Any) -> Any:
    return data


class _Dataclass:
    """A dataclass's decoder; its fields' decoders are made at its first use (a type may refer to itself)."""

    __slots__ = ("cls", "parts")

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.parts: list[tuple[str, Decoder]] | None = None

    def __call__(self, data: Any) -> Any:
        if not isinstance(data, dict):
            raise CodecError(f"{self.cls.__name__}: expected an object")
        parts = self.parts
        if parts is None:
            hints = _hints(self.cls)
            parts = self.parts = [(f.name, _decoder(hints[f.name])) for f in fields(self.cls)]
        return self.cls(**{name: d(data[name]) for name, d in parts if name in data})
