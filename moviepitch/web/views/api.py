"""The JSON API: create, list, read, publish and delete pitches.

Only application/json bodies or a bearer token are taken, which no cross-site form can send;
that is why the blueprint is exempt from CSRF tokens.
"""

from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, Response, abort, jsonify, request, url_for

from ...services import services
from ...storage.likes import NotLikeable
from ...studio import groups
from ..errors import error_response
from ..extensions import limit_creation, limit_likes
from ..forms import json_group, json_settings, one_line, submitted_idea_problem
from ..http_cache import etag, revalidated
from ..owner import current_owner, ensure_owner, signed
from .access import (
    group_of,
    json_body,
    json_or_token,
    mint_edit_links,
    owned,
    readable,
    token_checked,
    unprocessable,
)
from .openapi import document as openapi_document
from .present import absolute_url, pitch_document
from .studio_present import group_document

bp = Blueprint("api", __name__, url_prefix="/api")

LIST_LIMIT = 50


def _summary(card) -> dict:
    return {
        "slug": card.slug,
        "url": url_for("pages.pitch", slug=card.slug),
        "idea": card.idea,
        "title": card.title or None,
        "status": card.status,
        "thumb_url": url_for("pages.thumb_version", slug=card.slug, version=card.poster_version)
        if card.poster_version
        else None,
        "published": card.published_at is not None,
    }


def _checked(body: dict, check) -> tuple:
    """(what `check` made of the request's fields, None), or (None, the 422 answer) naming every field's problem,
    the idea's among them."""
    problem = submitted_idea_problem()
    made, errors = check(body)
    if problem:
        errors = {"idea": [problem], **errors}
    return (None, unprocessable(errors)) if errors else (made, None)


@bp.post("/pitches")
@limit_creation
def create():
    """Create a pitch from {"idea": ...} and optional knobs and models: 202 with its slug, links and the owner token."""
    body = json_body()
    settings, unusable = _checked(body, json_settings)
    if unusable:
        return unusable
    token_checked()
    owner_id = ensure_owner()
    slug = services().create_pitch(one_line(body["idea"]), owner_id, settings)  # Busy, OverBudget: errors.py
    mint_edit_links([slug])
    response = jsonify(
        {
            "slug": slug,
            "url": url_for("pages.pitch", slug=slug),
            "permalink": absolute_url("pages.pitch", slug=slug),
            "status_url": url_for("api.pitch_status", slug=slug),
            "owner_token": signed(owner_id),
        }
    )
    response.headers["Location"] = url_for("api.pitch_status", slug=slug)
    return response, 202


@bp.get("/pitches")
def list_mine():
    """The pitches of the owner cookie or bearer token (`?mine=1`), newest first."""
    if request.args.get("mine") not in ("1", "true"):
        return error_response(
            400, "Only your own pitches can be listed here: add ?mine=1. Published pitches are in the gallery."
        )
    token_checked()
    owner_id = current_owner()
    cards, _ = services().store.mine(owner_id, per_page=LIST_LIMIT) if owner_id else ([], False)
    return jsonify({"pitches": [_summary(card) for card in cards]})


@bp.get("/pitches/<slug>")
def pitch_status(slug: str):
    """Status, steps, current outputs and poster URLs; 304 when nothing changed."""
    state = services().poll(slug) or abort(404)
    # Polled several times a second: answer "unchanged" from one small query.
    response = revalidated(etag("r", state.revision), lambda: _status_document(slug))
    # What it cost is shown to its owners only: a shared cache must not hand one visitor's copy to another.
    response.vary.update(("Cookie", "Authorization"))
    return response


def _status_document(slug: str) -> Response:
    view = readable(slug)
    response = jsonify(pitch_document(view))
    response.set_etag(etag("r", view.revision))  # the revision read, which may be newer than the one polled
    return response


@bp.patch("/pitches/<slug>")
def update(slug: str):
    """Publish or unpublish with {"published": true|false} (owner only)."""
    body = json_body()
    view = owned(slug)
    published = body.get("published")
    if not isinstance(published, bool) or set(body) - {"published"}:
        return unprocessable({"published": ['Send only {"published": true} or {"published": false}.']})
    if not services().store.publish(view.id, published):
        return error_response(409, "Only a finished pitch can be published.")
    return jsonify(pitch_document(services().store.view(slug)))


@bp.delete("/pitches/<slug>")
def remove(slug: str):
    """Delete a pitch (its maker only, by bearer token or a JSON request); its link then answers 410."""
    json_or_token()
    services().store.tombstone_pitch(owned(slug, maker=True).id)
    return Response(status=204)


@bp.get("/pitches/<slug>/like")
def like_state(slug: str):
    """Whether this visitor likes the pitch, and how many do."""
    token_checked()
    return jsonify(asdict(services().store.like_state(readable(slug).id, current_owner())))


def _likeable(slug: str):
    """The pitch a like or unlike names, for a JSON request or a valid token."""
    json_or_token()
    view = readable(slug)
    token_checked()
    return view


@bp.post("/pitches/<slug>/like")
@limit_likes
def like(slug: str):
    """Like a published pitch, once per visitor (cookie or token); 409 when it is not in the gallery."""
    view = _likeable(slug)
    try:
        state = services().store.like(view.id, ensure_owner())
    except NotLikeable:
        return error_response(409, "Only a pitch in the gallery can be liked.")
    return jsonify(asdict(state))


@bp.delete("/pitches/<slug>/like")
@limit_likes
def unlike(slug: str):
    """Take this visitor's like back (nothing happens when there was none)."""
    view = _likeable(slug)
    owner_id = current_owner()
    state = services().store.unlike(view.id, owner_id) if owner_id else services().store.like_state(view.id, None)
    return jsonify(asdict(state))


@bp.post("/groups")
@limit_creation
def create_group():
    """Three takes ({"kind": "takes"}) or a comparison of models ({"kind": "compare", "models": [...]}) of one idea:
    202 with the group's slug and links, its pitches, and the owner token; all or none of its pitches are made."""
    body = json_body()
    form, unusable = _checked(body, json_group)
    if unusable:
        return unusable
    token_checked()
    owner_id = ensure_owner()
    slug, slugs = groups.create(services(), one_line(body["idea"]), owner_id, form.kind.data, form.members())
    mint_edit_links(slugs)
    response = jsonify(
        {
            "slug": slug,
            "url": url_for("groups.page", slug=slug),
            "permalink": absolute_url("groups.page", slug=slug),
            "status_url": url_for("api.group_status", slug=slug),
            "owner_token": signed(owner_id),
            "pitches": [
                {
                    "slug": pitch,
                    "url": url_for("pages.pitch", slug=pitch),
                    "status_url": url_for("api.pitch_status", slug=pitch),
                }
                for pitch in slugs
            ],
        }
    )
    response.headers["Location"] = url_for("api.group_status", slug=slug)
    return response, 202


@bp.get("/groups/<slug>")
def group_status(slug: str):
    """A group: its idea and kind, and each pitch's label and status document; 304 when none of them changed."""
    group = group_of(slug)
    response = revalidated(services().store.group_revision(group), lambda: jsonify(group_document(group)))
    response.vary.update(("Cookie", "Authorization"))
    return response


@bp.get("/openapi.json")
def openapi():
    """The API's OpenAPI 3 description."""
    return jsonify(openapi_document())
