"""The pitch meeting's routes: the owner's forms on the pitch page (CSRF) and their JSON twins under /api.

Only a pitch's owners may hold its meeting (owner cookie, co-owners through the edit link, bearer tokens):
everyone else gets 403 on every route here. The JSON twins take application/json or a bearer token (415
otherwise), as the rest of the API does, which is why they need no CSRF token.
"""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, redirect, request, url_for

from ...jobs import Busy
from ...meeting import applying, diffs
from ...services import services
from ...storage.meeting import Message, TurnTaken
from ...storage.records import PitchView
from ..errors import refused
from ..extensions import limit_meeting, limit_regeneration
from ..forms import message_problem
from ..http_cache import etag, revalidated
from .access import json_body, json_or_token, owned, unprocessable
from .meeting_present import closed_reason, meeting_document, message_document
from .pages import render_pitch

bp = Blueprint("meeting", __name__)
api_bp = Blueprint("meeting_api", __name__, url_prefix="/api")

PASSAGE_MAX = 2000


class Unprocessable(Exception):
    """Fields that cannot be used, by name: what 422 says."""

    def __init__(self, fields: dict[str, list[str]]):
        super().__init__(fields)
        self.fields = fields


def _fields(text, passage, alternatives, view: PitchView) -> tuple[str, str | None, int]:
    """The message, the passage (expanded to whole sentences of the synopsis) and the alternatives asked for."""
    errors = {}
    problem = message_problem(text)
    if problem:
        errors["message"] = [problem]
    if isinstance(alternatives, bool) or alternatives not in (1, 3, "1", "3", None, ""):
        errors["alternatives"] = ["Ask for 1 proposal or 3 alternatives."]
    sentences = None
    if passage not in (None, ""):
        synopsis = view.text("synopsis")
        span = (
            diffs.passage_span(synopsis, passage) if isinstance(passage, str) and len(passage) <= PASSAGE_MAX else None
        )
        if span is None:
            errors["passage"] = ["That passage is not in the synopsis on show: select it again."]
        else:
            sentences = diffs.passage_text(synopsis, span)
    if errors:
        raise Unprocessable(errors)
    return text.strip().replace("\r\n", "\n"), sentences, int(alternatives or 1)


def _send(view: PitchView, text, passage, alternatives) -> tuple[int, int]:
    """Start a turn: the ids of the owner's message and of the boss's answer to come. Raises Unprocessable or
    applying.Refused (with the status to answer)."""
    text, passage, alternatives = _fields(text, passage, alternatives, view)
    closed = closed_reason(view)
    if closed:
        raise applying.Refused(closed)
    svc = services()
    if svc.budget.money_spent() or not svc.budget.spend("turns"):
        raise applying.Refused("Today's budget for the Movie Boss is spent. Try again tomorrow.", 429)
    try:
        asked, answer = svc.store.start_turn(view.id, text, passage, alternatives)
    except TurnTaken:
        svc.budget.refund("turns")
        raise applying.Refused("The Movie Boss is still answering your last message.") from None
    try:
        svc.start_turn(answer)
    except Busy:
        svc.store.take_back_turn(asked, answer)
        svc.budget.refund("turns")
        raise applying.Refused("Every writer is busy. Try again in a moment.", 503) from None
    return asked, answer


def _message(view: PitchView, message_id: int) -> Message:
    return services().store.message(message_id, view.id) or abort(404)


def _settle(view: PitchView, message_id: int, action: str, option: int = 0, paint: bool = False) -> tuple[str, ...]:
    """Apply, reject or undo a proposal; the chain's steps it started again, if any."""
    store, message = services().store, _message(view, message_id)
    if action == "reject":
        applying.reject(store, message)
        return ()
    if action == "undo":
        applying.undo(store, view, message)
        return ()
    steps = applying.apply(store, view, message, option, paint)
    if steps:
        try:
            services().start(view.slug)
        except Busy:
            pass  # it shows as interrupted, and its owner can resume it
    return steps


def _expired(view: PitchView) -> None:
    """Fail a turn whose runner went quiet, so the meeting never stays busy for ever."""
    svc = services()
    svc.store.expire_turns(view.id, svc.staleness.queued, svc.turn_quiet)


def _back(slug: str, anchor: str = "meeting"):
    return redirect(url_for("pages.pitch", slug=slug, _anchor=anchor), code=303)


# The owner's forms on the pitch page.


@bp.post("/p/<slug>/meeting")
@limit_meeting
def send(slug: str):
    """Send the Movie Boss a message (about a passage of the synopsis, or asking for three alternatives)."""
    view = owned(slug)
    _expired(view)
    try:
        _send(view, request.form.get("message", ""), request.form.get("passage"), request.form.get("alternatives"))
    except Unprocessable as exc:
        page = render_pitch(
            view,
            meeting_errors=exc.fields,
            meeting_typed=request.form.get("message", ""),
            meeting_passage=request.form.get("passage") or "",
        )
        return page, 422
    except applying.Refused as exc:
        return refused(exc.status, exc.message)
    return _back(slug)


@bp.post("/p/<slug>/meeting/<int:message_id>/apply")
@limit_regeneration
def apply(slug: str, message_id: int):
    """Apply a proposal (option N of three alternatives; with paint=1, and paint a new poster)."""
    return settle(slug, message_id, "apply")


@bp.post("/p/<slug>/meeting/<int:message_id>/<any(reject, undo):action>")
def settle(slug: str, message_id: int, action: str):
    """Turn a proposal down, or undo an applied one."""
    view = owned(slug)
    option = request.form.get("option", 0, type=int)
    try:
        _settle(view, message_id, action, option, request.form.get("paint") == "1")
    except applying.Refused as exc:
        return refused(exc.status, exc.message)
    return _back(slug, f"message-{message_id}")


# The JSON twins.


@api_bp.get("/pitches/<slug>/meeting")
def meeting(slug: str):
    """The meeting: every message, the proposals with their diffs, and whether a turn is busy (ETag, 304)."""
    view = owned(slug)
    svc = services()
    now = svc.store.meeting_state(view.id)
    if now.busy_state:
        _expired(view)
        now = svc.store.meeting_state(view.id)
    # The document shows diffs against the pitch on show, so the pitch's revision is part of its fingerprint.
    return revalidated(
        etag("m", view.revision, now.count, now.revisions),
        lambda: jsonify(meeting_document(view, svc.store.conversation(view.id), svc.store.latest_summary(view.id))),
    )


@api_bp.post("/pitches/<slug>/meeting")
@limit_meeting
def send_json(slug: str):
    """Send the Movie Boss a message: 202 with the message and the answer to come (poll the meeting for it)."""
    body = json_body()
    view = owned(slug)
    _expired(view)
    try:
        asked, answer = _send(view, body.get("message"), body.get("passage"), body.get("alternatives"))
    except Unprocessable as exc:
        return unprocessable(exc.fields)
    except applying.Refused as exc:
        return refused(exc.status, exc.message)
    store = services().store
    response = jsonify(
        {
            "message": message_document(view, store.message(asked)),
            "answer": message_document(view, store.message(answer)),
            "meeting_url": url_for("meeting_api.meeting", slug=slug),
        }
    )
    response.headers["Location"] = url_for("meeting_api.meeting", slug=slug)
    return response, 202


@api_bp.post("/pitches/<slug>/meeting/<int:message_id>/apply")
@limit_regeneration
def apply_json(slug: str, message_id: int):
    """Apply a proposal ({"option": 0, "paint": false}): the message after it, and the steps that re-run."""
    return settle_json(slug, message_id, "apply")


@api_bp.post("/pitches/<slug>/meeting/<int:message_id>/<any(reject, undo):action>")
def settle_json(slug: str, message_id: int, action: str):
    """Turn a proposal down, or undo an applied one: the message after it."""
    json_or_token()
    body = request.get_json(silent=True) if request.is_json else {}
    view = owned(slug)
    body = body if isinstance(body, dict) else {}
    option, paint = body.get("option", 0), body.get("paint", False)
    if isinstance(option, bool) or not isinstance(option, int) or not isinstance(paint, bool):
        return unprocessable({"option": ["Send the option as a number (0, 1 or 2) and paint as true or false."]})
    try:
        steps = _settle(view, message_id, action, option, paint)
    except applying.Refused as exc:
        return refused(exc.status, exc.message)
    store = services().store
    view = store.view(slug)
    return jsonify(
        {
            "message": message_document(view, _message(view, message_id)),
            "rerunning": list(steps),
            "status_url": url_for("api.pitch_status", slug=slug),
        }
    )
