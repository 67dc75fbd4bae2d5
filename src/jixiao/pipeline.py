"""The one place that knows the order: load -> check -> score -> render -> build -> index.

Each stage is a function of the previous stage's result; none calls a later one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jixiao.check import Checked

__all__ = ["POST_BUILD_STEPS", "build", "index_search"]


#: Steps run on the freshly built site directory before it replaces ``site/`` (e.g. the search
#: index). Each gets the temporary directory and the checked content; raising fails the build and
#: keeps the previous site.
PostBuildStep = Callable[[Path, Checked], None]


def index_search(site: Path, checked: Checked) -> None:
    """The full-text search index (Pagefind) of the freshly built site."""
    from jixiao.sitegen.search import index

    index(site)


POST_BUILD_STEPS: tuple[PostBuildStep, ...] = (index_search,)


def build(checked: Checked, content: Path, site_dir: Path, config_file: Path, strict: bool = False) -> None:
    """Render and build the site of ``checked`` into ``site_dir``, then run the post-build steps.

    The caller refuses to build when :func:`~jixiao.domain.issues.blocking` finds anything. Raises ``SiteBuildError``.
    """
    from jixiao.sitegen.build import build_site

    def bound(step: PostBuildStep) -> Callable[[Path], None]:
        return lambda directory: step(directory, checked)

    steps = [bound(step) for step in POST_BUILD_STEPS]
    build_site(checked, config_file, site_dir, content, strict=strict, post_build=steps)
