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
from collections.abc import Mapping
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
    origin = get_origin(hint)
    if hint is Any or hint is object:
        return _plain(data)
    if origin is Union or isinstance(hint, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        if data is None:
            return None
        if len(options) == 1:
            return decode(data, options[0])
        return _plain(data)  # e.g. a table cell: str | int | Decimal | None, told apart by the encoding
    if data is None:
        return None
    if isinstance(hint, type) and is_dataclass(hint):
        if not isinstance(data, dict):
            raise CodecError(f"{hint.__name__}: expected an object")
        hints = _hints(hint)
        return hint(**{f.name: decode(data[f.name], hints[f.name]) for f in fields(hint) if f.name in data})
    if origin is tuple:
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(v, args[0]) for v in data)
        return tuple(decode(v, a) for v, a in zip(data, args, strict=True))
    if origin in (list,):
        return [decode(v, get_args(hint)[0]) for v in data]
    if origin in (dict, Mapping) or hint in (dict, Mapping):
        args = get_args(hint) or (Any, Any)
        if isinstance(data, dict) and set(data) == {_MAP}:
            pairs = [(decode(k, args[0]), decode(v, args[1])) for k, v in data[_MAP]]
        else:
            pairs = [(decode(k, args[0]), decode(v, args[1])) for k, v in data.items()]
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
