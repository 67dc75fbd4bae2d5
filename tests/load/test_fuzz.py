"""Fuzzing: whatever an editor (or an attacker) writes, jixiao answers with a model or coded findings.

Hypothesis generates (1) arbitrary text and YAML-ish text written as a report file, (2) the base
report with random values and keys put in random places, run through the whole check (load, schema,
scoring, arithmetic checks), and (3) target and actual strings, one-cell and three-cell, through the
target parser. None may raise; every finding has a catalogue code with its severity and a place in a file
of the project (see ``_checked``); a parse failure has a catalogue code and every field its message needs. The budget is bounded
(about 200 examples each, no deadline) so it runs in CI; for a longer hunt set
``JIXIAO_FUZZ_EXAMPLES=5000``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.check import check
from jixiao.domain.issues import CATALOGUE, Severity
from jixiao.domain.model import Loc, Target
from jixiao.domain.targets import ParseError, Role, Value, parse_target, parse_value
from tests.corpus import BASE

FUZZ = settings(max_examples=int(os.environ.get("JIXIAO_FUZZ_EXAMPLES", "200")), deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Characters that matter to YAML, Markdown, numbers and targets, plus CJK and look-alikes.
_SPECIAL = ":-[]{}&*!|>'\"#%@`\t\n\r ,?~=<≥≤＝％．，１２３万元人次月年%.0123456789eE+_\\\x00\x07\ufeff\u3000"
TEXT = st.text(alphabet=st.sampled_from(list(_SPECIAL)) | st.characters(codec="utf-8"), max_size=300)
KEYS = st.sampled_from(["year", "title", "basic", "tables", "groups", "indicators", "weight", "target",
                        "actual", "score", "kind", "name", "claimed", "total", "funds", "rows", "nature",
                        "value", "unit", "wieght", "<<", "?", ""])
LEAF = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TEXT
        | st.sampled_from(["-0", "1,234.5", "1e309", "NaN", ".inf", "１２３", ">=299人", "<=1136.92万", "合规",
                           "10-12月", "2021年12月底前", "=100%", "", " "]))
TREE = st.recursive(LEAF, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
                    max_leaves=20)


@pytest.fixture(scope="module")
def project() -> Iterator[Path]:
    """A valid one-report project; each example overwrites its report file."""
    where = Path(tempfile.mkdtemp(prefix="jixiao-fuzz-"))
    content = where / "content"
    (content / "dept").mkdir(parents=True)
    shutil.copy(BASE / "site.yaml", content / "site.yaml")
    for name in ("department.yaml", "2021.yaml", "2021.md"):
        shutil.copy(BASE / name, content / "dept" / name)
    yield content
    shutil.rmtree(where)


REPORT_FILE = "content/dept/2021.yaml"
#: What a finding's text may never hold: a Python traceback, repr or unfilled template field.
LEAKS = ("Traceback", "object at 0x", "Decimal(", "<class ", "{name}", "{value}")


def _checked(content: Path, report: bytes) -> None:
    """The whole check on ``report``: no exception escapes, and the findings are ones an editor can act on.

    Every finding has a catalogue code with the catalogue's severity, a place in a file of the project
    (a line inside the file when it names one), and a message and hint built from the catalogue. A report
    that did not load is explained by at least one error in its own file; without errors, it loaded.
    """
    (content / "dept" / "2021.yaml").write_bytes(report)
    checked = check(content, "content")
    files = {f"content/{p.relative_to(content).as_posix()}" for p in content.rglob("*") if p.is_file()}
    lines = max(report.count(b"\n"), len(report.decode("utf-8", "replace").splitlines())) + 1
    for f in checked.findings:
        entry = CATALOGUE.get(f.code)
        assert entry is not None, f.format()
        assert f.severity == entry.severity, f.format()
        assert f.loc.file in files, f.format()
        assert f.loc.line >= 0 and f.loc.column >= 0, f.format()
        if f.loc.file == REPORT_FILE:
            assert f.loc.line <= lines + 1, (lines, f.format())
        assert f.message.strip() and f.hint.strip(), f.format()
        assert not [leak for leak in LEAKS if leak in f.message + f.hint and leak not in report.decode("utf-8", "replace")], f.format()
    errors = [f for f in checked.findings if f.severity == Severity.ERROR]
    if not errors:
        assert len(checked.corpus.reports) == 1
    elif not checked.corpus.reports:
        assert any(f.loc.file == REPORT_FILE for f in errors), [f.format() for f in errors]


@FUZZ
@given(text=TEXT)
def test_arbitrary_text_as_a_report(project: Path, text: str) -> None:
    _checked(project, text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_as_a_report(project: Path, data: bytes) -> None:
    _checked(project, data)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, (*path, i))
    return out


def _replace(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(node, dict):
        return {**node, head: _replace(node[head], rest, value)}
    copy = list(node)
    copy[head] = _replace(copy[head], rest, value)
    return copy


BASE_REPORT = yaml.safe_load((BASE / "2021.yaml").read_text(encoding="utf-8"))
BASE_PATHS = _paths(BASE_REPORT)


@FUZZ
@given(edits=st.lists(st.tuples(st.sampled_from(BASE_PATHS), TREE), min_size=1, max_size=4),
       extra=st.dictionaries(KEYS, TREE, max_size=2))
def test_base_report_with_random_values_through_the_whole_check(
    project: Path, edits: list[tuple[tuple[Any, ...], Any]], extra: dict[str, Any],
) -> None:
    """Valid YAML, hostile shape: random values at real paths, random extra keys, then load + score."""
    report: Any = BASE_REPORT
    for path, value in edits:
        try:
            report = _replace(report, path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed this path
    if isinstance(report, dict):
        report = {**report, **extra}
    text = yaml.safe_dump(report, allow_unicode=True, sort_keys=False)
    _checked(project, text.encode("utf-8", "surrogatepass"))


def _parsed_ok(result: Value | ParseError) -> None:
    assert isinstance(result, Value | ParseError)
    if isinstance(result, ParseError):
        assert result.code in CATALOGUE
        needed = CATALOGUE[result.code].fields() - {"name"}
        assert needed <= result.fields.keys(), (result.code, dict(result.fields))


OPS = st.sampled_from(["", ">=", "≥", "<=", "≤", "=", ">", "<", "＞", "不低于", "不超过", "达到", "约", "≧"])
NUMBERS = st.from_regex(r"\A[0-9０-９]{0,6}([.．][0-9]{0,4})?\Z") | st.sampled_from(
    ["1,234.5", "1,23", "99999999999999999999999999", "1e309", "-5", "00", ".5"])
UNITS = st.sampled_from(["", "人", "万元", "元", "%", "％", "次", "家", "个月", "天", "亿元", "个百分点", "分", "台套"])
SUFFIX = st.sampled_from(["", "以上", "以下", "及以上", "以内", "左右", "。"])
TARGET_TEXT = st.builds(lambda *parts: "".join(parts), OPS, NUMBERS, UNITS, SUFFIX) | TEXT | st.sampled_from(
    ["1-12月", "13月", "12-1月", "2021年12月底前", "2021年2月30日", "每季度", "年底前", "合规", "工资总额的2%"])


@FUZZ
@given(text=TARGET_TEXT, role=st.sampled_from(list(Role)))
def test_target_and_actual_strings_parse_or_give_a_coded_reason(text: str, role: Role) -> None:
    _parsed_ok(parse_value(text, role))


@FUZZ
@given(nature=st.sampled_from(["=", "≥", "≤", ">", "<", "定性", "", "≧", "＝"]) | TEXT,
       value=NUMBERS | TEXT, unit=UNITS | TEXT)
def test_three_cell_targets_parse_or_give_a_coded_reason(nature: str, value: str, unit: str) -> None:
    target = Target(loc=Loc("x.yaml", 1, 1), text=f"{nature}{value}{unit}", nature=nature, value=value, unit=unit)
    _parsed_ok(parse_target(target))
