"""Shared test helpers: paths resolved from this file, never from the working directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: speed lives in benchmarks/, and the suite shares the machine with other jobs
# (an example that took 360 ms under load once failed a 200 ms deadline).
settings.register_profile("jixiao", deadline=None)
settings.load_profile("jixiao")

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def seed_path() -> Path:
    """The reference report's text (shared seeds first, the repository's copy otherwise)."""
    for candidate in (ROOT.parent / "shared" / "seeds", ROOT / "tests" / "data" / "seeds"):
        path = candidate / "000_9f785aea458f6f0e.txt"
        if path.is_file():
            return path
    raise FileNotFoundError("reference seed text not found")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return seed_path().read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile-narrative project (tests/fixtures/hostile-site) built once per session."""
    from tests.hostile import build_hostile

    site = tmp_path_factory.mktemp("hostile") / "site"
    build_hostile(site)
    return site
