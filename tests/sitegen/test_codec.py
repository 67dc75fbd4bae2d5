"""The facts codec (``sitegen/codec.py``): the decoder made once per type gives what walking the type at
every value gives, and what was encoded, for the facts of real content (decimals, cells of every kind,
mappings with tuple keys, optional and nested dataclasses)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from jixiao.check import check
from jixiao.domain.standing import standings
from jixiao.render.facts import DepartmentFacts, ReportFacts, by_department, department_facts
from jixiao.render.site import RenderSettings, published, shard_files
from jixiao.sitegen.codec import CodecError, decode, decode_slowly, encode
from jixiao.sitegen.search import SearchFacts, report_facts
from tests.conftest import CONTENT, FIXTURES, ROOT


@pytest.mark.parametrize("content", [CONTENT, FIXTURES / "lineage", FIXTURES / "standing"])
def test_facts_of_real_content_decode_to_themselves_both_ways(content: Any) -> None:
    checked = published(check(content, "content"))
    ranks = standings(checked.scorecards, checked.corpus.site.grade_bands)
    _, reports = shard_files(checked, RenderSettings((ROOT / "templates",)), ranks)
    grouped = by_department(checked.reports)
    departments = tuple(department_facts(d, grouped.get(d.slug, ())) for d in checked.corpus.departments)
    search = report_facts(checked)
    assert reports and departments
    for value, hint in ((reports, tuple[ReportFacts, ...]), (departments, tuple[DepartmentFacts, ...]),
                        (departments[0], DepartmentFacts | None), (None, DepartmentFacts | None),
                        (search, dict[str, SearchFacts])):
        data = encode(value)
        assert decode(data, hint) == value == decode_slowly(data, hint)


def test_cells_and_mappings_keep_their_kinds() -> None:
    rows = ((Decimal("1.50"), 2, "3", None, True),)
    hint = tuple[tuple[str | int | Decimal | None, ...], ...]
    assert decode(encode(rows), hint) == rows == decode_slowly(encode(rows), hint)
    assert type(decode(encode(rows), hint)[0][0]) is Decimal
    keyed = {("a", 1, ""): Decimal("2")}
    assert decode(encode(keyed), dict[tuple[str, int, str], Decimal]) == keyed


@pytest.mark.parametrize(("data", "hint"), [(["x"], ReportFacts), ("1", Decimal), (1, str), ("a", int)])
def test_a_wrong_shape_is_an_error_both_ways(data: object, hint: Any) -> None:
    with pytest.raises(CodecError):
        decode(data, hint)
    with pytest.raises(CodecError):
        decode_slowly(data, hint)
