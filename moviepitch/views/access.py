"""Finding the pitch a request names, and checking who may change it."""

from __future__ import annotations

from flask import abort

from ..owner import bearer_token, current_owner, owns
from ..records import PitchView
from ..services import services


def readable(slug: str) -> PitchView:
    """The pitch: 404 when there is none, 410 when its owner deleted it."""
    view = services().store.view(slug) or abort(404)
    if view.deleted_at:
        abort(410)
    return view


def owned(slug: str) -> PitchView:
    """The pitch, when this browser or token owns it: 401 for a forged token, 403 for someone else."""
    view = readable(slug)
    if bearer_token() and current_owner() is None:
        abort(401)
    if not owns(view):
        abort(403)
    return view
