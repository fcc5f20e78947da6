"""Poster work (checking, encoding, PNG downloads, share cards), run in a few low-priority worker processes.

Checking and encoding a poster costs a noticeable slice of CPU (docs/PERFORMANCE.md, "Page views while
pitches are made"). In a job thread of a web process that time holds the GIL and a core that page views
need; in a worker process at a lower priority it only uses what page views leave. posters.py stays the one place
that checks and encodes images: this module only runs its functions elsewhere.
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable, TypeVar

from . import cards, posters

log = logging.getLogger(__name__)

T = TypeVar("T")

# Added to a worker's niceness: the kernel runs page requests first and posters in the gaps.
NICENESS = 10
# How often a worker checks that the process it works for is still there (seconds).
ORPHAN_CHECK_SECONDS = 2.0

_lock = threading.Lock()
_pools: dict[int, ProcessPoolExecutor] = {}
_pid: int | None = None


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


def warm(processes: int) -> None:
    """Start the workers now (gunicorn calls this as a worker boots), not at the first poster.

    Starting them costs the CPU of their imports; paid during the first poster, that stalled page views for
    a moment, under load, exactly when people were waiting (docs/PERFORMANCE.md).
    """
    if processes <= 0:
        return
    try:
        _pool(processes).submit(os.getpid).result()
    except (RuntimeError, OSError, BrokenProcessPool) as exc:
        # The first poster finds the broken pool, works in its thread and builds a new one.
        log.warning("Image workers did not start (%s: %s)", type(exc).__name__, exc)


def shutdown() -> None:
    """Stop this process's workers and wait for them; the next call starts new ones."""
    with _lock:
        # A forked child leaves the pools it inherited to the parent that runs them.
        pools = list(_pools.values()) if _pid == os.getpid() else []
        _pools.clear()
    for pool in pools:
        pool.shutdown(wait=True)


def _call(work: Callable[[bytes | None], T], data: bytes | None, processes: int) -> T:
    if processes <= 0:
        return work(data)
    pool = _pool(processes)
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


def _here_instead(processes: int, pool: ProcessPoolExecutor, work: Callable[[bytes | None], T],
                  data: bytes | None, exc: Exception) -> T:
    log.warning("Image workers unavailable (%s: %s); working in this thread", type(exc).__name__, exc)
    with _lock:
        if _pools.get(processes) is pool:
            del _pools[processes]
    pool.shutdown(wait=False)
    return work(data)


def _pool(processes: int) -> ProcessPoolExecutor:
    """This process's pool of `processes` workers, built on first use."""
    global _pid
    with _lock:
        if _pid != os.getpid():
            # Inherited across fork() (gunicorn workers, RQ work horses): no thread runs it here.
            _pools.clear()
            _pid = os.getpid()
        pool = _pools.get(processes)
        if pool is None:
            pool = _pools[processes] = ProcessPoolExecutor(
                processes, mp_context=_context(), initializer=_start_worker, initargs=(os.getpid(),))
        return pool


def _context():
    # Forking a web process would copy locks its other threads hold; the fork server is a clean,
    # single-threaded process that forks the workers instead.
    context = multiprocessing.get_context("forkserver")
    # The fork server imports posters (Pillow only: the package's __init__ keeps the web app out of it;
    # docs/PERFORMANCE.md, "Memory") once, so each worker, first or replacement, starts without importing.
    # This replaces the default preload, "__main__" (gunicorn's launcher).
    context.set_forkserver_preload(["moviepitch.media.posters"])
    return context


def _start_worker(owner: int) -> None:
    try:
        os.nice(NICENESS)
    except OSError:
        pass  # a poster made at normal priority is still a poster
    threading.Thread(target=_exit_when_orphaned, args=(owner,), name="orphan-check", daemon=True).start()


def _exit_when_orphaned(owner: int) -> None:
    # A worker holds its own queue and the fork server's lifeline open, so when the web process
    # that owns them is killed (gunicorn kills a stuck worker) nothing else tells them to exit.
    while True:
        time.sleep(ORPHAN_CHECK_SECONDS)
        try:
            os.kill(owner, 0)
        except (ProcessLookupError, PermissionError):  # gone, or its PID reused by another user
            os._exit(0)
