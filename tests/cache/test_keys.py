"""jixiao's own source is part of every key (``cache/keys.py``): a development edit never reads a stale entry.

A copy of the ``jixiao`` package is checked twice in a fresh interpreter (the second check is all
hits); then one source file is changed (a comment in the schema module, then the version) and the next
check loads everything again.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import CONTENT, ROOT

CHECK = """
import json, sys
from pathlib import Path
from jixiao.cache.run import check_cached
s = check_cached(Path(sys.argv[1]), "content", cache=Path(sys.argv[2]))
print(json.dumps([s.hits, s.misses, len(s.findings)]))
"""


def _run(src: Path, cache: Path) -> list[int]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run([sys.executable, "-c", CHECK, str(CONTENT), str(cache)], env=env, capture_output=True,
                         text=True, timeout=300, check=True)
    result: list[int] = json.loads(out.stdout)
    return result


def test_a_source_edit_misses(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "jixiao", src / "jixiao", ignore=shutil.ignore_patterns("__pycache__"))
    cache = tmp_path / "cache"
    cold = _run(src, cache)
    assert cold[:2] == [0, 1]
    assert _run(src, cache) == [1, 0, cold[2]]
    with (src / "jixiao" / "load" / "schema.py").open("a", encoding="utf-8") as out:
        out.write("\n# an edit during development\n")
    assert _run(src, cache) == [0, 1, cold[2]]
    init = src / "jixiao" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8") + "\n__version__ += '.dev1'\n", encoding="utf-8")
    assert _run(src, cache)[:2] == [0, 1]
