"""``content/`` -> a :class:`~jixiao.domain.model.Corpus` and every finding, in one pass.

Owns the content layout: ``site.yaml``; one folder per department named by its slug with
``department.yaml``; ``<year>.yaml`` + ``<year>.md`` per overall report; ``<year>/projects/<project>.yaml``
per project table (项目支出绩效自评表, any number per year, with or without an overall report). Also owns the layout's rules:
valid slugs, years that match their file names and lie in range, no duplicate departments or
years, no symlinks leading out of ``content/``. Files are shown to editors relative to the path
they gave (``content/datong-zonggonghui/2021.yaml``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from jixiao.domain.issues import Finding, finding
from jixiao.domain.model import Corpus, Department, Loc, NarrativeSection, Report, SiteSettings
from jixiao.domain.names import SLUG, YEARS
from jixiao.domain.shards import BY_REGION, name_problem
from jixiao.load import convert
from jixiao.load.narrative import parse_narrative
from jixiao.load.schema import DepartmentFile, ProjectFile, ReportFile, SiteFile
from jixiao.load.source import read_source
from jixiao.load.validate import validate
from jixiao.load.yamltree import Tree, parse_yaml

# \A...\Z, not ^...$ ($ also matches before a final newline, and a file name may end in one);
# [0-9], not \d (which also matches Arabic-Indic and full-width digits).
REPORT_FILE = re.compile(r"\A([0-9]{4})\.ya?ml\Z")
NARRATIVE_FILE = re.compile(r"\A([0-9]{4})\.md\Z")
YEAR_FOLDER = re.compile(r"\A[0-9]{4}\Z")
PROJECT_FILE = re.compile(r"\A(.+)\.ya?ml\Z")
PROJECTS = "projects"
IGNORED = {"README.md", ".gitkeep", ".DS_Store"}


def readable(name: str) -> str:
    """A file name as an editor reads it, always printable as UTF-8.

    A name that is not UTF-8 on disk (typically GBK, from a zip made on Windows) reaches Python with
    surrogate escapes, which cannot be printed; it is decoded as GB18030 where possible, else shown
    with replacement marks.
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(name)
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            return raw.decode("utf-8", "replace")
    return name


def _resolved(path: Path) -> Path | None:
    """``path`` with every symlink followed, or None for a link loop (RuntimeError before 3.13)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


@dataclass(frozen=True, slots=True)
class Loaded:
    corpus: Corpus
    findings: tuple[Finding, ...]


class _Loader:
    def __init__(self, root: Path, shown_root: str) -> None:
        self.root = root
        self.real_root = _resolved(root) or root.absolute()
        self.shown_root = shown_root.rstrip("/") or "."
        self.findings: list[Finding] = []
        self.refused: set[Path] = set()

    def shown(self, path: Path) -> str:
        return f"{self.shown_root}/{readable(path.relative_to(self.root).as_posix())}"

    def safe(self, path: Path) -> bool:
        """False (with a finding) for a symlink that leads out of ``content/``."""
        if not path.is_symlink():
            return True
        target = _resolved(path)
        if target is not None and (target == self.real_root or self.real_root in target.parents):
            return True
        if path in self.refused:
            return False
        self.refused.add(path)
        shown_target = "循环链接，无法解析" if target is None else readable(target.as_posix())
        self.findings.append(finding("JX-L007", Loc(self.shown(path)), name=readable(path.name), target=shown_target))
        return False

    def tree(self, path: Path) -> Tree | None:
        shown = self.shown(path)
        source = read_source(path, shown)
        self.findings.extend(source.findings)
        if source.text is None:
            return None
        tree = parse_yaml(source.text, shown)
        self.findings.extend(tree.findings)
        return None if tree.findings else tree

    def site(self) -> SiteSettings:
        path = self.root / "site.yaml"
        fallback = SiteSettings(loc=Loc(self.shown(path)), title="预算绩效自评报告", publisher="")
        if not path.is_file():
            self.findings.append(finding("JX-L009", Loc(self.shown(path))))
            return fallback
        if not self.safe(path) or (tree := self.tree(path)) is None:
            return fallback
        spec, problems = validate(tree, SiteFile)
        self.findings.extend(problems)
        if spec is None:
            return fallback
        site = convert.site_settings(spec, tree)
        if site.shards is not None and site.shards.by == BY_REGION and (why := name_problem(site.shards.default)):
            self.findings.append(finding("JX-L015", tree.loc(("shards", "default")), value=site.shards.default,
                                         field="shards.default", reason=why))
        return site

    def department(self, folder: Path) -> Department | None:
        path = folder / "department.yaml"
        if not path.is_file():
            self.findings.append(finding("JX-L005", Loc(self.shown(folder)), slug=readable(folder.name)))
            return None
        if not self.safe(path) or (tree := self.tree(path)) is None:
            return None
        spec, problems = validate(tree, DepartmentFile)
        self.findings.extend(problems)
        if spec is None:
            return None
        dept = convert.department(spec, tree, folder.name)
        if dept.region and (why := name_problem(dept.region)):
            self.findings.append(finding("JX-L015", tree.loc(("region",)), value=dept.region, field="region",
                                         reason=why))
        return dept

    def narrative(self, path: Path, year: int) -> tuple[NarrativeSection, ...]:
        if not path.is_file():
            self.findings.append(finding("JX-L006", Loc(self.shown(path.with_suffix(".yaml"))), year=year))
            return ()
        if not self.safe(path):
            return ()
        source = read_source(path, self.shown(path))
        self.findings.extend(source.findings)
        if source.text is None:
            return ()
        sections, problems = parse_narrative(source.text, self.shown(path))
        self.findings.extend(problems)
        return sections

    def report(self, path: Path, dept: Department | None, file_year: int) -> Report | None:
        tree = self.tree(path)
        if tree is None:
            return None
        spec, problems = validate(tree, ReportFile)
        self.findings.extend(problems)
        if spec is None:
            return None
        year = int(spec.year)
        if year != file_year:
            self.findings.append(finding("JX-L003", tree.loc(("year",)), file_year=file_year, year=year))
        if year not in YEARS:
            self.findings.append(finding("JX-L004", tree.loc(("year",)), year=year, low=YEARS.start, high=YEARS.stop - 1))
        narrative = self.narrative(path.with_name(f"{file_year}.md"), file_year)
        if dept is None:
            return None
        report = convert.report(spec, tree, dept, narrative)
        self.findings.extend(_unplaced_findings(report))
        return report

    def project(self, path: Path, dept: Department | None, folder_year: int) -> Report | None:
        tree = self.tree(path)
        if tree is None:
            return None
        spec, problems = validate(tree, ProjectFile)
        self.findings.extend(problems)
        if spec is None:
            return None
        year = int(spec.year)
        if year != folder_year:
            self.findings.append(finding("JX-L003", tree.loc(("year",)), file_year=folder_year, year=year))
        if dept is None:
            return None
        report = convert.project(spec, tree, dept, path.name.rsplit(".", 1)[0])
        self.findings.extend(_unplaced_findings(report))
        return report

    def year_folder(self, folder: Path, dept: Department | None, year: int) -> list[Report]:
        """``<year>/projects/<project>.yaml``: the project tables of one year."""
        found: list[Report] = []
        if year not in YEARS:
            self.findings.append(finding("JX-L004", Loc(self.shown(folder)), year=year, low=YEARS.start,
                                         high=YEARS.stop - 1))
        for path in sorted(folder.iterdir()):
            if path.name in IGNORED or path.name.startswith(".") or not self.safe(path):
                continue
            if path.name != PROJECTS or not path.is_dir():
                self.findings.append(finding("JX-L008", Loc(self.shown(path)), name=readable(path.name)))
                continue
            seen: dict[str, Path] = {}
            for file in sorted(path.iterdir()):
                if file.name in IGNORED or file.name.startswith(".") or not self.safe(file):
                    continue
                match = PROJECT_FILE.match(file.name)
                if match is None or not file.is_file():
                    self.findings.append(finding("JX-L008", Loc(self.shown(file)), name=readable(file.name)))
                    continue
                slug = match.group(1)
                if not SLUG.match(slug):
                    self.findings.append(finding("JX-L013", Loc(self.shown(file)), name=readable(file.name)))
                    continue
                if slug in seen:
                    self.findings.append(finding("JX-L014", Loc(self.shown(file)), slug=slug,
                                                 first=self.shown(seen[slug]), second=self.shown(file)))
                    continue
                seen[slug] = file
                report = self.project(file, dept, year)
                if report is not None:
                    found.append(report)
        return found

    def folder(self, folder: Path, keep: Callable[[Department], bool] | None = None,
               ) -> tuple[Department | None, list[Report]]:
        """A department folder: its department and reports (none when ``keep`` refuses the department)."""
        if not SLUG.match(folder.name):
            self.findings.append(finding("JX-L001", Loc(self.shown(folder)), slug=readable(folder.name)))
        dept = self.department(folder)
        reports: list[Report] = []
        if keep is not None and dept is not None and not keep(dept):
            return dept, reports
        seen_years: dict[int, Path] = {}
        for path in sorted(folder.iterdir()):
            if path.name == "department.yaml" or path.name in IGNORED or path.name.startswith("."):
                continue
            if not self.safe(path):
                continue
            if YEAR_FOLDER.match(path.name) and path.is_dir():
                reports.extend(self.year_folder(path, dept, int(path.name)))
                continue
            match = REPORT_FILE.match(path.name)
            if match and path.is_file():
                year = int(match.group(1))
                if year in seen_years:
                    self.findings.append(finding(
                        "JX-L012", Loc(self.shown(path)), year=year,
                        first=self.shown(seen_years[year]), second=self.shown(path),
                    ))
                    continue
                seen_years[year] = path
                report = self.report(path, dept, year)
                if report is not None:
                    reports.append(report)
            elif not (NARRATIVE_FILE.match(path.name) and path.is_file()):
                self.findings.append(finding("JX-L008", Loc(self.shown(path)), name=readable(path.name)))
        return dept, reports

    def folders(self) -> Iterator[Path]:
        """The department folders under the root, in order; stray files and unsafe links become findings.

        With :meth:`folder` this is the hook that loads one department folder at a time (``jixiao.cache``).
        """
        for folder in sorted(p for p in self.root.iterdir() if not p.name.startswith(".")):
            if not self.safe(folder):
                continue
            if not folder.is_dir():
                if folder.name not in {"site.yaml", *IGNORED}:
                    self.findings.append(finding("JX-L008", Loc(self.shown(folder)), name=readable(folder.name)))
                continue
            yield folder

    def duplicates(self, departments: list[Department]) -> None:
        for field, label in (("name", "名称"), ("code", "单位编码")):
            first: dict[str, Department] = {}
            for dept in departments:
                value = getattr(dept, field)
                if not value:
                    continue
                if value in first:
                    other = first[value]
                    self.findings.append(finding(
                        "JX-L002", dept.at(field), name=dept.name, field=label, other=str(other.at(field)),
                    ))
                else:
                    first[value] = dept


_KIND_LABELS = {"paragraph": "段落", "table": "表格", "row": "表格行", "cell": "单元格"}


def _excerpt(text: str) -> str:
    """The first 40 characters of ``text`` on one line."""
    flat = " / ".join(line.strip() for line in text.splitlines() if line.strip())
    return flat[:40] + ("…" if len(flat) > 40 else "")


def _unplaced_findings(report: Report) -> list[Finding]:
    """One reminder per block the importer could not place, until an editor moves it."""
    return [
        finding("JX-I001", u.loc, kind=_KIND_LABELS.get(u.kind, u.kind), source=u.source or "位置不详",
                excerpt=_excerpt(u.text))
        for u in report.unplaced
    ]


#: Loads ``content/`` piece by piece (``site()``, ``folders()``, ``folder()``), collecting findings;
#: :func:`load_content` runs it whole, ``jixiao.cache`` one department folder at a time.
Loader = _Loader


def load_content(root: Path, shown_root: str | None = None,
                 keep: Callable[[Department], bool] | None = None) -> Loaded:
    """Load everything under ``root``; ``shown_root`` is how messages name it (default: as given).

    ``keep``: load the reports of only the departments it accepts (one shard of a site, ``domain.shards``);
    every ``department.yaml`` is still read.
    """
    loader = _Loader(root, shown_root if shown_root is not None else root.as_posix())
    if not root.is_dir():
        loader.findings.append(finding("JX-L010", Loc(loader.shown_root), path=loader.shown_root))
        return Loaded(Corpus(SiteSettings(loc=Loc(loader.shown_root))), tuple(loader.findings))
    site = loader.site()
    departments: list[Department] = []
    reports: list[Report] = []
    for folder in loader.folders():
        dept, found = loader.folder(folder, keep)
        if dept is not None:
            departments.append(dept)
        reports.extend(found)
    loader.duplicates(departments)
    if not reports and not any(f.severity == "error" for f in loader.findings):
        loader.findings.append(finding("JX-L011", Loc(loader.shown_root)))
    corpus = Corpus(site=site, departments=tuple(departments), reports=tuple(sorted(reports, key=lambda r: r.key)))
    return Loaded(corpus, tuple(sorted(loader.findings, key=lambda f: (f.loc.file, f.loc.line, f.loc.column, f.code))))
