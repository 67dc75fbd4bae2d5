"""Every published form family, one fixture each, under tests/fixtures/forms/<name>/.

Each fixture holds ``content/`` (a whole small project: ``site.yaml``, a department, and the report
made from the public template of that form) and ``expected.yaml``, worked out by hand with ``decimal``:

- ``report``: the report's file, relative to ``content/``;
- ``state``: scored | unscored | incomplete;
- ``total``: the computed total, exactly as text (``"94.99"``), and ``grade`` ("" when none is given);
- ``rows``: optional ``{indicator name: computed score as text, or null}`` (``预算执行率`` / the funds
  row by its name);
- ``findings``: EVERY finding in the report's file, as ``{line, code}`` (so a fixture proves exactly what
  it says); ``draft``: the report is a draft (default false). No fixture's findings may stop a build:
  a faithful transcription of a real form never does, and a draft's errors never do.

One parametrised test checks them all.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from jixiao.check import check
from jixiao.domain.issues import blocking
from tests.conftest import FIXTURES

FORMS = FIXTURES / "forms"
NAMES = sorted(p.name for p in FORMS.iterdir() if (p / "expected.yaml").is_file())


def _expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((FORMS / name / "expected.yaml").read_text(encoding="utf-8"))
    return data


def test_at_least_eight_form_families() -> None:
    assert len(NAMES) >= 8


@pytest.mark.parametrize("name", NAMES)
def test_form(name: str) -> None:
    """The fixture's report scores to its hand-worked total, state and grade, with exactly its findings."""
    expected = _expected(name)
    checked = check(FORMS / name / "content", "content")
    file = f"content/{expected['report']}"
    item = next((r for r in checked.reports if r.report.loc.file == file), None)
    assert item is not None, [f.format() for f in checked.findings]
    card = item.card
    found = sorted((f.loc.line, f.code) for f in checked.findings if f.loc.file == file)
    wanted = sorted((int(e["line"]), e["code"]) for e in expected.get("findings") or ())
    assert found == wanted, "\n".join(f.format() for f in checked.findings)
    assert card.state.value == expected["state"]
    assert str(card.total) == expected["total"], card.total
    assert card.grade == expected["grade"]
    computed = {row.name: row.computed for row in card.rows}
    if card.execution_row is not None:
        computed[card.execution_row.name] = card.execution_row.computed
    for row, value in (expected.get("rows") or {}).items():
        assert str(computed[row]) == str(value) if value is not None else computed[row] is None, (row, computed[row])
    assert item.report.draft == bool(expected.get("draft", False))
    assert blocking([f for f in checked.gating if f.loc.file == file], strict=False) == []
    others = [f.format() for f in checked.findings if f.loc.file != file and f.severity != "info"]
    assert others == []


def test_the_editors_guide_shows_every_form_with_an_example_that_parses() -> None:
    """docs/editors-guide.md section 10: a subsection per form family, each YAML example valid YAML."""
    from tests.conftest import ROOT

    guide = (ROOT / "docs" / "editors-guide.md").read_text(encoding="utf-8")
    forms = guide.split("## 10. 各种表样的录入", 1)[1]
    sections = forms.split("\n### ")[1:]
    assert len(sections) >= 9
    for section in sections:
        examples = [block.split("```", 1)[0] for block in section.split("```yaml\n")[1:]]
        assert examples, section.splitlines()[0]
        for example in examples:
            assert isinstance(yaml.safe_load(example), dict), section.splitlines()[0]
