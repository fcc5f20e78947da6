"""Process tuning: what a long-lived serving process does that the domain code need not know about.

Each layer stays because the bench shows it matters; docs/PERFORMANCE.md ("What was slow, how it was
found, and what fixed it") has the measurements. Here:

- `warm`, which gunicorn's post_worker_init (gunicorn.conf.py) calls, through Services.warm, before a
  worker takes requests (and the bench calls as a booted worker would): the SDK client, the image
  workers and a frozen collector, so the first pitch and page views do not pay for them;
- `process_pool`: a few niced worker processes, one pool per OS process (rebuilt after fork), where
  media/image_pool.py checks and encodes posters, so page views keep their core.

Elsewhere, where their code lives:

- storage/store.py: POLL, the status poll's query built once and run on a bare connection;
- web/: the page cache and the revalidation middleware in front of Flask.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .services import Services

log = logging.getLogger(__name__)

# Added to a worker's niceness: the kernel runs page requests first and posters in the gaps.
NICENESS = 10
# How often a worker checks that the process it works for is still there (seconds).
ORPHAN_CHECK_SECONDS = 2.0
# What the fork server imports once, so each worker, first or replacement, starts without importing.
WORKER_PRELOAD = ["moviepitch.media.posters"]

_lock = threading.Lock()
_pools: dict[int, ProcessPoolExecutor] = {}
_pid: int | None = None


def warm(services: Services) -> None:
    """Get this process ready to serve: the provider's client and image workers, and a quiet collector."""
    services.provider.warm()
    if services.schema is not None:
        services.schema.warn_once()  # the operator sees it as the server starts, not at the first visit
    start_pool(services.image_processes)
    freeze_collector()


def freeze_collector() -> None:
    """Keep the objects loaded so far out of every later garbage collection.

    The app, the SDK and their modules live as long as the process; left to the collector, each full
    collection walks them all with every thread stopped (docs/PERFORMANCE.md, "The first synopsis words").
    """
    gc.collect()
    gc.freeze()


def start_pool(processes: int) -> None:
    """Start the `processes` workers now, as a worker boots, not at the first poster.

    Starting them costs the CPU of their imports; paid during the first poster, that stalled page views for
    a moment, under load, exactly when people were waiting (docs/PERFORMANCE.md).
    """
    if processes <= 0:
        return
    try:
        process_pool(processes).submit(os.getpid).result()
    except (RuntimeError, OSError, BrokenProcessPool) as exc:
        # The first poster finds the broken pool, works in its thread and builds a new one.
        log.warning("Image workers did not start (%s: %s)", type(exc).__name__, exc)


def process_pool(processes: int) -> ProcessPoolExecutor:
    """This process's pool of `processes` low-priority workers, built on first use."""
    global _pid
    with _lock:
        if _pid != os.getpid():
            # Inherited across fork() (gunicorn workers, RQ work horses): no thread runs it here.
            _pools.clear()
            _pid = os.getpid()
        pool = _pools.get(processes)
        if pool is None:
            pool = _pools[processes] = ProcessPoolExecutor(
                processes, mp_context=_context(), initializer=_start_worker, initargs=(os.getpid(),)
            )
        return pool


def drop_pool(processes: int, pool: ProcessPoolExecutor) -> None:
    """Forget a broken pool, so the next call builds a new one."""
    with _lock:
        if _pools.get(processes) is pool:
            del _pools[processes]
    pool.shutdown(wait=False)


def shutdown_pools() -> None:
    """Stop this process's workers and wait for them; the next call starts new ones."""
    with _lock:
        # A forked child leaves the pools it inherited to the parent that runs them.
        pools = list(_pools.values()) if _pid == os.getpid() else []
        _pools.clear()
    for pool in pools:
        pool.shutdown(wait=True)


def _context():
    # Forking a web process would copy locks its other threads hold; the fork server is a clean,
    # single-threaded process that forks the workers instead.
    context = multiprocessing.get_context("forkserver")
    # The fork server imports posters (Pillow only: the package's __init__ keeps the web app out of it;
    # docs/PERFORMANCE.md, "Memory"). This replaces the default preload, "__main__" (gunicorn's launcher).
    context.set_forkserver_preload(WORKER_PRELOAD)
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
