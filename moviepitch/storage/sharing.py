"""The store's sharing queries: publishing, the gallery, my pitches, edit links, co-owners and reports."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import sessionmaker

from ..vocab import PUBLISHABLE
from .models import ON_SHOW, CoOwner, CurrentPart, Output, Pitch, Report, utcnow
from .records import CoOwnerView

# The gallery's orders and the keys each pages by, all descending: newest first, or most liked (then newest).
GALLERY_ORDERS = {"newest": ("published_at", "id"), "likes": ("likes", "published_at", "id")}


@dataclass(frozen=True)
class PitchCard:
    """A pitch as a list shows it: title, thumbnail, status."""

    id: int
    slug: str
    idea: str
    title: str
    status: str
    poster_version: int | None
    created_at: datetime
    published_at: datetime | None
    likes: int = 0


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _cards(s, query) -> list[PitchCard]:
    title = (
        select(Output.body)
        .join(CurrentPart, ON_SHOW)
        .where(Output.pitch_id == Pitch.id, Output.part == "title")
        .scalar_subquery()
    )
    poster = (
        select(CurrentPart.version)
        .where(CurrentPart.pitch_id == Pitch.id, CurrentPart.part == "poster")
        .scalar_subquery()
    )
    rows = s.execute(
        query.with_only_columns(
            Pitch.id,
            Pitch.slug,
            Pitch.idea,
            title,
            Pitch.status,
            poster,
            Pitch.created_at,
            Pitch.published_at,
            Pitch.likes,
        )
    )
    return [
        PitchCard(pitch_id, slug, idea, title or "", status, version, created, published, likes or 0)
        for pitch_id, slug, idea, title, status, version, created, published, likes in rows
    ]


def _after_in_order(keys: list, values: list):
    """Rows that come after `values` in descending order of `keys`: (k0 < v0) or (k0 = v0 and (k1 < v1 or ...))."""
    if len(keys) == 1:
        return keys[0] < values[0]
    return or_(keys[0] < values[0], and_(keys[0] == values[0], _after_in_order(keys[1:], values[1:])))


class Sharing:
    """What a Store can do to share pitches (a mixin of Store, over its sessions)."""

    session: sessionmaker

    def mine(self, owner_id: str, *, page: int = 1, per_page: int = 12) -> tuple[list[PitchCard], bool]:
        """The owner's pitches, newest first, one page of them, and whether more follow."""
        co_owned = select(CoOwner.pitch_id).where(CoOwner.owner_id == owner_id)
        query = (
            select(Pitch)
            .where(or_(Pitch.owner_id == owner_id, Pitch.id.in_(co_owned)), Pitch.deleted_at.is_(None))
            .order_by(Pitch.created_at.desc(), Pitch.id.desc())
            .offset((page - 1) * per_page)
            .limit(per_page + 1)
        )
        with self.session() as s:
            cards = _cards(s, query)
        return cards[:per_page], len(cards) > per_page

    def gallery(
        self, *, before: tuple | None = None, limit: int = 12, order: str = "newest"
    ) -> tuple[list[PitchCard], tuple | None]:
        """Published pitches in `order` (GALLERY_ORDERS), from a keyset cursor, and the next cursor: (published_at,
        id) for "newest", (likes, published_at, id) for "likes".

        Keyset paging: a pitch published meanwhile never shifts the pages already seen. (Sorted by likes, a pitch
        liked meanwhile may move across a page boundary: it shows twice or not at all, as on any live ranking.)
        """
        keys = [getattr(Pitch, name) for name in GALLERY_ORDERS[order]]
        query = select(Pitch).where(
            Pitch.published_at.is_not(None), Pitch.hidden_at.is_(None), Pitch.deleted_at.is_(None)
        )
        if before is not None:
            query = query.where(_after_in_order(keys, list(before)))
        query = query.order_by(*(key.desc() for key in keys)).limit(limit + 1)
        with self.session() as s:
            cards = _cards(s, query)
        if len(cards) <= limit:
            return cards, None
        last = cards[limit - 1]
        return cards[:limit], tuple(getattr(last, name) for name in GALLERY_ORDERS[order])

    def publish(self, pitch_id: int, published: bool) -> bool:
        """Put a finished pitch in the gallery, or take it out; False when it cannot be."""
        values = {"published_at": utcnow()} if published else {"published_at": None}
        condition = [Pitch.status.in_(PUBLISHABLE), Pitch.published_at.is_(None)] if published else []
        with self.session.begin() as s:
            result = s.execute(
                update(Pitch)
                .where(Pitch.id == pitch_id, Pitch.deleted_at.is_(None), *condition)
                .values(revision=Pitch.revision + 1, **values)
            )
            return result.rowcount == 1 or not published

    def new_edit_link(self, pitch_id: int) -> str:
        """Mint the secret of a new edit link; the old one stops working, and so does the access it gave.

        Only its hash is kept. Browsers that joined through an earlier link stop being owners: a new
        link is what an owner asks for when the old one went somewhere it should not have.
        """
        secret = secrets.token_urlsafe(24)
        with self.session.begin() as s:
            s.execute(
                update(Pitch).where(Pitch.id == pitch_id).values(edit_hash=_hash(secret), revision=Pitch.revision + 1)
            )
            s.execute(delete(CoOwner).where(CoOwner.pitch_id == pitch_id))
        return secret

    def edit_link_matches(self, slug: str, secret: str) -> bool:
        """True when `secret` is the pitch's current edit link."""
        with self.session() as s:
            edit_hash = s.scalar(select(Pitch.edit_hash).where(Pitch.slug == slug, Pitch.deleted_at.is_(None)))
        return bool(edit_hash) and secrets.compare_digest(edit_hash, _hash(secret))

    def join_by_edit_link(self, slug: str, secret: str, owner_id: str, device: str = "") -> bool:
        """Make `owner_id` an owner of the pitch when the secret is right."""
        with self.session.begin() as s:
            pitch = s.execute(
                select(Pitch.id, Pitch.edit_hash, Pitch.owner_id).where(Pitch.slug == slug, Pitch.deleted_at.is_(None))
            ).first()
            if pitch is None or not pitch.edit_hash or not secrets.compare_digest(pitch.edit_hash, _hash(secret)):
                return False
            if owner_id != pitch.owner_id and s.get(CoOwner, (pitch.id, owner_id)) is None:
                s.add(CoOwner(pitch_id=pitch.id, owner_id=owner_id, joined_at=utcnow(), device=device[:80]))
                s.execute(update(Pitch).where(Pitch.id == pitch.id).values(revision=Pitch.revision + 1))
            return True

    def remove_co_owner(self, pitch_id: int, handle: str) -> bool:
        """Stop a co-owner (named by its handle) from changing the pitch; False when there is no such one."""
        with self.session.begin() as s:
            for co_owner in s.scalars(select(CoOwner).where(CoOwner.pitch_id == pitch_id)):
                if secrets.compare_digest(CoOwnerView(co_owner.owner_id, None, "").handle, handle):
                    s.delete(co_owner)
                    s.execute(update(Pitch).where(Pitch.id == pitch_id).values(revision=Pitch.revision + 1))
                    return True
        return False

    def report(self, pitch_id: int, reporter: str, reason: str) -> bool:
        """Record a report of a published pitch; one per reporter. False when already reported."""
        with self.session.begin() as s:
            if s.scalar(select(Report.id).where(Report.pitch_id == pitch_id, Report.reporter == _hash(reporter))):
                return False
            s.add(Report(pitch_id=pitch_id, reporter=_hash(reporter), reason=reason[:500]))
            return True

    def reported(self) -> list[tuple[str, str, int, datetime | None]]:
        """Reported pitches, most reported first: (slug, title or idea, reports, hidden at)."""
        with self.session() as s:
            rows = s.execute(
                select(Pitch.slug, Pitch.idea, func.count(Report.id), Pitch.hidden_at)
                .join(Report, Report.pitch_id == Pitch.id)
                .where(Pitch.deleted_at.is_(None))
                .group_by(Pitch.id)
                .order_by(func.count(Report.id).desc())
            )
            return [tuple(row) for row in rows]

    def hide(self, slug: str, hidden: bool = True) -> bool:
        """Take a pitch out of the gallery (an operator's decision), or put it back."""
        with self.session.begin() as s:
            result = s.execute(
                update(Pitch)
                .where(Pitch.slug == slug, Pitch.deleted_at.is_(None))
                .values(hidden_at=utcnow() if hidden else None, revision=Pitch.revision + 1)
            )
            return result.rowcount == 1
