"""``jixiao serve`` (``sitegen/preview.py``, ``sitegen/banner.py``) with a real server and real edits.

A copy of the example project is served on a free local port. A narrative edit shows up; a YAML error
does not hang the browser's request: the pages of the last content that passed stay served, each with a
banner listing the error (file:line, code, Chinese message); fixing it removes the banner. After the
sequence, every served page equals (less the live-reload script) the page a clean build of the same
content writes with the same site URL, once the whole-site pages have followed in the background.
Content that has errors from the start is refused in Chinese; the log is Chinese throughout.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from jixiao.check import check
from jixiao.sitegen.banner import MARK, WARNINGS
from jixiao.sitegen.build import build_site
from tests.conftest import CONTENT, ROOT
from tests.signals import as_from_a_terminal

REPORT = "2021/datong-zonggonghui/"
_LIVERELOAD = re.compile(r"<script>\s*var livereload.*?</script>", re.S)
_WARNED = re.compile(r'<div id="jixiao-preview-warnings".*?</ul></div>', re.S)


def _as_built(page: str) -> str:
    """A served page less what only the preview adds: the live-reload script and the warnings banner."""
    return _WARNED.sub("", _LIVERELOAD.sub("", page))


def _project(where: Path, site_url: str = "") -> Path:
    shutil.copytree(CONTENT, where / "content")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / config["docs_dir"])
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "jixiao" in plugin:
            plugin["jixiao"] = {"content": "content", "templates": [str(ROOT / "templates")], "search_index": False}
    if site_url:
        config["site_url"] = site_url
    path = where / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


def _wait(url: str, proc: subprocess.Popen[str], until: object, limit: float = 600) -> str:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the preview server stopped"
        page = _get(url)
        if page is not None and until(page):  # type: ignore[operator]
            return page
        time.sleep(0.25)
    raise AssertionError(f"{url} never showed what was expected")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SOURCE_DATE_EPOCH": "1700000000"}


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    config = _project(tmp_path)
    port = _port()
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "jixiao", "serve", "--config", str(config), "--addr",
                             f"127.0.0.1:{port}"], cwd=tmp_path, env=_env(), text=True,
                            stdout=log, stderr=subprocess.STDOUT, preexec_fn=as_from_a_terminal)
    try:
        yield tmp_path, f"http://127.0.0.1:{port}/", proc
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
        log.close()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_edits_errors_and_fixes(served: tuple[Path, str, subprocess.Popen[str]], tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    where, url, proc = served
    report = where / "content" / "datong-zonggonghui"
    first = _wait(url + REPORT, proc, lambda page: "大同市总工会" in page)
    assert MARK not in first
    # the report's warnings, above its own page only
    assert WARNINGS in first and "JX-C007" in first and "content/datong-zonggonghui/2021.yaml:70" in first
    assert WARNINGS not in (_get(url) or "")
    with (report / "2021.md").open("a", encoding="utf-8") as out:
        out.write("\n预览测试新增的一句话。\n")
    _wait(url + REPORT, proc, lambda page: "预览测试新增的一句话" in page)
    _edit(report / "2021.yaml", "year: 2021", "year: [2021")  # a YAML syntax error
    broken = _wait(url + REPORT, proc, lambda page: MARK in page)
    assert "content/datong-zonggonghui/2021.yaml:" in broken and "JX-Y001" in broken
    assert "内容有 1 个错误" in broken and "预览测试新增的一句话" in broken  # the last good pages, still served
    assert MARK in (_get(url) or "")  # on every page
    _edit(report / "2021.yaml", "year: [2021", "year: 2021")
    _edit(report / "2021.md", "预览测试新增的一句话。", "改正之后的一句话。")
    fixed = _wait(url + REPORT, proc, lambda page: "改正之后的一句话" in page and MARK not in page)
    # the preview equals a clean build of the same content with the same site URL
    clean_config = _project(tmp_path / "clean", site_url=url)
    shutil.rmtree(tmp_path / "clean" / "content")
    shutil.copytree(where / "content", tmp_path / "clean" / "content")
    site = tmp_path / "clean" / "site"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build_site(check(tmp_path / "clean" / "content", "content"), clean_config, site, tmp_path / "clean" / "content")
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert REPORT + "index.html" in pages
    assert _as_built(fixed) == (site / REPORT / "index.html").read_text(encoding="utf-8")

    def differing() -> list[str]:
        return [page for page in pages if _as_built(_get(url + page.removesuffix("index.html")) or "")
                != (site / page).read_text(encoding="utf-8")]

    # the whole-site pages (数据下载, 报告一览) follow in the background, after the report page is served
    deadline = time.monotonic() + 300
    while (different := differing()) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert different == []
    # the log is Chinese: an edit says what it updated, an error lists the findings
    log = (where / "serve.log").read_text(encoding="utf-8")
    assert "检测到修改：content/datong-zonggonghui/2021.md" in log and "已更新" in log
    assert "内容有 1 个错误，预览继续显示上一次检查通过的内容" in log
    assert not re.search(r"Serving on|Building|Detected|Reloading|Documentation built", log), log


def test_errors_from_the_start_are_refused(tmp_path: Path) -> None:
    config = _project(tmp_path)
    _edit(tmp_path / "content" / "datong-zonggonghui" / "2021.yaml", "year: 2021", "year: [2021")
    result = subprocess.run([sys.executable, "-m", "jixiao", "serve", "--config", str(config), "--addr",
                             f"127.0.0.1:{_port()}"], cwd=tmp_path, env=_env(), capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "JX-Y001" in result.stdout and "内容有错误，无法开始预览" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


#: Pagefind stand-ins that wait as a long index of a large site would, writing the waiting process's id to
#: the file given: the binary itself, or a wrapper (an npm shim, a script) whose child does the work.
STAND_INS = {"binary": 'echo $$ > "{started}"\nexec sleep 600\n',
             "wrapper": 'sleep 600 &\necho $! > "{started}"\nwait\n'}


@pytest.mark.parametrize("stand_in_kind", sorted(STAND_INS))
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_stopped_while_the_search_index_is_made_it_stops_pagefind(tmp_path: Path, stop: signal.Signals,
                                                                 stand_in_kind: str) -> None:
    """Ctrl-C (or SIGTERM) while the background search index runs: the preview stops, removes the folder
    it served and leaves no Pagefind running, even when what runs is a wrapper's child.

    Once the preview has stopped, the waiting process of the stand-in is gone (killed, not left behind).
    """
    config = _project(tmp_path)
    config.write_text(config.read_text(encoding="utf-8").replace("search_index: false", "search_index: true"),
                      encoding="utf-8")
    started = tmp_path / "pagefind.pid"
    stand_in = tmp_path / "pagefind"
    stand_in.write_text("#!/bin/sh\n" + STAND_INS[stand_in_kind].format(started=started), encoding="utf-8")
    stand_in.chmod(0o755)
    port = _port()
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")
    env = {**_env(), "PAGEFIND_BINARY_PATH": str(stand_in), "TMPDIR": str(temporary)}
    proc = subprocess.Popen([sys.executable, "-m", "jixiao", "serve", "--config", str(config), "--addr",
                             f"127.0.0.1:{port}"], cwd=tmp_path, env=env,
                            text=True, stdout=log, stderr=subprocess.STDOUT, preexec_fn=as_from_a_terminal)
    try:
        _wait(f"http://127.0.0.1:{port}/{REPORT}", proc, lambda page: "</html>" in page)
        served = list(temporary.glob("jixiao-preview-*"))  # the folder it serves
        deadline = time.monotonic() + 120
        while not (started.is_file() and started.read_text(encoding="utf-8").strip()) and time.monotonic() < deadline:
            time.sleep(0.1)  # the search index starts once the pages are served
        pagefind = int(started.read_text(encoding="utf-8"))
        proc.send_signal(stop)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        log.close()
    status = Path(f"/proc/{pagefind}/status")
    left = status.exists() and "zombie" not in status.read_text(encoding="utf-8")
    if left:
        os.kill(pagefind, signal.SIGKILL)
    assert not left, "Pagefind was left running"
    assert len(served) == 1 and not served[0].exists()  # the folder it served is gone
    text = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert "预览已停止" in text and "搜索索引未更新" not in text, text
