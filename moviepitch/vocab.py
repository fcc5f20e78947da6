"""The words the whole app shares: the steps of a pitch and the statuses a pitch goes through.

Adding a step, a status or a step's state is a change here (and its test, tests/test_vocab.py): the pipeline, the
database's step rows, the OpenAPI document, the page and its script all read from this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    """Where a pitch is; str-valued, so the database and the JSON keep the same strings."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    PARTIAL = "partial"
    FAILED = "failed"
    INTERRUPTED = "interrupted"
    REFUSED = "refused"
    CANCELLED = "cancelled"
    # A tombstone: the owner deleted the pitch; its link says so.
    DELETED = "deleted"


class StepState(StrEnum):
    """Where one step of a pitch is."""

    WAITING = "waiting"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    # It never ran: what it needs did not finish, or the owner cancelled.
    SKIPPED = "skipped"


# A step that will not change again until the pitch is run again.
STEP_ENDED = (StepState.DONE, StepState.FAILED, StepState.SKIPPED)
# A job is making it (or will).
ACTIVE = (Status.QUEUED, Status.RUNNING)
# What a runner may claim.
RESUMABLE = (Status.QUEUED, Status.INTERRUPTED)
# Where a retry may start from, and where a regeneration may.
RETRYABLE = (Status.FAILED, Status.PARTIAL, Status.INTERRUPTED, Status.CANCELLED)
FINISHED = (Status.DONE, Status.PARTIAL, Status.FAILED, Status.CANCELLED)
# Only a finished pitch with its text can go in the gallery.
PUBLISHABLE = (Status.DONE, Status.PARTIAL)
# The groups of statuses the pitch page's owner actions follow (its script reads them from the page).
STATUS_GROUPS = {"active": ACTIVE, "retryable": RETRYABLE, "finished": FINISHED, "publishable": PUBLISHABLE}


@dataclass(frozen=True)
class Step:
    """One step of the chain."""

    name: str
    label: str
    # Steps that must be done first.
    needs: tuple[str, ...]
    # The function in chain/steps.py that runs it (named <step>_step, apart from the offline writer's write_*).
    function: str
    # The kind of model it asks ("text" or "image"); None for the content check, which names no model.
    model: str | None
    # The most calls a job allows time for (the cast is usually read from the synopsis's brackets; a
    # refused poster is painted twice).
    calls: int = 1
    # When its failure alone still leaves the pitch done (the boss's reply is a greeting, not the pitch).
    cosmetic: bool = False


# In the order the pitch shows them. The critical path is synopsis → image prompt → poster.
STEP_LIST = (
    Step("check", "Content check", (), "check_step", None),
    Step("reply", "Boss's reply", (), "reply_step", "text", cosmetic=True),
    Step("synopsis", "Synopsis", ("check",), "synopsis_step", "text"),
    Step("title", "Title", ("synopsis",), "title_step", "text"),
    Step("cast", "Cast", ("synopsis",), "cast_step", "text", calls=0),
    Step("image_prompt", "Poster description", ("synopsis",), "image_prompt_step", "text"),
    Step("poster", "Poster", ("image_prompt",), "poster_step", "image", calls=2),
)
STEP = {step.name: step for step in STEP_LIST}
STEPS = tuple(STEP)
LABELS = {step.name: step.label for step in STEP_LIST}
NEEDS = {step.name: step.needs for step in STEP_LIST}
COSMETIC = tuple(step.name for step in STEP_LIST if step.cosmetic)
# With text calls limited, the order they start in: the critical path (synopsis, poster description,
# poster) first, so a separate image provider paints while the rest is written; the boss's reply,
# meant to fill the wait, has nothing left to fill once the synopsis streams, so it comes last.
PRIORITY = ("check", "synopsis", "image_prompt", "title", "cast", "reply", "poster")


def calls(model: str) -> int:
    """The most calls a job makes that wait as long as a call to a `model` ("text" or "image") may:
    the content check counts as a text call."""
    return sum(step.calls for step in STEP_LIST if (step.model or "text") == model)
