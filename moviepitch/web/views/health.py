"""Liveness and readiness, for load balancers and orchestrators."""

from __future__ import annotations

from flask import Blueprint, jsonify

from ...services import services

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """The process is up."""
    return jsonify({"status": "ok"})


@bp.get("/readyz")
def readyz():
    """The database answers with a current schema, and the queue too when one is configured: 200, else 503."""
    # The schema check says what to do about it in one line, for whoever reads the probe.
    checks = {"schema": services().schema.problem() or "ok"}
    checks["database"] = "ok" if services().store.reachable() else "unreachable"
    jobs = services().jobs
    reached = jobs.ping()
    if reached is not None:
        checks["queue"] = "ok" if reached else "unreachable"
    ready = all(value == "ok" for value in checks.values())
    return jsonify({"status": "ok" if ready else "unavailable", "checks": checks}), 200 if ready else 503
