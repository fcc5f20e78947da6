"""The JSON API: the status document the pitch page polls."""

from __future__ import annotations

from flask import Blueprint, Response, abort, jsonify, request

from ..services import services
from .present import pitch_document

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/pitches/<slug>")
def pitch_status(slug: str):
    """Status, steps, current outputs and poster URLs; 304 when nothing changed."""
    services().notice_interruption(slug)
    store = services().store
    revision = store.revision(slug)
    if revision is None:
        abort(404)
    etag = f"r{revision}"
    # Polled several times a second: answer "unchanged" from one small query.
    if etag in request.if_none_match:
        response = Response(status=304)
    else:
        view = store.view(slug) or abort(404)
        response = jsonify(pitch_document(view))
        etag = f"r{view.revision}"
    response.set_etag(etag)
    response.headers["Cache-Control"] = "no-cache"
    return response
