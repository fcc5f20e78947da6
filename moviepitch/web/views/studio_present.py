"""How the studio reads on the pages: costs, usage, knobs, a group member's label, the pitch page's studio
block, and a group's JSON. Shared by the pitch page, the group page and the templates (through the filters
studio.py registers)."""

from __future__ import annotations

import math

from flask import current_app, url_for

from ...services import services
from ...storage.groups import GroupView, Member
from ...storage.likes import LikeState
from ...storage.records import PitchView
from ...studio import groups
from ...studio.knobs import KNOBS
from ..owner import current_owner
from .present import TEXT_STEPS, absolute_url, pitch_document, short_model

CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£"}


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
    like = services().store.like_state(view.id, owner) if view.listed and owner else LikeState(False, view.likes)
    # A visitor without a cookie may be served the page rendered once for all such visitors (page_cache.py), which
    # must carry nobody's CSRF token: without scripts, their like goes through a small page that asks first.
    return {
        "group": services().store.group_membership(view.id),
        "like": like,
        "like_posts": owner is not None,
        "knob_words": knob_words(view.knobs),
    }


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
        cost = {
            "amount": round(sum(c["amount"] for c in priced), 6),
            "currency": priced[0]["currency"],
            "complete": len(priced) == len(costs),
        }
    return {"usage": {key: value for key, value in usage.items() if value}, "cost": cost}


def group_document(group: GroupView) -> dict:
    """The group's JSON: its idea and kind, and each member's label with its pitch's status document."""
    members = []
    for member, view in members_of(group):
        label, detail = member_label(group.kind, view)
        document = pitch_document(view) if view else None
        members.append(
            {
                "position": member.position,
                "slug": member.slug,
                "label": label,
                "detail": detail,
                "url": url_for("pages.pitch", slug=member.slug),
                "status_url": url_for("api.pitch_status", slug=member.slug),
                "temperature": view.knobs.get("temperature") if view else None,
                "model": short_model(view.text_model or view.models.get("text")) if view else None,
                "elapsed": _elapsed(view) if view else None,
                "writing": writing(document) if document else None,
                "pitch": document,
            }
        )
    return {
        "slug": group.slug,
        "kind": group.kind,
        "idea": group.idea,
        "url": url_for("groups.page", slug=group.slug),
        "permalink": absolute_url("groups.page", slug=group.slug),
        "created_at": group.created_at.isoformat().replace("+00:00", "Z"),
        "members": members,
    }
