"""What the header search knows of a site's search bundles, so that it searches the right ones first.

Owns the routing facts written beside the Pagefind bundles. ``pagefind/shards.json`` lists the bundles
(``sitegen.searchparts``, ``sitegen.assemble``) and, with more than one, ``years``: the report years
each bundle holds (from its pages' paths, ``<year>/…``); an assembled site adds ``shards``: the
bundles of each shard (indexes into ``bundles``). ``pagefind/department-shards.json`` (assembled sites)
is ``{"departments": [shard, …]}``: the shard holding each department, in the order of the department
names the search box reads anyway (``explorer/department-names.json``, the order of the explorer's
departments file), so it costs one small number per department (5,000 departments: about 10 KB) and
is read only for a query that names a department. The search box (``assets/search/search.js``)
searches the bundles of a named department's shard first, then those holding a year the query
names, then the newest, and draws the first bundle's results before it searches the others.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

#: The department -> shard map of an assembled site, beside ``shards.json``.
DEPARTMENT_SHARDS = "department-shards.json"


def page_years(pages: Sequence[str]) -> list[int]:
    """The report years of ``pages`` (site paths; a report's begins with its year), in order."""
    return sorted({int(first) for first in (page.split("/", 1)[0] for page in pages) if first.isdigit()})


def listing(bundles: Sequence[str], years: Sequence[Sequence[int]] | None = None,
            shards: Sequence[Sequence[int]] | None = None) -> str:
    """``shards.json``'s text: ``bundles``, then ``years`` (one list per bundle) and ``shards`` when given."""
    data: dict[str, object] = {"bundles": list(bundles)}
    if years is not None:
        if len(years) != len(bundles):
            raise ValueError(f"{len(years)} year lists for {len(bundles)} bundles")
        data["years"] = [list(y) for y in years]
    if shards is not None:
        data["shards"] = [list(s) for s in shards]
    return json.dumps(data, ensure_ascii=False, separators=(", ", ": ")) + "\n"


def department_shards(departments: Sequence[Sequence[str]], shard_of: Mapping[str, int]) -> str:
    """``department-shards.json``'s text: for each ``(name, slug)`` of the explorer's departments file, in
    its order, the shard holding that slug (``shard_of``), -1 for none (a shard without a search bundle)."""
    shards = [shard_of.get(dept[1], -1) for dept in departments]
    return json.dumps({"departments": shards}, separators=(",", ":")) + "\n"
