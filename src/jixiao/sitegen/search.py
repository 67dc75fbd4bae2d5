"""Full-text search: the marks report pages carry, and the Pagefind index made from the built site.

Owns the search step of the build. Report pages wrap their content in ``data-pagefind-body`` (so the
index holds report text, never navigation or other chrome) with the facts the search box shows and
filters on: department, year, grade and total (:func:`mark_report`). After mkdocs has written the
site into its temporary directory, and before that directory is swapped into place, :func:`index`
runs Pagefind (``pagefind[extended]``, whose binary segments Chinese into words) over it and writes
the chunked index to ``pagefind/`` inside it, byte-reproducibly (``sitegen.reproducible``). The
browser loads only the chunks a query needs; the search box itself lives in ``templates/overrides/partials/jixiao-search.html`` and
``templates/overrides/assets/search/``.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from html import escape
from pathlib import Path

from jixiao.check import Checked
from jixiao.render import urls
from jixiao.render.env import num
from jixiao.render.site import published
from jixiao.sitegen.reproducible import canonicalize

#: Where the index is written, relative to the site root; the search box loads ``pagefind.js`` here.
BUNDLE_DIR = "pagefind"

#: Parts of a report page's content that are not report text.
EXCLUDED = (".headerlink", ".md-source-file", "[data-search-ignore]")


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site (missing binary, unreadable files)."""


@dataclass(frozen=True, slots=True)
class SearchFacts:
    """What a report page tells the index besides its text: shown in results, used as facets."""

    department: str
    year: int
    grade: str = ""  # the computed grade; empty while the report is unscored
    total: str = ""  # the computed total as printed, e.g. ``93.98``; empty while unscored

    @property
    def title(self) -> str:
        return f"{self.department} {self.year} 年度自评报告"

    def filters(self) -> tuple[tuple[str, str], ...]:
        pairs = (("year", str(self.year)), ("department", self.department), ("grade", self.grade))
        return tuple((k, v) for k, v in pairs if v)

    def meta(self) -> tuple[tuple[str, str], ...]:
        pairs = (("title", self.title), ("department", self.department), ("year", str(self.year)),
                 ("grade", self.grade), ("total", self.total))
        return tuple((k, v) for k, v in pairs if v)


def report_facts(checked: Checked) -> dict[str, SearchFacts]:
    """The facts of every report page, by the page's source path (``2021/slug/index.md``)."""
    checked = published(checked)
    cards = {card.report.key: card for card in checked.scorecards}
    facts: dict[str, SearchFacts] = {}
    for report in checked.corpus.reports:
        card = cards.get(report.key)
        claimed = report.claimed
        grade = card.grade if card else (claimed.grade if claimed and claimed.grade else "")
        total = num(card.total) if card else ""
        path = urls.source_path(urls.report(report.year, report.department.slug))
        facts[path] = SearchFacts(report.department.name, report.year, grade, total)
    return facts


def _attr(key: str, value: str) -> str:
    # Pagefind reads ``key:value`` and splits several pairs on commas: keep values comma-free.
    return escape(f"{key}:{value.replace(',', '，')}", quote=True)


def mark_report(html: str, facts: SearchFacts) -> str:
    """``html`` (a report page's rendered content) wrapped so Pagefind indexes it with ``facts``.

    Facts are attributes of empty elements, so they become filters and metadata without adding
    words to the page's text.
    """
    marks = "".join(f'<span data-pagefind-filter="{_attr(k, v)}"></span>' for k, v in facts.filters())
    marks += "".join(f'<span data-pagefind-meta="{_attr(k, v)}"></span>' for k, v in facts.meta())
    return f'<div data-pagefind-body>{marks}\n{html}\n</div>'


@dataclass(frozen=True, slots=True)
class IndexStats:
    """What :func:`index` did: report pages indexed and the bytes written (index and Pagefind's scripts)."""

    pages: int
    bytes: int
    path: Path


async def _run(site: Path, output: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(exclude_selectors=list(EXCLUDED), force_language="zh", output_path=str(output))
    async with PagefindIndex(config=config) as pagefind:
        await pagefind.add_directory(str(site))


def index(site: Path) -> IndexStats:
    """Index the built site in ``site`` (pages marked by :func:`mark_report`) into ``site/pagefind``."""
    site = site.resolve()
    output = site / BUNDLE_DIR
    try:
        asyncio.run(_run(site, output))
        canonicalize(output)
        entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    except FileNotFoundError as exc:  # the binary of pagefind[extended] is missing, or wrote nothing
        raise SearchIndexError(f"Pagefind 未能生成搜索索引（请确认已安装 pagefind[extended]）：{exc}") from exc
    pages = sum(int(lang["page_count"]) for lang in entry["languages"].values())
    size = sum(p.stat().st_size for p in output.rglob("*") if p.is_file())
    return IndexStats(pages=pages, bytes=size, path=output)
