"""How the pitch meeting is shown: its JSON document (the page and the API share it) and the version steppers."""

from __future__ import annotations

from flask import url_for

from ...meeting import applying, diffs
from ...meeting.proposals import LABELS, shown_text
from ...services import services
from ...storage.meeting import Message, Summary
from ...storage.records import PitchView
from ...vocab import Status
from .present import iso_time

# Parts with a version stepper, in the order the page shows them.
STEPPED = ("title", "synopsis", "poster")
STEPPED_LABELS = {"title": "Title", "synopsis": "Synopsis", "poster": "Poster"}


def closed_reason(view: PitchView) -> str | None:
    """Why the meeting cannot take a message now, or None when it can."""
    synopsis = view.outputs.get("synopsis")
    if view.active:
        return "The Movie Boss will talk it over once the pitch is finished."
    if view.status == Status.INTERRUPTED:
        return "This pitch was interrupted: resume it, then talk it over."
    if synopsis is None or not synopsis.complete or not synopsis.body:
        return "There is no synopsis to talk over: retry the pitch first."
    return None


def _proposal(view: PitchView, message: Message, index: int) -> dict:
    proposal = message.proposals[index]
    parts = []
    for part, value in proposal["changes"].items():
        old = shown_text(part, proposal["base"].get(part, {}).get("text"))
        parts.append(
            {
                "part": part,
                "label": LABELS[part],
                "text": shown_text(part, value),
                "diff": diffs.word_diff(old, shown_text(part, value)),
            }
        )
    problem = applying.proposal_problem(view, message, index) if message.proposal_status == "open" else None
    return {
        "index": index,
        "summary": proposal["summary"],
        "reason": proposal["reason"],
        "parts": parts,
        "chosen": message.chosen == index,
        "apply_problem": problem,
    }


def message_document(view: PitchView, message: Message) -> dict:
    """One message as the page and the API show it; a proposal with its diffs and what can be done with it."""
    document = {
        "id": message.id,
        "role": message.role,
        "content": message.content,
        "state": message.state,
        "error": message.error,
        "created_at": iso_time(message.created_at),
    }
    if message.role == "user":
        return {**document, "passage": message.passage, "alternatives": message.alternatives}
    undo = applying.undo_problem(view, message) if message.proposal_status == "applied" else None
    return {
        **document,
        "proposals": [_proposal(view, message, i) for i in range(len(message.proposals))],
        "proposal_status": message.proposal_status,
        "chosen": message.chosen,
        "paint": message.paint,
        "versions": message.versions,
        "undo_problem": undo,
        "can_undo": message.proposal_status == "applied" and undo is None,
    }


def meeting_document(view: PitchView, conversation: list[Message], summary: Summary | None) -> dict:
    """The meeting of GET /api/pitches/<slug>/meeting."""
    return {
        "slug": view.slug,
        "url": url_for("meeting_api.meeting", slug=view.slug),
        "busy": any(message.busy for message in conversation),
        "closed": closed_reason(view),
        "summary": {"upto_id": summary.upto_id, "content": summary.content, "source": summary.source}
        if summary
        else None,
        "messages": [message_document(view, message) for message in conversation],
    }


def made_by(conversation: list[Message]) -> dict[int, str]:
    """The owner's words that led to each of the boss's messages, by the boss's message id."""
    asked, words = {}, ""
    for message in conversation:
        if message.role == "user":
            words = message.content
        else:
            asked[message.id] = words
    return asked


def version_steps(view: PitchView, conversation: list[Message]) -> dict[str, list[dict]]:
    """Every version of the title, synopsis and poster, oldest first: on show or not, the meeting message that
    made it, and its word diff with the version it was made from (for a meeting's, the one on show when its
    proposal was applied; otherwise the one before it)."""
    asked = made_by(conversation)
    before = {message.id: message.versions.get("before", {}) for message in conversation if message.versions}
    current = {part: output.version for part, output in view.outputs.items()}
    steps: dict[str, list[dict]] = {}
    for part in STEPPED:
        outputs = {output.version: output for output in view.versions.get(part, [])}
        earlier = None
        for output in outputs.values():
            origin = output.meta.get("message_id")
            previous = outputs.get(before.get(origin, {}).get(part)) or earlier
            entry = {
                "version": output.version,
                "current": current.get(part) == output.version,
                "message_id": origin if origin in asked else None,
                "asked": asked.get(origin),
                "previous": previous.version if previous else None,
            }
            if part == "poster":
                entry["thumb_url"] = url_for("pages.thumb_version", slug=view.slug, version=output.version)
                entry["previous_thumb_url"] = (
                    url_for("pages.thumb_version", slug=view.slug, version=previous.version) if previous else None
                )
            else:
                entry["text"] = output.body
                entry["diff"] = diffs.word_diff(previous.body, output.body) if previous else None
            steps.setdefault(part, []).append(entry)
            earlier = output
    return steps


def undo_target(steps: list[dict]) -> int | None:
    """The version one click of "undo" shows again: the one the version on show was made from."""
    shown = next((entry for entry in steps if entry["current"]), None)
    return shown["previous"] if shown else None


def meeting_page(
    view: PitchView, meeting_errors: dict | None = None, meeting_typed: str = "", meeting_passage: str = ""
) -> dict:
    """What the pitch page shows its owners of the meeting: the conversation, the version steppers, and what a
    refused message said (kept, to send again)."""
    svc = services()
    store = svc.store
    conversation = store.conversation(view.id)
    if any(message.busy for message in conversation) and store.expire_turns(
        view.id, svc.staleness.queued, svc.turn_quiet
    ):
        conversation = store.conversation(view.id)
    steps = version_steps(view, conversation)
    document = meeting_document(view, conversation, store.latest_summary(view.id))
    # On the page, long unchanged stretches of a diff are cut down to the words beside each change.
    for part in (
        part
        for message in document["messages"]
        for proposal in message.get("proposals", [])
        for part in proposal["parts"]
    ):
        part["shown"] = diffs.compact(part["diff"])
    for entry in (entry for entries in steps.values() for entry in entries if entry.get("diff")):
        entry["shown"] = diffs.compact(entry["diff"])
    return {
        "doc": document,
        "steps": steps,
        "undo": {part: undo_target(entries) for part, entries in steps.items()},
        "labels": STEPPED_LABELS,
        "errors": meeting_errors or {},
        "typed": meeting_typed,
        "passage": meeting_passage,
    }
