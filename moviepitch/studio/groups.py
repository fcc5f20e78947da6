"""Groups: pitches of one idea made together and read side by side.

"Three takes" makes the idea at low, medium and high creativity, so a person sees what the knob does; "compare"
makes it with two or three of the text models on offer, with the time, tokens and cost of each. A group is made
all or none (the rate limit, the daily budget and the job queue count every pitch in it), and its page shows each
pitch filling in as it is made.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

KINDS = ("takes", "compare")
COMPARE_MIN, COMPARE_MAX = 2, 3


@dataclass(frozen=True)
class Take:
    """One of the three takes: what it is called and the creativity (temperature) it is made at."""

    label: str
    temperature: float


TAKES = (Take("Low creativity", 0.2), Take("Medium creativity", 0.9), Take("High creativity", 1.6))


def member_settings(kind: str, settings: Mapping, models: list[str] | None = None) -> list[dict]:
    """The studio settings of each pitch of a group: the person's settings with each take's creativity, or with
    each model to compare (named outright, so the synopsis model of default pitches stays out of a comparison)."""
    if kind == "takes":
        return [{**settings, "knobs": {**settings.get("knobs", {}), "temperature": take.temperature}} for take in TAKES]
    if kind == "compare":
        return [{**settings, "text_model": model} for model in models or ()]
    raise ValueError(f"kind must be one of {', '.join(KINDS)}")


def pitch_count(kind: str | None, models) -> int:
    """How many pitches a request for `kind` makes (what it costs against the rate limit); 1 when not a group."""
    if kind == "takes":
        return len(TAKES)
    if kind == "compare" and isinstance(models, (list, tuple)):
        return min(max(len(set(map(str, models))), 1), COMPARE_MAX)
    return 1


def create(services, idea: str, owner_id: str, kind: str, members: list[dict]) -> tuple[str, list[str]]:
    """Make the group's pitches (all or none: OverBudget, Busy) and save the group; (its slug, the pitches' slugs)."""
    slugs = services.create_pitches(idea, owner_id, members)
    return services.store.save_group(kind, idea, owner_id, slugs), slugs


def take_of(temperature: float | None) -> Take | None:
    """The take made at this creativity."""
    return next((take for take in TAKES if take.temperature == temperature), None)
