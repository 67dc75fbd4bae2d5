"""Helpers for real site builds: build the example with mkdocs-material into a temporary directory."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from jixiao import pipeline
from jixiao.check import Checked, blocking, check
from tests.conftest import CONTENT, ROOT

CONFIG = ROOT / "mkdocs.yml"


def build_example(site_dir: Path, content: Path = CONTENT) -> Checked:
    """Check and build ``content`` into ``site_dir`` exactly as ``jixiao build`` does."""
    checked = check(content, "content")
    assert blocking(checked.findings, strict=False) == []
    pipeline.build(checked, content, site_dir, CONFIG)
    return checked


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under ``root`` (relative path) and the SHA-256 of its bytes."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("example") / "site"
    build_example(site)
    return site


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target
