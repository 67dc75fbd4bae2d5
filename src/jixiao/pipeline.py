"""The one place that knows the order: load -> check -> score -> render -> build (search index included).

Each stage is a function of the previous stage's result; none calls a later one. The search index is
part of the mkdocs build (the jixiao plugin's ``on_post_build``), so ``mkdocs build`` and
``mkdocs serve`` give the same site as ``jixiao build``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.check import Checked

if TYPE_CHECKING:
    from jixiao.cache.run import Planned
    from jixiao.sitegen.assemble import Assembled
    from jixiao.sitegen.childgen import ChildPlan
    from jixiao.sitegen.manifest import ShardPart
    from jixiao.sitegen.shardbuild import Built

__all__ = ["assemble", "build", "build_shard", "check_apart", "check_for_build", "plan_shard"]


def check_for_build(content: Path, shown: str, reuse: bool = True) -> Planned:
    """Check ``content`` for ``jixiao build`` through the check cache: the findings and results of every
    report, and the models of the department folders the render cache cannot give (``sitegen.folderbuild``)."""
    from jixiao.cache.run import check_for_build as check_cached
    from jixiao.cache.run import default_cache
    from jixiao.sitegen.folderbuild import has_entry

    return check_cached(content, shown, cache=default_cache(content),
                        want=lambda name, key: not (reuse and has_entry(content, key)))


def check_apart(content: Path, shown: str) -> Planned | ChildPlan:
    """:func:`check_for_build` in a child process that generates the pages when :func:`build` asks, then
    exits, its memory with it, before the pages are written and indexed (``sitegen.childgen``); in this
    process where there is no ``fork``."""
    import os

    if not hasattr(os, "fork"):
        return check_for_build(content, shown)
    from jixiao.sitegen.childgen import start

    return start(content, shown, check_for_build)


def build(checked: Checked | Planned | ChildPlan, content: Path, site_dir: Path, config_file: Path, strict: bool = False,
          reuse: bool = True) -> int:
    """Render and build the site of ``checked`` into ``site_dir``, its search index included.

    ``reuse``: pages the last build of ``site_dir`` wrote as they would be now are kept, not rebuilt;
    returns how many. ``checked`` from :func:`check_for_build`: unchanged department folders' pages,
    data files and facts come from the render cache (with ``reuse`` false, none do).

    The caller refuses to build when :func:`~jixiao.domain.issues.blocking` finds anything. Raises ``SiteBuildError``.
    """
    from jixiao.sitegen.build import build_site

    handed = [checked]
    del checked  # not kept while the site is built (``build_site``)
    return build_site(handed.pop(), config_file, site_dir, content, strict=strict, reuse=reuse)


def plan_shard(content: Path, shown: str, name: str) -> tuple[Checked, Checked, ShardPart]:
    """Check what shard ``name`` needs: (content as checked, gating the build; the shard; its part)."""
    from jixiao.sitegen.shardbuild import plan_shard as plan

    return plan(content, shown, name)


def build_shard(shard: Checked, part: ShardPart, content: Path, site_dir: Path, config_file: Path,
                strict: bool = False) -> Built:
    """Render and build one shard into ``site_dir`` with its search index and manifest."""
    from jixiao.sitegen.shardbuild import build_shard as build_one

    handed = [(shard, part)]
    del shard, part  # not kept while the shard is built (``sitegen.shardbuild.build_shard``)
    return build_one(*handed.pop(), config_file, site_dir, content, strict=strict)


def assemble(shard_dirs: list[Path], content: Path, site_dir: Path, config_file: Path, *, strict: bool = False,
             shown: str = "content") -> Assembled:
    """The shards' outputs -> one site in ``site_dir``, its site-wide pages from their manifests."""
    from jixiao.sitegen.assemble import assemble as assemble_site

    return assemble_site(shard_dirs, config_file, site_dir, content, shown=shown, strict=strict)
