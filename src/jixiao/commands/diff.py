"""``jixiao diff``: what changed in computed totals, grades and findings between two revisions.

Owns reading ``content/`` as it was at a git revision (``git archive`` into a temporary folder),
running the same :func:`jixiao.check.check` on both sides, and comparing them report by report:
computed total, computed grade, the printed total, and the findings that appeared or went away
(matched by file, code and message, so moving lines does not count as a change). Also the
text table for the terminal and the Markdown table for ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from jixiao.check import Checked, check
from jixiao.domain.issues import Finding
from jixiao.domain.scoring import show

SITE_WIDE = ("", 0, "")  # findings in files that belong to no single report (site.yaml, department.yaml)


class DiffError(Exception):
    """A reason, in Chinese, why two revisions cannot be compared."""


@dataclass(frozen=True, slots=True)
class Side:
    """One revision's results for one report."""

    name: str
    total: Decimal | None
    grade: str | None
    claimed_total: Decimal | None
    findings: Counter[tuple[str, str, str]]  # (file, code, message) -> count


@dataclass(frozen=True, slots=True)
class ReportChange:
    key: tuple[str, int, str]
    old: Side | None  # None: the report is new
    new: Side | None  # None: the report was removed
    added: tuple[tuple[str, str, str], ...]
    removed: tuple[tuple[str, str, str], ...]

    @property
    def name(self) -> str:
        side = self.new or self.old
        return side.name if side and side.name else (self.key[0] or "全站设置")


# --- reading a revision ---------------------------------------------------------------------


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError as error:
        raise DiffError("找不到 git 命令；请先安装 git") from error


def extract(content: Path, rev: str, dest: Path) -> Path | None:
    """Write ``content`` as it was at ``rev`` into ``dest``; the extracted folder, or ``None``
    when ``content`` did not exist at ``rev``."""
    folder = content.resolve()
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode != 0:
        raise DiffError(f"{content} 不在 git 仓库中")
    root = Path(top.stdout.decode().strip())
    relative = folder.relative_to(root).as_posix()
    if _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root).returncode != 0:
        raise DiffError(f"找不到 git 版本“{rev}”；请检查分支名或提交号（CI 中需要 fetch-depth: 0）")
    tree = dest / "tree"
    tree.mkdir(parents=True)
    if _git(["cat-file", "-e", f"{rev}:{relative}"], root).returncode != 0:
        return None
    archive = _git(["archive", "--format=tar", rev, "--", relative], root)
    if archive.returncode != 0:
        raise DiffError(f"无法读取版本“{rev}”的内容：{archive.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(tree, filter="data")
    return tree / relative


# --- comparing ----------------------------------------------------------------------------


def _report_key(file: str, shown: str) -> tuple[str, int, str]:
    parts = file.removeprefix(shown.rstrip("/") + "/").split("/")
    if len(parts) == 2 and parts[1][:4].isdigit() and parts[1][4:] in {".yaml", ".yml", ".md"}:
        return (parts[0], int(parts[1][:4]), "")
    if len(parts) == 4 and parts[1].isdigit() and len(parts[1]) == 4 and parts[2] == "projects":
        return (parts[0], int(parts[1]), parts[3].rsplit(".", 1)[0])
    return SITE_WIDE


def sides(checked: Checked, shown: str) -> dict[tuple[str, int, str], Side]:
    """Each report's results in one revision, with its findings as ``check`` attributed them.

    Findings of files that belong to no loaded report (a report that failed to load, site-wide files)
    are grouped by the report key their path names, or under :data:`SITE_WIDE`.
    """
    result: dict[tuple[str, int, str], Side] = {}
    for item in checked.reports:
        card = item.card
        name = card.report.department.name + (f" · {card.report.name}" if card.report.is_project else "")
        result[card.report.key] = Side(name, card.total, card.grade, card.claimed_total,
                                       _counted(item.findings))
    found: dict[tuple[str, int, str], list[Finding]] = {}
    for f in checked.other:
        found.setdefault(_report_key(f.loc.file, shown), []).append(f)
    for key, items in found.items():  # reports that failed to load, and site-wide files
        result[key] = Side("", None, None, None, _counted(items))
    return result


def _counted(findings: Iterable[Finding]) -> Counter[tuple[str, str, str]]:
    return Counter((f.loc.file, f.code, f.message) for f in findings)


def compare(old: dict[tuple[str, int, str], Side], new: dict[tuple[str, int, str], Side]) -> tuple[ReportChange, ...]:
    """Every report whose computed total, grade, printed total or findings differ, in key order."""
    changes: list[ReportChange] = []
    for key in sorted(old.keys() | new.keys()):
        a, b = old.get(key), new.get(key)
        before = a.findings if a else Counter()
        after = b.findings if b else Counter()
        added = tuple(sorted((after - before).elements()))
        removed = tuple(sorted((before - after).elements()))
        same = (
            a is not None and b is not None and (a.total, a.grade, a.claimed_total) == (b.total, b.grade, b.claimed_total)
        )
        if same and not added and not removed:
            continue
        if a is None and b is not None and b.total is None and not added:
            continue
        changes.append(ReportChange(key, a, b, added, removed))
    return tuple(changes)


def diff(content: Path, rev: str, rev2: str | None = None, shown: str = "content") -> tuple[ReportChange, ...]:
    """Compare ``content`` at ``rev`` with ``rev2`` (default: the working tree)."""
    with tempfile.TemporaryDirectory(prefix="jixiao-diff-") as tmp:
        old_content = extract(content, rev, Path(tmp) / "old")
        new_content = extract(content, rev2, Path(tmp) / "new") if rev2 else content
        old = _results(old_content, shown)
        new = _results(new_content, shown)
    return compare(old, new)


def _results(content: Path | None, shown: str) -> dict[tuple[str, int, str], Side]:
    return {} if content is None else sides(check(content, shown), shown)


# --- formatting ----------------------------------------------------------------------------


def _num(value: Decimal | None) -> str:
    return "—" if value is None else show(value)


def _arrow(a: str, b: str) -> str:
    return a if a == b else f"{a} → {b}"


def _codes(items: Iterable[tuple[str, str, str]], sign: str) -> str:
    counts = Counter(code for _, code, _ in items)
    return " ".join(f"{sign}{code}" + (f"×{n}" if n > 1 else "") for code, n in sorted(counts.items()))


def rows(changes: tuple[ReportChange, ...]) -> list[tuple[str, ...]]:
    """One row of cells per changed report: 部门, 年度, 复核总分, 复核等级, 报告所列总分, 问题变化."""
    table: list[tuple[str, ...]] = []
    for c in changes:
        o, n = c.old, c.new
        status = "（新增）" if o is None else "（删除）" if n is None else ""
        table.append((
            c.name + status,
            str(c.key[1]) if c.key[1] else "—",
            _arrow(_num(o.total if o else None), _num(n.total if n else None)),
            _arrow((o.grade if o else None) or "—", (n.grade if n else None) or "—"),
            _arrow(_num(o.claimed_total if o else None), _num(n.claimed_total if n else None)),
            " ".join(x for x in (_codes(c.added, "+"), _codes(c.removed, "−")) if x) or "—",
        ))
    return table


HEADER = ("部门", "年度", "复核总分", "复核等级", "报告所列总分", "问题变化")
NO_CHANGE = "没有报告的复核总分、复核等级或问题发生变化。"


def format_text(changes: tuple[ReportChange, ...]) -> str:
    if not changes:
        return NO_CHANGE + "\n"
    table = [HEADER, *rows(changes)]
    widths = [max(_width(r[i]) for r in table) for i in range(len(HEADER))]
    lines = ["  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(r)).rstrip() for r in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + f"\n共 {len(changes)} 个报告有变化。\n"


def _width(text: str) -> int:
    """Terminal columns: CJK and full-width characters take two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _md(cell: str) -> str:
    return cell.replace("|", "\\|").replace("\n", " ")


def format_markdown(changes: tuple[ReportChange, ...], base: str = "") -> str:
    title = "### 绩效自评结果变化" + (f"（相对于 `{base}`）" if base else "")
    if not changes:
        return f"{title}\n\n{NO_CHANGE}\n"
    lines = [title, "", "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(_md(c) for c in r) + " |" for r in rows(changes)]
    added = [(c, item) for c in changes for item in c.added]
    if added:
        lines += ["", f"<details><summary>新出现的问题（{len(added)} 条）</summary>", ""]
        lines += [f"- `{file}` [{code}] {_md(message)}" for _, (file, code, message) in added]
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"

