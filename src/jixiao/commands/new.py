"""``jixiao new``: decide which files a new report needs and what they say.

Owns the rules of scaffolding: a valid slug and year, never overwriting an existing report, the
department's most recent earlier report as the source when there is one (it must load cleanly),
and a new department folder (with ``department.yaml``) only when a name is given. The text comes
from ``render.scaffold``; the CLI writes the files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jixiao.domain.names import YEARS, is_slug
from jixiao.load.content import REPORT_FILE, load_content
from jixiao.write import scaffold


class NewReportError(Exception):
    """A reason, in Chinese, why the report cannot be created."""


@dataclass(frozen=True, slots=True)
class NewReport:
    files: tuple[tuple[Path, str], ...]
    note: str  # what was carried over, in Chinese


def _earlier_year(folder: Path, year: int) -> int | None:
    years = [
        int(m.group(1)) for p in folder.iterdir() if (m := REPORT_FILE.match(p.name)) and int(m.group(1)) < year
    ]
    return max(years, default=None)


def plan_new_report(content: Path, slug: str, year: int, name: str = "", shown: str = "content") -> NewReport:
    """The files for ``slug``'s ``year`` report under ``content``; raises :class:`NewReportError`."""
    if not is_slug(slug):
        raise NewReportError(f"部门目录名“{slug}”不合法：只能用小写英文字母、数字和连字符，如 datong-zonggonghui")
    if year not in YEARS:
        raise NewReportError(f"年度 {year} 不在允许范围 {YEARS.start}–{YEARS.stop - 1} 内")
    if not content.is_dir():
        raise NewReportError(f"找不到内容目录 {shown}")
    folder = content / slug
    for suffix in (".yaml", ".yml", ".md"):
        if (folder / f"{year}{suffix}").exists():
            raise NewReportError(f"{shown}/{slug}/{year}{suffix} 已存在，不会覆盖；如需重建请先删除或改名")
    md = (folder / f"{year}.md", scaffold.narrative_md())
    files: tuple[tuple[Path, str], ...]
    if not folder.is_dir():
        if not name.strip():
            raise NewReportError(f"部门目录 {shown}/{slug} 不存在；新部门请用 --name 写明部门全称")
        files = (
            (folder / "department.yaml", scaffold.department_yaml(name.strip())),
            (folder / f"{year}.yaml", scaffold.template_yaml(name.strip(), year)),
            md,
        )
        return NewReport(files, "新部门：已按模板生成，请按注释填写。")
    earlier = _earlier_year(folder, year)
    corpus = load_content(content, shown).corpus
    dept = next((d for d in corpus.departments if d.slug == slug), None)
    dept_name = dept.name if dept else name.strip() or slug
    if earlier is None:
        files = ((folder / f"{year}.yaml", scaffold.template_yaml(dept_name, year)), md)
        return NewReport(files, "该部门没有更早的报告：已按模板生成，请按注释填写。")
    previous = next((r for r in corpus.reports if r.key == (slug, earlier, "")), None)
    if previous is None:
        raise NewReportError(
            f"上一年度报告 {shown}/{slug}/{earlier}.yaml 有错误，无法沿用；请先运行 jixiao check 修正"
        )
    files = ((folder / f"{year}.yaml", scaffold.report_yaml(previous, year)), md)
    count = len(previous.indicators())
    return NewReport(
        files,
        f"已沿用 {earlier} 年度报告的职责、组织架构和 {count} 个指标的权重与目标值；"
        "请填写各指标的业绩值（actual）和得分（score），以及人员、资产、资金和总体结果。",
    )


def plan_new_project(content: Path, slug: str, year: int, project: str, project_name: str = "",
                     shown: str = "content") -> NewReport:
    """A blank project table ``content/<slug>/<year>/projects/<project>.yaml``; raises :class:`NewReportError`."""
    if not is_slug(slug) or not is_slug(project):
        bad = slug if not is_slug(slug) else project
        raise NewReportError(f"目录名或项目名“{bad}”不合法：只能用小写英文字母、数字和连字符，如 kunnan-zhigong-bangfu")
    if year not in YEARS:
        raise NewReportError(f"年度 {year} 不在允许范围 {YEARS.start}–{YEARS.stop - 1} 内")
    folder = content / slug
    if not (folder / "department.yaml").is_file():
        raise NewReportError(f"部门目录 {shown}/{slug} 不存在；请先用 jixiao new {slug} {year} --name 部门全称 新建部门")
    projects = folder / str(year) / "projects"
    for suffix in (".yaml", ".yml"):
        if (projects / f"{project}{suffix}").exists():
            raise NewReportError(f"{shown}/{slug}/{year}/projects/{project}{suffix} 已存在，不会覆盖")
    corpus = load_content(content, shown).corpus
    dept = next((d for d in corpus.departments if d.slug == slug), None)
    text = scaffold.project_yaml(dept.name if dept else slug, year, project_name.strip() or project)
    return NewReport(((projects / f"{project}.yaml", text),),
                     "已按财预〔2020〕10号 表样生成项目支出绩效自评表，请按注释逐栏填写；其他省份的表样见编辑指南第 10 节。")
