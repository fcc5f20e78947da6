"""What an RQ worker runs: `make_pitch(slug)` and `meeting_turn(message_id)`, with the app that `flask worker`
started."""

from __future__ import annotations

from flask import Flask

_app: Flask | None = None


def bind(app: Flask) -> None:
    """Remember the app whose settings the jobs of this worker use."""
    global _app
    _app = app


def _services():
    if _app is None:
        # RQ imported us outside `flask worker` (e.g. `rq worker`): build the app from the environment.
        from . import create_app

        bind(create_app())
    return _app.extensions["moviepitch"]


def make_pitch(slug: str) -> str | None:
    """Claim and make a pitch (or resume it, or regenerate a part); returns its final status."""
    return _services().run(slug)


def meeting_turn(message_id: int) -> str | None:
    """Write the Movie Boss's answer to a pitch meeting message; returns how the turn ended."""
    return _services().run_turn(message_id)
