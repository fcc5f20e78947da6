"""What an RQ worker runs: `make_pitch(slug)`, with the app that `flask worker` started."""

from __future__ import annotations

from flask import Flask

_app: Flask | None = None


def bind(app: Flask) -> None:
    """Remember the app whose settings the jobs of this worker use."""
    global _app
    _app = app


def make_pitch(slug: str) -> str | None:
    """Claim and make a pitch (or resume it, or regenerate a part); returns its final status."""
    if _app is None:
        # RQ imported us outside `flask worker` (e.g. `rq worker`): build the app from the environment.
        from . import create_app

        bind(create_app())
    return _app.extensions["moviepitch"].run(slug)


def meeting_turn(message_id: int) -> str | None:
    """Write the Movie Boss's answer to a meeting message."""
    if _app is None:
        from . import create_app

        bind(create_app())
    return _app.extensions["moviepitch"].run_turn(message_id)
