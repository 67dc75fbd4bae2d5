"""Layout rules of ``load/content.py`` that no folder on disk can exercise, and readable file names."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from jixiao.domain.names import SLUG
from jixiao.load.content import load_content, readable
from tests.corpus import BASE


@pytest.mark.parametrize("slug", ["datong-zonggonghui", "a", "a1-b2", "2021"])
def test_good_slugs(slug: str) -> None:
    assert SLUG.match(slug)


@pytest.mark.parametrize("slug", ["..", "../x", "a/b", "a\\b", "a..b", "a b", "中文", "Upper", "-a", "a-", "a--b",
                                  "a_b", "a.b", "", "a\n"])
def test_bad_slugs(slug: str) -> None:
    """``..`` and ``/`` cannot name a folder, but slugs are also typed (jixiao new, importer): refuse them."""
    assert not SLUG.match(slug)


def test_gbk_file_names_are_shown_decoded() -> None:
    raw = os.fsdecode("说明.txt".encode("gbk"))
    assert readable(raw) == "说明.txt"
    assert readable("正常.yaml") == "正常.yaml"
    assert readable(os.fsdecode(b"\xff\xfe.txt")).encode("utf-8")


def test_names_with_a_final_newline_or_foreign_digits_are_refused(tmp_path: Path) -> None:
    """A folder "abc\\n" is not the slug "abc", and "٢٠٢١.yaml" (Arabic-Indic digits) is not a report."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content / "ok")
    shutil.move(content / "ok" / "site.yaml", content / "site.yaml")
    (content / "abc\n").mkdir()
    (content / "abc\n" / "department.yaml").write_text("name: 换行部门\n", encoding="utf-8")
    (content / "ok" / "٢٠٢١.yaml").write_text((BASE / "2021.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    found = {(f.loc.file, f.code) for f in load_content(content, "content").findings}
    assert ("content/abc\n", "JX-L001") in found
    assert ("content/ok/٢٠٢١.yaml", "JX-L008") in found
