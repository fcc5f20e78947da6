"""How a pitch is shown: its JSON document and absolute links, shared by pages and the API."""

from __future__ import annotations

import re
from datetime import datetime

from flask import current_app, url_for

from ...pitch_text import cast_of
from ...providers.base import split_error
from ...services import services
from ...storage.records import PitchView, StepView
from ...studio import knobs
from ...studio.usage import pitch_cost, step_cost
from ...vocab import ACTIVE, COSMETIC, LABELS, STATUS_GROUPS, STEP, STEP_ENDED, Status, StepState
from ..owner import owns

TEXT_STEPS = tuple(name for name, step in STEP.items() if step.model == "text")
# What the page says in place of a part that will not come, before the reason.
MISSING = {
    "reply": "No reply from the boss.",
    "synopsis": "No synopsis.",
    "title": "No title.",
    "cast": "No cast.",
    "poster": "No poster.",
}
NOT_RUN = "The pitch stopped before this step ran."
# Endings of model files, dropped from a model's short name.
_MODEL_FILE = re.compile(r"\.(gguf|ggml|bin|safetensors|pt|pth|onnx|llamafile)$", re.IGNORECASE)
# A pitch's status in words people use; a finished pitch shown to a visitor needs none.
STATUS_WORDS = {
    Status.QUEUED: "Waiting for a writer",
    Status.RUNNING: "In the making",
    Status.DONE: "Finished",
    Status.PARTIAL: "Partly finished",
    Status.FAILED: "Not finished",
    Status.INTERRUPTED: "Interrupted",
    Status.REFUSED: "Refused",
    Status.CANCELLED: "Stopped",
    Status.DELETED: "Deleted",
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
# The statuses in which the owner's "making of" opens by itself: while the pitch is made, and when a step failed.
MAKING_OF_OPEN = (*ACTIVE, Status.FAILED, Status.PARTIAL, Status.INTERRUPTED)
# What the poster frame says, by the poster step's state and whether a poster is on show already.
POSTER_NOTES = {
    "painting": "Painting the poster…",
    "repainting": "Painting a new poster…",
    "coming": "The poster comes last.",
    "coming_again": "A new poster comes last.",
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


def iso_time(moment: datetime | None) -> str | None:
    """A moment as the API writes it: ISO 8601 in UTC, with a Z."""
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def page_words() -> dict:
    """The words the pitch page's script shows for statuses and running steps."""
    return {
        "status": STATUS_WORDS,
        "doing": DOING,
        "waiting": WAITING,
        "poster": POSTER_NOTES,
        "when": {**STATUS_GROUPS, "making_of": MAKING_OF_OPEN},
    }


def doing_now(pitch: PitchView) -> str:
    """What the pitch is doing now, in one line."""
    for name, first, again in DOING:
        if name in pitch.steps and pitch.steps[name].state == StepState.RUNNING:
            return again if again and name in pitch.outputs else first
    return WAITING


def poster_note(pitch: PitchView) -> str | None:
    """What the poster frame says over or instead of the poster; None when the poster speaks for itself."""
    step = pitch.steps.get("poster")
    state = step.state if step else None
    shown = "poster" in pitch.outputs
    if state == StepState.RUNNING:
        return POSTER_NOTES["repainting" if shown else "painting"]
    if pitch.active and (state == StepState.WAITING or not shown):
        return POSTER_NOTES["coming_again" if shown else "coming"]
    # A finished pitch without a poster says what happened to that step, when it can.
    return None if shown else missing_parts(pitch).get("poster") or POSTER_NOTES["none"]


def short_description(description: str, limit: int = ALT_MAX) -> str:
    """The first clause of a poster description, cut to about `limit` characters at a comma or word."""
    text = _LEAD_IN.sub("", " ".join(description.split()), count=1)
    text = _CLAUSE_END.split(text, maxsplit=1)[0].strip().rstrip(".,;:")
    if len(text) > limit:
        cut = text[:limit]
        comma = cut.rfind(", ")
        text = cut[:comma] if comma >= limit // 3 else cut[: cut.rfind(" ")].rstrip(",;:") + "…"
    return text[:1].upper() + text[1:]


def poster_alt(pitch: PitchView) -> str:
    """Alt text for the poster on show: a short description of what it shows."""
    output = pitch.outputs.get("poster")
    meta = output.meta if output else {}
    # What it was painted from: its own description, else (older posters) the prompt it was painted with.
    described = meta.get("description") or meta.get("prompt") or pitch.text("image_prompt")
    title = pitch.text("title")
    if described and (short := short_description(described)):
        return f"Poster: {short}"
    return f"Poster for {title}" if title else "Movie poster"


def poster_document(pitch: PitchView) -> dict | None:
    """The poster's URLs and facts, or None before there is one."""
    output = pitch.outputs.get("poster")
    if output is None:
        return None
    slug, version = pitch.slug, output.version
    return {
        "version": version,
        "url": url_for("pages.poster_version", slug=slug, version=version),
        "current_url": url_for("pages.poster", slug=slug),
        "thumb_url": url_for("pages.thumb_version", slug=slug, version=version),
        "width": output.meta.get("width"),
        "height": output.meta.get("height"),
        "model": short_model(output.meta.get("model")),
        "label": output.meta.get("label"),
        "alt": poster_alt(pitch),
    }


def short_model(name: str | None) -> str | None:
    """A model's name as a page shows it: a local model file's path becomes its file name, without the ending."""
    if not name:
        return None
    last = re.split(r"[\\/]", name.rstrip("/\\"))[-1] or name
    return _MODEL_FILE.sub("", last) or last


def models_of(pitch: PitchView) -> dict[str, str]:
    """The models that made this pitch (text and image), as its steps recorded them, by short name; while it is
    being made, the ones it is made with."""
    text = [
        step.model
        for name, step in pitch.steps.items()
        if name in TEXT_STEPS and step.state == StepState.DONE and step.model
    ]
    poster = pitch.steps.get("poster")
    made = {
        "text": ", ".join(dict.fromkeys(filter(None, map(short_model, text)))),
        "image": short_model(poster.model) if poster and poster.state == StepState.DONE else None,
    }
    if pitch.active:
        made = {kind: made[kind] or short_model(pitch.models.get(kind)) for kind in made}
    return {kind: name for kind, name in made.items() if name}


def _failed_in_time(pitch: PitchView) -> list[tuple[str, StepView]]:
    failed = [(name, step) for name, step in pitch.steps.items() if step.state == StepState.FAILED]
    return sorted(failed, key=lambda item: (item[1].finished_at is None, item[1].finished_at or 0))


def failure_message(pitch: PitchView) -> str | None:
    """What went wrong, in plain words, naming the step that failed first; None while all is well."""
    failed = _failed_in_time(pitch)
    if not failed:
        return pitch.error if pitch.status == Status.FAILED else None
    if pitch.status == Status.DONE:
        return None  # only the boss's reply failed: the page shows it as missing
    name, step = next(((n, s) for n, s in failed if n not in COSMETIC), failed[0])
    message = f"The {LABELS[name].lower()} step failed: {split_error(step.error)[0]}"
    if pitch.status == Status.FAILED:
        return f"We could not write this pitch. {message}"
    return message


def failure_report(pitch: PitchView) -> list[dict]:
    """Every failed step in the order they failed, with the operator's hint: for the owner's page."""
    report = []
    for name, step in _failed_in_time(pitch):
        message, hint = split_error(step.error)
        report.append({"name": name, "label": LABELS[name], "message": message, "hint": hint})
    return report


def missing_parts(pitch: PitchView) -> dict[str, str]:
    """For a pitch no longer being made: what the page says in place of each part that did not come."""
    if pitch.active:
        return {}
    missing = {}
    for part, lead in MISSING.items():
        if pitch.outputs.get(part) is not None and (part == "poster" or pitch.text(part)):
            continue
        step = pitch.steps.get(part)
        reason = split_error(step.error)[0] if step and step.state in (StepState.FAILED, StepState.SKIPPED) else None
        reason = (reason or NOT_RUN).removeprefix("Skipped: ")
        missing[part] = f"{lead} {reason[:1].upper()}{reason[1:]}"
    return missing


def drafts(pitch: PitchView) -> list[str]:
    """Parts on show as drafts: the text so far of an answer that was cut off."""
    return sorted(
        part
        for part, output in pitch.outputs.items()
        if not output.complete
        and output.body
        and part in pitch.steps
        and pitch.steps[part].state not in (StepState.RUNNING, StepState.DONE)
    )


def versions_document(pitch: PitchView) -> dict[str, list[dict]]:
    """Every version of the regenerable parts, marking the one on show."""
    shown = {part: output.version for part, output in pitch.outputs.items()}
    documents: dict[str, list[dict]] = {}
    for part, outputs in pitch.versions.items():
        documents[part] = []
        for output in outputs:
            entry = {
                "version": output.version,
                "current": shown.get(part) == output.version,
                # The pitch meeting message whose proposal made it, if one did (owners can read the meeting).
                "message_id": output.meta.get("message_id"),
            }
            if part == "poster":
                entry["url"] = url_for("pages.poster_version", slug=pitch.slug, version=output.version)
                entry["thumb_url"] = url_for("pages.thumb_version", slug=pitch.slug, version=output.version)
            else:
                entry["text"] = output.body
            documents[part].append(entry)
    return documents


def preview_document(pitch: PitchView) -> dict | None:
    """The partial poster to show while the poster step runs."""
    poster = pitch.steps.get("poster")
    if pitch.preview_index is None or poster is None or poster.state != StepState.RUNNING:
        return None
    return {"index": pitch.preview_index, "url": url_for("pages.preview", slug=pitch.slug, i=pitch.preview_index)}


def pitch_document(pitch: PitchView) -> dict:
    """The status JSON of GET /api/pitches/<slug>; what it cost is for its owners' eyes only."""
    costs_shown = owns(pitch)
    steps = []
    for name, step in pitch.steps.items():
        elapsed = None
        if step.started_at and step.finished_at:
            elapsed = round((step.finished_at - step.started_at).total_seconds(), 2)
        # Visitors get plain words only; a finished step's words are a note (an idea not checked).
        words = split_error(step.error)[0]
        steps.append(
            {
                "name": name,
                "label": LABELS[name],
                "state": step.state,
                "model": short_model(step.model),
                "error": None if step.state == StepState.DONE else words,
                "note": words if step.state == StepState.DONE else None,
                "started_at": iso_time(step.started_at),
                "finished_at": iso_time(step.finished_at),
                "elapsed": elapsed,
                "usage": step.usage,
                "cost": step_cost(step.cost) if costs_shown else None,
            }
        )
    synopsis = pitch.outputs.get("synopsis")
    return {
        "slug": pitch.slug,
        "url": url_for("pages.pitch", slug=pitch.slug),
        "idea": pitch.idea,
        "status": pitch.status,
        "active": pitch.active,
        "error": pitch.error,
        "failure": failure_message(pitch),
        "provider": pitch.provider,
        "models": models_of(pitch),
        "usage": pitch.usage,
        "cost": pitch_cost(pitch) if costs_shown else None,
        "knobs": knobs.document(pitch.knobs, services().provider, pitch.text_model),
        "likes": pitch.likes,
        "created_at": iso_time(pitch.created_at),
        "started_at": iso_time(pitch.started_at),
        "finished_at": iso_time(pitch.finished_at),
        "published": pitch.published_at is not None,
        "steps": steps,
        "progress": {
            "finished": sum(step["state"] in STEP_ENDED for step in steps),
            "total": len(steps),
        },
        "outputs": {
            "reply": pitch.text("reply") or None,
            "synopsis": pitch.text("synopsis") or None,
            "synopsis_complete": bool(synopsis and synopsis.complete),
            "title": pitch.text("title") or None,
            "cast": cast_of(pitch),
            "image_prompt": pitch.poster_description or None,
        },
        "drafts": drafts(pitch),
        "missing": missing_parts(pitch),
        "poster": poster_document(pitch),
        "preview": preview_document(pitch),
        "versions": versions_document(pitch),
    }
