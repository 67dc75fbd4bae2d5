"""A site with project tables: the example content plus ``tests/fixtures/projects-site/overlay/``.

The overlay adds, for 大同市总工会 2021 (which has the reference 部门整体 report), five published project
tables (项目支出绩效自评表) and a draft: one whose printed total differs from the recomputed one; one with a
row whose target sits in its name (未重算, the printed score kept) beside a "/" row (不适用); one that lists
no score at all (报告未列得分); one whose weights reach only 70 (incomplete, no grade); one with a 年初预算数
of 0. And 大同市妇女联合会, a department whose 2021 has project tables only.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import CONTENT

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "projects-site"
OVERLAY = FIXTURE / "overlay"
DEPARTMENT = "datong-zonggonghui"
PUBLISHED = ("gonghui-xinxihua", "kunnan-zhigong-bangfu", "laomo-liaoyang", "zhigong-jineng-peixun",
             "zhigong-wenti-huodong")
DRAFT = "caogao"
ONLY_PROJECTS = ("datong-fulian", "funv-jiuye")


def make_content(root: Path) -> Path:
    """The example content with the overlay copied over it, as ``root/content``."""
    content = root / "content"
    shutil.copytree(CONTENT, content)
    shutil.copytree(OVERLAY, content, dirs_exist_ok=True)
    return content
