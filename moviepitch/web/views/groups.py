"""A group's page (three takes, or a comparison of models, side by side) and its owner's actions.

Anyone with the link can read a group, as with a pitch; only the browser that made it can stop or retry its
pitches from here (each pitch's own page has the rest of its owner's actions).
"""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for

from ...services import services
from ...storage.records import PitchView
from ...vocab import RETRYABLE
from ..errors import error_response
from ..extensions import limit_regeneration
from ..owner import current_owner, owns
from .access import group_of
from .present import page_words
from .studio_present import group_document, members_of

bp = Blueprint("groups", __name__)

HEADINGS = {"takes": "Three takes", "compare": "Compare models"}


@bp.get("/t/<slug>")
def page(slug: str):
    """The group's pitches side by side, each filling in as it is made."""
    group = group_of(slug)
    document = group_document(group)
    return render_template(
        "group.html",
        group=group,
        doc=document,
        heading=HEADINGS[group.kind],
        is_owner=owns(group),
        words=page_words(),
        active=any(m["pitch"] and m["pitch"]["active"] for m in document["members"]),
    )


def _owned_members(slug: str) -> list[PitchView]:
    """The group's pitches this browser may change: 403 for a group that is not its own."""
    group = group_of(slug)
    if current_owner() is None or not owns(group):
        abort(403)
    return [view for _, view in members_of(group) if view is not None and owns(view)]


@bp.post("/t/<slug>/cancel")
def cancel(slug: str):
    """Stop every pitch of the group that is still being made; what is done stays."""
    for view in _owned_members(slug):
        if view.active:
            services().store.request_cancel(view.id)
    return redirect(url_for("groups.page", slug=slug), code=303)


@bp.post("/t/<slug>/retry")
@limit_regeneration
def retry(slug: str):
    """Resume every pitch of the group that failed, stopped or was interrupted, from where it stopped."""
    store = services().store
    reopened = [view for view in _owned_members(slug) if view.status in RETRYABLE and store.reopen(view.id, RETRYABLE)]
    if not reopened:
        return error_response(409, "None of these pitches failed, stopped or was interrupted.")
    for view in reopened:
        services().start(view.slug)  # Busy: 503, see errors.py
    return redirect(url_for("groups.page", slug=slug), code=303)
