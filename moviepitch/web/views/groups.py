"""A group's page (three takes, or a comparison of models, side by side), its owner's actions, and its JSON.

Anyone with the link can read a group, as with a pitch; only the browser that made it can stop or retry its
pitches from here (each pitch's own page has the rest of its owner's actions).
"""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for

from ..errors import error_response
from ..extensions import limit_regeneration
from ...jobs import Busy
from ..owner import current_owner, owns
from ...storage.records import PitchView
from ...services import services
from ...storage.store import RETRYABLE
from ...storage.groups import GroupView, Member
from .actions import RETRY_AFTER_SECONDS
from .present import TEXT_STEPS, absolute_url, page_words, pitch_document, short_model
from .studio import member_label

bp = Blueprint("groups", __name__)

HEADINGS = {"takes": "Three takes", "compare": "Compare models"}


def group_of(slug: str) -> GroupView:
    """The group: 404 when there is none."""
    return services().store.group(slug) or abort(404)


def members_of(group: GroupView) -> list[tuple[Member, PitchView | None]]:
    """Each member with its pitch (None once its owner deleted it)."""
    store = services().store
    views = [(member, store.view(member.slug)) for member in group.members]
    return [(member, view if view and not view.deleted_at else None) for member, view in views]


def _elapsed(view: PitchView) -> float | None:
    """How long the pitch took to make, from its first step to its last (None until it is finished)."""
    if view.active or not (view.started_at and view.finished_at):
        return None
    return round((view.finished_at - view.started_at).total_seconds(), 2)


WRITING_USAGE = ("input_tokens", "cached_input_tokens", "output_tokens", "reasoning_tokens")


def writing(doc: dict) -> dict:
    """What the text steps of a pitch (its status document) used and cost: the part a comparison of text models
    is about, the poster being painted by the same model for each. static/studio.js adds it up the same way."""
    steps = [step for step in doc["steps"] if step["name"] in TEXT_STEPS and step["usage"]]
    usage = {key: sum(step["usage"].get(key, 0) for step in steps) for key in WRITING_USAGE}
    costs = [step["cost"] for step in steps]
    priced = [cost for cost in costs if cost]
    cost = None
    if priced:
        cost = {"amount": round(sum(c["amount"] for c in priced), 6), "currency": priced[0]["currency"],
                "complete": len(priced) == len(costs)}
    return {"usage": {key: value for key, value in usage.items() if value}, "cost": cost}


def group_document(group: GroupView) -> dict:
    """The group's JSON: its idea and kind, and each member's label with its pitch's status document."""
    members = []
    for member, view in members_of(group):
        label, detail = member_label(group.kind, view)
        document = pitch_document(view) if view else None
        members.append({
            "position": member.position, "slug": member.slug, "label": label, "detail": detail,
            "url": url_for("pages.pitch", slug=member.slug),
            "status_url": url_for("api.pitch_status", slug=member.slug),
            "temperature": view.knobs.get("temperature") if view else None,
            "model": short_model(view.text_model or view.models.get("text")) if view else None,
            "elapsed": _elapsed(view) if view else None,
            "writing": writing(document) if document else None,
            "pitch": document,
        })
    return {"slug": group.slug, "kind": group.kind, "idea": group.idea,
            "url": url_for("groups.page", slug=group.slug),
            "permalink": absolute_url("groups.page", slug=group.slug),
            "created_at": group.created_at.isoformat().replace("+00:00", "Z"), "members": members}


@bp.get("/t/<slug>")
def page(slug: str):
    """The group's pitches side by side, each filling in as it is made."""
    group = group_of(slug)
    document = group_document(group)
    return render_template(
        "group.html", group=group, doc=document, heading=HEADINGS[group.kind], is_owner=owns(group),
        words=page_words(), active=any(m["pitch"] and m["pitch"]["active"] for m in document["members"]))


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
    reopened = [view for view in _owned_members(slug)
                if view.status in RETRYABLE and store.reopen(view.id, RETRYABLE)]
    if not reopened:
        return error_response(409, "None of these pitches failed, stopped or was interrupted.")
    try:
        for view in reopened:
            services().start(view.slug)
    except Busy:
        response, status = error_response(503)
        return response, status, {"Retry-After": str(RETRY_AFTER_SECONDS)}
    return redirect(url_for("groups.page", slug=slug), code=303)
