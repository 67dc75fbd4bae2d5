"""How long ``jixiao serve`` takes to show a saved edit, on a generated N-report site.

Owns the preview benchmark: it generates N reports into a fresh project (a copy of ``mkdocs.yml``
pointing at them), starts ``jixiao serve`` on a free local port, waits until a report page is served,
then saves ten edits of different reports one after another (one of them changes the report's total
and grade) and polls each report's page until the edit shows. Prints and writes
(``benchmarks/out/serve-<N>-<time>.json``) the start-up time, each edit's save-to-page time with the CPU
seconds the server spent on it and the load average, and their median and p95.

``--starts`` times several start-ups one after another before the edits (each stopped with Ctrl-C, the
time it took to stop recorded too): ``cold`` without ``.jixiao-cache/``, ``build`` right after a
``jixiao build`` of the same project (its check and render caches; the build itself is not counted),
``restart`` with the caches as the start before left them.

    nice -n 10 python -m benchmarks.serve --reports 1000
    nice -n 10 python -m benchmarks.serve --reports 1000 --starts cold,build,restart --edits 0
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import signal
import socket
import statistics
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
            options["content"] = "content"  # as ``jixiao build`` run in ``work`` names it: the caches' keys match
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
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {until!r} within {timeout:.0f} s")


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far, from /proc (0 where there is none)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _nearest_rank(values: list[float], pct: float) -> float:
    """The ``pct`` percentile by nearest rank (of 10 values, p95 is the largest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def _lower_actuals(path: Path) -> None:
    """Set every counted actual value (人次, 次, 人) of a report to 1: its total (and grade) drop."""
    text = path.read_text(encoding="utf-8")
    changed, n = re.subn(r'actual: "\d+(人次|次|人)"', r'actual: "1\1"', text)
    if not n:
        raise RuntimeError(f"{path}: no counted actual value to change")
    path.write_text(changed, encoding="utf-8")


def _start(config: Path, work: Path, port: int, url: str, timeout: float, log: Any) -> tuple[Any, dict[str, Any]]:
    """Start ``jixiao serve`` and wait for ``url``: the process and its start-up time, CPU and load."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "jixiao", "serve", "--config", str(config), "--addr",
                             f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT, env=env, cwd=work,
                            start_new_session=True, preexec_fn=_ctrl_c_reaches)
    try:
        _wait(url, "</html>", timeout)
    except BaseException:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    return proc, {"startup_seconds": round(time.perf_counter() - start, 2), "startup_cpu_seconds": round(_cpu(proc.pid), 2),
                  "load_average": [round(x, 2) for x in os.getloadavg()]}


def _ctrl_c_reaches() -> None:
    """The server stops on Ctrl-C even when this benchmark runs in the background (SIGINT ignored there)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _stop(proc: Any) -> float:
    """Ctrl-C to ``jixiao serve``; how long it took to exit (killed after 120 s)."""
    began = time.perf_counter()
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    return round(time.perf_counter() - began, 2)


def _prepare(kind: str, work: Path, config: Path) -> None:
    """The caches a start of ``kind`` finds (see the module's doc)."""
    if kind in ("cold", "build"):
        shutil.rmtree(work / ".jixiao-cache", ignore_errors=True)
    if kind == "build":
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
        subprocess.run([sys.executable, "-m", "jixiao", "build", "--config", str(config)], cwd=work, env=env,
                       check=True, stdout=subprocess.DEVNULL)
    elif kind != "restart" and kind != "cold":
        raise ValueError(f"unknown start {kind!r}")


def measure(reports: int, seed: int, work: Path, timeout: float, edits: int = 10, pause: float = 1.0,
            starts: tuple[str, ...] = ("cold",)) -> dict[str, Any]:
    """Start ``jixiao serve`` on N reports, then save ``edits`` edits of different reports one after another.

    Each edit appends a marker sentence to a report's narrative (the 5th also lowers that report's actual
    values first, which changes its total and grade) and is timed from the save until the report's page,
    fetched over HTTP, shows the marker. The next edit follows ``pause`` seconds after the page showed
    (the preview rebuilds the whole-site files and the search index after 3 quiet seconds: a longer
    pause measures edits saved while that runs).
    """
    config, content = project(work, reports, seed)
    folders = sorted(p for p in content.iterdir() if p.is_dir())
    chosen = [folders[i * len(folders) // max(edits, 1)] for i in range(max(edits, 1))]
    from jixiao.render import urls

    log = (work / "serve.log").open("wb")
    first = chosen[0]
    first_year = max(int(p.stem) for p in first.glob("*.md"))
    measured: list[dict[str, Any]] = []
    port = _free_port()  # one address for every start, as an editor restarts it (the served pages depend on it)
    for n, kind in enumerate(starts):
        _prepare(kind, work, config)
        proc, started = _start(config, work, port, f"http://127.0.0.1:{port}/{urls.report(first_year, first.name)}",
                               timeout, log)
        measured.append({"start": kind, **started})
        print(json.dumps(measured[-1], ensure_ascii=False), file=sys.stderr)
        if n < len(starts) - 1 or not edits:
            measured[-1]["stop_seconds"] = _stop(proc)
    if not edits:
        log.close()
        return {"reports": reports, "starts": measured, "load_average": os.getloadavg()}
    startup, startup_cpu = measured[-1]["startup_seconds"], measured[-1]["startup_cpu_seconds"]
    try:
        time.sleep(2)  # let the watcher settle
        timings: list[dict[str, Any]] = []
        for n, folder in enumerate(chosen[:edits]):
            year = max(int(p.stem) for p in folder.glob("*.md"))
            url = f"http://127.0.0.1:{port}/{urls.report(year, folder.name)}"
            narrative = folder / f"{year}.md"
            stamp = f"{MARKER}{n}x{int(time.time())}"
            cpu_before = _cpu(proc.pid)
            saved = time.perf_counter()
            if n == edits // 2:
                _lower_actuals(folder / f"{year}.yaml")
            narrative.write_text(narrative.read_text(encoding="utf-8") + f"\n{stamp}。\n", encoding="utf-8")
            _wait(url, stamp, timeout)
            shown = time.perf_counter() - saved  # from the first write (the YAML, when there is one)
            timings.append({"report": f"{folder.name}/{year}", "total_changed": n == edits // 2,
                            "seconds": round(shown, 3), "cpu_seconds": round(_cpu(proc.pid) - cpu_before, 2),
                            "load_average": [round(x, 2) for x in os.getloadavg()]})
            time.sleep(pause)
        seconds = [t["seconds"] for t in timings]
        return {"reports": reports, "starts": measured, "edits": len(timings), "pause_seconds": pause,
                "startup_seconds": startup, "startup_cpu_seconds": startup_cpu,
                "save_to_page_median": round(statistics.median(seconds), 3),
                "save_to_page_p95": round(_nearest_rank(seconds, 95), 3),
                "save_to_page_max": round(max(seconds), 3),
                "timings": timings, "load_average": os.getloadavg()}
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
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between a page showing and the next edit")
    parser.add_argument("--starts", default="cold",
                        help="start-ups to time, in order, comma-separated: cold, build, restart (the edits follow the last)")
    args = parser.parse_args(argv)
    result = measure(args.reports, args.seed, args.work, args.timeout, args.edits, args.pause,
                     tuple(s.strip() for s in args.starts.split(",") if s.strip()))
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"serve-{args.reports}-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
