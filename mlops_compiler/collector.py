"""Keep CPython's cycle collector out of the stages that allocate a spec's worth of objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_cycle_collector() -> Iterator[None]:
    """Pause the cycle collector for the block; nest freely, restore the caller's setting.

    Loading, checking and rendering a spec allocate a few hundred objects per stage (YAML nodes
    and their marks, positions, the built values, IR, the read-back of each output) and free
    few of them before the compile ends, so the collector scans every one of them again and
    again while finding next to no garbage: with CPython's default thresholds that was 60% of
    compiling 10,000 stages (4.9 s; 1.9 s without), more than linear in the stage count, and
    5% at 1,000 stages; the peak RSS is the same. Reference counting frees everything else a
    compile drops; the few cycles wait for the first collection after it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
