"""The synthetic corpus generator: its output loads cleanly, is shaped like the reference, and is reproducible."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from benchmarks.corpus import generate

from jixiao.check import check
from jixiao.domain.model import Corpus

N = 14


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Corpus, list[str]]:
    root = tmp_path_factory.mktemp("corpus") / "content"
    result = generate(root, N, seed=7)
    assert result.reports == N
    checked = check(root, "content")
    findings = [f"{f.loc} {f.code}" for f in checked.findings]
    audited = {f.split(":")[0] for f in findings if f.split()[-1].startswith("JX-A")}
    assert result.planted
    assert {f"content/{p.file}" for p in result.planted} <= audited
    return root, checked.corpus, findings


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_generated_tree_has_no_load_findings(generated: tuple[Path, Corpus, list[str]]) -> None:
    """Files, YAML, schema, layout, narrative and targets are valid: no JX-E/Y/S/L/M/T finding at all.

    The planted score errors only show up as claimed-versus-computed findings of the audit.
    """
    _, corpus, findings = generated
    bad = [f for f in findings if f.split()[-1][:4] in {"JX-E", "JX-Y", "JX-S", "JX-L", "JX-M", "JX-T"}]
    assert bad == []
    assert len(corpus.reports) == N
    assert len({r.department.slug for r in corpus.reports}) == N // 3 + (N % 3 > 0)


def test_reports_are_shaped_like_the_reference(generated: tuple[Path, Corpus, list[str]]) -> None:
    """30-45 indicators in the three tables, weights summing to 100, funds totals and the budget identity hold."""
    _, corpus, _ = generated
    for report in corpus.reports:
        indicators = report.indicators()
        assert 30 <= len(indicators) <= 45, report.key
        assert [t.kind.value for t in report.tables] == ["output", "effect", "satisfaction"]
        assert sum((i.weight or Decimal(0) for i in indicators), Decimal(0)) == 100, report.key
        funds = report.funds
        assert funds is not None and funds.total is not None
        for field in ("budget", "budget_fiscal", "spent", "spent_fiscal"):
            assert sum((getattr(r, field) for r in funds.rows), Decimal(0)) == getattr(funds.total, field)
        e = report.execution
        assert e is not None and e.income is not None and e.expenditure is not None
        assert e.balance_distribution is not None and e.closing_balance is not None
        assert e.income - e.expenditure - e.balance_distribution == e.closing_balance
        assert len(report.narrative) == 4


def test_prose_varies_between_reports(generated: tuple[Path, Corpus, list[str]]) -> None:
    """No two narratives are the same, so pages are not near-copies of each other."""
    _, corpus, _ = generated
    texts = {"".join(s.markdown for s in r.narrative) for r in corpus.reports}
    assert len(texts) == N


def test_same_seed_gives_identical_tree_and_planted_errors(tmp_path: Path) -> None:
    """Generation is reproducible byte for byte; another seed gives other content; errors are planted."""
    a = generate(tmp_path / "a", 9, seed=3)
    b = generate(tmp_path / "b", 9, seed=3)
    c = generate(tmp_path / "c", 9, seed=4)
    assert _tree(a.root) == _tree(b.root)
    assert a.planted == b.planted
    assert _tree(a.root) != _tree(c.root)
    big = generate(tmp_path / "d", 40, seed=3)
    assert {p.kind for p in big.planted} >= {"indicator-score"}
    assert all(p.printed != p.computed for p in big.planted)


def test_refuses_to_write_into_a_non_empty_directory(tmp_path: Path) -> None:
    """An existing tree is never overwritten or mixed with a new one."""
    (tmp_path / "keep.txt").write_text("x", encoding="utf-8")
    with pytest.raises(FileExistsError):
        generate(tmp_path, 3)


def test_regions_spread_departments_over_shards(tmp_path: Path) -> None:
    """`--regions N`: every department gets one of N regions in turn and site.yaml declares shards by region."""
    from benchmarks.corpus import region_names

    from jixiao.domain.shards import shard_names_of
    from jixiao.load.survey import survey

    generate(tmp_path / "content", 12, seed=2, years=3, regions=3)
    surveyed = survey(tmp_path / "content", "content")
    assert surveyed.findings == ()
    assert surveyed.site.shards is not None and surveyed.site.shards.by == "region"
    assert shard_names_of(surveyed.site.shards, surveyed.departments) == tuple(sorted(region_names(3)))
