"""The studio's routes on the pitch page: likes, with a plain form when scripts are off (the page's script uses the
JSON API instead). How knobs, tokens and costs read is in studio_present.py."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for

from ...services import services
from ...storage.likes import NotLikeable
from ...storage.records import PitchView
from ..extensions import limit_likes
from ..owner import current_owner, ensure_owner
from .access import readable
from .studio_present import member_label, money, usage_words

bp = Blueprint("studio", __name__)

# How costs, usage and group members read on every page (studio_present.py).
bp.add_app_template_filter(money, "money")
bp.add_app_template_filter(usage_words, "usage")
bp.app_context_processor(lambda: {"member_label": member_label})


def _listed(slug: str) -> PitchView:
    view = readable(slug)
    if not view.listed:
        abort(409)
    return view


@bp.get("/p/<slug>/like")
def confirm_like(slug: str):
    """Without scripts, a visitor whose page carries no form token likes through this page."""
    view = _listed(slug)
    return render_template("like.html", pitch=view)


@bp.post("/p/<slug>/like")
@limit_likes
def like(slug: str):
    """Like a published pitch from its page (a form with its CSRF token), once per browser."""
    view = _listed(slug)
    try:
        services().store.like(view.id, ensure_owner())
    except NotLikeable:
        abort(409)
    return _back_to_like(slug)


@bp.post("/p/<slug>/unlike")
@limit_likes
def unlike(slug: str):
    """Take this browser's like back."""
    view = readable(slug)
    owner = current_owner()
    if owner:
        services().store.unlike(view.id, owner)
    return _back_to_like(slug)


def _back_to_like(slug: str):
    # Back where the button was; the button itself shows the new state and count.
    return redirect(url_for("pages.pitch", slug=slug, _anchor="like"), code=303)
