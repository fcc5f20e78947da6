"""Background jobs: a bounded thread pool per process by default, an RQ queue when REDIS_URL is set.

Both take a pitch's slug; what runs it is `run(slug)` in-process, or `moviepitch.tasks.make_pitch`
in an RQ worker (`flask worker`), on any host.
"""

from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable

log = logging.getLogger(__name__)


class Busy(Exception):
    """Every worker is taken and the waiting line is full."""


class QueueDown(Exception):
    """The queue could not be reached; the pitch stays queued until recovery enqueues it again."""


class ThreadJobs:
    """Runs jobs on at most `workers` threads, with at most `queue` more waiting."""

    def __init__(self, run: Callable[[str], object] | None = None, workers: int = 4, queue: int = 16,
                 run_turn: Callable[[int], object] | None = None):
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


# What RQ calls a job that is still coming: recovery must not queue its pitch a second time.
LIVE_RQ_STATUSES = ("queued", "started", "deferred", "scheduled")


class RQJobs:
    """Puts pitch jobs on an RQ queue in Redis, for `flask worker` processes on any host."""

    def __init__(self, redis_url: str, queue: str = "moviepitch", job_timeout: int = 1800):
        self.redis_url, self.queue_name, self.job_timeout = redis_url, queue, job_timeout
        self._queue = None

    @property
    def queue(self):
        """The RQ queue, connected on first use (after fork)."""
        if self._queue is None:
            from redis import Redis
            from rq import Queue

            # Short socket timeouts: a web request must not hang when Redis is down.
            connection = Redis.from_url(self.redis_url, socket_connect_timeout=2, socket_timeout=5)
            self._queue = Queue(self.queue_name, connection=connection, default_timeout=self.job_timeout)
        return self._queue

    def enqueue(self, slug: str) -> None:
        """Queue a pitch; one job id per pitch, so enqueueing again replaces rather than doubles."""
        self._enqueue("make_pitch", slug, f"pitch-{slug}")

    def enqueue_turn(self, message_id: int) -> None:
        """Queue a meeting turn for any worker."""
        self._enqueue("meeting_turn", message_id, f"turn-{message_id}")

    def _enqueue(self, task: str, argument, job_id: str) -> None:
        from redis.exceptions import RedisError

        try:
            self.queue.enqueue_call(f"moviepitch.tasks.{task}", args=(argument,), job_id=job_id,
                                    timeout=self.job_timeout, result_ttl=0, failure_ttl=86400)
        except RedisError as exc:
            log.warning("Could not queue %s: %s", job_id, type(exc).__name__)
            raise QueueDown() from exc

    def enqueue_all(self, slugs: list[str]) -> None:
        """Queue several pitches (RQ has no capacity to refuse them for); QueueDown when any could not be queued."""
        down = None
        for slug in slugs:
            try:
                self.enqueue(slug)
            except QueueDown as exc:
                down = exc  # the others may still get through; recovery queues this one later
        if down is not None:
            raise down

    def has_job(self, slug: str) -> bool:
        """True when RQ still has the pitch's job waiting or running (a backlog is not a loss)."""
        from redis.exceptions import RedisError
        from rq.exceptions import NoSuchJobError
        from rq.job import Job

        try:
            job = Job.fetch(f"pitch-{slug}", connection=self.queue.connection)
            return job.get_status(refresh=False) in LIVE_RQ_STATUSES
        except NoSuchJobError:
            return False
        except RedisError as exc:
            raise QueueDown() from exc

    def in_flight(self) -> list[str]:
        """Nothing: the workers hold the jobs, and RQ gives an interrupted one back itself."""
        return []

    def cancel_waiting(self) -> list[str]:
        """Nothing: waiting jobs stay safely in Redis for any worker."""
        return []

    def ping(self) -> bool:
        """True when Redis answers."""
        from redis.exceptions import RedisError

        try:
            return bool(self.queue.connection.ping())
        except RedisError:
            return False

    def drain(self, timeout: float | None = None) -> None:
        """Nothing runs here: the workers do the work."""

    def shutdown(self) -> None:
        """Close the connection to Redis."""
        if self._queue is not None:
            self._queue.connection.close()
