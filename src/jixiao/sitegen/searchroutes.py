"""What the header search knows of a site's search bundles, so that it searches the right ones first.

Owns the routing facts written beside the Pagefind bundles. ``pagefind/shards.json`` lists the bundles
(``sitegen.searchparts``, ``sitegen.assemble``) and, with more than one, ``years``: the report years
each bundle holds (from its pages' paths, ``<year>/…``); an assembled site adds ``shards``: the
bundles of each shard (indexes into ``bundles``). ``pagefind/department-shards.json`` (assembled sites)
is ``{"departments": "0012…"}``: the shard holding each department (one base-36 character each), in the
order of the department names the search box reads anyway (``explorer/department-names.json``, the
order of the explorer's departments file), so it costs one byte per department (5,000 departments:
5 KB) and is read only for a query that names a department. The search box (``assets/search/search.js``)
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
            shards: Sequence[Sequence[int]] | None = None, *, merge: bool = False) -> str:
    """``shards.json``'s text: ``bundles``, then ``years`` (one list per bundle) and ``shards`` when given;
    ``merge``: the bundles are parts of one index, searched together and ranked by score (parts by department)."""
    data: dict[str, object] = {"bundles": list(bundles)}
    if years is not None:
        if len(years) != len(bundles):
            raise ValueError(f"{len(years)} year lists for {len(bundles)} bundles")
        data["years"] = [list(y) for y in years]
    if shards is not None:
        data["shards"] = [list(s) for s in shards]
    if merge:
        data["merge"] = True
    return json.dumps(data, ensure_ascii=False, separators=(", ", ": ")) + "\n"


#: Shard numbers written as one character each (when there are this many shards or fewer).
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def department_shards(departments: Sequence[Sequence[str]], shard_of: Mapping[str, int]) -> str:
    """``department-shards.json``'s text: for each ``(name, slug)`` of the explorer's departments file, in
    its order, the shard holding that slug (``shard_of``), -1 for none (a shard without a search bundle).
    Up to 36 shards, one character each (base 36, ``-`` for none: 5,000 departments in 5 KB), else numbers."""
    shards = [shard_of.get(dept[1], -1) for dept in departments]
    packed: str | list[int] = shards
    if all(n < len(DIGITS) for n in shards):
        packed = "".join("-" if n < 0 else DIGITS[n] for n in shards)
    return json.dumps({"departments": packed}, separators=(",", ":")) + "\n"
