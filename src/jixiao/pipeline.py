"""The one place that knows the order: load -> check -> score -> render -> build (search index included).

Each stage is a function of the previous stage's result; none calls a later one. The search index is
part of the mkdocs build (the jixiao plugin's ``on_post_build``), so ``mkdocs build`` and
``mkdocs serve`` give the same site as ``jixiao build``.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.check import Checked

__all__ = ["build"]


def build(checked: Checked, content: Path, site_dir: Path, config_file: Path, strict: bool = False) -> None:
    """Render and build the site of ``checked`` into ``site_dir``, its search index included.

    The caller refuses to build when :func:`~jixiao.domain.issues.blocking` finds anything. Raises ``SiteBuildError``.
    """
    from jixiao.sitegen.build import build_site

    build_site(checked, config_file, site_dir, content, strict=strict)
