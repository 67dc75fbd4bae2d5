"""``jixiao build`` checks and generates the pages in a child process that has exited before mkdocs writes them.

Real ``jixiao build`` runs (click's runner, in this process) of a project of eleven departments: the check
(``cache.run.check_for_build``) and the generation (``sitegen.folderbuild.generate``) run in another process,
which is gone (reaped) by the time the first page is written, so the reports' models never were in the
command's process; the site equals, byte for byte, a build whose check and generation ran in this process.
A template error met while generating is reported as the build reports one (file, line, the site left
as it was); content errors stop the build before anything is generated, and no child is left.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from jixiao import pipeline
from jixiao.cache import run
from jixiao.cli import cli
from jixiao.sitegen import folderbuild
from jixiao.sitegen.childgen import ChildPlan
from jixiao.sitegen.plugin import JixiaoPlugin
from tests.sitegen.conftest import tree_digest
from tests.sitegen.test_folderbuild import make_project


def _cli_build(project: Path, site: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """``jixiao build`` in ``project`` (the findings' places in the data files name ``content/...``)."""
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["build", "--site-dir", str(site)])
    return result.exit_code, result.output


def test_the_check_and_the_pages_are_made_in_a_child_gone_before_the_pages_are_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = tmp_path / "pids"
    checked, generated = run.check_for_build, folderbuild.generate

    def check_spy(*args: object, **kwargs: object) -> run.Planned:
        with seen.open("a") as out:
            out.write(f"check {os.getpid()}\n")
        return checked(*args, **kwargs)  # type: ignore[arg-type]

    def generate_spy(*args: object, **kwargs: object) -> folderbuild.Generated:
        with seen.open("a") as out:
            out.write(f"generate {os.getpid()}\n")
        return generated(*args, **kwargs)  # type: ignore[arg-type]

    children: list[int] = []
    writing: list[bool] = []
    handed, context = JixiaoPlugin.use_planned, JixiaoPlugin.on_page_context

    def use_spy(self: JixiaoPlugin, planned: run.Planned | ChildPlan, content: Path, *, reuse: bool = True) -> None:
        assert isinstance(planned, ChildPlan)
        children.append(planned.pid)
        handed(self, planned, content, reuse=reuse)

    def context_spy(self: JixiaoPlugin, context_: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                    nav: Navigation) -> TemplateContext:
        if not writing:
            try:
                os.waitpid(children[0], os.WNOHANG)
                writing.append(False)  # still ours: not reaped
            except ChildProcessError:
                writing.append(True)  # exited and reaped before the first page is written
        return context(self, context_, page=page, config=config, nav=nav)

    monkeypatch.setattr(run, "check_for_build", check_spy)
    monkeypatch.setattr(folderbuild, "generate", generate_spy)
    monkeypatch.setattr(JixiaoPlugin, "use_planned", use_spy)
    monkeypatch.setattr(JixiaoPlugin, "on_page_context", context_spy)
    project = make_project(tmp_path / "project")
    code, output = _cli_build(project, tmp_path / "site", monkeypatch)
    assert code == 0, output
    lines = seen.read_text().split()
    assert lines[0::2] == ["check", "generate"]
    assert {int(pid) for pid in lines[1::2]} == {children[0]} and children[0] != os.getpid()
    assert writing == [True]
    # the same site as a build that checks and generates in this process (another project: no shared cache)
    monkeypatch.undo()
    here = make_project(tmp_path / "here")
    monkeypatch.chdir(here)
    pipeline.build(pipeline.check_for_build(Path("content"), "content"), Path("content"), tmp_path / "site-here",
                   here / "mkdocs.yml")
    assert tree_digest(tmp_path / "site") == tree_digest(tmp_path / "site-here")


def test_a_template_error_while_generating_is_reported_and_the_site_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project")
    site = tmp_path / "site"
    assert _cli_build(project, site, monkeypatch)[0] == 0
    before = tree_digest(site)
    template = project / "templates" / "report.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n{% if %}\n", encoding="utf-8")
    code, output = _cli_build(project, site, monkeypatch)
    assert code == 1
    assert "模板错误：" in output and "report.md.j2:" in output and "网站未更新" in output
    assert "Traceback" not in output
    assert tree_digest(site) == before
    assert not list(tmp_path.glob(".site.building-*"))
