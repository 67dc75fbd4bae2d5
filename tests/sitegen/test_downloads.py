"""The built example site carries every data file, a 数据下载 page and per-report download links."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from posixpath import normpath

from jixiao.opendata.lineage import LINEAGE_COLUMNS
from jixiao.opendata.tables import INDICATOR_COLUMNS, REPORT_COLUMNS


def _links(page: Path) -> list[str]:
    return re.findall(r'href="([^"#]+)" download', page.read_text(encoding="utf-8"))


def test_data_files_are_in_the_site_and_their_checksums_hold(example_site: Path) -> None:
    data = example_site / "data"
    names = sorted(p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file())
    assert names == [
        "SHA256SUMS", "datapackage.json", "indicators.csv", "indicators.schema.json", "indicators.xlsx",
        "lineage.csv", "lineage.schema.json", "lineage.xlsx", "reports.csv", "reports.schema.json", "reports.xlsx",
        "reports/datong-zonggonghui-2021.csv", "reports/datong-zonggonghui-2021.json",
    ]
    result = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=data, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": OK") == len(names) - 1
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    assert sorted(r["path"] for r in package["resources"]) == sorted(
        n for n in names if n not in {"SHA256SUMS", "datapackage.json"} and not n.endswith(".schema.json"))


def test_downloads_page_links_every_site_wide_file_and_documents_every_column(example_site: Path) -> None:
    page = example_site / "downloads" / "index.html"
    links = _links(page)
    assert {normpath(f"downloads/{link}") for link in links} >= {
        "data/reports.csv", "data/reports.xlsx", "data/indicators.csv", "data/indicators.xlsx",
        "data/datapackage.json", "data/SHA256SUMS", "data/reports/datong-zonggonghui-2021.json",
    }
    assert all((example_site / normpath(f"downloads/{link}")).is_file() for link in links)
    text = page.read_text(encoding="utf-8")
    for column in (*REPORT_COLUMNS, *INDICATOR_COLUMNS, *LINEAGE_COLUMNS):
        assert f'<th scope="row" class="jx-c-nowrap">{column.name}</th>' in text
    home = (example_site / "index.html").read_text(encoding="utf-8")
    assert 'href="downloads/"' in home


def test_report_page_links_its_own_data(example_site: Path) -> None:
    page = example_site / "2021" / "datong-zonggonghui" / "index.html"
    links = [normpath(f"2021/datong-zonggonghui/{link}") for link in _links(page)]
    assert links == ["data/reports/datong-zonggonghui-2021.json", "data/reports/datong-zonggonghui-2021.csv"]
    assert all((example_site / link).is_file() for link in links)
