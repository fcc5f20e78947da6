"""Sharing pages: my pitches, the gallery, publishing, edit links, reports, deletion."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)

from ...services import services
from ...storage import sharing
from ...vocab import PUBLISHABLE
from ..extensions import limiter
from ..input_bounds import LARGEST_ID, page_number
from ..owner import browser_label, current_owner, ensure_owner, owns
from .access import back_to, owned, readable, remember_edit_link
from .present import STATUS_WORDS, absolute_url

bp = Blueprint("share", __name__)

GALLERY_PAGE = 12


def encode_cursor(cursor: tuple | None) -> str | None:
    """An opaque, URL-safe gallery cursor: (published_at, id), or (likes, published_at, id) for the most liked."""
    if cursor is None:
        return None
    parts = [part.isoformat() if isinstance(part, datetime) else str(part) for part in cursor]
    return base64.urlsafe_b64encode("|".join(parts).encode()).decode().rstrip("=")


def decode_cursor(text: str | None, order: str = "newest") -> tuple | None:
    """The keys behind a cursor of the gallery in `order`; a malformed one is a 400."""
    if not text:
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
        *counts, at, pitch_id = raw.split("|")
        if len(counts) != len(sharing.GALLERY_ORDERS[order]) - 2:
            raise ValueError("a cursor of another order")
        numbers = [int(count) for count in counts] + [int(pitch_id)]
        moment = datetime.fromisoformat(at)
    except ValueError:  # also bad base64, bad UTF-8, too few parts
        abort(400)
    if not 0 < numbers[-1] <= LARGEST_ID or not all(0 <= number <= LARGEST_ID for number in numbers[:-1]):
        abort(400)
    return *numbers[:-1], moment if moment.tzinfo else moment.replace(tzinfo=UTC), numbers[-1]


@bp.get("/gallery")
def gallery():
    """Published pitches, newest or most liked first (?sort=likes), a page at a time."""
    order = "likes" if request.args.get("sort") == "likes" else "newest"
    cards, cursor = services().store.gallery(
        before=decode_cursor(request.args.get("before"), order), limit=GALLERY_PAGE, order=order
    )
    return render_template(
        "gallery.html",
        cards=cards,
        next_cursor=encode_cursor(cursor),
        order=order,
        first_page=not request.args.get("before"),
    )


@bp.get("/mine")
def mine():
    """This browser's pitches, newest first."""
    try:
        page = page_number(request.args.get("page", "1"))
    except ValueError:
        abort(400)
    owner_id = current_owner()
    cards, more = services().store.mine(owner_id, page=page) if owner_id else ([], False)
    return render_template("mine.html", cards=cards, page=page, more=more, status_words=STATUS_WORDS)


@bp.get("/p/<slug>/publish")
def confirm_publish(slug: str):
    """Ask before publishing, and hand over the link to share."""
    view = owned(slug)
    if view.published_at is not None:
        return back_to(slug)  # already published (or taken out by an operator)
    if view.status not in PUBLISHABLE:
        flash("Only a finished pitch can go in the gallery.", "warn")
        return back_to(slug)
    return render_template("publish.html", pitch=view, permalink=absolute_url("pages.pitch", slug=slug))


@bp.post("/p/<slug>/publish")
def publish(slug: str):
    """Put the pitch in the public gallery."""
    view = owned(slug)
    if services().store.publish(view.id, True):
        flash("Published: it is in the gallery now, and its link below is ready to share.", "info")
    else:
        flash("Only a finished pitch can go in the gallery.", "warn")
    return back_to(slug)


@bp.post("/p/<slug>/unpublish")
def unpublish(slug: str):
    """Take the pitch out of the gallery; its link keeps working."""
    services().store.publish(owned(slug).id, False)
    return back_to(slug)


@bp.get("/p/<slug>/delete")
def confirm_delete(slug: str):
    """Ask before deleting: there is no undo."""
    view = owned(slug, maker=True)
    return render_template("delete.html", pitch=view)


@bp.post("/p/<slug>/delete")
def delete(slug: str):
    """Erase the pitch; its link answers 410 Gone from now on."""
    services().store.tombstone_pitch(owned(slug, maker=True).id)
    flash("The pitch was deleted.", "info")
    return redirect(url_for("share.mine"), code=303)


@bp.post("/p/<slug>/edit-link")
def edit_link(slug: str):
    """Mint a new secret edit link and show it once; the old one, and the access it gave, end."""
    view = owned(slug, maker=True)
    remember_edit_link(slug, services().store.new_edit_link(view.id))
    if view.co_owners:
        flash("The old edit link no longer works, and the browsers that joined with it are no longer owners.", "info")
    # Asked for, so shown: the fragment unfolds the link on the page.
    return redirect(url_for("pages.pitch", slug=slug, _anchor="edit-link"), code=303)


@bp.post("/p/<slug>/co-owners/<handle>/remove")
def remove_co_owner(slug: str, handle: str):
    """Stop one co-owner from changing the pitch."""
    view = owned(slug, maker=True)
    if not services().store.remove_co_owner(view.id, handle):
        abort(404)
    flash("That browser is no longer an owner of this pitch.", "info")
    return back_to(slug)


@bp.get("/p/<slug>/edit/<secret>")
def confirm_join(slug: str, secret: str):
    """The edit link asks before it makes this browser an owner: a GET must change nothing."""
    view = readable(slug)
    if not services().store.edit_link_matches(slug, secret):
        abort(404)
    if owns(view):
        flash("This browser already owns this pitch.", "info")
        return back_to(slug)
    return render_template("join.html", pitch=view, secret=secret)


@bp.post("/p/<slug>/edit/<secret>")
def join(slug: str, secret: str):
    """Confirmed (with the form's CSRF token), the edit link makes this browser an owner too."""
    device = browser_label(request.headers.get("User-Agent"))
    if not services().store.join_by_edit_link(slug, secret, ensure_owner(), device):
        abort(404)
    flash("This browser is now an owner of this pitch.", "info")
    return back_to(slug)


@bp.get("/p/<slug>/report")
def report_form(slug: str):
    """Ask what is wrong before reporting (the form carries a CSRF token; the shared page need not)."""
    view = readable(slug)
    if not view.listed or owns(view):
        abort(409)
    return render_template("report.html", pitch=view)


@bp.post("/p/<slug>/report")
@limiter.limit(lambda: current_app.config["REPORT_LIMIT"])
def report(slug: str):
    """Tell the operators a published pitch should not be in the gallery."""
    view = readable(slug)
    if not view.listed or owns(view):
        abort(409)
    reporter = current_owner() or request.remote_addr or "anonymous"
    services().store.report(view.id, reporter, request.form.get("reason", "").strip())
    flash("Thank you. An operator will look at this pitch.", "info")
    return back_to(slug)
