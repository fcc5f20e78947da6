"""Background jobs: a bounded thread pool per process, built on first use (after gunicorn forks)."""

from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable

log = logging.getLogger(__name__)


class Busy(Exception):
    """Every worker is taken and the waiting line is full."""


class ThreadJobs:
    """Runs jobs on at most `workers` threads, with at most `queue` more waiting."""

    def __init__(self, workers: int = 4, queue: int = 16):
        self.workers, self.capacity = workers, workers + queue
        self._pool: ThreadPoolExecutor | None = None
        self._pid: int | None = None
        self._lock = threading.Lock()
        self._futures: set[Future] = set()

    def _executor(self) -> ThreadPoolExecutor:
        # A pool inherited across fork() has no threads behind it; build one per process.
        if self._pool is None or self._pid != os.getpid():
            self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="pitch-job")
            self._pid = os.getpid()
            self._futures = set()
        return self._pool

    def submit(self, fn: Callable[[], object]) -> Future:
        """Start a job, or raise Busy when the pool is full."""
        with self._lock:
            pool = self._executor()
            if len(self._futures) >= self.capacity:
                raise Busy()
            future = pool.submit(self._guarded, fn)
            self._futures.add(future)
        future.add_done_callback(self._forget)
        return future

    def _forget(self, future: Future) -> None:
        with self._lock:
            self._futures.discard(future)

    @staticmethod
    def _guarded(fn: Callable[[], object]) -> object:
        try:
            return fn()
        except Exception:
            # The job records its own failures; this only keeps a bug from vanishing.
            log.exception("Background job crashed")
            return None

    def drain(self, timeout: float | None = None) -> None:
        """Wait for every job started so far (tests, shutdown)."""
        with self._lock:
            futures = list(self._futures)
        for future in futures:
            future.result(timeout=timeout)

    def shutdown(self) -> None:
        """Finish running jobs and stop the threads."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)
