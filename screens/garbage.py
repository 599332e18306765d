"""When Python collects reference cycles: just after a screen has closed, not in the middle
of building the next one.

A closed screen leaves thousands of objects in reference cycles (its widgets, their styles
and caches), and Python's automatic full collection, which walks every object the app
holds, fell inside most card openings at full size: 100–250 ms each (benchmarks/RESULTS.md,
fix 12). So the objects alive once the app is up (modules, classes, parsed styles: most of
the heap) are frozen out of every later collection's walk, the automatic full collection
comes five times less often, and a full collection runs as soon as a closed screen has been
taken apart, while the person looks at the screen below it, which is already drawn. Textual
pauses the collector in the same spirit while it scrolls (``App.PAUSE_GC_ON_SCROLL``).
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Awaitable

# Seconds from the removal to the collection: the screen's own timer task and a queued
# refresh of its keys still hold it for a loop turn or two after the removal.
SETTLE = 0.05
FULL_EVERY = 50  # young collections between two automatic full ones; Python's default is 10


_thresholds: tuple[int, int, int] | None = None  # Python's own, while frozen


def freeze_start_up() -> None:
    """Once the first screen is drawn: what is alive now lives as long as the app."""
    global _thresholds
    if _thresholds is None:
        _thresholds = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(_thresholds[0], _thresholds[1], FULL_EVERY)


def thaw() -> None:
    """When the app ends: its objects may be collected again (an app run by the tests,
    one of many in a process, would otherwise stay in memory); Python's thresholds back."""
    global _thresholds
    if _thresholds is not None:
        gc.unfreeze()
        gc.set_threshold(*_thresholds)
        _thresholds = None


async def collect_when_removed(removal: Awaitable) -> None:
    """Await a popped screen's removal, then collect what it left behind."""
    await removal
    del removal  # its result is the screen
    await asyncio.sleep(SETTLE)
    gc.collect()
