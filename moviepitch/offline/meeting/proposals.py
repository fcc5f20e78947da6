"""Proposals: the pitch re-planned with every change so far plus this one, and the parts that changed, written."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ..plan import StoryPlan
from ..poster_text import write_image_prompt
from ..writers import write_synopsis
from . import voice
from .asks import Ask, read_asks
from .replan import apply
from .titling import genre_title

# The parts each kind of change rewrites.
PARTS = {
    "genre": ("synopsis", "title", "image_prompt"),
    "tone": ("synopsis",),
    "setting": ("synopsis", "image_prompt", "title"),
    "cast": ("synopsis", "cast", "image_prompt"),
    "length": ("synopsis",),
    "title": ("title",),
    "look": ("image_prompt",),
    "twist": ("synopsis",),
}
# A new synopsis brings its cast list along when its people changed (a new genre's side characters): the app
# reads the cast from the synopsis's brackets, and the card shows the same.


def apply_all(plan: StoryPlan, asks: list[Ask], angle: int = 0) -> StoryPlan:
    """The plan with every change of one message made; a new genre brings a new title."""
    for ask in asks:
        before = plan
        plan = apply(plan, ask, angle)
        if ask.kind == "genre" and (plan.genres, plan.label) != (before.genres, before.label):
            plan = replace(plan, title=genre_title(plan, before.title, angle))
        elif (
            ask.kind in ("setting", "length", "twist", "cast")
            and angle
            and ask.value not in ("add", "younger", "older", "recast")
        ):
            plan = replace(plan, extras={**plan.extras, "draw": angle, "turn": plan.extras.get("turn", 0) + angle})
    return plan


def rebuild(base: StoryPlan, applied: Any) -> StoryPlan:
    """The plan as the pitch on show stands: the idea's own, with every applied message's changes, oldest first.

    Each entry is the message (a string), or a mapping with "message" (or "content"), and optionally
    "alternative" (which of three alternatives was applied, 1 to 3) and "passage" (a change to one
    sentence, which the plan does not hold: the synopsis on show already has it)."""
    plan = base
    for entry in applied or ():
        if isinstance(entry, Mapping):
            if entry.get("passage"):
                continue
            message = str(entry.get("message") or entry.get("content") or "")
            angle = max(_whole(entry.get("alternative"), 1) - 1, 0)
        else:
            message, angle = str(entry), 0
        plan = apply_all(plan, read_asks(message), angle)
    return plan


def written(plan: StoryPlan, variant: int) -> dict[str, Any]:
    """Every part a proposal may change, written from the plan."""
    return {
        "synopsis": write_synopsis(plan),
        "title": plan.title,
        "image_prompt": write_image_prompt(plan, variant),
        "cast": [{"character": name, "actor": actor} for name, actor in plan.cast],
    }


def proposal(
    asks: list[Ask], current: StoryPlan, shown: Mapping[str, Any], variant: int, angle: int | None = None
) -> dict[str, Any] | None:
    """A proposal card for the asks (None when nothing would change): summary, reason and the changed parts."""
    new = apply_all(current, asks, angle or 0)
    parts = {part for ask in asks for part in PARTS[ask.kind]}
    if "synopsis" in parts:
        parts.add("cast")
    fresh = written(new, variant)
    changes = {
        part: fresh[part]
        for part in ("title", "synopsis", "cast", "image_prompt")
        if part in parts and _differs(fresh[part], shown.get(part))
    }
    if (
        "title" in changes
        and not any(a.kind in ("genre", "title") for a in asks)
        and current.setting.name not in str(shown.get("title", ""))
    ):
        del changes["title"]  # a new place retitles only a title that named the old one
    if not changes:
        return None
    return {"summary": voice.summary(asks, new, angle), "reason": voice.reason(asks, new), "changes": changes}


def shown_parts(current: StoryPlan, pitch: Any, variant: int) -> dict[str, Any]:
    """The pitch as it is on show: the context's, else the plan's own writing."""
    own = written(current, variant)
    pitch = pitch if isinstance(pitch, Mapping) else {}
    return {part: pitch.get(part) if pitch.get(part) not in (None, "") else own[part] for part in own}


def _differs(new: Any, old: Any) -> bool:
    if isinstance(new, list):
        return _cast_pairs(new) != _cast_pairs(old)
    return " ".join(str(new).split()) != " ".join(str(old or "").split())


def _cast_pairs(cast: Any) -> list[tuple[str, str]]:
    if isinstance(cast, str):
        return [tuple(part.strip() for part in line.split(":", 1)) for line in cast.splitlines() if ":" in line]
    return [(str(c.get("character", "")), str(c.get("actor", ""))) for c in cast or () if isinstance(c, Mapping)]


def _whole(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
