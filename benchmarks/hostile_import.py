"""How fast and how small ``jixiao import`` refuses each hostile document (docs/security.md).

    PYTHONPATH=src:. python -m benchmarks.hostile_import

Builds every case of ``tests/importers/test_guards.py`` (and the looping PDF) in a temporary folder and imports each in a fresh
process, recording the wall time and the process's peak resident memory (the bar: 10 s, 500 MB).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import sys
from pathlib import Path
from jixiao.importers.run import import_file
path = Path(sys.argv[1])
result = import_file(path, path.name, path.parent / "content", dept="edu", year=2023)
import resource
codes = ",".join(sorted({f.code for f in result.findings}))
print(codes, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def main(argv: list[str] | None = None) -> None:
    argparse.ArgumentParser(description=__doc__.split("\n")[0]).parse_args(argv)
    from tests.importers.forms.hostile import pdf_looping_content
    from tests.importers.test_guards import CASES

    cases = {name: build for name, (build, _, _) in CASES.items()}
    cases["PDF whose content stream loops"] = pdf_looping_content  # read, its text reported unplaced

    print("| 文件 | 大小 | 结果 | 用时 | 峰值内存 |\n|---|---:|---|---:|---:|")
    with tempfile.TemporaryDirectory() as temp:
        for number, (case, build) in enumerate(cases.items()):
            folder = Path(temp) / str(number)
            folder.mkdir()
            path = build(folder)
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True,
                                  check=False)
            seconds = time.perf_counter() - start
            codes, _, peak = done.stdout.strip().rpartition(" ")
            print(f"| {case} | {path.stat().st_size / 1024:.0f} KB | {codes or done.stderr[-80:]} "
                  f"| {seconds:.2f} s | {int(peak or 0) / 1024:.0f} MB |")


if __name__ == "__main__":
    main()
