"""Jobs on a bounded thread pool in this process (the default, without REDIS_URL)."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from . import Busy, NoQueue

log = logging.getLogger(__name__)


class ThreadJobs:
    """Runs jobs on at most `workers` threads, with at most `queue` more waiting."""

    # The jobs run in the process that made them: no worker elsewhere can take them.
    shared = False

    def __init__(
        self,
        run: Callable[[str], object] | None = None,
        workers: int = 4,
        queue: int = 16,
        run_turn: Callable[[int], object] | None = None,
    ):
        self.run, self.run_turn = run, run_turn
        self.workers, self.capacity = workers, workers + queue
        self._pool: ThreadPoolExecutor | None = None
        self._pid: int | None = None
        self._lock = threading.Lock()
        self._futures: set[Future] = set()
        self._slugs: dict[Future, str] = {}

    def _executor(self) -> ThreadPoolExecutor:
        # A pool inherited across fork() has no threads behind it; build one per process.
        if self._pool is None or self._pid != os.getpid():
            self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="pitch-job")
            self._pid = os.getpid()
            self._futures = set()
        return self._pool

    def enqueue(self, slug: str) -> Future:
        """Make a pitch in the background, or raise Busy when the pool is full."""
        return self.enqueue_all([slug])[0]

    def enqueue_all(self, slugs: list[str]) -> list[Future]:
        """Make several pitches in the background, all or none: Busy when the pool has no room for every one."""
        return self._submit_all([lambda slug=slug: self.run(slug) for slug in slugs], slugs)

    def enqueue_turn(self, message_id: int) -> Future:
        """Write the Movie Boss's answer to a meeting message in the background, or raise Busy."""
        return self._submit_all([lambda: self.run_turn(message_id)])[0]

    def in_flight(self) -> list[str]:
        """Slugs whose jobs this process holds, running or waiting (for a graceful shutdown)."""
        with self._lock:
            return [slug for future, slug in self._slugs.items() if not future.done()]

    def cancel_waiting(self) -> list[str]:
        """Take back every job that has not started (a graceful shutdown): the slugs taken back."""
        with self._lock:
            waiting = [(future, slug) for future, slug in self._slugs.items() if not future.running()]
        return [slug for future, slug in waiting if future.cancel()]

    def has_job(self, slug: str) -> bool:
        """True when this process holds a job for the pitch, running or waiting."""
        return slug in self.in_flight()

    def _submit_all(self, fns: list[Callable[[], object]], slugs: list[str] | None = None) -> list[Future]:
        with self._lock:
            pool = self._executor()
            if len(self._futures) + len(fns) > self.capacity:
                raise Busy()
            futures = [pool.submit(self._guarded, fn) for fn in fns]
            self._futures.update(futures)
            self._slugs.update(zip(futures, slugs or ()))
        # Outside the lock: a job already done runs its callback here, and the callback takes the lock.
        for future in futures:
            future.add_done_callback(self._forget)
        return futures

    def _forget(self, future: Future) -> None:
        with self._lock:
            self._futures.discard(future)
            self._slugs.pop(future, None)

    @staticmethod
    def _guarded(fn: Callable[[], object]) -> object:
        try:
            return fn()
        except Exception:
            # The job records its own failures; this only keeps a bug from vanishing.
            log.exception("Background job crashed")
            return None

    def ping(self) -> bool | None:
        """None: there is no queue to reach."""
        return None

    def work(self, burst: bool = False, name: str | None = None) -> None:
        """Raise NoQueue: without a queue, jobs run in the web process that made them."""
        raise NoQueue("jobs run in the process that makes them: there is no queue to work on")

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
