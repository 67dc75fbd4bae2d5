"""``jixiao import`` over a folder of mixed documents: wall time and peak memory for N files.

    PYTHONPATH=src:. python -m benchmarks.import_batch --count 100

Writes N project forms (财预〔2020〕10号 layout, each a different project) as .docx, .xlsx, PDF and HTML
in turn into a temporary folder, then runs ``python -m jixiao import <folder> --dept jiaoyu`` once in a
fresh process (reading, recognising, writing and checking everything) and reports its wall time and
peak resident memory. The target of issue 14: 100 documents in under 30 s on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make(folder: Path, count: int) -> None:
    from tests.importers.forms.containers import WRITERS
    from tests.importers.forms.layouts import mof_project

    kinds = sorted(WRITERS)
    for n in range(count):
        kind = kinds[n % len(kinds)]
        form = mof_project(project=f"第{n + 1}号民生项目", year=2023)
        WRITERS[kind](form, folder / f"xiangmu{n + 1:03d}-2023.{kind}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100, help="how many documents (default 100)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        inbox, out = Path(temp) / "inbox", Path(temp) / "content"
        inbox.mkdir()
        make(inbox, args.count)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path("src").resolve()), os.environ.get("PYTHONPATH", "")])}
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "jixiao", "import", str(inbox), "--out", str(out),
                               "--dept", "jiaoyu"], capture_output=True, text=True, check=False, env=env)
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        written = len(list(out.rglob("projects/*.yaml")))
        print(f"{args.count} 份文档：{seconds:.1f} s，峰值内存 {peak:.0f} MB，写出 {written} 个项目文件，"
              f"退出码 {done.returncode}")
        print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-500:])


if __name__ == "__main__":
    main()
