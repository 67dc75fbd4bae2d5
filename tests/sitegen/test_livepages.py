"""The incremental check and render (``sitegen/livecontent.py``, ``sitegen/livepages.py``) under random edits.

Hypothesis draws sequences of edits of a small generated project (a narrative sentence, actual values
lowered so a total, a grade and the year's ranks move, a report copied to a new year, a report deleted,
a department's name changed, a report made a draft). After each edit the kept content equals a fresh
:func:`jixiao.check.check` and the kept generated files, after only the pages the edit touches were
rendered, equal every file :func:`jixiao.render.site.site_files` renders from scratch.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from benchmarks.corpus import generate
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from jixiao.check import check
from jixiao.render.site import RenderSettings, site_files
from jixiao.sitegen.livecontent import LiveContent
from jixiao.sitegen.livepages import LivePages
from tests.conftest import ROOT

SETTINGS = RenderSettings((ROOT / "templates",))
_TEMPLATE: list[Path] = []


def _template() -> Path:
    """Seven generated reports (three departments), made once per session."""
    if not _TEMPLATE:
        where = Path(tempfile.mkdtemp(prefix="jx-livepages-")) / "content"
        generate(where, 7, seed=5)
        _TEMPLATE.append(where)
    return _TEMPLATE[0]


def _reports(content: Path) -> list[Path]:
    return sorted(p for p in content.glob("*/*.yaml") if p.name != "department.yaml")


def _apply(content: Path, op: str, pick: int) -> str:
    """Apply edit ``op`` to the ``pick``-th report (or department); the folder it touched."""
    reports = _reports(content)
    report = reports[pick % len(reports)]
    folder = report.parent
    if op == "narrative":
        md = report.with_suffix(".md")
        md.write_text(md.read_text(encoding="utf-8") + f"\n随机编辑第 {pick} 句。\n", encoding="utf-8")
    elif op == "lower":
        text = report.read_text(encoding="utf-8")
        report.write_text(re.sub(r'actual: "\d+(人次|次|人)"', r'actual: "1\1"', text), encoding="utf-8")
    elif op == "copy":
        year = min(int(p.stem) for p in folder.glob("*.yaml") if p.stem.isdigit()) - 1
        text = re.sub(rf"\b{report.stem}\b", str(year), report.read_text(encoding="utf-8"))
        (folder / f"{year}.yaml").write_text(text, encoding="utf-8")
        shutil.copyfile(report.with_suffix(".md"), folder / f"{year}.md")
    elif op == "delete" and len(list(folder.glob("*.md"))) > 1:
        report.unlink()
        report.with_suffix(".md").unlink()
    elif op == "rename":
        dept = folder / "department.yaml"
        dept.write_text(re.sub(r"name: (\S+)", rf"name: \g<1>{pick}", dept.read_text(encoding="utf-8"), count=1),
                        encoding="utf-8")
    elif op == "draft":
        text = report.read_text(encoding="utf-8")
        if "\nstatus:" not in text:
            report.write_text(text.replace("\nyear:", "\nstatus: draft\nyear:", 1), encoding="utf-8")
    return folder.name


EDITS = st.lists(st.tuples(st.sampled_from(["narrative", "lower", "copy", "delete", "rename", "draft"]),
                           st.integers(min_value=0, max_value=50)), min_size=1, max_size=4)


# each example renders the site several times: few examples, no shrinking (the failing sequence is printed)
@settings(max_examples=6, suppress_health_check=[HealthCheck.too_slow], phases=[Phase.explicit, Phase.generate])
@given(edits=EDITS)
def test_kept_pages_equal_a_fresh_render_after_any_edits(edits: list[tuple[str, int]]) -> None:
    work = Path(tempfile.mkdtemp(prefix="jx-livepages-run-"))
    try:
        content = work / "content"
        shutil.copytree(_template(), content)
        live = LiveContent(content, "content")
        pages = LivePages(live.update(), content, SETTINGS)
        assets = {f.path for f in pages.initial} - set(pages.files)
        for op, pick in edits:
            folder = _apply(content, op, pick)
            checked = live.update({folder})
            fresh = check(content, "content")
            assert checked == fresh, op
            pages.core(checked, {folder})
            while pages.catch_up(3) is not None:
                pass
            pages.extensions()
            expected = {f.path: f.content for f in site_files(fresh, SETTINGS) if f.path not in assets}
            assert sorted(pages.files) == sorted(expected), op
            assert [p for p in expected if pages.files[p] != expected[p]] == [], op
    finally:
        shutil.rmtree(work, ignore_errors=True)
