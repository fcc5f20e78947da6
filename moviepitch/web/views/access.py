"""Finding the pitch a request names, and checking who may change it."""

from __future__ import annotations

from flask import abort

from ..owner import bearer_token, current_owner, made, owns
from ...storage.records import PitchView
from ...services import services


def readable(slug: str) -> PitchView:
    """The pitch: 404 when there is none, 410 when its owner deleted it."""
    view = services().store.view(slug) or abort(404)
    if view.deleted_at:
        abort(410)
    return view


def owned(slug: str, *, maker: bool = False) -> PitchView:
    """The pitch, when this browser or token owns it: 401 for a forged token, 403 for someone else.

    With `maker`, only the browser (or token) that made the pitch will do: co-owners may change the
    pitch, but not its edit link, its co-owners or whether it exists.
    """
    view = readable(slug)
    if bearer_token() and current_owner() is None:
        abort(401)
    if not owns(view) or (maker and not made(view)):
        abort(403)
    return view
