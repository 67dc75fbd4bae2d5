"""docs/error-codes.md, the field reference in docs/editors-guide.md and the rule table in docs/scoring.md are current.

Regenerate both with one command: ``PYTHONPATH=src python -m jixiao docs``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from jixiao.cli import cli
from jixiao.commands.docs import (
    FIELDS_BEGIN,
    FIELDS_END,
    RULES_BEGIN,
    RULES_END,
    error_codes,
    field_paths,
    update_guide,
    update_scoring,
)
from jixiao.domain.issues import CATALOGUE
from jixiao.load.schema import SCHEMAS
from tests.conftest import ROOT

DOCS = ROOT / "docs"


def _guide() -> str:
    return (DOCS / "editors-guide.md").read_text(encoding="utf-8")


def test_every_catalogue_code_is_in_the_error_reference() -> None:
    """Each code has its own heading with its title, message and hint in docs/error-codes.md."""
    text = (DOCS / "error-codes.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^### (JX-[A-Z]\d{3}) ", text, re.MULTILINE))
    assert sorted(CATALOGUE.keys() - headings) == [], "run: python -m jixiao docs"
    assert sorted(headings - CATALOGUE.keys()) == [], "codes documented but no longer in the catalogue"
    for entry in CATALOGUE.values():
        assert f"### {entry.code} {entry.title}" in text


def test_error_reference_is_current() -> None:
    assert (DOCS / "error-codes.md").read_text(encoding="utf-8") == error_codes(), "run: python -m jixiao docs"


def test_every_schema_field_is_in_the_editors_guide() -> None:
    guide = _guide()
    for kind in SCHEMAS:
        missing = [path for path in field_paths(kind) if f"`{path}`" not in guide]
        assert missing == [], f"{kind}: run: python -m jixiao docs"


def test_field_reference_in_the_guide_is_current() -> None:
    guide = _guide()
    assert guide.count(FIELDS_BEGIN) == 1 and guide.count(FIELDS_END) == 1
    assert update_guide(guide) == guide, "run: python -m jixiao docs"


def test_rule_table_in_the_scoring_doc_is_current() -> None:
    text = (DOCS / "scoring.md").read_text(encoding="utf-8")
    assert text.count(RULES_BEGIN) == 1 and text.count(RULES_END) == 1
    assert update_scoring(text) == text, "run: python -m jixiao docs"


def test_docs_command_checks_and_rewrites(tmp_path: Path) -> None:
    """``jixiao docs --check`` fails on a stale copy; ``jixiao docs`` repairs it."""
    out = tmp_path / "docs"
    shutil.copytree(DOCS, out)
    stale = out / "error-codes.md"
    stale.write_text(stale.read_text(encoding="utf-8").replace("### JX-E001", "### JX-E000"), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["docs", "--out", str(out), "--check"]).exit_code == 1
    assert runner.invoke(cli, ["docs", "--out", str(out)]).exit_code == 0
    assert runner.invoke(cli, ["docs", "--out", str(out), "--check"]).exit_code == 0
    assert stale.read_text(encoding="utf-8") == error_codes()
    scoring = out / "scoring.md"
    scoring.write_text(scoring.read_text(encoding="utf-8").replace("| `reverse-zero` |", "| `reverse-nil` |"),
                       encoding="utf-8")
    assert runner.invoke(cli, ["docs", "--out", str(out), "--check"]).exit_code == 1
    assert runner.invoke(cli, ["docs", "--out", str(out)]).exit_code == 0
    assert update_scoring(scoring.read_text(encoding="utf-8")) == scoring.read_text(encoding="utf-8")
    assert "| `reverse-zero` |" in scoring.read_text(encoding="utf-8")
