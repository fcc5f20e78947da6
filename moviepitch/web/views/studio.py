"""The studio on the pitch page: its knobs, model and cost, its group, and likes, with a plain form when scripts are
off (the page's script uses the JSON API instead); and how knobs, tokens and costs read on every page."""

from __future__ import annotations

import math

from flask import Blueprint, abort, current_app, redirect, render_template, url_for

from ..extensions import limit_likes
from ..owner import current_owner, ensure_owner
from ...storage.records import PitchView
from ...services import services
from ...storage.likes import LikeState, NotLikeable
from ...studio import groups
from ...studio.knobs import KNOBS
from .access import readable
from .present import short_model

bp = Blueprint("studio", __name__)

CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£"}


@bp.app_template_filter("money")
def money(cost: dict | None) -> str:
    """A cost as pages show it: "$0.0042" (two significant digits under one unit), "at least …" when some calls
    had no price; "" for none. static/studio.js writes the same."""
    if not cost:
        return ""
    amount, currency = float(cost["amount"]), cost["currency"]
    decimals = 2 if amount >= 1 or amount <= 0 else max(2, 1 - math.floor(math.log10(amount)))
    number = f"{amount:,.{decimals}f}"
    shown = f"{CURRENCY_SIGNS[currency]}{number}" if currency in CURRENCY_SIGNS else f"{number} {currency}"
    return shown if cost.get("complete", True) else f"at least {shown}"


@bp.app_template_filter("usage")
def usage_words(usage: dict | None) -> str:
    """What calls used, in a few words: "1,234 tokens in · 567 out · 1 image"; "" when they reported nothing."""
    usage = usage or {}
    tokens_in = usage.get("input_tokens", 0) + usage.get("image_input_tokens", 0)
    tokens_out = usage.get("output_tokens", 0) + usage.get("image_output_tokens", 0)
    parts = []
    if tokens_in or tokens_out:
        parts += [f"{tokens_in:,} tokens in", f"{tokens_out:,} out"]
    if usage.get("reasoning_tokens"):
        parts.append(f"{usage['reasoning_tokens']:,} reasoning")
    if usage.get("images"):
        parts.append(f"{usage['images']} image{'s' if usage['images'] != 1 else ''}")
    return " · ".join(parts)


def knob_words(knobs: dict) -> list[tuple[str, str]]:
    """The knobs a pitch was made with, as (label, value) pairs; only those set."""
    return [(knob.label, f"{knobs[knob.name]:g}") for knob in KNOBS if knobs.get(knob.name) is not None]


def member_label(kind: str, view: PitchView | None) -> tuple[str, str]:
    """What a group's page calls one of its pitches: ("High creativity", "1.6"), ("Fast and cheap", "gpt-5.4-mini")."""
    if view is None:
        return "Deleted", ""
    if kind == "takes":
        temperature = view.knobs.get("temperature")
        take = groups.take_of(temperature)
        return (take.label if take else "Creativity"), f"{temperature:g}" if temperature is not None else "default"
    model = view.text_model or view.models.get("text") or ""
    label = {choice.id: choice.label for choice in current_app.config.get("TEXT_MODELS") or ()}.get(model)
    if label and label != model:
        return label, short_model(model)
    return short_model(model) or "The default model", ""


def studio_context(view: PitchView) -> dict:
    """What the pitch page's studio block needs: the group the pitch was made in, and this visitor's like."""
    owner = current_owner()
    like = services().store.like_state(view.id, owner) if view.listed and owner else \
        LikeState(False, view.likes)
    # A visitor without a cookie may be served the page rendered once for all such visitors (page_cache.py), which
    # must carry nobody's CSRF token: without scripts, their like goes through a small page that asks first.
    return {"group": services().store.group_membership(view.id), "like": like, "like_posts": owner is not None,
            "knob_words": knob_words(view.knobs)}


@bp.app_context_processor
def _studio_words():
    return {"member_label": member_label}


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
