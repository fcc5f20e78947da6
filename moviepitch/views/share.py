"""Sharing pages: my pitches, the gallery, publishing, edit links, reports, deletion."""

from __future__ import annotations

import base64
from datetime import datetime

from flask import (
    Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for,
)

from .. import sharing
from ..extensions import csrf, limiter
from ..owner import current_owner, ensure_owner, owns
from ..services import services
from .access import owned, readable
from .actions import back_to

bp = Blueprint("share", __name__)

GALLERY_PAGE = 12
EDIT_LINK_KEY = "edit_links"  # session key: edit links to show once, by slug


def encode_cursor(cursor: tuple[datetime, int] | None) -> str | None:
    """An opaque, URL-safe gallery cursor."""
    if cursor is None:
        return None
    at, pitch_id = cursor
    return base64.urlsafe_b64encode(f"{at.isoformat()}|{pitch_id}".encode()).decode().rstrip("=")


def decode_cursor(text: str | None) -> tuple[datetime, int] | None:
    """The (published_at, id) behind a cursor; a malformed one is a 400."""
    if not text:
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
        at, pitch_id = raw.rsplit("|", 1)
        return datetime.fromisoformat(at), int(pitch_id)
    except ValueError:
        abort(400)


@bp.get("/gallery")
def gallery():
    """Published pitches, newest first, a page at a time."""
    cards, cursor = sharing.gallery(services().store, before=decode_cursor(request.args.get("before")),
                                    limit=GALLERY_PAGE)
    return render_template("gallery.html", cards=cards, next_cursor=encode_cursor(cursor),
                           first_page=not request.args.get("before"))


@bp.get("/mine")
def mine():
    """This browser's pitches, newest first."""
    page = request.args.get("page", 1, type=int)
    if page < 1:
        abort(400)
    owner_id = current_owner()
    cards, more = sharing.mine(services().store, owner_id, page=page) if owner_id else ([], False)
    return render_template("mine.html", cards=cards, page=page, more=more)


@bp.post("/p/<slug>/publish")
def publish(slug: str):
    """Put the pitch in the public gallery."""
    view = owned(slug)
    if not sharing.publish(services().store, view.id, True):
        flash("Only a finished pitch can go in the gallery.", "warn")
    return back_to(slug)


@bp.post("/p/<slug>/unpublish")
def unpublish(slug: str):
    """Take the pitch out of the gallery; its link keeps working."""
    sharing.publish(services().store, owned(slug).id, False)
    return back_to(slug)


@bp.get("/p/<slug>/delete")
def confirm_delete(slug: str):
    """Ask before deleting: there is no undo."""
    view = owned(slug)
    return render_template("delete.html", pitch=view)


@bp.post("/p/<slug>/delete")
def delete(slug: str):
    """Erase the pitch; its link answers 410 Gone from now on."""
    sharing.delete_pitch(services().store, owned(slug).id)
    flash("The pitch was deleted.", "info")
    return redirect(url_for("share.mine"), code=303)


@bp.post("/p/<slug>/edit-link")
def edit_link(slug: str):
    """Mint a new secret edit link (the old one stops working) and show it once."""
    remember_edit_link(slug, sharing.new_edit_link(services().store, owned(slug).id))
    return back_to(slug)


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


@bp.get("/p/<slug>/edit/<secret>")
def join(slug: str, secret: str):
    """Opened in another browser, the edit link makes that browser an owner too."""
    if not sharing.join_by_edit_link(services().store, slug, secret, ensure_owner()):
        abort(404)
    flash("This browser is now an owner of this pitch.", "info")
    return back_to(slug)


@bp.post("/p/<slug>/report")
@csrf.exempt  # so a finished page is the same for every visitor (cacheable); reports are rate-limited
@limiter.limit(lambda: current_app.config["REPORT_LIMIT"])
def report(slug: str):
    """Tell the operators a published pitch should not be in the gallery."""
    view = readable(slug)
    if not view.listed or owns(view):
        abort(409)
    reporter = current_owner() or request.remote_addr or "anonymous"
    sharing.report(services().store, view.id, reporter, request.form.get("reason", "").strip())
    flash("Thank you. An operator will look at this pitch.", "info")
    return back_to(slug)
