"""Background jobs: a bounded thread pool per process by default (threads.py), an RQ queue when REDIS_URL is set
(rq.py). Both implement Jobs, so callers never ask which one they have.

A pitch's job takes its slug; what runs it is `Services.run(slug)` in-process, or
`moviepitch.tasks.make_pitch` in an RQ worker (`flask worker`), on any host. A new kind of job is one
enqueue method here, in both runners, and a task in tasks.py.
"""

from __future__ import annotations

from typing import Protocol


class Busy(Exception):
    """Every worker is taken and the waiting line is full."""


class QueueDown(Exception):
    """The queue could not be reached; the pitch stays queued until recovery enqueues it again."""


class NoQueue(Exception):
    """There is no queue for a worker to take jobs from (no REDIS_URL)."""


class Jobs(Protocol):
    """What runs the app's background work."""

    # True when jobs wait in a queue that workers on any host take them from (and `ping` checks it).
    shared: bool

    def enqueue(self, slug: str) -> object:
        """Make a pitch in the background; Busy when there is no room, QueueDown when the queue is unreachable."""

    def enqueue_all(self, slugs: list[str]) -> object:
        """Make several pitches in the background (all or none where there is a capacity to refuse them for)."""

    def enqueue_turn(self, message_id: int) -> object:
        """Write the Movie Boss's answer to a meeting message in the background."""

    def has_job(self, slug: str) -> bool:
        """True when the pitch's job is still waiting or running."""

    def in_flight(self) -> list[str]:
        """Slugs whose jobs this process holds (for a graceful shutdown)."""

    def cancel_waiting(self) -> list[str]:
        """Take back the jobs this process holds that have not started: their slugs."""

    def ping(self) -> bool | None:
        """True when the queue answers, False when not; None when there is no queue to reach."""

    def work(self, burst: bool = False, name: str | None = None) -> None:
        """Run queued jobs in this process until stopped (`flask worker`); NoQueue when there is no queue."""

    def drain(self, timeout: float | None = None) -> None:
        """Wait for every job this process started (tests, shutdown)."""

    def shutdown(self) -> None:
        """Stop: finish running jobs, close connections."""


def make_jobs(config, run, run_turn, job_timeout: int) -> Jobs:
    """The runner the settings ask for: an RQ queue when REDIS_URL is set, else a thread pool that calls `run(slug)`
    and `run_turn(message_id)`."""
    if config.get("REDIS_URL"):
        from .rq import RQJobs

        return RQJobs(config["REDIS_URL"], job_timeout=job_timeout)
    from .threads import ThreadJobs

    return ThreadJobs(run, workers=int(config["JOB_WORKERS"]), queue=int(config["JOB_QUEUE"]), run_turn=run_turn)
