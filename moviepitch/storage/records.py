"""The read-only records the store hands out: a pitch with its steps, outputs and versions."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from ..vocab import ACTIVE

# Parts the owner can regenerate, and so has versions to choose from.
VERSIONED = ("synopsis", "title", "poster")


@dataclass(frozen=True)
class StepView:
    name: str
    state: str
    model: str | None
    error: str | None
    started_at: datetime | None
    finished_at: datetime | None
    # What its last run used (providers.base.USAGE_KEYS) and cost ({"nanos", "currency"}; None: not priced).
    usage: dict = field(default_factory=dict)
    cost: dict | None = None


@dataclass(frozen=True)
class OutputView:
    part: str
    version: int
    body: str
    complete: bool
    meta: dict


@dataclass(frozen=True)
class CoOwnerView:
    """A browser that became an owner through the edit link."""

    owner_id: str
    joined_at: datetime | None
    device: str

    @property
    def handle(self) -> str:
        """A name for it in URLs and forms that does not give its owner id away."""
        return hashlib.sha256(f"co-owner:{self.owner_id}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class PitchView:
    """Everything a page or the API shows about one pitch, read in one go."""

    id: int
    slug: str
    idea: str
    owner_id: str
    status: str
    seed: int
    provider: str
    models: dict
    usage: dict
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    revision: int
    steps: dict[str, StepView]
    # The version of each part on show.
    outputs: dict[str, OutputView]
    # Every version of the parts people can regenerate, oldest first.
    versions: dict[str, list[OutputView]] = field(default_factory=dict)
    # The index of the latest partial poster while one is being painted.
    preview_index: int | None = None
    published_at: datetime | None = None
    hidden_at: datetime | None = None
    deleted_at: datetime | None = None
    # Browsers that became owners through the edit link, besides the one that made it.
    co_owners: tuple[CoOwnerView, ...] = ()
    # The studio: the knobs set, the models chosen (None: the default), and how many like it.
    knobs: dict = field(default_factory=dict)
    text_model: str | None = None
    image_model: str | None = None
    likes: int = 0
    # What every call made for it cost, by currency (nanos), and how many calls had no price.
    costs: dict = field(default_factory=dict)
    unpriced: int = 0
    # The meeting message whose applied proposal the latest run carries out (None: not a meeting's run).
    run_message_id: int | None = None

    @property
    def owner_ids(self) -> tuple[str, ...]:
        """Every owner id that may change this pitch."""
        return (self.owner_id, *(co.owner_id for co in self.co_owners))

    @property
    def listed(self) -> bool:
        """True when the pitch shows in the public gallery."""
        return self.published_at is not None and self.hidden_at is None

    @property
    def active(self) -> bool:
        """True while the chain may still change this pitch."""
        return self.status in ACTIVE

    def text(self, part: str) -> str:
        """The current text of a part, or an empty string."""
        output = self.outputs.get(part)
        return output.body if output else ""

    @property
    def poster_description(self) -> str:
        """What the poster on show shows: its own description, else the pitch's poster description."""
        output = self.outputs.get("poster")
        return (output.meta.get("description") if output else "") or self.text("image_prompt")

    @property
    def poster_version(self) -> int | None:
        """The version of the poster on show, if any."""
        output = self.outputs.get("poster")
        return output.version if output else None


@dataclass(frozen=True)
class Staleness:
    """How long a job may go quiet before it counts as interrupted (seconds)."""

    running: float = 30.0
    queued: float = 300.0


@dataclass(frozen=True)
class PosterBlob:
    version: int
    webp: bytes
    thumb: bytes
