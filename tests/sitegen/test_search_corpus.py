"""At 300 generated reports the search step is race-free and byte-reproducible: five builds, one result.

Cost, kept low on purpose: one full build (check, mkdocs, and the index written by the plugin's
``on_post_build``) plus four more runs of the index step, each on a fresh copy of that build's pages
(a new directory, as each build's temporary directory is). That covers both faults this test guards
against, because both lived in the index step alone:

- the race: Pagefind's Python API answers "written" while the binary's last file writes are still
  pending, then terminates it; files came out truncated or empty (measured here at 300 reports before
  the fix: ``pagefind.js`` cut at 32,768 of 45,555 bytes in one of five runs, a CSS file in another;
  at 1,000 reports an empty ``pagefind-entry.json``). A truncated file differs from a complete one, so
  five identical, successful runs show the step waits for the writes;
- the order: Pagefind builds its filters from hash maps with a random seed, so filter chunks, the
  metadata file and the entry file differed between runs (all four pairs of five runs differed before).

Repeating mkdocs itself would quadruple the cost without touching either fault; its output is
byte-reproducible on its own (``test_build.test_two_builds_are_byte_identical``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from benchmarks.corpus import generate

from jixiao.sitegen.search import BUNDLE_DIR, index
from tests.sitegen.conftest import build_example, tree_digest

REPORTS = 300
RUNS = 5


@pytest.mark.slow
def test_five_builds_of_300_reports_are_byte_identical(tmp_path: Path) -> None:
    content = tmp_path / "content"
    generate(content, REPORTS, seed=3)
    first = tmp_path / "site-1"
    build_example(first, content, search=True)
    digest = tree_digest(first / BUNDLE_DIR)
    assert "pagefind.js" in digest
    for run in range(2, RUNS + 1):
        again = tmp_path / f"site-{run}"  # the pages of run 1, without its index
        shutil.copytree(first, again, ignore=lambda d, names: [BUNDLE_DIR] if Path(d) == first else [])
        stats = index(again)
        assert stats.pages == REPORTS
        assert tree_digest(again / BUNDLE_DIR) == digest, f"run {run} differs from run 1"
        shutil.rmtree(again)
