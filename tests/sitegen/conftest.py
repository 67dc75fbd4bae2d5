"""Helpers for real site builds: build the example with mkdocs-material into a temporary directory.

Builds skip the search index (``search_index: false``, :func:`config`) unless a test asks for it:
Pagefind takes seconds per build and only the tests of the search step need its output.
"""

from __future__ import annotations

import functools
import hashlib
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from jixiao import pipeline
from jixiao.check import Checked, blocking, check
from jixiao.sitegen.trash import PREFIX
from tests.conftest import CONTENT, ROOT

CONFIG = ROOT / "mkdocs.yml"


@functools.cache
def config(search: bool) -> Path:
    """The project's ``mkdocs.yml``, or (``search=False``) a copy with absolute paths and ``search_index: false``."""
    if search:
        return CONFIG
    raw: dict[str, Any] = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    raw["docs_dir"] = str(ROOT / raw["docs_dir"])
    raw["theme"]["custom_dir"] = str(ROOT / raw["theme"]["custom_dir"])
    plugins = [p for p in raw["plugins"] if isinstance(p, dict) and "jixiao" in p]
    assert len(plugins) == 1 and len(raw["plugins"]) == 1, "update config() for the new plugins"
    options = plugins[0]["jixiao"]
    options["content"] = str(ROOT / options["content"])
    options["templates"] = [str(ROOT / t) for t in options["templates"]]
    options["search_index"] = False
    path = Path(tempfile.mkdtemp(prefix="jixiao-test-config-")) / "mkdocs.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build_example(site_dir: Path, content: Path = CONTENT, *, search: bool = False) -> Checked:
    """Check and build ``content`` into ``site_dir`` as ``jixiao build`` does (``search``: with the index)."""
    checked = check(content, "content")
    assert blocking(checked.findings, strict=False) == []
    pipeline.build(checked, content, site_dir, config(search))
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


def settled(folder: Path, timeout: float = 120) -> list[str]:
    """The names in ``folder`` once the build's leftovers it holds, removed in the background
    (``sitegen.trash``), are gone (or ``timeout`` seconds have passed: then they are listed too)."""
    deadline = time.monotonic() + timeout
    while any(p.name.startswith(PREFIX) for p in folder.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return sorted(p.name for p in folder.iterdir())
