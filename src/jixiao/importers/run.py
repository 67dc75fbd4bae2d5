"""Import one file into ``content/``: read, assemble, name, write, and report in coded findings.

Owns the file-level decisions: which reader a file needs, the department slug (``--dept``, else the
folder of an existing department with the same name, else an ASCII slug from the file name) and the
year (``--year``, else the title, else the file name), refusing to overwrite existing files unless
forced, writing ``<year>.yaml`` / ``<year>.md`` / a new ``department.yaml``, and the import report:
one finding per unplaced block at its place in the source, one note per deliberate omission.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from jixiao.domain.issues import Finding, finding
from jixiao.domain.model import Loc
from jixiao.domain.names import is_slug
from jixiao.importers.assemble import assemble
from jixiao.importers.document import Block, Document, Paragraph, Table
from jixiao.importers.draft import Draft, Num
from jixiao.importers.guards import Refused
from jixiao.importers.overall import read_overall
from jixiao.importers.project import is_overall_table, read_project, split_projects
from jixiao.importers.sniff import HEAD, LABELS, Kind, sniff
from jixiao.importers.structure import section_heading
from jixiao.importers.textfile import decode, parse_text
from jixiao.write.draft import department_yaml, narrative_markdown, project_yaml, report_yaml

TEXT_SUFFIXES = {".txt", ".text"}
SUFFIXES = TEXT_SUFFIXES | {".docx", ".xlsx", ".pdf", ".html", ".htm", ".doc", ".xls", ".et", ".wps"}
_KIND_LABELS = {"paragraph": "段落", "table": "表格", "row": "表格行", "cell": "单元格"}


def _excerpt(text: str) -> str:
    """The first 40 characters of ``text`` on one line."""
    flat = " / ".join(line.strip() for line in text.splitlines() if line.strip())
    return flat[:40] + ("…" if len(flat) > 40 else "")


@dataclass(slots=True)
class Imported:
    """The outcome of importing one file."""

    source: Path
    shown: str
    draft: Draft | None = None
    slug: str | None = None
    year: int | None = None
    name: str = ""
    written: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    project: str = ""  # the project slug, for a project table
    not_report: bool = False  # read, but no self-evaluation report: nothing written (JX-I019)
    unchanged: list[Path] = field(default_factory=list)  # existing files the import would write as they are
    parts: list[Imported] = field(default_factory=list)  # the reports of a file holding project tables

    @property
    def complete(self) -> bool:
        """Everything placed and nothing refused (a file that is no report, listed as such, is done)."""
        if self.not_report:
            return True
        if self.parts:
            return all(p.complete for p in self.parts) and not self.findings
        return (self.draft is not None and not self.draft.unplaced and bool(self.written or self.unchanged)
                and not any(f.severity.value == "error" for f in self.findings))


def _old_office(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in {".xls", ".et"}:
        return "扩展名是 .xls，但内容不是 Excel 工作簿"
    if suffix in {".wps", ".dps"}:
        return "WPS 旧版文件"
    return "Word 97-2003 文档 .doc" if suffix in {".doc", ".dot"} else "Word 97-2003 或其他旧版 Office 文件"


def _reader(kind: Kind) -> Callable[[Path], Document]:
    if kind is Kind.DOCX:
        from jixiao.importers.docxfile import read_docx

        return read_docx
    if kind is Kind.XLSX:
        from jixiao.importers.xlsxfile import read_xlsx

        return read_xlsx
    if kind is Kind.XLS:
        from jixiao.importers.xlsfile import read_xls

        return read_xls
    if kind is Kind.PDF:
        from jixiao.importers.pdffile import read_pdf

        return read_pdf
    from jixiao.importers.htmlfile import read_html

    return read_html


def read_document(path: Path, shown: str) -> tuple[Document | None, list[Finding]]:
    """The document in ``path`` by its content (not its extension), or findings saying why not."""
    loc, name = Loc(shown), path.name
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD)
    except OSError as err:
        return None, [finding("JX-E005", loc, reason=err.strerror or type(err).__name__)]
    kind = sniff(path, head)
    refusals = {Kind.EMPTY: "JX-I013", Kind.OLE: "JX-I014", Kind.ZIP: "JX-I015", Kind.UNKNOWN: "JX-I002"}
    if kind in refusals:
        return None, [finding(refusals[kind], loc, name=name, kind=_old_office(path))]
    try:
        if kind is Kind.TEXT:
            decoded = decode(path.read_bytes())
            if decoded is None:
                return None, [finding("JX-I003", loc)]
            return parse_text(*decoded), []
        return _reader(kind)(path), []
    except Refused as refused:
        return None, [finding(refused.code, loc, name=name, reason=refused.reason, kind=LABELS[kind])]
    except OSError as err:
        return None, [finding("JX-E005", loc, reason=err.strerror or type(err).__name__)]
    except (MemoryError, RecursionError):
        return None, [finding("JX-I016", loc, name=name, reason="文件结构异常（嵌套或循环过深），读取时资源耗尽")]
    except Exception as err:  # the libraries raise zip, XML, key and parser errors for damaged files
        if kind is Kind.DOCX:
            return None, [finding("JX-I004", loc, reason=_docx_reason(err))]
        return None, [finding("JX-I018", loc, name=name, kind=LABELS[kind], reason="文件内容损坏或格式不完整")]


def _docx_reason(err: Exception) -> str:
    name = type(err).__name__
    if name in {"BadZipFile", "PackageNotFoundError"}:
        return "文件不是有效的 .docx 压缩包"
    return "文件内容损坏或不是 Word 文档"


def existing_slug(out: Path, name: str | None) -> str | None:
    """The folder of a department in ``out`` whose department.yaml names ``name``."""
    if not name or not out.is_dir():
        return None
    for path in sorted(out.glob("*/department.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(data, dict) and str(data.get("name", "")).strip() == name:
            return path.parent.name
    return None


def slug_from_filename(path: Path) -> str | None:
    """An ASCII slug from the file name (years removed), when the name has ASCII letters."""
    stem = re.sub(r"(?:19|20)\d{2}", "", path.stem.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")
    return slug if slug and re.search(r"[a-z]", slug) and is_slug(slug) else None


def year_from_filename(path: Path) -> int | None:
    match = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", path.stem)
    return int(match.group(1)) if match else None


def source_findings(draft: Draft, shown: str) -> list[Finding]:
    """The import report: unplaced blocks and deliberate omissions at their places in the source."""
    out = [
        finding("JX-I001", Loc(shown, u.pos.line, 1 if u.pos.line else 0), kind=_KIND_LABELS[u.kind],
                source=u.pos.label, excerpt=_excerpt(u.text))
        for u in draft.unplaced
    ]
    out += [finding("JX-I009", Loc(shown, n.pos.line, 1 if n.pos.line else 0), what=n.what, source=n.pos.label,
                    reason=n.reason) for n in draft.notes]
    if not draft.report.get("tables"):
        out.append(finding("JX-I008", Loc(shown)))
    return out


def import_file(path: Path, shown: str, out: Path, dept: str | None = None, year: int | None = None,
                force: bool = False) -> Imported:
    """Import ``path`` into ``out`` (the content folder); never raises for bad input."""
    result = Imported(path, shown)
    document, problems = read_document(path, shown)
    result.findings += problems
    if document is None:
        return result
    rest, tables = split_projects(document.blocks)
    if tables:
        return _import_projects(result, document, rest, tables, out, dept, year, force)
    draft = assemble(document)
    if not _reads_as_report(document, draft):
        result.not_report = True
        result.findings.append(finding("JX-I019", Loc(shown), name=path.name, first=_first_line(document)))
        return result
    _finish(result, draft, out, dept, year, force)
    return result


_REPORT_WORDS = ("绩效", "指标", "得分", "分值", "自评", "权重")
_REPORT_TITLE = re.compile(r"^.{0,40}绩效自评(?:报告|表)[）)]?$")
_NOT_A_TITLE = re.compile(r"^\s*(?:关于|附件|附：)|(?:函|通知|请示|批复)\s*$")


def _reads_as_report(document: Document, draft: Draft) -> bool:
    """Whether a file with no project table is a self-evaluation report at all: it has an indicator
    the assembler recognised, a section heading of the form (by its wording), a report's title (not a
    cover letter's ``关于报送……的函`` nor an ``附件：`` line), or a table that speaks of
    绩效/指标/得分 (an unknown form is still imported, its tables unplaced). A cover letter or a 决算
    table has none of these."""
    if draft.indicator_count() or draft.report.get("tables"):
        return True
    for block in document.blocks:
        if isinstance(block, Paragraph):
            heading = section_heading(block.text)
            if (heading is not None and not heading.by_number) or (_REPORT_TITLE.search(block.text) \
                    and not _NOT_A_TITLE.search(block.text)):
                return True
        elif any(word in cell for row in block.rows for cell in row.cells for word in _REPORT_WORDS):
            return True
    return False


def _first_line(document: Document) -> str:
    block = next(iter(document.blocks), None)
    text = block.text if isinstance(block, Paragraph) else block.rows[0].joined() if block and block.rows else ""
    return _excerpt(text) or "（空）"


def _overall(rest: list[Block]) -> bool:
    """Whether the blocks around project tables are an overall report (a table or a form section)."""
    return any(isinstance(b, Table) or section_heading(b.text) is not None for b in rest)


def _import_projects(result: Imported, document: Document, rest: list[Block],
                     tables: list[tuple[Table, list[Paragraph]]], out: Path, dept: str | None, year: int | None,
                     force: bool) -> Imported:
    """Several reports from one file: each one-table form (an overall form table is the overall report,
    a project table a project), and the overall report around them if any."""
    overalls = [read_overall(table, title) for table, title in tables if is_overall_table(table)]
    projects = [read_project(table, title) for table, title in tables if not is_overall_table(table)]
    if _overall(rest) and not overalls:
        overall = Imported(result.source, result.shown)
        _finish(overall, assemble(replace(document, blocks=tuple(rest))), out, dept, year, force)
        result.parts.append(overall)
    else:
        first = overalls[0] if overalls else projects[0].draft
        for block in rest:
            if isinstance(block, Paragraph):
                first.unplace("paragraph", block.pos, block.text)
            else:
                first.unplace("table", block.pos, "\n".join(r.joined() for r in block.rows))
        for what, pos, reason in document.notes():
            first.note(what, pos, reason)
    for number, draft in enumerate(overalls, start=1):
        part = Imported(result.source, result.shown if len(overalls) == 1 else f"{result.shown}（第 {number} 个部门整体表）")
        _finish(part, draft, out, dept, year, force)
        result.parts.append(part)
    base = slug_from_filename(result.source) or "project-" + hashlib.sha1(result.source.name.encode()).hexdigest()[:6]
    for number, project in enumerate(projects, start=1):
        part = Imported(result.source, f"{result.shown}（第 {number} 个项目表）")
        part.project = base if len(projects) == 1 else f"{base}-{number}"
        _finish(part, project.draft, out, dept, year, force, project.report.get("project", {}))
        result.parts.append(part)
    return result


def _finish(result: Imported, draft: Draft, out: Path, dept: str | None, year: int | None, force: bool,
            project: dict[str, Any] | None = None) -> None:
    """Name, date and write one report read from ``result.source`` (the one place that does: an overall
    report, an overall form table or a project table). The year is written as a number (``year: 2023``),
    as the loader's schema reads it."""
    shown, path = result.shown, result.source
    result.draft = draft
    result.findings += source_findings(draft, shown)
    names = [draft.department, *((project or {}).get(k) for k in ("supervisor", "implementer"))]
    found = next((s for n in names if n and (s := existing_slug(out, n))), None)
    result.slug = dept or found or slug_from_filename(path)
    result.year = year or draft.year or year_from_filename(path)
    if result.slug is None:
        result.findings.append(finding("JX-I005", Loc(shown), name=path.name))
    if result.year is None:
        result.findings.append(finding("JX-I006", Loc(shown)))
    if result.slug is None or result.year is None:
        return
    draft.year = result.year
    draft.report["year"] = Num(str(result.year))
    if project is None:
        write(result, draft, out, force)
    else:
        draft.department = draft.department or project.get("supervisor") or project.get("implementer")
        write_project(result, draft, out, force)


def _kept(result: Imported, texts: dict[Path, str], force: bool) -> bool:
    """Whether existing files stay as they are: all of them already hold exactly what this import would
    write (a re-run: nothing to do, listed in ``result.unchanged``), or some differ -- most likely edited
    since the last import -- and are not overwritten without ``force`` (JX-I007)."""
    existing = [p for p in texts if p.exists()]
    if not existing or force:
        return False
    differ = [p for p in existing if _read(p) != texts[p]]
    if differ:
        result.findings += [finding("JX-I007", Loc(result.shown), path=p.as_posix()) for p in differ]
        return True
    if len(existing) < len(texts):
        return False  # one file missing: write them all (the others again as they are)
    result.unchanged += existing
    return True


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def write_project(result: Imported, draft: Draft, out: Path, force: bool) -> None:
    folder = out / str(result.slug)
    target = folder / str(result.year) / "projects" / f"{result.project}.yaml"
    dept_file = folder / "department.yaml"
    result.name = draft.department or existing_name(dept_file) or str(result.slug)
    text = project_yaml(draft, result.name, result.source.name)
    if _kept(result, {target: text}, force):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    if not dept_file.exists():
        dept_file.write_text(department_yaml(result.name), encoding="utf-8")
        result.written.append(dept_file)
    target.write_text(text, encoding="utf-8")
    result.written.append(target)


def write(result: Imported, draft: Draft, out: Path, force: bool) -> None:
    folder = out / str(result.slug)
    dept_file, report_file, md_file = folder / "department.yaml", folder / f"{result.year}.yaml", \
        folder / f"{result.year}.md"
    markdown = narrative_markdown(draft)
    result.name = draft.department or existing_name(dept_file) or str(result.slug)
    report_text = report_yaml(draft, result.name, result.source.name)
    if _kept(result, {report_file: report_text, **({md_file: markdown} if markdown is not None else {})}, force):
        return
    folder.mkdir(parents=True, exist_ok=True)
    if not dept_file.exists():
        if draft.department is None:
            result.findings.append(finding("JX-I010", Loc(result.shown), slug=result.slug))
        dept_file.write_text(department_yaml(result.name), encoding="utf-8")
        result.written.append(dept_file)
    report_file.write_text(report_text, encoding="utf-8")
    result.written.append(report_file)
    if markdown is not None:
        md_file.write_text(markdown, encoding="utf-8")
        result.written.append(md_file)


def existing_name(path: Path) -> str | None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return str(data["name"]) if isinstance(data, dict) and data.get("name") else None


def collect(paths: list[Path]) -> list[Path]:
    """Files to import: the files given, and the files with a known extension inside folders given."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                            and not p.name.startswith(("~$", ".")))
        else:
            files.append(path)
    return files
