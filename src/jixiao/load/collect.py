"""How often Python's cyclic garbage collector runs while content is loaded and scored.

Owns :func:`few_collections`. Loading makes about 2,000 short-lived objects per report (places, records,
parser events), nearly all freed at once by reference counting; with the collector's default threshold
(a young-generation pass every 700 allocations, a full pass every 100 of those) about a fifth of a cold
``jixiao check`` went into collector passes that found nothing to free. A larger threshold for the
duration of a load keeps the collector (cycles are still collected) but runs it far less often.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: Young-generation allocations between passes, and the ratios for the older generations.
THRESHOLD = (20_000, 50, 100)


@contextmanager
def few_collections() -> Iterator[None]:
    """Run the body with :data:`THRESHOLD`, then restore the threshold that was in force."""
    before = gc.get_threshold()
    gc.set_threshold(*THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)
