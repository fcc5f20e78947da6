"""The per-app services (store, provider, job runner), kept in app.extensions["moviepitch"]."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from flask import Flask, current_app

from . import db, pipeline
from .jobs import ThreadJobs
from .providers import Provider, select_provider
from .store import Store


@dataclass
class Services:
    store: Store
    provider: Provider
    jobs: ThreadJobs

    @property
    def models(self) -> dict[str, str]:
        """The models in use, as stored on each pitch."""
        return {"text": self.provider.text_model, "image": self.provider.image_model}

    def create_pitch(self, idea: str, owner_id: str) -> str:
        """Save a new pitch and start making it in the background; raises jobs.Busy when full."""
        slug = self.store.create_pitch(idea, owner_id, self.provider.name, self.models)
        try:
            self.jobs.submit(partial(pipeline.run_pitch, self.store, self.provider, slug))
        except Exception:
            # Nothing was made yet, so nothing is lost by taking the row back.
            self.store.delete_pitch(slug)
            raise
        return slug


def init_services(app: Flask, provider: Provider | None = None) -> Services:
    """Build the services from the app's settings and attach them to the app."""
    config = app.config
    services = Services(
        store=Store(db.make_engine(config["DATABASE_URL"])),
        provider=provider or select_provider(config),
        jobs=ThreadJobs(workers=int(config["JOB_WORKERS"]), queue=int(config["JOB_QUEUE"])),
    )
    app.extensions["moviepitch"] = services
    return services


def services() -> Services:
    """The services of the current app."""
    return current_app.extensions["moviepitch"]
