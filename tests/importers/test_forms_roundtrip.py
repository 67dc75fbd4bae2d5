"""The form fixtures of tests/fixtures/forms/ printed as the official table, in every container, and
imported back: the import scores exactly as the fixture's hand-worked ``expected.yaml`` says."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from jixiao.check import check
from jixiao.importers.run import import_file
from tests.conftest import FIXTURES
from tests.importers.forms.containers import WRITERS
from tests.importers.forms.from_content import beijing_form, hubei_form, mof_form, sichuan_form

FORMS = FIXTURES / "forms"
#: fixture -> the layout it is printed in (the other families' layouts are not recognised yet)
LAYOUTS = {"mof-2020": mof_form, "sichuan": sichuan_form, "hubei": hubei_form, "beijing": beijing_form}


def _load(name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    expected = yaml.safe_load((FORMS / name / "expected.yaml").read_text(encoding="utf-8"))
    text = (FORMS / name / "content" / expected["report"]).read_text(encoding="utf-8")
    data = yaml.load(text, Loader=yaml.BaseLoader)  # every scalar as printed: 0.00 stays 0.00
    return expected, data


@pytest.mark.parametrize("container", sorted(WRITERS))
@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_the_printed_form_imports_to_the_expected_score(tmp_path: Path, name: str, container: str) -> None:
    expected, data = _load(name)
    dept = expected["report"].split("/")[0]
    source = WRITERS[container](LAYOUTS[name](data, name), tmp_path / f"{dept}.{container}")
    out = tmp_path / "content"
    out.mkdir()
    shutil.copy(FORMS / name / "content" / "site.yaml", out / "site.yaml")  # the site's grade bands
    (part,) = import_file(source, source.name, out, dept=dept).parts
    assert part.draft is not None and [u.text for u in part.draft.unplaced] == []  # a page's 首页/版权所有: notes
    checked = check(out, "content")
    (item,) = [r for r in checked.reports if r.report.key == (dept, int(data["year"]), dept)]
    card = item.card
    assert (card.state.value, str(card.total), card.grade) == (expected["state"], expected["total"], expected["grade"])
    computed = {row.name: row.computed for row in card.rows}
    if card.execution_row is not None:
        computed[card.execution_row.name] = card.execution_row.computed
    for row, value in (expected.get("rows") or {}).items():
        assert computed[row] is None if value is None else str(computed[row]) == str(value), row
    codes = Counter(f.code for f in checked.findings if f.loc.file == item.report.loc.file)
    assert codes == Counter(e["code"] for e in expected.get("findings") or ())
