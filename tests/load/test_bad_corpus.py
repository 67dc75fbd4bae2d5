"""The broken and hostile inputs of tests/fixtures/bad/: each yields its expected codes at its lines.

Per case (one parametrised test): the case's project loads without an exception, every expected
``(file, line, code)`` is among the findings, and no error of a code the case does not expect
appears (so a case proves exactly what it says). Shared: ALL cases that can live side by side are put
in ONE project and loaded in ONE run, and every case's expected findings are still found there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.check import check
from jixiao.domain.issues import CATALOGUE, Finding
from tests.corpus import Case, build_case, build_shared, case_folders, cases

CASES = cases()


def _found(findings: tuple[Finding, ...]) -> set[tuple[str, int, str]]:
    return {(f.loc.file, f.loc.line, f.code) for f in findings}


def _wanted(case: Case) -> set[tuple[str, int, str]]:
    return {(f"content/{e.file}", e.line, e.code) for e in case.expect}


def test_corpus_is_large_and_well_formed() -> None:
    """At least 40 cases; every expected code exists in the catalogue; case names are unique folders."""
    assert len(CASES) >= 40
    for case in CASES:
        assert case.expect, case.name
        assert {e.code for e in case.expect} <= CATALOGUE.keys(), case.name


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_yields_expected_findings(case: Case, tmp_path: Path) -> None:
    """The case's project gives the expected codes at the expected places, and no unexpected error."""
    content = build_case(case, tmp_path)
    loaded = check(content, "content")
    found = _found(loaded.findings)
    assert _wanted(case) <= found, f"{case.name}: {case.about}\n" + "\n".join(f.format() for f in loaded.findings)
    expected_codes = {e.code for e in case.expect}
    unexpected = [f.format() for f in loaded.findings if f.severity == "error" and f.code not in expected_codes]
    assert unexpected == [], case.name
    if case.message:
        first = next(f for f in loaded.findings if f.code == case.expect[0].code)
        assert case.message in first.message + first.hint, first.format()


def test_all_shared_cases_in_one_project_in_one_run(tmp_path: Path) -> None:
    """One project holds every shared case; a single load finds every case's expected findings."""
    shared = [c for c in CASES if c.shared]
    folders = [p.name for c in shared for p in case_folders(c, tmp_path / "probe")]
    assert len(folders) == len(set(folders)), "two cases use the same department folder"
    content = build_shared(shared, tmp_path / "project")
    loaded = check(content, "content")
    found = _found(loaded.findings)
    missing = {c.name: sorted(_wanted(c) - found) for c in shared if not _wanted(c) <= found}
    assert missing == {}
    distinct = {(e.file, e.line, e.code) for c in shared for e in c.expect}
    assert len(shared) >= 15 and len({e[2] for e in distinct}) >= 15
