"""The tables: pitches, their steps, versioned outputs, and poster bytes."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    and_,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from .. import vocab

# Named constraints, so Alembic's batch mode can alter SQLite tables.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# The chain's steps (vocab.py), in the order pages list them. Each step but the content check writes the part of
# the same name.
STEPS = vocab.STEPS


def utcnow() -> datetime:
    """The current time in UTC, timezone-aware."""
    return datetime.now(UTC)


def new_slug() -> str:
    """An unguessable, URL-safe permalink slug (12 characters, about 71 bits), for a pitch or a group."""
    # Never starting with "-" or "_": a slug is typed after a command ("flask pitches hide SLUG"), where a
    # leading dash reads as an option, and is selected with a double click, which stops at punctuation.
    while True:
        slug = secrets.token_urlsafe(9)
        if slug[0].isalnum():
            return slug


class UTCDateTime(TypeDecorator):
    """A timestamp that always comes back timezone-aware, in UTC (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return value.astimezone(UTC) if value is not None and value.tzinfo else value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Pitch(Base):
    __tablename__ = "pitches"
    # The gallery sorted by likes pages through this order.
    __table_args__ = (Index("ix_pitches_likes_published", "likes", "published_at", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(32), unique=True)
    idea: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[str] = mapped_column(String(64), index=True)
    # One of vocab.Status (see the README).
    status: Mapped[str] = mapped_column(String(16), default=vocab.Status.QUEUED.value, index=True)
    seed: Mapped[int] = mapped_column(Integer, default=0)
    provider: Mapped[str] = mapped_column(String(64))
    # {"text": model, "image": model}
    models: Mapped[dict] = mapped_column(JSON, default=dict)
    # Summed over every call: {"input_tokens": n, "output_tokens": n, "images": n}
    usage: Mapped[dict] = mapped_column(JSON, default=dict)
    error: Mapped[str | None] = mapped_column(Text)
    # Which runner holds the job; set by the one conditional UPDATE that claims it.
    claim: Mapped[str | None] = mapped_column(String(64))
    # The owner asked to stop; the runner honours it at the next step boundary.
    cancel_requested: Mapped[bool] = mapped_column(default=False)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Bumped on every change, so pages and the API can answer 304 cheaply.
    revision: Mapped[int] = mapped_column(Integer, default=0)
    # In the public gallery since (None: unlisted, reachable only by its link).
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    # An operator took it out of the gallery after reports.
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Deleted by its owner: the content is gone and this row is the tombstone.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # sha256 of the secret edit link, which makes another browser an owner.
    edit_hash: Mapped[str | None] = mapped_column(String(64))
    # The knobs the person set (temperature, frequency_penalty, presence_penalty); unset ones are absent.
    knobs: Mapped[dict] = mapped_column(JSON, default=dict)
    # The text model the person chose from MOVIEPITCH_TEXT_MODELS (None: the configured default).
    text_model: Mapped[str | None] = mapped_column(String(128))
    image_model: Mapped[str | None] = mapped_column(String(128))
    # How many visitors like it (kept with the likes table in one transaction), for sorting the gallery.
    likes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The meeting message whose applied proposal the queued run carries out: the versions it writes link to it.
    run_message_id: Mapped[int | None] = mapped_column(Integer)


class Step(Base):
    __tablename__ = "steps"
    __table_args__ = (UniqueConstraint("pitch_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pitch_id: Mapped[int] = mapped_column(ForeignKey("pitches.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(32))
    # waiting, running, done, failed or skipped.
    state: Mapped[str] = mapped_column(String(16), default="waiting")
    model: Mapped[str | None] = mapped_column(String(128))
    usage: Mapped[dict] = mapped_column(JSON, default=dict)
    # What the step's last run cost, priced when it finished: {"nanos": n, "currency": "USD"}; None: no price.
    cost: Mapped[dict | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Output(Base):
    """One version of one part of a pitch. Versions are never overwritten."""

    __tablename__ = "outputs"
    __table_args__ = (UniqueConstraint("pitch_id", "part", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pitch_id: Mapped[int] = mapped_column(ForeignKey("pitches.id", ondelete="CASCADE"), index=True)
    part: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    # Text for text parts; JSON text for the cast; a caption for the poster.
    body: Mapped[str] = mapped_column(Text, default="")
    # False while a streamed part is still being written.
    complete: Mapped[bool] = mapped_column(default=True)
    meta: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CurrentPart(Base):
    """Which version of a part the pitch shows."""

    __tablename__ = "current_parts"

    pitch_id: Mapped[int] = mapped_column(ForeignKey("pitches.id", ondelete="CASCADE"), primary_key=True)
    part: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)


# Joins an output to its part's version on show: `select(Output...).join(CurrentPart, ON_SHOW)`.
ON_SHOW = and_(
    CurrentPart.pitch_id == Output.pitch_id, CurrentPart.part == Output.part, CurrentPart.version == Output.version
)


class Poster(Base):
    """Poster bytes, in the database so every web process on every host can serve them."""

    __tablename__ = "posters"
    __table_args__ = (UniqueConstraint("pitch_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pitch_id: Mapped[int] = mapped_column(ForeignKey("pitches.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    webp: Mapped[bytes] = mapped_column(LargeBinary)
    thumb: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PosterPreview(Base):
    """The latest partial image of a poster being painted: one per pitch, overwritten."""

    __tablename__ = "poster_previews"

    pitch_id: Mapped[int] = mapped_column(ForeignKey("pitches.id", ondelete="CASCADE"), primary_key=True)
    # Which partial image this is (0, 1, ...), so pages can tell a new one from the last.
    index: Mapped[int] = mapped_column(Integer)
    webp: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CoOwner(Base):
    """Another browser that became an owner of a pitch through its edit link."""

    __tablename__ = "co_owners"

    pitch_id: Mapped[int] = mapped_column(ForeignKey("pitches.id", ondelete="CASCADE"), primary_key=True)
    owner_id: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    # When it joined, and a rough name for the browser ("Firefox on Linux"), so the owner can
    # tell co-owners apart before removing one.
    joined_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=utcnow)
    device: Mapped[str] = mapped_column(String(80), default="")


class Rendition(Base):
    """A picture drawn from a pitch (its share card, its poster as PNG), kept per version it shows.

    Drawing one costs a fifth of a second or more; keeping it here means every process on every
    host draws it once.
    """

    __tablename__ = "renditions"
    __table_args__ = (UniqueConstraint("pitch_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pitch_id: Mapped[int] = mapped_column(ForeignKey("pitches.id", ondelete="CASCADE"), index=True)
    # What it is and which versions it shows: "card-2.1.3", "poster-2".
    name: Mapped[str] = mapped_column(String(64))
    body: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Report(Base):
    """Someone thinks a published pitch should not be in the gallery."""

    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("pitch_id", "reporter"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pitch_id: Mapped[int] = mapped_column(ForeignKey("pitches.id", ondelete="CASCADE"), index=True)
    # A hash of who reported it (owner id or address), so one person counts once.
    reporter: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class DailyBudget(Base):
    """What the whole site made on one day (UTC): an atomic counter every process and host shares."""

    __tablename__ = "daily_budget"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # 2026-11-24
    pitches: Mapped[int] = mapped_column(Integer, default=0)
    images: Mapped[int] = mapped_column(Integer, default=0)
    # Money spent, in billionths of the price table's currency (integers add up exactly).
    spent_nanos: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    # Pitch meeting turns taken.
    turns: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class RateLimit(Base):
    """One rate-limit counter (Flask-Limiter's key) and when its window ends, shared by every process."""

    __tablename__ = "rate_limits"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    hits: Mapped[int] = mapped_column(Integer, default=0)
    # Seconds since the epoch, as the limits library counts them.
    expires_at: Mapped[float] = mapped_column(Float, index=True)


class Like(Base):
    """One visitor (owner cookie or token) likes one published pitch."""

    __tablename__ = "likes"

    pitch_id: Mapped[int] = mapped_column(ForeignKey("pitches.id", ondelete="CASCADE"), primary_key=True)
    owner_id: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class UsageEntry(Base):
    """What one run of one step used and cost: the ledger `flask usage` reads (kept when a pitch is deleted)."""

    __tablename__ = "usage_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pitch_id: Mapped[int | None] = mapped_column(ForeignKey("pitches.id", ondelete="SET NULL"), index=True)
    step: Mapped[str] = mapped_column(String(32))
    model: Mapped[str] = mapped_column(String(128), default="")
    # The usage dict as the provider reported it (keys: providers.base.USAGE_KEYS).
    usage: Mapped[dict] = mapped_column(JSON, default=dict)
    # The cost when it was made, in billionths of `currency`; None when the table had no price for the model.
    cost_nanos: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


class PitchGroup(Base):
    """Pitches made together from one idea to be read side by side: three takes at three creativities, or the same
    settings written by two or three models (a comparison)."""

    __tablename__ = "pitch_groups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Unguessable, like a pitch's: the group shows unlisted pitches to whoever has its link.
    slug: Mapped[str] = mapped_column(String(32), unique=True)
    # "takes" or "compare".
    kind: Mapped[str] = mapped_column(String(16))
    idea: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class GroupMember(Base):
    """One pitch of a group, in its place (1, 2, 3: the order the page shows them)."""

    __tablename__ = "group_members"

    group_id: Mapped[int] = mapped_column(ForeignKey("pitch_groups.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    # A pitch belongs to one group at most.
    pitch_id: Mapped[int] = mapped_column(ForeignKey("pitches.id", ondelete="CASCADE"), unique=True)


# A meeting turn is busy from the owner's message until the boss's answer is whole: one at a time per pitch.
MEETING_BUSY = "state IN ('queued', 'writing')"


class MeetingMessage(Base):
    """One message of a pitch meeting: the owner's (role user) or the Movie Boss's (role assistant)."""

    __tablename__ = "meeting_messages"
    __table_args__ = (
        Index(
            "uq_meeting_messages_busy",
            "pitch_id",
            unique=True,
            sqlite_where=text(MEETING_BUSY),
            postgresql_where=text(MEETING_BUSY),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pitch_id: Mapped[int] = mapped_column(ForeignKey("pitches.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    # The owner's words, or the boss's reply (the text so far while it is written).
    content: Mapped[str] = mapped_column(Text, default="")
    # queued, writing, done or failed (the boss's replies); done for the owner's messages.
    state: Mapped[str] = mapped_column(String(16), default="done")
    error: Mapped[str | None] = mapped_column(Text)
    # The owner's: {"passage": a sentence of the synopsis the message is about, "alternatives": 1 or 3}.
    meta: Mapped[dict] = mapped_column(JSON, default=dict)
    # The boss's proposals (one, or three alternatives), each with the parts it changes and what they were.
    proposals: Mapped[list] = mapped_column(JSON, default=list)
    # open, applied, rejected or undone; None when nothing was proposed.
    proposal_status: Mapped[str | None] = mapped_column(String(16))
    # Which proposal was applied (0, 1 or 2), and whether a new poster was asked for with it.
    chosen: Mapped[int | None] = mapped_column(Integer)
    paint: Mapped[bool] = mapped_column(default=False)
    # The versions an applied proposal produced, and those on show before it: {"made": {part: n}, "before": {...}}.
    versions: Mapped[dict] = mapped_column(JSON, default=dict)
    model: Mapped[str | None] = mapped_column(String(128))
    usage: Mapped[dict] = mapped_column(JSON, default=dict)
    # Bumped on every change, so the meeting's poll can answer 304 cheaply.
    revision: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class MeetingSummary(Base):
    """The older turns of a meeting in a few lines, sent to the model instead of them once history runs long."""

    __tablename__ = "meeting_summaries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pitch_id: Mapped[int] = mapped_column(ForeignKey("pitches.id", ondelete="CASCADE"), index=True)
    # The last message it covers (it covers every earlier one, an earlier summary's included).
    upto_id: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)
    # "model" when the model wrote it; "extract" when it was put together from the messages themselves.
    source: Mapped[str] = mapped_column(String(16), default="model")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
