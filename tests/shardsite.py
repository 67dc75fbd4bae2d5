"""A site of several shards for the shard tests: fixtures plus a small generated corpus, with regions.

The content is the example (大同市总工会 2021 and its project tables, ``tests/fixtures/projects-site``;
大同市妇女联合会 with project tables only), the three-year department of ``tests/fixtures/lineage``
(indicator lineages, cross-year hints) and nine generated reports (``benchmarks.corpus``, three
departments over 2021–2023, regions 大同市 and 太原市). Regions: 大同市总工会 → 大同市, the lineage
department → 太原市, 大同市妇女联合会 none → the default part 省本级. ``site.yaml`` gets a ``base_url``
(so ``sitemap.xml`` lists every page) and ``shards: {by: region, default: 省本级}``; :func:`by_year`
switches it to ``{by: year}``. The content is a git repository (修订记录 and page dates come from it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from benchmarks.corpus import generate

from tests.projectsite import make_content

LINEAGE = Path(__file__).resolve().parent / "fixtures" / "lineage" / "minzheng"
REGIONS = ("大同市", "太原市", "省本级")
YEARS = ("2021", "2022", "2023")
BASE_URL = "https://czt.example.gov.cn/jixiao/"


def _add_region(dept_yaml: Path, region: str) -> None:
    dept_yaml.write_text(dept_yaml.read_text(encoding="utf-8").rstrip("\n") + f"\nregion: {region}\n", encoding="utf-8")


def make_sharded(root: Path) -> Path:
    """The content described above as ``root/content`` (a git repository with one commit)."""
    content = make_content(root)
    shutil.copytree(LINEAGE, content / "minzheng")
    generated = generate(root / "generated", 9, seed=7, years=3, regions=2)
    for folder in sorted(p for p in generated.root.iterdir() if p.is_dir()):
        shutil.copytree(folder, content / folder.name)
    _add_region(content / "datong-zonggonghui" / "department.yaml", "大同市")
    _add_region(content / "minzheng" / "department.yaml", "太原市")
    site = content / "site.yaml"
    text = site.read_text(encoding="utf-8").replace('base_url: ""', f'base_url: "{BASE_URL}"')
    site.write_text(text + "shards:\n  by: region\n  default: 省本级\n", encoding="utf-8")
    _commit(content, "内容")
    return content


def by_year(content: Path) -> None:
    """Switch ``content`` to ``shards: {by: year}`` (committed)."""
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("  by: region\n  default: 省本级\n", "  by: year\n"),
                    encoding="utf-8")
    _commit(content, "按年度分部分")


def _commit(content: Path, message: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": "2024-05-01T08:00:00+08:00", "GIT_COMMITTER_DATE": "2024-05-01T08:00:00+08:00",
           "GIT_AUTHOR_NAME": "编辑", "GIT_AUTHOR_EMAIL": "editor@example.gov.cn",
           "GIT_COMMITTER_NAME": "编辑", "GIT_COMMITTER_EMAIL": "editor@example.gov.cn"}
    if not (content / ".git").exists():
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=content, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=content, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=content, check=True, env=env)
