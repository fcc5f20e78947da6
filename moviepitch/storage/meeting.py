"""The store's meeting: the conversation in the database, messages, the turn in progress, and summaries of older turns.

Each write is one short transaction. A turn is two rows: the owner's message and the boss's answer, which
is queued, then written (its text so far saved as it streams), then done or failed. A unique index lets only
one turn per pitch be busy at a time. Messages keep their own revision, so the meeting's poll has its own ETag
and chatting never changes the pitch's shared page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from .models import MeetingMessage, MeetingSummary, Pitch, utcnow

BUSY = ("queued", "writing")
INTERRUPTED = "The boss's answer was interrupted before it finished. Send your message again."


class TurnTaken(Exception):
    """The boss is still answering the last message of this meeting."""


@dataclass(frozen=True)
class Message:
    """One message as the meeting shows it."""

    id: int
    pitch_id: int
    role: str  # "user" (an owner) or "assistant" (the Movie Boss)
    content: str
    state: str  # queued, writing, done or failed
    error: str | None
    # The owner's: the passage of the synopsis it is about (or None), and how many proposals it asks for.
    passage: str | None
    alternatives: int
    # The boss's: its proposals, their status (open, applied, rejected, undone), the one applied, and the
    # versions that produced ({"made": {part: n}, "before": {part: n}}).
    proposals: list = field(default_factory=list)
    proposal_status: str | None = None
    chosen: int | None = None
    paint: bool = False
    versions: dict = field(default_factory=dict)
    model: str | None = None
    created_at: datetime | None = None
    revision: int = 0

    @property
    def busy(self) -> bool:
        """True while the boss's answer is queued or being written."""
        return self.state in BUSY


@dataclass(frozen=True)
class Summary:
    """The turns up to and including message `upto_id`, in a few lines."""

    upto_id: int
    content: str
    source: str


@dataclass(frozen=True)
class MeetingState:
    """What the meeting's poll needs: a fingerprint of every message, and the busy turn's age."""

    count: int
    revisions: int
    busy_state: str | None
    busy_since: datetime | None


def _record(row: MeetingMessage) -> Message:
    meta = row.meta or {}
    return Message(
        row.id,
        row.pitch_id,
        row.role,
        row.content or "",
        row.state,
        row.error,
        meta.get("passage"),
        int(meta.get("alternatives") or 1),
        list(row.proposals or []),
        row.proposal_status,
        row.chosen,
        bool(row.paint),
        dict(row.versions or {}),
        row.model,
        row.created_at,
        row.revision or 0,
    )


class Meeting:
    """What a Store can do with a pitch's meeting (a mixin of Store, over its sessions)."""

    session: sessionmaker

    def start_turn(self, pitch_id: int, text: str, passage: str | None, alternatives: int) -> tuple[int, int]:
        """Save the owner's message and the boss's answer to come (queued): their ids. TurnTaken when a turn is busy."""
        now = utcnow()
        try:
            with self.session.begin() as s:
                asked = MeetingMessage(
                    pitch_id=pitch_id,
                    role="user",
                    content=text,
                    state="done",
                    meta={"passage": passage, "alternatives": alternatives},
                    created_at=now,
                    updated_at=now,
                )
                answer = MeetingMessage(
                    pitch_id=pitch_id, role="assistant", content="", state="queued", created_at=now, updated_at=now
                )
                s.add_all([asked, answer])
                s.flush()
                return asked.id, answer.id
        except IntegrityError as exc:
            raise TurnTaken() from exc

    def take_back_turn(self, *ids: int) -> None:
        """Remove a turn that could not be started (every worker was busy): as if it was never sent."""
        with self.session.begin() as s:
            s.execute(delete(MeetingMessage).where(MeetingMessage.id.in_(ids)))

    def slug_of(self, pitch_id: int) -> str | None:
        """The slug of the pitch a meeting belongs to."""
        with self.session() as s:
            return s.scalar(select(Pitch.slug).where(Pitch.id == pitch_id))

    def conversation(self, pitch_id: int) -> list[Message]:
        """Every message of the pitch's meeting, oldest first."""
        with self.session() as s:
            rows = s.scalars(
                select(MeetingMessage).where(MeetingMessage.pitch_id == pitch_id).order_by(MeetingMessage.id)
            )
            return [_record(row) for row in rows]

    def message(self, message_id: int, pitch_id: int | None = None) -> Message | None:
        """One message (of the pitch `pitch_id`, when given)."""
        with self.session() as s:
            row = s.get(MeetingMessage, message_id)
            return _record(row) if row is not None and pitch_id in (None, row.pitch_id) else None

    def _change_message(self, message_id: int, states: tuple[str, ...], **values) -> bool:
        """Change a message while it is in one of `states`; False when it is not (another runner has it, or it
        ended)."""
        with self.session.begin() as s:
            result = s.execute(
                update(MeetingMessage)
                .where(MeetingMessage.id == message_id, MeetingMessage.state.in_(states))
                .values(revision=MeetingMessage.revision + 1, updated_at=utcnow(), **values)
            )
            return result.rowcount == 1

    def claim_turn(self, message_id: int) -> bool:
        """Take a queued answer to write it; only one runner ever wins."""
        return self._change_message(message_id, ("queued",), state="writing")

    def save_turn_draft(self, message_id: int, text: str) -> bool:
        """Save the reply so far; False when the turn is no longer this runner's to write."""
        return self._change_message(message_id, ("writing",), content=text)

    def finish_turn(self, message_id: int, reply: str, proposals: list[dict], model: str | None, usage: dict) -> bool:
        """Save the whole reply and its proposals (open, when there are any)."""
        return self._change_message(
            message_id,
            ("writing",),
            content=reply,
            proposals=proposals,
            state="done",
            proposal_status="open" if proposals else None,
            model=model,
            usage=usage,
        )

    def fail_turn(self, message_id: int, error: str, partial: str | None = None, usage: dict | None = None) -> bool:
        """End a turn that could not be answered, keeping any reply written so far."""
        values = {"content": partial} if partial is not None else {}
        return self._change_message(message_id, BUSY, state="failed", error=error, usage=usage or {}, **values)

    def settle_proposal(self, message_id: int, statuses: tuple[str, ...], status: str, **values) -> bool:
        """Move a proposal from one of `statuses` to `status` (with `values`, such as the versions it made); False when
        it was not in one of them (someone else got there first)."""
        with self.session.begin() as s:
            result = s.execute(
                update(MeetingMessage)
                .where(MeetingMessage.id == message_id, MeetingMessage.proposal_status.in_(statuses))
                .values(proposal_status=status, revision=MeetingMessage.revision + 1, updated_at=utcnow(), **values)
            )
            return result.rowcount == 1

    def latest_summary(self, pitch_id: int) -> Summary | None:
        """The newest summary of the meeting's older turns, if any."""
        with self.session() as s:
            row = s.scalars(
                select(MeetingSummary)
                .where(MeetingSummary.pitch_id == pitch_id)
                .order_by(MeetingSummary.upto_id.desc(), MeetingSummary.id.desc())
                .limit(1)
            ).first()
            return Summary(row.upto_id, row.content, row.source) if row else None

    def save_summary(self, pitch_id: int, upto_id: int, content: str, source: str) -> Summary:
        """Keep a summary of every turn up to `upto_id`."""
        with self.session.begin() as s:
            s.add(MeetingSummary(pitch_id=pitch_id, upto_id=upto_id, content=content, source=source))
        return Summary(upto_id, content, source)

    def meeting_state(self, pitch_id: int) -> MeetingState:
        """The meeting's fingerprint and busy turn, in two small queries."""
        with self.session() as s:
            count, revisions = s.execute(
                select(func.count(MeetingMessage.id), func.sum(MeetingMessage.revision)).where(
                    MeetingMessage.pitch_id == pitch_id
                )
            ).one()
            busy = s.execute(
                select(MeetingMessage.state, MeetingMessage.updated_at).where(
                    MeetingMessage.pitch_id == pitch_id, MeetingMessage.state.in_(BUSY)
                )
            ).first()
        return MeetingState(
            count or 0, int(revisions or 0), busy.state if busy else None, busy.updated_at if busy else None
        )

    def expire_turns(self, pitch_id: int, queued_seconds: float, writing_seconds: float) -> bool:
        """Fail a busy turn whose runner went quiet (a restart, a lost job), so the owner can send again."""
        now = utcnow()
        with self.session.begin() as s:
            result = s.execute(
                update(MeetingMessage)
                .where(
                    MeetingMessage.pitch_id == pitch_id,
                    (
                        (MeetingMessage.state == "queued")
                        & (MeetingMessage.updated_at < now - timedelta(seconds=queued_seconds))
                    )
                    | (
                        (MeetingMessage.state == "writing")
                        & (MeetingMessage.updated_at < now - timedelta(seconds=writing_seconds))
                    ),
                )
                .values(state="failed", error=INTERRUPTED, revision=MeetingMessage.revision + 1, updated_at=now)
            )
            return result.rowcount > 0
