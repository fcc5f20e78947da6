"""The store's groups: pitches of one idea made together (three takes, a comparison), in their order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from .models import GroupMember, Pitch, PitchGroup, new_slug


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


@dataclass(frozen=True)
class Membership:
    """Where a pitch stands in its group, for a link from its page."""

    slug: str
    kind: str
    position: int
    size: int


class Groups:
    """What a Store can do with groups of pitches (a mixin of Store, over its sessions)."""

    session: sessionmaker

    def save_group(self, kind: str, idea: str, owner_id: str, pitch_slugs: list[str]) -> str:
        """Save a group of pitches already made, in the order of `pitch_slugs`; return its slug."""
        with self.session.begin() as s:
            group = PitchGroup(slug=new_slug(), kind=kind, idea=idea, owner_id=owner_id)
            s.add(group)
            s.flush()
            ids = dict(s.execute(select(Pitch.slug, Pitch.id).where(Pitch.slug.in_(pitch_slugs))).all())
            s.add_all(
                GroupMember(group_id=group.id, position=position, pitch_id=ids[pitch_slug])
                for position, pitch_slug in enumerate(pitch_slugs, 1)
            )
            return group.slug

    def group(self, slug: str) -> GroupView | None:
        """A group by its slug, with its pitches in order; None when there is no such group."""
        with self.session() as s:
            group = s.scalar(select(PitchGroup).where(PitchGroup.slug == slug))
            if group is None:
                return None
            rows = s.execute(
                select(GroupMember.position, Pitch.id, Pitch.slug)
                .join(Pitch, Pitch.id == GroupMember.pitch_id)
                .where(GroupMember.group_id == group.id)
                .order_by(GroupMember.position)
            )
            members = tuple(Member(position, pitch_id, pitch_slug) for position, pitch_id, pitch_slug in rows)
            return GroupView(group.id, group.slug, group.kind, group.idea, group.owner_id, group.created_at, members)

    def group_membership(self, pitch_id: int) -> Membership | None:
        """The group a pitch was made in, if any."""
        with self.session() as s:
            row = s.execute(
                select(PitchGroup.id, PitchGroup.slug, PitchGroup.kind, GroupMember.position)
                .join(GroupMember, GroupMember.group_id == PitchGroup.id)
                .where(GroupMember.pitch_id == pitch_id)
            ).first()
            if row is None:
                return None
            size = len(s.scalars(select(GroupMember.position).where(GroupMember.group_id == row.id)).all())
            return Membership(row.slug, row.kind, row.position, size)

    def group_revision(self, group: GroupView) -> str:
        """A version of the whole group for its ETag: it changes whenever any of its pitches does."""
        with self.session() as s:
            revisions = dict(
                s.execute(
                    select(Pitch.id, Pitch.revision).where(Pitch.id.in_([member.pitch_id for member in group.members]))
                ).all()
            )
        return "g" + ".".join(str(revisions.get(member.pitch_id, 0)) for member in group.members)
