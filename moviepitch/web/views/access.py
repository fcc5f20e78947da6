"""Finding the pitch a request names, checking who may change it and what it sent, its edit links, and the way
back to its page: what the pages and the JSON routes share."""

from __future__ import annotations

from flask import abort, jsonify, redirect, request, session, url_for

from ...services import services
from ...storage.groups import GroupView
from ...storage.records import PitchView
from ..owner import bearer_token, current_owner, made, owns

EDIT_LINK_KEY = "edit_links"  # session key: edit links to show once, by slug


def readable(slug: str) -> PitchView:
    """The pitch: 404 when there is none, 410 when its owner deleted it."""
    view = services().store.view(slug) or abort(404)
    if view.deleted_at:
        abort(410)
    return view


def group_of(slug: str) -> GroupView:
    """The group: 404 when there is none."""
    return services().store.group(slug) or abort(404)


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


def json_body() -> dict:
    """The request's JSON object: 415 when it is not JSON, 400 when it is not an object."""
    if not request.is_json:
        abort(415)
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400)
    return body


def json_or_token() -> None:
    """415 unless the request is JSON or carries a bearer token: what no cross-site form can send."""
    if not bearer_token() and not request.is_json:
        abort(415)


def token_checked() -> None:
    """401 for a bearer token that is not valid."""
    if bearer_token() and current_owner() is None:
        abort(401)


def unprocessable(errors: dict[str, list[str]]):
    """422 as JSON, naming each field's problems."""
    response = jsonify(
        {
            "error": {
                "status": 422,
                "title": "Please check what you sent",
                "message": "Some fields could not be used.",
                "fields": errors,
            }
        }
    )
    return response, 422


def back_to(slug: str):
    """303 to the pitch's page, after a form changed it."""
    return redirect(url_for("pages.pitch", slug=slug), code=303)


def mint_edit_links(slugs: list[str]) -> None:
    """Give new pitches their edit links, to show once on their pages: for pitches made with the form only.

    This is the one place that decides. A browser shows the link to the person who made the pitch, once, from
    the session. A JSON client gets its owner token instead (the API's answer as its OpenAPI document describes
    it), and a link minted for it would be a secret nobody ever sees.
    """
    if request.is_json:
        return
    store = services().store
    for slug in slugs:
        remember_edit_link(slug, store.new_edit_link(store.pitch_id(slug)))


def remember_edit_link(slug: str, secret: str) -> None:
    """Keep an edit link in the session until the owner's next view of the page."""
    links = session.get(EDIT_LINK_KEY, {})
    links[slug] = secret
    session[EDIT_LINK_KEY] = links


def pop_edit_link(slug: str, keep: bool = False) -> str | None:
    """The edit link to show on this page view, if one is waiting; forgotten unless `keep`."""
    links = session.get(EDIT_LINK_KEY, {})
    secret = links.get(slug) if keep else links.pop(slug, None)
    if secret is not None and not keep:
        session[EDIT_LINK_KEY] = links
    return secret
