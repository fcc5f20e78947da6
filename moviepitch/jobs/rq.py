"""Jobs on an RQ queue in Redis (when REDIS_URL is set), for `flask worker` processes on any host.

A worker runs `moviepitch.tasks.make_pitch` (or `meeting_turn`) with the app's settings.
"""

from __future__ import annotations

import logging

from . import QueueDown

log = logging.getLogger(__name__)


# What RQ calls a job that is still coming: recovery must not queue its pitch a second time.
LIVE_RQ_STATUSES = ("queued", "started", "deferred", "scheduled")


class RQJobs:
    """Puts pitch jobs on an RQ queue in Redis, for `flask worker` processes on any host."""

    # Jobs wait in Redis for any worker.
    shared = True

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
            self.queue.enqueue_call(
                f"moviepitch.tasks.{task}",
                args=(argument,),
                job_id=job_id,
                timeout=self.job_timeout,
                result_ttl=0,
                failure_ttl=86400,
            )
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

    def work(self, burst: bool = False, name: str | None = None) -> None:
        """Take jobs from the queue and run them in this process (`flask worker`); `burst` stops when it is empty."""
        from rq import Worker

        Worker([self.queue], connection=self.queue.connection, name=name).work(burst=burst)

    def drain(self, timeout: float | None = None) -> None:
        """Nothing runs here: the workers do the work."""

    def shutdown(self) -> None:
        """Close the connection to Redis."""
        if self._queue is not None:
            self._queue.connection.close()
