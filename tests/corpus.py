"""The corpus of broken and hostile inputs under tests/fixtures/bad/, and how a case becomes a project.

Each case is a folder ``tests/fixtures/bad/<case>/`` holding:

- ``expected.yaml``: ``about`` (what is broken, in Chinese), ``expect`` (a list of
  ``{file, line, code}``; ``file`` relative to ``content/``, ``line`` 0 for a whole file), and
  optionally ``omit`` (base files not to fill in), ``generate`` (a builder below, for inputs that
  cannot or should not be committed: a 50 MB file, symlinks, odd folder names), ``shared: false``
  (keep it out of the shared project, e.g. when it replaces ``site.yaml``) and ``message`` (text the
  first expected finding's message must contain).
- ``content/``: an overlay with only the broken file(s). Every department folder in it is completed
  from ``_base/`` (``department.yaml``, ``2021.yaml``, ``2021.md``) unless the case provides or omits
  them, and ``site.yaml`` comes from ``_base/`` unless the case provides or omits it.

``build_case`` makes one case's project; ``build_shared`` makes ONE project holding every shared case
(their folders never collide), so that all of them are found in a single run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

BAD = Path(__file__).resolve().parent / "fixtures" / "bad"
BASE = BAD / "_base"
FILLED = ("department.yaml", "2021.yaml", "2021.md")
HUGE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Expected:
    file: str
    line: int
    code: str


@dataclass(frozen=True)
class Case:
    name: str
    about: str
    expect: tuple[Expected, ...]
    omit: frozenset[str]
    generate: str | None
    shared: bool
    message: str | None

    @property
    def folder(self) -> Path:
        return BAD / self.name


def cases() -> list[Case]:
    found: list[Case] = []
    for folder in sorted(p for p in BAD.iterdir() if p.is_dir() and not p.name.startswith("_")):
        data = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
        found.append(Case(
            name=folder.name,
            about=data["about"],
            expect=tuple(Expected(e["file"], int(e["line"]), e["code"]) for e in data["expect"]),
            omit=frozenset(data.get("omit", ())),
            generate=data.get("generate"),
            shared=bool(data.get("shared", True)),
            message=data.get("message"),
        ))
    return found


# --- generated inputs ---------------------------------------------------------------------------


def _huge(content: Path) -> None:
    """A 50 MB report file (sparse where the file system allows): refused by the size limit."""
    path = content / "e-huge-file" / "2021.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.write(b"year: 2021\ntitle: ")
        handle.seek(HUGE_BYTES - 2)
        handle.write(b"x\n")


def _symlink_file_out(content: Path) -> None:
    outside = content.parent / "outside-secret.yaml"
    outside.write_text("year: 2021\n", encoding="utf-8")
    folder = content / "l-symlink-file-out"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2021.yaml").symlink_to(outside)


def _symlink_dir_out(content: Path) -> None:
    outside = content.parent / "outside-dept"
    outside.mkdir(exist_ok=True)
    shutil.copy(BASE / "department.yaml", outside / "department.yaml")
    (content / "l-symlink-dir-out").symlink_to(outside, target_is_directory=True)


def _symlink_loop(content: Path) -> None:
    folder = content / "l-symlink-loop"
    folder.mkdir(parents=True, exist_ok=True)
    os.symlink("2021.yaml", folder / "2021.yaml")


def _symlink_narrative_out(content: Path) -> None:
    folder = content / "l-symlink-narrative-out"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2021.md").symlink_to("/etc/passwd")


def _slug_backslash(content: Path) -> None:
    folder = content / "l-slug\\backslash"
    folder.mkdir(parents=True, exist_ok=True)


def _gbk_names(content: Path) -> None:
    """A file and a department folder whose names are GBK bytes (a zip made on Windows)."""
    folder = content / "l-gbk-file-name"
    folder.mkdir(parents=True, exist_ok=True)
    (Path(os.fsdecode(bytes(folder) + b"/" + "说明.txt".encode("gbk")))).write_text("备忘\n", encoding="utf-8")
    Path(os.fsdecode(bytes(content) + b"/" + "部门甲".encode("gbk"))).mkdir()


GENERATORS: dict[str, Callable[[Path], None]] = {
    "gbk-names": _gbk_names,
    "huge-file": _huge,
    "symlink-file-out": _symlink_file_out,
    "symlink-dir-out": _symlink_dir_out,
    "symlink-loop": _symlink_loop,
    "symlink-narrative-out": _symlink_narrative_out,
    "slug-backslash": _slug_backslash,
}


# --- building projects --------------------------------------------------------------------------


def _overlay(case: Case, content: Path) -> None:
    source = case.folder / "content"
    if source.is_dir():
        shutil.copytree(source, content, symlinks=True, dirs_exist_ok=True)
    if case.generate:
        GENERATORS[case.generate](content)


def _complete(content: Path, omit: frozenset[str], folders: list[Path]) -> None:
    for folder in folders:
        if folder.is_symlink() or not folder.is_dir() or not folder.name.isprintable():
            continue  # generated on purpose: a link, or a folder named in GBK bytes (left empty)
        for name in FILLED:
            rel = f"{folder.name}/{name}"
            target = folder / name
            if rel in omit or target.exists() or target.is_symlink():
                continue
            if name == "department.yaml":
                target.write_text(f"name: 测试部门（{folder.name}）\n", encoding="utf-8")
            else:
                shutil.copy(BASE / name, target)


def _site(content: Path, omit: frozenset[str]) -> None:
    if "site.yaml" not in omit and not (content / "site.yaml").exists():
        shutil.copy(BASE / "site.yaml", content / "site.yaml")


def case_folders(case: Case, scratch: Path) -> list[Path]:
    """The department folders a case contributes (built in ``scratch`` to see generated ones)."""
    probe = scratch / f"probe-{case.name}"
    probe.mkdir(parents=True)
    _overlay(case, probe)
    return [p for p in probe.iterdir() if p.name != "site.yaml"]


def build_case(case: Case, where: Path) -> Path:
    """Make ``where/content`` for one case; return the content folder."""
    content = where / "content"
    content.mkdir(parents=True)
    _overlay(case, content)
    _complete(content, case.omit, list(content.iterdir()))
    _site(content, case.omit)
    return content


def build_shared(chosen: list[Case], where: Path) -> Path:
    """Make ONE project holding every case in ``chosen``; return its content folder."""
    content = where / "content"
    content.mkdir(parents=True)
    for case in chosen:
        before = set(content.iterdir())
        _overlay(case, content)
        _complete(content, case.omit, sorted(set(content.iterdir()) - before))
    _site(content, frozenset())
    return content
