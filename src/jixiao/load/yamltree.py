"""YAML text -> a plain tree of dicts, lists and strings, with the place of every value.

Owns the safe reading of YAML through PyYAML's node API: every scalar stays the text it was written
as (so numbers become ``Decimal`` from their text later, never through float), ``null`` becomes
``None``, and the line and column of every key and value are kept by path. Refused with coded
findings: syntax errors (with Chinese explanations), tab indentation, duplicate keys, anchors and
aliases and merge keys (no "billion laughs"), tags other than YAML's core ones, several documents in
one file, nesting deeper than any report needs, and control characters (at their real line).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import yaml
from yaml.resolver import BaseResolver

from jixiao.domain.issues import Finding, finding
from jixiao.domain.model import Loc
from jixiao.load.yamlfast import CPARSER, PackedLocs, read_plain, unpack
from jixiao.load.yamlfast import PathKey as PathKey
from jixiao.load.yamlfast import Plain as Plain

#: libyaml's parser and composer, when PyYAML was built with it.
_CPARSER: Any = CPARSER
#: Plain files through ``load.yamlfast`` (places kept as libyaml gives them); False: the reference walk for every file.
_PLAIN_NODES = CPARSER is not None

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
_MERGE = _CORE + "merge"
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
#: Deeper nesting than any report needs; refused before it can exhaust the interpreter's stack.
MAX_DEPTH = 40

_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed", "此处不应出现“冒号+空格”；如果文字中含有冒号，请把整段文字用引号括起来"),
    ("could not find expected ':'", "缺少冒号，或上一行的引号没有闭合"),
    ("found unexpected end of stream", "文件在引号或括号闭合之前就结束了：请检查引号是否成对"),
    ("while scanning a quoted scalar", "引号没有闭合"),
    ("found unexpected ':'", "出现了多余的冒号"),
    ("did not find expected key", "缩进不一致：同一层级的字段应对齐"),
    ("expected <block end>", "缩进不一致：同一层级的字段应对齐"),
    ("did not find expected '-' indicator", "列表项缩进不一致"),
    ("found character '\\t'", "使用了制表符（Tab）"),
    ("cannot start any token", "出现了不能作为值开头的字符（如 @ 或 `）：请把该值用引号括起来"),
    ("found undefined alias", "使用了未定义的别名"),
    ("expected ',' or ']'", "方括号列表没有闭合"),
    ("expected ',' or '}'", "花括号映射没有闭合"),
    ("found duplicate anchor", "锚点重复"),
)


@dataclass(slots=True)
class Tree:
    """A parsed file: its plain value, value places and key places by path, and findings.

    The reference path keeps ``Loc`` objects (:attr:`locs`, :attr:`key_locs`); the fast path
    (``load.yamlfast``) keeps libyaml's places as it gives them and makes a ``Loc`` only on request
    (:meth:`loc`, :meth:`key_loc`, :meth:`field_locs`): a finding needs a few, a report has ~360 values.
    """

    file: str
    value: Plain = None
    locs: dict[PathKey, Loc] = field(default_factory=dict)
    key_locs: dict[PathKey, Loc] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    #: The fast path's places (packed, ``yamlfast.pack``) of collections and of sequence items, by path.
    places: dict[PathKey, int] = field(default_factory=dict)
    #: The fast path's value places grouped by mapping: for the mapping at a path, each of its keys' value
    #: place (packed), so a record's field places need no lookup per field. Empty from the reference path.
    children: dict[PathKey, dict[str, int]] = field(default_factory=dict)
    #: The fast path's key places grouped by mapping, as libyaml's own (0-based) marks.
    key_marks: dict[PathKey, dict[str, Any]] = field(default_factory=dict)

    def place(self, path: PathKey) -> Loc | None:
        """The place of the value at ``path``; None when there is no value there."""
        if self.locs:  # read by the reference path
            return self.locs.get(path)
        packed = self.places.get(path)
        if packed is None and path and (group := self.children.get(path[:-1])) is not None:
            packed = group.get(path[-1])  # type: ignore[arg-type]  # an index finds nothing
        return None if packed is None else unpack(self.file, packed)

    def loc(self, path: PathKey) -> Loc:
        """The place of the value at ``path``, or of its nearest ancestor that has one."""
        packed = self.places.get(path)  # a collection's or a sequence item's
        if packed is None and path and (group := self.children.get(path[:-1])) is not None:
            packed = group.get(path[-1])  # type: ignore[arg-type]  # a mapping's value
        if packed is not None:
            return unpack(self.file, packed)
        while True:
            loc = self.place(path)
            if loc is not None:
                return loc
            if not path:
                return Loc(self.file, 1, 1)
            path = path[:-1]

    def key_loc(self, path: PathKey) -> Loc:
        """The place of the key of the value at ``path`` (the value's place when it has no key)."""
        loc = self.key_locs.get(path)
        if loc is None and path and (group := self.key_marks.get(path[:-1])) is not None:
            mark = group.get(path[-1])  # type: ignore[arg-type]  # an index finds nothing
            if mark is not None:
                return _mark_loc(self.file, mark)
        return loc or self.loc(path)

    def field_locs(self, path: PathKey, names: set[str]) -> Mapping[str, Loc]:
        """The places of the values of ``names`` in the mapping at ``path`` (those that are there)."""
        group = self.children.get(path)
        if group is not None and group.keys() == names:  # the fast path grouped exactly these places
            return PackedLocs(self.file, group)
        found = {}
        for name in names:
            loc = self.place((*path, name))
            if loc is not None:
                found[name] = loc
        return MappingProxyType(found)

    def value_places(self) -> dict[PathKey, Loc]:
        """Every value's place, whichever path read the file."""
        out = dict(self.locs)
        for path, packed in self.places.items():
            out[path] = unpack(self.file, packed)
        for path, group in self.children.items():
            for key, packed in group.items():
                out[(*path, key)] = unpack(self.file, packed)
        return out

    def key_places(self) -> dict[PathKey, Loc]:
        """Every key's place, in the order read, whichever path read the file."""
        if not self.key_marks:
            return dict(self.key_locs)
        out: dict[PathKey, Loc] = {}

        def walk(value: Plain, path: PathKey) -> None:
            if isinstance(value, dict):
                marks = self.key_marks[path]
                for key, item in value.items():
                    out[(*path, key)] = _mark_loc(self.file, marks[key])
                    walk(item, (*path, key))
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    walk(item, (*path, i))

        walk(self.value, ())
        return out


def _mark_loc(file: str, mark: Any) -> Loc:
    return Loc(file, mark.line + 1, mark.column + 1)


def _explain(err: yaml.YAMLError) -> str:
    text = " ".join(str(getattr(err, attr, "") or "") for attr in ("context", "problem"))
    for needle, chinese in _PROBLEMS:
        if needle in text:
            return chinese
    return "无法解析该处的 YAML 结构"


class _Walker:
    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.seen: set[int] = set()

    def walk(self, node: yaml.Node, path: PathKey) -> Plain:
        if len(path) > MAX_DEPTH:
            if not any(f.code == "JX-Y008" for f in self.tree.findings):
                self.tree.findings.append(
                    finding("JX-Y008", _mark_loc(self.tree.file, node.start_mark), limit=MAX_DEPTH))
            return None
        if id(node) in self.seen:
            self.tree.findings.append(finding("JX-Y004", _mark_loc(self.tree.file, node.start_mark)))
            return None
        self.seen.add(id(node))
        self.tree.locs[path] = _mark_loc(self.tree.file, node.start_mark)
        if node.tag not in _ALLOWED_TAGS:
            self.tree.findings.append(finding("JX-Y005", self.tree.locs[path], tag=node.tag.replace(_CORE, "!!")))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, (*path, i)) for i, item in enumerate(node.value)]
        if node.tag == _CORE + "null":
            return None
        return str(node.value)

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> Plain:
        out: dict[str, Plain] = {}
        first: dict[str, Loc] = {}
        for key_node, value_node in node.value:
            key_loc = _mark_loc(self.tree.file, key_node.start_mark)
            if key_node.tag == _MERGE:  # "<<: *anchor" copies another mapping: an alias in disguise
                self.tree.findings.append(finding("JX-Y004", key_loc))
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _ALLOWED_TAGS:
                self.tree.findings.append(
                    finding("JX-S003", key_loc, key="（字段名）", expected="文字", found="复杂结构")
                )
                continue
            key = str(key_node.value)
            if key in first:
                self.tree.findings.append(
                    finding("JX-Y003", key_loc, key=key, first_line=first[key].line)
                )
                continue
            first[key] = key_loc
            self.tree.key_locs[(*path, key)] = key_loc
            out[key] = self.walk(value_node, (*path, key))
        return out


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_NULL, _STR, _SEQ, _MAP = (_CORE + t for t in ("null", "str", "seq", "map"))
_SPECIAL = {"<<": _CORE + "merge", "=": _CORE + "value"}  # tags the walker refuses, as the full resolver gives them


class _FastResolver(BaseResolver):
    """Tags for untagged nodes, as far as the walker cares: plain nulls are null, ``<<`` merge, ``=``
    value, other scalars str.

    The walker turns every scalar but null into its text and accepts all of YAML's core tags, so
    resolving ``3`` as ``!!int`` (as the full resolver does, with a regular expression per scalar)
    changes nothing but the time taken.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                return _NULL if value in _NULLS else _SPECIAL.get(value, _STR)
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


if _CPARSER is not None:
    class _CLoader(_CPARSER, _FastResolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            _CPARSER.__init__(self, stream)
            _FastResolver.__init__(self)

    #: libyaml's parser and composer when PyYAML was built with it (about 5x faster than pure Python).
    _FAST_LOADER: Any = _CLoader
else:  # pragma: no cover - PyYAML without libyaml
    _FAST_LOADER = None


def _compose(text: str) -> list[yaml.Node]:
    """Compose every document with libyaml; on any error, again in pure Python for its marks and wording.

    Both loaders give the same nodes, values and marks for valid YAML; the pure-Python loader's error
    messages and places are the ones ``_PROBLEMS`` explains, so errors are always reported through it.
    """
    if _FAST_LOADER is not None:
        try:
            return list(yaml.compose_all(text, Loader=_FAST_LOADER))
        except yaml.YAMLError:
            pass
    return list(yaml.compose_all(text, Loader=yaml.SafeLoader))


def _syntax_error(err: yaml.YAMLError, text: str, file: str) -> Finding:
    """One Y001 finding at the place an editor should look, with a Chinese explanation."""
    if isinstance(err, yaml.reader.ReaderError):  # a character YAML does not allow, e.g. \x07
        line = text.count("\n", 0, err.position) + 1
        column = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
        problem = (f"含有不允许的不可见控制字符 U+{err.character:04X}（常见于从 Word 或网页复制的文字），请删除它"
                   if isinstance(err.character, int) else "含有不允许的字符")
        return finding("JX-Y001", Loc(file, line, column), problem=problem)
    if not isinstance(err, yaml.MarkedYAMLError):
        return finding("JX-Y001", Loc(file, 1, 1), problem=_explain(err))
    mark = err.problem_mark or err.context_mark
    wide = _full_width_colon(text, mark.line + 1 if mark is not None else text.count("\n") + 1)
    if wide is not None:
        line, column, key = wide
        problem = f"“{key}：”用了全角冒号“：”，YAML 只认半角冒号“:”（冒号后再空一格）"
        return finding("JX-Y001", Loc(file, line, column), problem=problem)
    deeper = _over_indented(text, mark.line + 1) if mark is not None and "mapping values" in str(err.problem) else None
    if deeper is not None:
        line, extra, key, previous = deeper
        problem = (f"缩进多了 {extra} 格：“{key}”比上一行的“{previous}”多缩进了 {extra} 个空格，YAML 把这一行当成了"
                   f"“{previous}”的值的续行。请删去行首多出的 {extra} 个空格，让“{key}”与“{previous}”左端对齐")
        return finding("JX-Y001", Loc(file, line, 1), problem=problem)
    context = str(err.context or "")
    if err.context_mark is not None and context.startswith(("while scanning a quoted", "while parsing a flow")):
        return finding("JX-Y001", _mark_loc(file, err.context_mark), problem=_explain(err))
    quote = _open_quote(text)
    if quote is not None:
        start, end = quote
        problem = f"引号可能没有闭合：从这里开始的引号一直延续到第 {end} 行"
        return finding("JX-Y001", _mark_loc(file, start), problem=problem)
    mark = err.problem_mark or err.context_mark
    loc = _mark_loc(file, mark) if mark is not None else Loc(file, 1, 1)
    return finding("JX-Y001", loc, problem=_explain(err))


_WIDE_COLON = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*)\s*：")


def _full_width_colon(text: str, error_line: int) -> tuple[int, int, str] | None:
    """The last ``key：`` (a field name with a full-width colon) on ``error_line`` or the two lines before.

    PyYAML reads ``income： 3689.06`` as plain text and fails on a later line; the editor typed a
    full-width colon, and that line is where to look.
    """
    lines = text.split("\n")[:error_line]
    for number in range(len(lines), max(len(lines) - 3, 0), -1):  # the error shows within a few lines
        match = _WIDE_COLON.match(lines[number - 1])
        if match:
            return number, len(match.group(1)) + len(match.group(2)) + 1, match.group(2)
    return None


_KEY_LINE = re.compile(r"^( *)((?:- +)?)([^\s#:'\"{\[-][^:#]*?) *:( |$)")


def _over_indented(text: str, error_line: int) -> tuple[int, int, str, str] | None:
    """``key: value`` on ``error_line`` indented deeper than the ``key: value`` line above it.

    PyYAML reads the deeper line as the continuation of the value above (``total: 100`` then
    ``    grade: 优秀`` is the text “100 grade”) and fails on its colon with a message about quoting;
    the editor only typed too many spaces. Returns (line, extra spaces, key, the key above).
    """
    lines = text.split("\n")
    if not 1 < error_line <= len(lines):
        return None
    here = _KEY_LINE.match(lines[error_line - 1])
    if here is None or here.group(2):
        return None
    above = next((n for n in range(error_line - 1, 0, -1)
                  if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")), None)
    if above is None:
        return None
    previous = _KEY_LINE.match(lines[above - 1])
    value = lines[above - 1][previous.end():].strip() if previous is not None else ""
    if previous is None or not value or value.startswith("#"):  # ``key:`` alone opens a block: deeper lines are its
        return None
    column = len(previous.group(1)) + len(previous.group(2))
    extra = len(here.group(1)) - column
    if extra <= 0:
        return None
    return error_line, extra, here.group(3), previous.group(3)


def _open_quote(text: str) -> tuple[Any, int] | None:
    """The start and end line of the last quoted text spanning several lines before a syntax error.

    An unclosed quote swallows the following lines up to the next quote of the same kind, and
    PyYAML then reports an error far below the real mistake; this finds where that quote began.
    """
    last: tuple[Any, int] | None = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if (isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")
                    and token.end_mark.line > token.start_mark.line):
                last = (token.start_mark, token.end_mark.line + 1)
    except yaml.YAMLError:
        return last
    return None


def _too_deep(text: str, file: str) -> Finding:
    """Y008 at the first collection nested deeper than :data:`MAX_DEPTH` (the scanner is iterative)."""
    depth = 0
    opening = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken,
               yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
    closing = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, opening):
                depth += 1
                if depth > MAX_DEPTH:
                    return finding("JX-Y008", _mark_loc(file, token.start_mark), limit=MAX_DEPTH)
            elif isinstance(token, closing):
                depth -= 1
    except yaml.YAMLError:
        pass
    return finding("JX-Y008", Loc(file, 1, 1), limit=MAX_DEPTH)


def parse_yaml(text: str, file: str) -> Tree:
    """Parse ``text`` (one YAML document) into a :class:`Tree`; problems go to ``tree.findings``."""
    tree = Tree(file)
    tabs = list(_TAB_INDENT.finditer(text))
    if tabs:
        for match in tabs:
            line = text.count("\n", 0, match.start()) + 1
            tree.findings.append(finding("JX-Y002", Loc(file, line, match.end() - match.start()), line=line))
        return tree
    if _PLAIN_NODES and _FAST_LOADER is not None and (plain := read_plain(text, MAX_DEPTH)) is not None:
        tree.value, tree.places, tree.children, tree.key_marks = plain
        return tree
    try:
        documents = _compose(text)
    except yaml.YAMLError as err:
        tree.findings.append(_syntax_error(err, text, file))
        return tree
    except RecursionError:  # PyYAML composes recursively: absurd nesting must not crash the run
        tree.findings.append(_too_deep(text, file))
        return tree
    documents = [d for d in documents if d is not None]
    if len(documents) > 1:
        tree.findings.append(finding("JX-Y007", _mark_loc(file, documents[1].start_mark)))
        return tree
    if not documents:
        tree.findings.append(finding("JX-E004", Loc(file, 1, 1)))
        return tree
    tree.value = _Walker(tree).walk(documents[0], ())
    return tree
