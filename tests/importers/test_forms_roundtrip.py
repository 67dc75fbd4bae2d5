"""The form fixtures of tests/fixtures/forms/ printed as the official table, in every container, and
imported back: the import scores exactly as the fixture's hand-worked ``expected.yaml`` says, and every
non-empty source cell ends in a field, in ``unplaced`` or in a note (never silent loss)."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from jixiao.check import check
from jixiao.importers.run import import_file, read_document
from tests.conftest import FIXTURES
from tests.importers.forms.containers import WRITERS, write_pdf
from tests.importers.forms.from_content import (
    awkward_print,
    beijing_form,
    checklist_form,
    chongqing_form,
    hubei_form,
    mof_form,
    ningxia_form,
    sichuan_form,
)
from tests.importers.placement import unaccounted

FORMS = FIXTURES / "forms"
#: fixture -> the layout it is printed in (whole-point tables are the MoF form with whole-point scores)
LAYOUTS = {"mof-2020": mof_form, "whole-point": mof_form, "sichuan": sichuan_form, "hubei": hubei_form,
           "beijing": beijing_form, "checklist": checklist_form, "ningxia": ningxia_form, "chongqing": chongqing_form}


#: What an editor declares after the import because no form prints it: fixture -> indicator -> key: value.
DECLARED = {"chongqing": {"预算调整率": "direction: reverse"}}


def _load(name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    expected = yaml.safe_load((FORMS / name / "expected.yaml").read_text(encoding="utf-8"))
    report = FORMS / name / "content" / expected["report"]
    data = yaml.load(report.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # scalars as printed: 0.00 stays
    dept = FORMS / name / "content" / expected["report"].split("/")[0] / "department.yaml"
    data["department"] = yaml.safe_load(dept.read_text(encoding="utf-8"))["name"]
    narrative = report.with_suffix(".md")
    if narrative.is_file():  # an overall report prints its narrative sections as rows of the table
        sections = re.split(r"^## (.+)$", narrative.read_text(encoding="utf-8"), flags=re.M)[1:]
        data["narrative"] = {title.strip(): text.strip() for title, text in zip(sections[::2], sections[1::2],
                                                                                strict=True)}
    return expected, data


def _declare(out: Path, declared: dict[str, str]) -> None:
    """Add each declaration to its indicator's line of the imported YAML, as an editor would."""
    for path in out.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for indicator, line in declared.items():
            text, count = re.subn(rf"\{{name: {indicator}, ", f"{{name: {indicator}, {line}, ", text)
            assert count in (0, 1)
        path.write_text(text, encoding="utf-8")


#: Variants also printed awkwardly (a caption row merged across the header, a blank row, a footnote under
#: the table, a landscape page, in PDF turned by /Rotate): the import must score the same.
AWKWARD = ("checklist", "chongqing", "ningxia", "whole-point")
CASES = [(name, False) for name in sorted(LAYOUTS)] + [(name, True) for name in AWKWARD]


def _print(name: str, data: dict[str, Any], container: str, awkward: bool, path: Path) -> Path:
    form = LAYOUTS[name](data, name)
    if not awkward:
        return WRITERS[container](form, path)
    form = awkward_print(form)
    return write_pdf(form, path, rotate=90) if container == "pdf" else WRITERS[container](form, path)


@pytest.mark.parametrize("container", sorted(WRITERS))
@pytest.mark.parametrize(("name", "awkward"), CASES, ids=[f"{n}{'-awkward' if a else ''}" for n, a in CASES])
def test_the_printed_form_imports_to_the_expected_score(tmp_path: Path, name: str, awkward: bool,
                                                       container: str) -> None:
    expected, data = _load(name)
    dept = expected["report"].split("/")[0]
    source = _print(name, data, container, awkward, tmp_path / f"{dept}.{container}")
    out = tmp_path / "content"
    out.mkdir()
    shutil.copy(FORMS / name / "content" / "site.yaml", out / "site.yaml")  # the site's grade bands
    imported = import_file(source, source.name, out, dept=dept)
    (part,) = imported.parts or [imported]
    assert part.draft is not None and [u.text for u in part.draft.unplaced] == []  # a page's 首页/版权所有: notes
    document, _ = read_document(source, source.name)
    assert document is not None and unaccounted(document, part.draft) == []  # never silent loss
    _declare(out, DECLARED.get(name, {}))
    checked = check(out, "content")
    project = dept if data.get("kind") == "project" else ""  # the project slug is the file's name
    (item,) = [r for r in checked.reports if r.report.key == (dept, int(data["year"]), project)]
    card = item.card
    assert (card.state.value, str(card.total), card.grade) == (expected["state"], expected["total"], expected["grade"])
    computed = {row.name: row.computed for row in card.rows}
    if card.execution_row is not None:
        computed[card.execution_row.name] = card.execution_row.computed
    for row, value in (expected.get("rows") or {}).items():
        assert computed[row] is None if value is None else str(computed[row]) == str(value), row
    codes = Counter(f.code for f in checked.findings if f.loc.file == item.report.loc.file)
    assert codes == Counter(e["code"] for e in expected.get("findings") or ())
