"""The pure core imports nothing of I/O, rendering or validation libraries."""

from __future__ import annotations

import subprocess
import sys

FORBIDDEN = ("yaml", "jinja2", "markdown_it", "mkdocs", "click", "pydantic")


def test_domain_imports_only_the_standard_library() -> None:
    code = (
        "import sys, pkgutil, importlib, jixiao.domain as d\n"
        "for m in pkgutil.walk_packages(d.__path__, 'jixiao.domain.'): importlib.import_module(m.name)\n"
        f"print(','.join(sorted(n for n in {FORBIDDEN!r} if n in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
