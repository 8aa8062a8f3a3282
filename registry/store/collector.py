"""The cyclic garbage collector around work that keeps what it makes.

A registry read from a store, a batch of answers, a value unpickled whole: all
live as long as the process, and every collection would rescan them. Such work
runs with the collector paused, and what it leaves alive is then frozen out of
the collector's view (``gc.freeze``), still freed as soon as nothing refers to it.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run a piece of work (one chunk of a batch, one large value unpickled)
    with the cyclic garbage collector off, then move everything alive out of its
    view (``gc.freeze``) and turn it back on.

    Why: a batch keeps what it makes (answers, rows read from a store, memo
    entries), and each collection rescans all of it. Measured at 100k entities,
    ``lookup_many`` of 100k names (3,905 distinct) spent 0.3-1.25 s of its
    2.0-2.4 s CPU in collections, single pauses up to 296 ms; in paused chunks
    1.1-1.2 s, longest pause 1.2 ms. Turning the collector off without the
    freeze only moves the cost: the next collection scanned the whole batch
    (270-340 ms). Lookups make no reference cycles (tests/test_library.py
    checks), so a paused chunk leaves nothing for the collector to find; a
    frozen object is still freed as soon as nothing refers to it. Unpickling
    the annotator's tables (300k objects at 100k entities) took 0.20 s with the
    collector on and 0.13 s paused. A collector someone else turned off stays off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
