"""The incremental check and render (``sitegen/livecontent.py``, ``sitegen/livepages.py``) under random edits.

Hypothesis draws sequences of edits of a small generated project (a narrative sentence, actual values
lowered so a total, a grade and the year's ranks move, a report copied to a new year, a report deleted,
a department's name changed, a report made a draft). The preview starts as a restart does, every folder's
check and pages from the caches a first start left in ``.jixiao-cache/`` (so the kept facts are those
read back from the render cache, no folder loaded). After each edit the kept check equals a fresh
:func:`jixiao.check.check` (every finding in order, each report's result, the errors and each page's
warnings) and the kept generated files, after only the pages the edit touches were rendered, equal every
file :func:`jixiao.render.site.site_files` renders from scratch.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from benchmarks.corpus import generate
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from jixiao.cache.run import check_for_build, default_cache, summarize
from jixiao.check import Checked, blocking, check
from jixiao.domain.issues import Finding, Severity
from jixiao.render import urls
from jixiao.render.site import RenderSettings, site_files
from jixiao.sitegen.folderbuild import generate as generate_site
from jixiao.sitegen.folderbuild import has_entry
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


def _warnings(checked: Checked) -> dict[str, tuple[Finding, ...]]:
    """Each page's warnings as the findings attributed by the full check give them."""
    found: dict[str, list[Finding]] = {}
    for item in checked.reports:
        if not item.report.draft:
            mine = [f for f in item.findings if f.severity == Severity.WARNING]
            if mine:
                found[urls.of(item.report.key)] = mine
    other = [f for f in checked.other if f.severity == Severity.WARNING]
    if other:
        found[urls.HOME] = other
    return {url: tuple(items) for url, items in found.items()}


def _restarted(content: Path) -> tuple[LiveContent, LivePages]:
    """The preview's content and pages as a second start makes them: the first fills the caches."""
    first = check_for_build(content, "content", cache=default_cache(content))
    generate_site(first, content, SETTINGS, lambda f: f)
    planned = check_for_build(content, "content", cache=default_cache(content),
                              want=lambda name, key: not has_entry(content, key))
    assert planned.models == {} and planned.summary.misses == 0  # nothing loaded
    live = LiveContent(planned)
    made = generate_site(planned, content, SETTINGS, lambda f: f, parts=True)
    assert made.rendered == ()  # every folder from the render cache
    return live, LivePages(made, live, content, SETTINGS)


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
        live, pages = _restarted(content)
        assets = {f.path for f in pages.initial} - set(pages.files)
        for op, pick in edits:
            folder = _apply(content, op, pick)
            summary = live.update({folder})
            fresh = check(content, "content")
            expected_summary = summarize(fresh)
            assert (summary.findings, summary.reports) == (expected_summary.findings, expected_summary.reports), op
            assert live.errors() == tuple(blocking(fresh.gating, strict=False)), op
            assert live.warnings() == _warnings(fresh), op
            pages.core({folder})
            while pages.catch_up(3) is not None:
                pass
            pages.extensions()
            expected = {f.path: f.content for f in site_files(fresh, SETTINGS) if f.path not in assets}
            assert sorted(pages.files) == sorted(expected), op
            assert [p for p in expected if pages.files[p] != expected[p]] == [], op
    finally:
        shutil.rmtree(work, ignore_errors=True)
