"""Findings of many reports land with their own report: in ``jixiao check``'s text output and on report pages.

Both group the findings by file once (not one pass over every finding per report, which grew as
reports x findings); these tests pin that the grouping keeps each finding with its report and in order.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from benchmarks.corpus import generate
from click.testing import CliRunner

from jixiao.check import check
from jixiao.cli import cli
from jixiao.render import urls
from jixiao.render.site import RenderSettings, site_files
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("many") / "content"
    assert generate(root, 12, seed=5).planted
    return root


def test_check_text_output_puts_each_finding_under_its_report(content: Path) -> None:
    """Every finding line after a report's ``==`` line names that report's files, in sorted order."""
    result = CliRunner().invoke(cli, ["check", str(content)])
    current = None
    seen: list[str] = []
    for line in result.output.splitlines():
        if line.startswith("== "):
            current = line[3:].split("：")[0].removesuffix(".yaml")
            continue
        if line.startswith("共 "):
            break
        assert current is not None and line.split(":")[0].rsplit(".", 1)[0] == current, line
        seen.append(line)
    expected = check(content, str(content)).findings
    assert sorted(seen) == sorted(f.format() for f in expected)
    assert len(seen) == len(expected) > 0


def test_report_pages_show_their_own_audit_findings_only(content: Path) -> None:
    """Each audit message is on its own report's page, and on as many pages as reports that have it."""
    checked = check(content, "content")
    pages = {f.path: f.content for f in site_files(checked, RenderSettings((ROOT / "templates",)))}
    by_file = {r.loc.file: urls.source_path(urls.report(r.year, r.department.slug)) for r in checked.corpus.reports}
    audit = [f for f in checked.findings if f.code.startswith("JX-A")]
    assert len({f.loc.file for f in audit}) >= 2
    for f in audit:
        page = pages[by_file[f.loc.file]]
        assert isinstance(page, str) and html.escape(f.message, quote=False) in page, (f.loc.file, f.message)
        holders = {g.loc.file for g in audit if g.message == f.message}
        shown = {path for path, text in pages.items() if isinstance(text, str)
                 and path in by_file.values() and html.escape(f.message, quote=False) in text}
        assert shown == {by_file[name] for name in holders}
