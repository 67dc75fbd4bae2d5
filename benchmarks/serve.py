"""How long ``jixiao serve`` takes to show an edit to one report, on a generated N-report site.

Owns the preview benchmark: it generates N reports into a fresh project (a copy of ``mkdocs.yml``
pointing at them), starts ``jixiao serve`` on a free local port, waits until the report page is
served, then appends a marker sentence to that report's narrative and polls the page until the
marker appears. Prints and writes (``benchmarks/out/serve-<N>-<time>.json``) the start-up time and
the time from the edit to the changed page being served.

    python -m benchmarks.serve --reports 1000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import yaml

from benchmarks.corpus import generate

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
MARKER = "预览基准测试标记"


def project(work: Path, reports: int, seed: int) -> tuple[Path, Path]:
    """A project dir with N generated reports and a mkdocs.yml whose paths all point at this repo."""
    shutil.rmtree(work, ignore_errors=True)
    generate(work / "content", reports, seed=seed)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str((ROOT / config.get("docs_dir", "docs")).resolve())
    config["site_dir"] = str(work / "site")
    theme = config.get("theme", {})
    if isinstance(theme, dict) and "custom_dir" in theme:
        theme["custom_dir"] = str((ROOT / theme["custom_dir"]).resolve())
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "jixiao" in plugin:
            options = plugin["jixiao"] or {}
            options["content"] = str(work / "content")
            options["templates"] = [str((ROOT / t).resolve()) for t in options.get("templates", ["templates"])]
            plugin["jixiao"] = options
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, work / "content"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


def _wait(url: str, until: str, timeout: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        text = _get(url)
        if text is not None and until in text:
            return time.perf_counter() - start
        time.sleep(0.1)
    raise TimeoutError(f"{url} did not show {until!r} within {timeout:.0f} s")


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far, from /proc (0 where there is none)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(reports: int, seed: int, work: Path, timeout: float) -> dict[str, Any]:
    config, content = project(work, reports, seed)
    folder = sorted(p for p in content.iterdir() if p.is_dir())[0]
    year = max(int(p.stem) for p in folder.glob("*.md"))
    from jixiao.render import urls

    url_path = urls.report(year, folder.name).lstrip("/")
    port = _free_port()
    base = f"http://127.0.0.1:{port}/{url_path}"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    log = (work / "serve.log").open("wb")
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "jixiao", "serve", "--config", str(config), "--addr", f"127.0.0.1:{port}"],
                            stdout=log, stderr=subprocess.STDOUT, env=env, cwd=work, start_new_session=True)
    try:
        _wait(base, "</html>", timeout)
        startup = time.perf_counter() - start
        time.sleep(2)  # let the watcher settle
        narrative = folder / f"{year}.md"
        stamp = f"{MARKER}{int(time.time())}"
        cpu_before = _cpu(proc.pid)
        narrative.write_text(narrative.read_text(encoding="utf-8") + f"\n{stamp}。\n", encoding="utf-8")
        shown = _wait(base, stamp, timeout)
        rebuild_cpu = _cpu(proc.pid) - cpu_before
        return {"reports": reports, "startup_seconds": round(startup, 2), "edit_to_page_seconds": round(shown, 2),
                "rebuild_cpu_seconds": round(rebuild_cpu, 2),
                "edited": str(narrative.relative_to(work)), "url": url_path,
                "load_average": os.getloadavg()}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure jixiao serve's rebuild after a one-report edit.")
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=OUT / "work" / "serve")
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args(argv)
    result = measure(args.reports, args.seed, args.work, args.timeout)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"serve-{args.reports}-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
