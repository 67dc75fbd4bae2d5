"""Site paths of every page kind: the permalinks, in one place.

Pages use directory URLs: the page at site path ``2021/datong-zonggonghui/`` is the Markdown file
``2021/datong-zonggonghui/index.md`` and is served as ``…/index.html``. Paths have no leading slash
so the site works under any sub-path.
"""

from __future__ import annotations

HOME = ""
YEARS = "years/"
DEPARTMENTS = "departments/"
EXPLORER = "explorer/"
DOWNLOADS = "downloads/"


def report(year: int, slug: str) -> str:
    return f"{year}/{slug}/"


def project(year: int, slug: str, project: str) -> str:
    """A project table (项目支出绩效自评表) under its department-year."""
    return f"{year}/{slug}/projects/{project}/"


def of(key: tuple[str, int, str]) -> str:
    """The page of the report with ``Report.key`` ``key``: the overall report, or a project table."""
    slug, year_, project_ = key
    return project(year_, slug, project_) if project_ else report(year_, slug)


def year(year: int) -> str:
    return f"{year}/"


def department(slug: str) -> str:
    return f"departments/{slug}/"


def source_path(url: str) -> str:
    """The Markdown file that makes the page at ``url``."""
    return f"{url}index.md"


def page_url(source: str) -> str | None:
    """The page URL of a generated Markdown file named ``…/index.md`` (None for other files)."""
    if source == "index.md":
        return HOME
    return source.removesuffix("index.md") if source.endswith("/index.md") else None
