"""Poster work (checking, encoding, PNG downloads, share cards), run in a few low-priority worker processes.

Checking and encoding a poster costs a noticeable slice of CPU (docs/PERFORMANCE.md, "Page views while
pitches are made"). In a job thread of a web process that time holds the GIL and a core that page views
need; in a worker process at a lower priority (runtime.process_pool) it only uses what page views leave.
posters.py stays the one place that checks and encodes images: this module only runs its functions there.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TypeVar

from .. import runtime
from . import cards, posters

log = logging.getLogger(__name__)

T = TypeVar("T")


def prepare(data: bytes, processes: int) -> posters.PosterFiles:
    """posters.prepare in a worker process; here and now when `processes` is 0."""
    return _call(posters.prepare, data, processes)


def preview(data: bytes, processes: int) -> bytes:
    """posters.preview in a worker process; here and now when `processes` is 0."""
    return _call(posters.preview, data, processes)


def png(webp: bytes, processes: int) -> bytes:
    """posters.to_png (a download) in a worker process; here and now when `processes` is 0."""
    return _call(posters.to_png, webp, processes)


def card(title: str, tagline: str, poster: bytes | None, fonts_dir: Path, processes: int) -> bytes:
    """cards.make_card (a share card) in a worker process; here and now when `processes` is 0."""
    return _call(functools.partial(cards.make_card, title, tagline, fonts_dir=fonts_dir), poster, processes)


def _call(work: Callable[[bytes | None], T], data: bytes | None, processes: int) -> T:
    if processes <= 0:
        return work(data)
    pool = runtime.process_pool(processes)
    try:
        future = pool.submit(work, data)
    except (RuntimeError, OSError) as exc:
        # Broken already, shut down by interpreter exit, or a worker could not be started.
        return _here_instead(processes, pool, work, data, exc)
    try:
        return future.result()
    except BrokenProcessPool as exc:
        # A worker died (killed, out of memory): this image is still made, and the next gets a new pool.
        return _here_instead(processes, pool, work, data, exc)


def _here_instead(
    processes: int, pool: ProcessPoolExecutor, work: Callable[[bytes | None], T], data: bytes | None, exc: Exception
) -> T:
    log.warning("Image workers unavailable (%s: %s); working in this thread", type(exc).__name__, exc)
    runtime.drop_pool(processes, pool)
    return work(data)
