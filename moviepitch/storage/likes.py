"""The store's likes: one per visitor (owner cookie or token) per published pitch, undoable, counted on the pitch."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from .models import Like, Pitch


class NotLikeable(Exception):
    """The pitch is not in the gallery (unpublished, hidden or deleted), so it cannot be liked."""


@dataclass(frozen=True)
class LikeState:
    """Whether this visitor likes the pitch, and how many do."""

    liked: bool
    likes: int


class Likes:
    """What a Store can do with likes (a mixin of Store, over its sessions)."""

    session: sessionmaker

    def like(self, pitch_id: int, owner_id: str) -> LikeState:
        """Like a published pitch; liking it again changes nothing. Raises NotLikeable when it is not in the gallery."""
        try:
            with self.session.begin() as s:
                # The pitch's row is locked first (where the database can), so one visitor's two requests take turns.
                listed = s.scalar(
                    select(Pitch.id)
                    .where(
                        Pitch.id == pitch_id,
                        Pitch.published_at.is_not(None),
                        Pitch.hidden_at.is_(None),
                        Pitch.deleted_at.is_(None),
                    )
                    .with_for_update()
                )
                if listed is None:
                    raise NotLikeable()
                if s.get(Like, (pitch_id, owner_id)) is None:
                    s.add(Like(pitch_id=pitch_id, owner_id=owner_id))
                    s.flush()  # a second like by the same visitor fails here, on the primary key
                    s.execute(
                        update(Pitch)
                        .where(Pitch.id == pitch_id)
                        .values(likes=Pitch.likes + 1, revision=Pitch.revision + 1)
                    )
        except IntegrityError:
            pass  # the same visitor's other request got there first: it is liked once either way
        return self.like_state(pitch_id, owner_id)

    def unlike(self, pitch_id: int, owner_id: str) -> LikeState:
        """Take a like back (nothing to do when there was none); allowed whatever the pitch's state now."""
        with self.session.begin() as s:
            removed = s.execute(delete(Like).where(Like.pitch_id == pitch_id, Like.owner_id == owner_id)).rowcount
            if removed:
                s.execute(
                    update(Pitch)
                    .where(Pitch.id == pitch_id)
                    .values(likes=Pitch.likes - removed, revision=Pitch.revision + 1)
                )
        return self.like_state(pitch_id, owner_id)

    def like_state(self, pitch_id: int, owner_id: str | None) -> LikeState:
        """Whether `owner_id` likes the pitch, and its like count."""
        with self.session() as s:
            likes = s.scalar(select(Pitch.likes).where(Pitch.id == pitch_id)) or 0
            liked = owner_id is not None and s.get(Like, (pitch_id, owner_id)) is not None
        return LikeState(liked, likes)
