"""How a pitch is shown: its JSON document and absolute links, shared by pages and the API."""

from __future__ import annotations

import json
import re
from datetime import datetime

from flask import current_app, url_for

from ..pipeline import LABELS
from ..records import PitchView

STEP_ENDED = ("done", "failed", "skipped")
# A pitch's status in words people use; a finished pitch shown to a visitor needs none.
STATUS_WORDS = {
    "queued": "Waiting for a writer", "running": "In the making", "done": "Finished",
    "partial": "Partly finished", "failed": "Not finished", "interrupted": "Interrupted",
    "refused": "Refused", "cancelled": "Stopped",
}
# What the page says while a step runs, most telling first: of steps running together, the first.
# The poster and title steps are also how a new one is made: then they say so.
DOING = (
    ("poster", "Painting the poster…", "Painting a new poster…"),
    ("synopsis", "Writing the synopsis…", None),
    ("image_prompt", "Imagining the poster…", None),
    ("title", "Finding a title…", "Finding a new title…"),
    ("cast", "Casting the stars…", None),
    ("reply", "The Movie Boss is reading your idea…", None),
    ("check", "Reading your idea…", None),
)
WAITING = "Waiting for a free writer…"
# What the poster frame says, by the poster step's state and whether a poster is on show already.
POSTER_NOTES = {
    "painting": "Painting the poster…", "repainting": "Painting a new poster…",
    "coming": "The poster comes last.", "coming_again": "A new poster comes last.",
    "none": "No poster for this pitch.",
}
# Screen readers read alt text whole: keep it to about a sentence of what the poster shows.
ALT_MAX = 125
# A lead-in that names the picture rather than what it shows: "A cinematic movie poster: ...".
_LEAD_IN = re.compile(r"^[^:.]{0,60}\b(?:poster|image|picture|illustration|photo\w*)\s*:\s*", re.IGNORECASE)
_CLAUSE_END = re.compile(r"(?<=[.!?])\s|;|\s[—–-]\s")


def absolute_url(endpoint: str, **values) -> str:
    """An absolute URL, on MOVIEPITCH_PUBLIC_URL when set, else on the request's host."""
    base = current_app.config.get("PUBLIC_URL")
    if not base:
        return url_for(endpoint, _external=True, **values)
    return base.rstrip("/") + url_for(endpoint, **values)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def cast_of(view: PitchView) -> list[dict[str, str]]:
    """The current cast as a list of {character, actor}."""
    body = view.text("cast")
    return json.loads(body) if body else []


def page_words() -> dict:
    """The words the pitch page's script shows for statuses and running steps."""
    return {"status": STATUS_WORDS, "doing": DOING, "waiting": WAITING, "poster": POSTER_NOTES}


def doing_now(view: PitchView) -> str:
    """What the pitch is doing now, in one line."""
    for name, first, again in DOING:
        if name in view.steps and view.steps[name].state == "running":
            return again if again and name in view.outputs else first
    return WAITING


def poster_note(view: PitchView) -> str | None:
    """What the poster frame says over or instead of the poster; None when the poster speaks for itself."""
    step = view.steps.get("poster")
    state = step.state if step else None
    shown = "poster" in view.outputs
    if state == "running":
        return POSTER_NOTES["repainting" if shown else "painting"]
    if view.active and (state == "waiting" or not shown):
        return POSTER_NOTES["coming_again" if shown else "coming"]
    return None if shown else POSTER_NOTES["none"]


def short_description(description: str, limit: int = ALT_MAX) -> str:
    """The first clause of a poster description, cut to about `limit` characters at a comma or word."""
    text = _LEAD_IN.sub("", " ".join(description.split()), count=1)
    text = _CLAUSE_END.split(text, maxsplit=1)[0].strip().rstrip(".,;:")
    if len(text) > limit:
        cut = text[:limit]
        comma = cut.rfind(", ")
        text = cut[:comma] if comma >= limit // 3 else cut[:cut.rfind(" ")].rstrip(",;:") + "…"
    return text[:1].upper() + text[1:]


def poster_alt(view: PitchView) -> str:
    """Alt text for the poster on show: a short description of what it shows."""
    output = view.outputs.get("poster")
    described = (output.meta.get("prompt") if output else None) or view.text("image_prompt")
    title = view.text("title")
    if described and (short := short_description(described)):
        return f"Poster: {short}"
    return f"Poster for {title}" if title else "Movie poster"


def poster_document(view: PitchView) -> dict | None:
    """The poster's URLs and facts, or None before there is one."""
    output = view.outputs.get("poster")
    if output is None:
        return None
    slug, version = view.slug, output.version
    return {
        "version": version,
        "url": url_for("pages.poster_version", slug=slug, version=version),
        "current_url": url_for("pages.poster", slug=slug),
        "thumb_url": url_for("pages.thumb_version", slug=slug, version=version),
        "width": output.meta.get("width"),
        "height": output.meta.get("height"),
        "model": output.meta.get("model"),
        "label": output.meta.get("label"),
        "alt": poster_alt(view),
    }


def failure_message(view: PitchView) -> str | None:
    """What went wrong, in plain words, naming the step; None while all is well."""
    failed = [(name, step) for name, step in view.steps.items() if step.state == "failed"]
    if not failed:
        return view.error if view.status == "failed" else None
    name, step = failed[0]
    message = f"The {LABELS[name].lower()} step failed: {step.error}"
    if view.status == "failed":
        return f"We could not write this pitch. {message}"
    return message


def versions_document(view: PitchView) -> dict[str, list[dict]]:
    """Every version of the regenerable parts, marking the one on show."""
    shown = {part: output.version for part, output in view.outputs.items()}
    documents: dict[str, list[dict]] = {}
    for part, outputs in view.versions.items():
        documents[part] = []
        for output in outputs:
            entry = {"version": output.version, "current": shown.get(part) == output.version}
            if part == "poster":
                entry["url"] = url_for("pages.poster_version", slug=view.slug, version=output.version)
                entry["thumb_url"] = url_for("pages.thumb_version", slug=view.slug, version=output.version)
            else:
                entry["text"] = output.body
            documents[part].append(entry)
    return documents


def preview_document(view: PitchView) -> dict | None:
    """The partial poster to show while the poster step runs."""
    poster = view.steps.get("poster")
    if view.preview_index is None or poster is None or poster.state != "running":
        return None
    return {"index": view.preview_index,
            "url": url_for("pages.preview", slug=view.slug, i=view.preview_index)}


def pitch_document(view: PitchView) -> dict:
    """The status JSON of GET /api/pitches/<slug>."""
    steps = []
    for name, step in view.steps.items():
        elapsed = None
        if step.started_at and step.finished_at:
            elapsed = round((step.finished_at - step.started_at).total_seconds(), 2)
        steps.append({
            "name": name, "label": LABELS[name], "state": step.state, "model": step.model,
            "error": step.error, "started_at": _iso(step.started_at),
            "finished_at": _iso(step.finished_at), "elapsed": elapsed,
        })
    synopsis = view.outputs.get("synopsis")
    return {
        "slug": view.slug,
        "url": url_for("pages.pitch", slug=view.slug),
        "idea": view.idea,
        "status": view.status,
        "active": view.active,
        "error": view.error,
        "failure": failure_message(view),
        "provider": view.provider,
        "models": view.models,
        "usage": view.usage,
        "created_at": _iso(view.created_at),
        "started_at": _iso(view.started_at),
        "finished_at": _iso(view.finished_at),
        "published": view.published_at is not None,
        "steps": steps,
        "progress": {
            "finished": sum(step["state"] in STEP_ENDED for step in steps),
            "total": len(steps),
        },
        "outputs": {
            "reply": view.text("reply") or None,
            "synopsis": view.text("synopsis") or None,
            "synopsis_complete": bool(synopsis and synopsis.complete),
            "title": view.text("title") or None,
            "cast": cast_of(view),
            "image_prompt": view.text("image_prompt") or None,
        },
        "poster": poster_document(view),
        "preview": preview_document(view),
        "versions": versions_document(view),
    }
