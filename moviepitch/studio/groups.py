"""Groups: pitches of one idea made together and read side by side.

"Three takes" makes the idea at low, medium and high creativity, so a person sees what the knob does; "compare"
makes it with two or three of the text models on offer, with the time, tokens and cost of each. A group is made
all or none (the rate limit, the daily budget and the job queue count every pitch in it), and its page shows each
pitch filling in as it is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Mapping

from sqlalchemy import select

from ..storage.models import GroupMember, Pitch, PitchGroup
from ..storage.store import Store, new_slug

KINDS = ("takes", "compare")
COMPARE_MIN, COMPARE_MAX = 2, 3


@dataclass(frozen=True)
class Take:
    """One of the three takes: what it is called and the creativity (temperature) it is made at."""

    label: str
    temperature: float


TAKES = (Take("Low creativity", 0.2), Take("Medium creativity", 0.9), Take("High creativity", 1.6))


@dataclass(frozen=True)
class Member:
    """One pitch of a group, in its place."""

    position: int
    pitch_id: int
    slug: str


@dataclass(frozen=True)
class GroupView:
    """A group and its pitches, in the order the page shows them."""

    id: int
    slug: str
    kind: str
    idea: str
    owner_id: str
    created_at: datetime
    members: tuple[Member, ...]

    @property
    def owner_ids(self) -> tuple[str, ...]:
        """Who may act on the group as a whole: the browser (or token) that made it."""
        return (self.owner_id,)


def member_settings(kind: str, settings: Mapping, models: list[str] | None = None) -> list[dict]:
    """The studio settings of each pitch of a group: the person's settings with each take's creativity, or with
    each model to compare (named outright, so the synopsis model of default pitches stays out of a comparison)."""
    if kind == "takes":
        return [{**settings, "knobs": {**settings.get("knobs", {}), "temperature": take.temperature}}
                for take in TAKES]
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
    with services.store.session.begin() as s:
        group = PitchGroup(slug=new_slug(), kind=kind, idea=idea, owner_id=owner_id)
        s.add(group)
        s.flush()
        ids = dict(s.execute(select(Pitch.slug, Pitch.id).where(Pitch.slug.in_(slugs))).all())
        s.add_all(GroupMember(group_id=group.id, position=position, pitch_id=ids[slug])
                  for position, slug in enumerate(slugs, 1))
        return group.slug, slugs


def read(store: Store, slug: str) -> GroupView | None:
    """A group by its slug, with its pitches in order; None when there is no such group."""
    with store.session() as s:
        group = s.scalar(select(PitchGroup).where(PitchGroup.slug == slug))
        if group is None:
            return None
        rows = s.execute(select(GroupMember.position, Pitch.id, Pitch.slug)
                         .join(Pitch, Pitch.id == GroupMember.pitch_id)
                         .where(GroupMember.group_id == group.id).order_by(GroupMember.position))
        members = tuple(Member(position, pitch_id, pitch_slug) for position, pitch_id, pitch_slug in rows)
        return GroupView(group.id, group.slug, group.kind, group.idea, group.owner_id, group.created_at, members)


@dataclass(frozen=True)
class Membership:
    """Where a pitch stands in its group, for a link from its page."""

    slug: str
    kind: str
    position: int
    size: int


def membership(store: Store, pitch_id: int) -> Membership | None:
    """The group a pitch was made in, if any."""
    with store.session() as s:
        row = s.execute(select(PitchGroup.id, PitchGroup.slug, PitchGroup.kind, GroupMember.position)
                        .join(GroupMember, GroupMember.group_id == PitchGroup.id)
                        .where(GroupMember.pitch_id == pitch_id)).first()
        if row is None:
            return None
        size = len(s.scalars(select(GroupMember.position).where(GroupMember.group_id == row.id)).all())
        return Membership(row.slug, row.kind, row.position, size)


def revision(store: Store, group: GroupView) -> str:
    """A version of the whole group for its ETag: it changes whenever any of its pitches does."""
    with store.session() as s:
        revisions = dict(s.execute(select(Pitch.id, Pitch.revision)
                                   .where(Pitch.id.in_([member.pitch_id for member in group.members]))).all())
    return "g" + ".".join(str(revisions.get(member.pitch_id, 0)) for member in group.members)


def take_of(temperature: float | None) -> Take | None:
    """The take made at this creativity."""
    return next((take for take in TAKES if take.temperature == temperature), None)
