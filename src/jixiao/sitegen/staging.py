"""Generated files on disk until mkdocs reads them, so a big site's text is never in memory all at once.

Owns a build's staging folder. The plugin renders every page and data file through :meth:`Staging.keep`,
which writes the file under a hidden folder of ``site_dir`` (mkdocs' clean step leaves hidden entries
alone) and keeps only its path. mkdocs then gets each page as a generated file backed by that path and
reads it once, when it converts that page (:meth:`Staging.source` gives the exact text: mkdocs' own
reading would translate line endings); each data file is moved to its place in the site beforehand,
where mkdocs' copy finds it already (copying a file onto itself is skipped: mkdocs lets plugins write
into ``site_dir``). :meth:`Staging.close` removes the folder before the search index is made.
At 1,000 reports the pages' sources and data files are about 0.3 GB of Python strings and bytes.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.files import File

from jixiao.render.site import GeneratedFile
from jixiao.sitegen.reuse import digest
from jixiao.sitegen.trash import discard

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

#: The staging folder inside ``site_dir`` (hidden: mkdocs does not clean it, Pagefind never sees it).
NAME = ".jixiao-staging"


class Staging:
    """The staging folder of one build in ``site_dir``."""

    def __init__(self, site_dir: Path) -> None:
        self.root = site_dir.resolve() / NAME
        shutil.rmtree(self.root, ignore_errors=True)  # a killed build's
        self.root.mkdir(parents=True)
        self.folders: set[Path] = {self.root}  # made already

    @classmethod
    def at(cls, root: Path) -> Staging:
        """The staging folder ``root`` another process made (``sitegen.childgen``), as it is."""
        staging = cls.__new__(cls)
        staging.root = root
        staging.folders = {root}
        return staging

    def keep(self, file: GeneratedFile) -> GeneratedFile:
        """Write ``file`` to the staging folder (one already on disk, ``source``: moved there; a cache's,
        ``linked``: hard-linked there, so its bytes are neither read nor written); the same file without its
        content (a page: with the hash of its source, ``digest``)."""
        target = self.root / file.path
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(target.parent)
        if file.source is not None and file.linked:  # a cache's file (``sitegen.rendercache``): linked, not read
            try:
                os.link(file.source, target)
            except OSError:  # another file system, or no hard links there
                shutil.copyfile(file.source, target)
            return replace(file, content="", source=None, linked=False)
        if file.source is not None:
            shutil.move(file.source, target)
            return replace(file, content="", source=None)
        data = file.content.encode("utf-8") if isinstance(file.content, str) else file.content
        target.write_bytes(data)
        return replace(file, content="", digest=digest(data) if file.path.endswith(".md") else file.digest)

    def file(self, config: MkDocsConfig, item: GeneratedFile) -> File:
        """mkdocs' file of the staged ``item``: a page read from the folder, any other file moved into the site."""
        staged = self.root / item.path
        made = File.generated(config, item.path, abs_src_path=str(staged))
        if not made.is_documentation_page():
            target = Path(made.abs_dest_path)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)
            made.abs_src_path = str(target)
        return made

    def source(self, file: File) -> str | None:
        """The exact text of a staged page; ``None`` for any other file."""
        path = file.abs_src_path
        if path is None or self.root not in Path(path).parents:
            return None
        return Path(path).read_bytes().decode("utf-8")

    def close(self) -> None:
        """Remove the staging folder (what is left of it: the pages' sources), in the background."""
        discard(self.root, self.root.parent.parent)  # beside the site directory, not in it
