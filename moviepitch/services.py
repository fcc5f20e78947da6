"""The per-app services (store, provider, job runner), kept in app.extensions["moviepitch"]."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from flask import Flask, current_app

from . import runtime, vocab
from .chain import pipeline
from .jobs import Busy, Jobs, QueueDown, make_jobs
from .meeting import turns
from .providers import Provider, select_provider, tell_offline_once
from .storage import db
from .storage.budget import Budget, OverBudget
from .storage.records import Staleness
from .storage.schema import SchemaGate
from .storage.store import Store
from .studio.prices import PriceTable

log = logging.getLogger(__name__)


@dataclass
class Services:
    store: Store
    provider: Provider
    jobs: Jobs
    budget: Budget
    staleness: Staleness = field(default_factory=Staleness)
    heartbeat_interval: float = pipeline.HEARTBEAT_INTERVAL
    image_processes: int = 0
    # Whether the database's schema fits this code (set by the factory once the services exist).
    schema: SchemaGate | None = None
    # The price table (MOVIEPITCH_PRICES), or None; and the model that writes synopses of default pitches.
    prices: PriceTable | None = None
    synopsis_model: str | None = None
    # Tokens of a meeting's history sent with each turn before the oldest are summarised; and how long a turn
    # may go quiet before it counts as interrupted (seconds).
    meeting_tokens: int = 2000
    turn_quiet: float = 210.0

    @property
    def models(self) -> dict[str, str]:
        """The models in use, as stored on each pitch."""
        return {"text": self.provider.text_model, "image": self.provider.image_model}

    def run(self, slug: str) -> str | None:
        """Make a pitch here and now (what a job does)."""
        return pipeline.run_pitch(
            self.store,
            self.provider,
            slug,
            heartbeat_interval=self.heartbeat_interval,
            budget=self.budget,
            image_processes=self.image_processes,
            price=self.prices.cost if self.prices else None,
            synopsis_model=self.synopsis_model,
        )

    def run_turn(self, message_id: int) -> str | None:
        """Write the Movie Boss's answer to a meeting message here and now (what a turn's job does)."""
        settings = turns.TurnSettings(
            history_tokens=self.meeting_tokens, budget=self.budget, price=self.prices.cost if self.prices else None
        )
        return turns.run_turn(self.store, self.provider, message_id, settings)

    def start_turn(self, message_id: int) -> None:
        """Start a meeting turn in the background; Busy when every worker is taken (when the queue is down, the turn
        stays queued and shows as interrupted after a while)."""
        try:
            self.jobs.enqueue_turn(message_id)
        except QueueDown:
            pass

    def warm(self) -> None:
        """Get this process ready to serve (runtime.warm: the provider's client, image workers, a quiet collector)."""
        runtime.warm(self)

    def create_pitch(self, idea: str, owner_id: str, settings: dict | None = None) -> str:
        """Save a new pitch (with the studio `settings`: knobs, text_model, image_model) and start making it.

        Raises budget.OverBudget when today's pitches or money are spent, jobs.Busy when every worker is taken.
        """
        return self.create_pitches(idea, owner_id, [settings or {}])[0]

    def create_pitches(self, idea: str, owner_id: str, settings: list[dict]) -> list[str]:
        """Save one new pitch of the idea per entry of `settings` and start making them, all or none: when they do
        not all fit in today's budget (OverBudget) or in the job queue (Busy), none is made."""
        count = len(settings)
        self.spend_pitches(count)
        if self.provider.name.startswith("offline"):
            # Said on the first pitch, not at start, so commands such as `db upgrade` stay quiet.
            tell_offline_once()
        slugs = [self.save_pitch(idea, owner_id, chosen) for chosen in settings]
        try:
            self.jobs.enqueue_all(slugs)
        except Busy:
            # Nothing was made yet, so nothing is lost by taking the rows (and their budget) back.
            for slug in slugs:
                self.store.erase_pitch(slug)
            self.budget.refund("pitches", count)
            raise
        except QueueDown:
            pass  # they stay queued, visibly; recovery queues them again when Redis is back
        return slugs

    def spend_pitches(self, count: int = 1) -> None:
        """Take `count` new pitches from today's budget; OverBudget when they do not fit (or the money is spent)."""
        if self.budget.money_spent():
            raise OverBudget("Today's budget is spent. Try again tomorrow.")
        if not self.budget.spend("pitches", count):
            raise (
                OverBudget()
                if count == 1
                else OverBudget(
                    f"Today's budget has no room for {count} more pitches. Try a single pitch, or come back tomorrow."
                )
            )

    def save_pitch(self, idea: str, owner_id: str, settings: dict | None = None, seed: int | None = None) -> str:
        """Save a new queued pitch (its budget already spent) with the studio `settings`; its slug."""
        chosen = settings or {}
        models = {
            **self.models,
            **{kind: chosen[f"{kind}_model"] for kind in ("text", "image") if chosen.get(f"{kind}_model")},
        }
        return self.store.create_pitch(idea, owner_id, self.provider.name, models, seed=seed, **chosen)

    def start(self, slug: str) -> None:
        """Run a queued pitch (retried or regenerated); when busy it shows as interrupted instead."""
        try:
            self.jobs.enqueue(slug)
        except Busy:
            self.store.interrupt(self.store.pitch_id(slug), (vocab.Status.QUEUED,))
            raise
        except QueueDown:
            pass

    def recover(self, older_than: float = 60.0) -> list[str]:
        """Queue again the pitches left queued longer than `older_than` seconds whose job is gone.

        A pitch only waiting behind others still has its job (a backlog is not a loss); one queued
        while Redis was down, or whose job RQ dropped, has none.
        """
        queued = []
        try:
            for slug in self.store.queued_before(older_than):
                if not self.jobs.has_job(slug):
                    self.jobs.enqueue(slug)
                    queued.append(slug)
        except (Busy, QueueDown):
            pass  # the rest waits for the next round
        return queued

    def interrupt_in_flight(self) -> list[str]:
        """On a graceful shutdown: give back this process's pitches as interrupted, so their owners resume them.

        Jobs that have not started are taken back first, so the dying pool never starts them; the
        running ones are marked interrupted, and their runners' next writes fail (Store.for_runner).
        """
        slugs = self.jobs.cancel_waiting() + self.jobs.in_flight()
        for slug in slugs:
            pitch_id = self.store.pitch_id(slug)
            if pitch_id is not None:
                self.store.interrupt(pitch_id)
        return slugs

    def poll(self, slug: str):
        """A pitch's revision, status and tombstone: one query when all is well. Not read-only: a pitch whose runner
        went quiet is marked interrupted first (see notice_abandoned)."""
        state = self.store.poll(slug)
        if self.notice_abandoned(slug, state):
            state = self.store.poll(slug)
        return state

    def notice_abandoned(self, slug: str, state=None) -> bool:
        """Mark a pitch interrupted when its runner went quiet (running) or none took it (queued); True if it did.

        The one place a read (a page view or a status poll, both GET) writes. No process watches over
        runners (a web process may be the only one), so the first reader after the grace period
        (STALE_RUNNING_SECONDS, STALE_QUEUED_SECONDS) is the one that notices. The write is conditional on the
        status it read, so readers racing each other interrupt the pitch once; a runner that was only slow finds
        its claim gone and writes nothing more (Store.for_runner).
        """
        return self.store.interrupt_if_stale(slug, self.staleness, state)


def job_timeout(config) -> int:
    """How long one RQ job may take: every step with all its retries, plus room (RQ's 180 s is too short)."""
    attempts = int(config["MAX_RETRIES"]) + 1
    text = float(config["TEXT_TIMEOUT"]) * attempts * vocab.calls("text")
    image = float(config["IMAGE_TIMEOUT"]) * attempts * vocab.calls("image")
    return int(text + image + 120)


def image_processes(config) -> int:
    """Worker processes for poster images in each process that makes pitches."""
    if config.get("REDIS_URL"):
        # Pitches are made by RQ work horses, which serve no pages, and each is forked for one job:
        # a pool there would start a process per pitch and spare no page view any CPU.
        return 0
    return int(config["IMAGE_PROCESSES"])


def init_services(app: Flask, provider: Provider | None = None) -> Services:
    """Build the services from the app's settings and attach them to the app."""
    config = app.config
    # A thread pool calls back into the services it belongs to, once they exist.
    jobs = make_jobs(
        config, lambda slug: services.run(slug), lambda message_id: services.run_turn(message_id), job_timeout(config)
    )
    store = Store(db.make_engine(config["DATABASE_URL"]))
    services = Services(
        store=store,
        provider=provider or select_provider(config),
        jobs=jobs,
        budget=Budget(
            store,
            pitches=config["DAILY_PITCHES"],
            images=config["DAILY_IMAGES"],
            money_nanos=config.get("DAILY_BUDGET_NANOS"),
            turns=config["DAILY_TURNS"],
        ),
        staleness=Staleness(
            running=float(config["STALE_RUNNING_SECONDS"]), queued=float(config["STALE_QUEUED_SECONDS"])
        ),
        heartbeat_interval=float(config["HEARTBEAT_SECONDS"]),
        image_processes=image_processes(config),
        prices=config.get("PRICES"),
        synopsis_model=config.get("SYNOPSIS_MODEL"),
        meeting_tokens=int(config["MEETING_HISTORY_TOKENS"]),
        # A turn is at most three calls (a summary, the answer, the fallback's write-up), each within the timeout.
        turn_quiet=3 * float(config["TEXT_TIMEOUT"]) + float(config["STALE_RUNNING_SECONDS"]),
    )
    app.extensions["moviepitch"] = services
    return services


def services() -> Services:
    """The services of the current app."""
    return current_app.extensions["moviepitch"]
