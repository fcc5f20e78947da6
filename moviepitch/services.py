"""The per-app services (store, provider, job runner), kept in app.extensions["moviepitch"]."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from flask import Flask, current_app

from . import db, pipeline
from .jobs import Busy, ThreadJobs
from .providers import Provider, select_provider
from .records import Staleness
from .store import Store


@dataclass
class Services:
    store: Store
    provider: Provider
    jobs: ThreadJobs
    staleness: Staleness = field(default_factory=Staleness)
    heartbeat_interval: float = pipeline.HEARTBEAT_INTERVAL

    @property
    def models(self) -> dict[str, str]:
        """The models in use, as stored on each pitch."""
        return {"text": self.provider.text_model, "image": self.provider.image_model}

    def create_pitch(self, idea: str, owner_id: str) -> str:
        """Save a new pitch and start making it in the background; raises jobs.Busy when full."""
        slug = self.store.create_pitch(idea, owner_id, self.provider.name, self.models)
        try:
            self._submit(slug)
        except Exception:
            # Nothing was made yet, so nothing is lost by taking the row back.
            self.store.delete_pitch(slug)
            raise
        return slug

    def start(self, slug: str) -> None:
        """Run a queued pitch (retried or regenerated); when busy it shows as interrupted instead."""
        try:
            self._submit(slug)
        except Busy:
            self.store.interrupt(self.store.pitch_id(slug), ("queued",))
            raise

    def _submit(self, slug: str) -> None:
        self.jobs.submit(partial(pipeline.run_pitch, self.store, self.provider, slug,
                                 heartbeat_interval=self.heartbeat_interval))

    def notice_interruption(self, slug: str) -> bool:
        """Mark the pitch interrupted if the job making it went silent; True when it did."""
        return self.store.interrupt_if_stale(slug, self.staleness)


def init_services(app: Flask, provider: Provider | None = None) -> Services:
    """Build the services from the app's settings and attach them to the app."""
    config = app.config
    services = Services(
        store=Store(db.make_engine(config["DATABASE_URL"])),
        provider=provider or select_provider(config),
        jobs=ThreadJobs(workers=int(config["JOB_WORKERS"]), queue=int(config["JOB_QUEUE"])),
        staleness=Staleness(running=float(config["STALE_RUNNING_SECONDS"]),
                            queued=float(config["STALE_QUEUED_SECONDS"])),
        heartbeat_interval=float(config["HEARTBEAT_SECONDS"]),
    )
    app.extensions["moviepitch"] = services
    return services


def services() -> Services:
    """The services of the current app."""
    return current_app.extensions["moviepitch"]
