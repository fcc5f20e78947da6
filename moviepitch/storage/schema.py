"""The database schema at start-up: brought up to date on the embedded SQLite, checked elsewhere.

A fresh instance folder has an empty SQLite file, and `flask run`, `flask pitch` or `gunicorn
wsgi:app` should just work on it, so the schema is migrated as the app starts (under a file lock,
since gunicorn starts several workers at once). A shared database (PostgreSQL) is never migrated
implicitly: its operator runs `flask --app moviepitch db upgrade` once for all hosts. Until then
pages answer 503, /readyz names the problem, and the log says it once, without a traceback.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from flask import Flask, request
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from . import db

log = logging.getLogger(__name__)

# How often a closed gate asks the database again (seconds).
RECHECK_SECONDS = 5.0
# What still answers while the schema is not ready: liveness, readiness and the stylesheet.
ALWAYS_OPEN = ("health.healthz", "health.readyz", "static")


class SchemaGate:
    """Whether the database can serve this code; once it can, it is never asked again."""

    def __init__(self, engine: Engine, recheck: float = RECHECK_SECONDS, clock=time.monotonic):
        self.engine, self.recheck, self.clock = engine, recheck, clock
        self._ready = False
        self._problem: str | None = None
        self._checked_at = float("-inf")
        self._lock = threading.Lock()
        self._warned = False

    def problem(self) -> str | None:
        """None when the schema is current; else one line saying what is wrong and how to fix it."""
        if self._ready:
            return None
        with self._lock:
            if self.clock() - self._checked_at >= self.recheck:
                self._checked_at = self.clock()
                try:
                    self._problem = db.schema_problem(self.engine)
                except SQLAlchemyError as exc:
                    self._problem = f"The database could not be reached ({type(exc).__name__})."
                self._ready = self._problem is None
            return self._problem

    def warn_once(self) -> str | None:
        """The problem, written to the log the first time this process meets it (no traceback)."""
        problem = self.problem()
        if problem and not self._warned:
            self._warned = True
            log.error("%s Until then every page answers 503.", problem)
        return problem


def prepare_schema(app: Flask, engine: Engine) -> SchemaGate:
    """Migrate the embedded SQLite database when allowed; the gate says what is still wrong."""
    if engine.dialect.name == "sqlite" and app.config["AUTO_MIGRATE"]:
        try:
            db.upgrade_locked(engine, Path(app.instance_path) / ".migrate.lock")
        except SQLAlchemyError as exc:
            log.error("Could not bring the database up to date: %s", exc.__class__.__name__)
    return SchemaGate(engine)


def register_schema_gate(app: Flask, gate: SchemaGate) -> None:
    """Answer 503 (and the log's one line at /readyz) until the schema is current."""
    from ..web.errors import error_response

    @app.before_request
    def schema_is_current():
        if gate.problem() and request.endpoint not in ALWAYS_OPEN and gate.warn_once():
            return error_response(
                503, "This site is still being set up. Try again in a few minutes.", title="Not open yet"
            )
        return None
