"""Applying a proposal, turning it down, and undoing it.

Applying saves the proposal's parts as new versions, each linked to the message, and re-runs what depends on
them through the chain's own steps: a new synopsis re-reads the cast and re-writes the poster description
(unless the proposal gives them); the poster is painted again only when the owner asks. Undo puts back, in one
step, the versions that were on show before.
"""

from __future__ import annotations

import json

from ..storage.meeting import Message
from ..storage.records import PitchView
from ..storage.store import Store
from ..vocab import FINISHED, Status
from .prompts import PARTS

# What the chain makes again when a part changes, unless the proposal gives it too.
DEPENDANTS = {"synopsis": ("cast", "image_prompt")}
NOT_NOW = "Wait until this pitch is finished, then try again."
INTERRUPTED = "This pitch was interrupted: resume it first, then try again."


class Refused(Exception):
    """What was asked cannot be done: the plain reason, and the HTTP status that says so."""

    def __init__(self, message: str, status: int = 409):
        super().__init__(message)
        self.message, self.status = message, status


def _version(view: PitchView, part: str) -> int | None:
    output = view.outputs.get(part)
    return output.version if output else None


def dependants(changes: dict, paint: bool) -> tuple[str, ...]:
    """The chain's steps to run again after these changes (the poster only when asked for)."""
    steps = [step for part in changes for step in DEPENDANTS.get(part, ()) if step not in changes]
    return (*dict.fromkeys(steps), *(("poster",) if paint else ()))


def _busy(view: PitchView) -> str | None:
    """Why the pitch's versions cannot change now (the chain has it, or it waits to be resumed), or None."""
    return NOT_NOW if view.active else INTERRUPTED if view.status == Status.INTERRUPTED else None


def proposal_problem(view: PitchView, message: Message, option: int) -> str | None:
    """Why this proposal cannot be applied now, or None."""
    if message.proposal_status != "open":
        return f"This proposal was {message.proposal_status or 'never made'} already."
    if _busy(view):
        return _busy(view)
    base = message.proposals[option].get("base", {})
    if any(_version(view, part) != was.get("version") for part, was in base.items()):
        return "The pitch has changed since the boss proposed this: ask again to build on the pitch as it is now."
    return None


def apply(store: Store, view: PitchView, message: Message, option: int = 0, paint: bool = False) -> tuple[str, ...]:
    """Apply one of the message's proposals: its parts as new versions, linked to the message; the steps the
    chain must now run (queued, for the caller to start), or none."""
    if message.role != "assistant" or not 0 <= option < len(message.proposals):
        raise Refused("There is no such proposal.", 404)
    problem = proposal_problem(view, message, option)
    if problem:
        raise Refused(problem)
    changes = message.proposals[option]["changes"]
    steps = dependants(changes, paint)
    before = {part: version for part in (*changes, *steps) if (version := _version(view, part)) is not None}
    if not store.settle_proposal(message.id, ("open",), "applied", chosen=option, paint=paint):
        raise Refused("This proposal was settled already.")
    # Queued before the new versions are written, so no runner can start in between; started by the caller after.
    if steps and not store.reopen(view.id, FINISHED, steps, origin=message.id):
        store.settle_proposal(message.id, ("applied",), "open", chosen=None, paint=False)
        raise Refused(NOT_NOW)
    made = {}
    for part in (part for part in PARTS if part in changes):
        value = changes[part]
        made[part] = store.write_output(
            view.id,
            part,
            json.dumps(value) if part == "cast" else value,
            meta={"message_id": message.id, "source": "meeting"},
        )
    store.settle_proposal(message.id, ("applied",), "applied", versions={"made": made, "before": before})
    return steps


def reject(store: Store, message: Message) -> None:
    """Turn the message's proposals down; the conversation goes on."""
    if message.role != "assistant" or not message.proposals:
        raise Refused("There is no such proposal.", 404)
    if not store.settle_proposal(message.id, ("open",), "rejected"):
        raise Refused(f"This proposal was {message.proposal_status} already.")


def undo_problem(view: PitchView, message: Message) -> str | None:
    """Why an applied proposal cannot be undone now (a later change is on show, or the pitch is busy), or None."""
    if message.proposal_status != "applied":
        return "Only an applied proposal can be undone."
    if _busy(view):
        return _busy(view)
    made, before = message.versions.get("made", {}), message.versions.get("before", {})
    for part in {*made, *before}:
        output = view.outputs.get(part)
        ours = output is not None and (output.version == made.get(part) or output.meta.get("message_id") == message.id)
        if not (ours or _version(view, part) == before.get(part)):
            return "A later change is on show now: undo that first, or choose the versions you want below."
    return None


def undo(store: Store, view: PitchView, message: Message) -> None:
    """Put back, all at once, the versions that were on show before the proposal was applied."""
    problem = undo_problem(view, message)
    if problem:
        raise Refused(problem)
    back = {
        part: version for part, version in message.versions.get("before", {}).items() if _version(view, part) != version
    }
    if back and not store.choose_versions(view.id, back):
        raise Refused("The versions from before are gone.", 410)
    store.settle_proposal(message.id, ("applied",), "undone")
