"""The pure core imports only the standard library.

A fresh interpreter imports ``jixiao.domain`` and every submodule; every top-level module it then holds
must be in ``sys.stdlib_module_names`` or be ``jixiao`` itself. An allowlist, not a denylist: any new
third-party import (or one pulled in through another jixiao package) fails, whatever its name.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

_PROBE = """
import importlib, json, pkgutil, sys
before = set(sys.modules)
import jixiao.domain as d
names = [m.name for m in pkgutil.walk_packages(d.__path__, "jixiao.domain.")]
for name in names:
    importlib.import_module(name)
loaded = sorted(set(sys.modules) - before)
print(json.dumps({"submodules": names, "loaded": loaded}))
"""


def test_domain_imports_only_the_standard_library() -> None:
    env_path = str(ROOT / "src")
    out = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {env_path!r})\n{_PROBE}"],
                         capture_output=True, text=True, check=True)
    found = json.loads(out.stdout)
    assert len(found["submodules"]) >= 5  # the walk really found the core's modules
    loaded = {name.partition(".")[0] for name in found["loaded"]}
    jixiao_loaded = {name for name in found["loaded"] if name.startswith("jixiao.")}
    assert {n for n in jixiao_loaded if not n.startswith("jixiao.domain")} == set()
    assert sorted(loaded - sys.stdlib_module_names - {"jixiao"}) == []
