"""How a pitch is shown: its JSON document and absolute links, shared by pages and the API."""

from __future__ import annotations

import json
from datetime import datetime

from flask import current_app, url_for

from ..pipeline import LABELS
from ..records import PitchView

STEP_ENDED = ("done", "failed", "skipped")


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
            "image_prompt": view.poster_description or None,
        },
        "poster": poster_document(view),
        "preview": preview_document(view),
        "versions": versions_document(view),
    }
