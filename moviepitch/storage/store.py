"""Saving and reading pitches, in short transactions that never span a provider call.

Store is the one API over the database that the app's code reaches data through: the pitch and its steps here,
and its sharing, likes, groups and meeting from the mixins beside it (sharing.py, likes.py, groups.py, meeting.py),
which use the store's sessions. Deleting comes in two kinds: erase_pitch leaves nothing (a pitch whose creation
is taken back), tombstone_pitch leaves the row so the pitch's link answers 410 Gone (an owner's delete).
"""

from __future__ import annotations

import copy
import secrets
from collections import Counter
from datetime import timedelta
from typing import Any

from sqlalchemy import bindparam, delete, func, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..vocab import RESUMABLE, Status, StepState
from .groups import Groups
from .likes import Likes
from .meeting import Meeting
from .models import (
    ON_SHOW,
    STEPS,
    CoOwner,
    CurrentPart,
    Like,
    MeetingMessage,
    MeetingSummary,
    Output,
    Pitch,
    Poster,
    PosterPreview,
    Rendition,
    Report,
    Step,
    UsageEntry,
    new_slug,
    utcnow,
)
from .records import ACTIVE, VERSIONED, CoOwnerView, OutputView, PitchView, PosterBlob, Staleness, StepView
from .sharing import Sharing

CANCELLED = "Cancelled by its owner."
INTERRUPTED = "Interrupted before it finished: the worker making it stopped."
# Every table that holds a pitch's content, in an order that deleting them one by one never breaks a reference:
# both ways of deleting a pitch (erase_pitch, tombstone_pitch) clear these. The usage ledger is not among them.
CONTENT_TABLES = (
    PosterPreview,
    Poster,
    Rendition,
    CurrentPart,
    Output,
    Step,
    CoOwner,
    Report,
    Like,
    MeetingSummary,
    MeetingMessage,
)
# Every page view and status poll runs this, so it is built once and run on a bare connection:
# building it and going through an ORM session each time was half the cost of a cached page.
POLL = select(Pitch.id, Pitch.revision, Pitch.status, Pitch.heartbeat_at, Pitch.deleted_at).where(
    Pitch.slug == bindparam("slug")
)


class ClaimLost(Exception):
    """This runner no longer holds the pitch (it was interrupted or taken over), so it may not write."""


class Store(Sharing, Likes, Groups, Meeting):
    """The pitch store over one SQLAlchemy engine."""

    # A runner's store carries its claim token, and then every write is conditional on it.
    runner_token: str | None = None
    # What a runner adds to the meta of every version it writes (the meeting message it carries out).
    output_meta: dict = {}

    def __init__(self, engine: Engine):
        self.engine = engine
        self.session = sessionmaker(engine, expire_on_commit=False)

    def for_runner(self, token: str, output_meta: dict | None = None) -> Store:
        """This store as the runner holding `token` writes to it: each write lands only while it holds the pitch.

        A runner that lost its claim (a restart marked the pitch interrupted, another runner resumed it)
        gets ClaimLost from its next write instead of writing over the new runner's work. `output_meta` goes
        into the meta of every new version it writes.
        """
        runner = copy.copy(self)
        runner.runner_token = token
        runner.output_meta = dict(output_meta or {})
        return runner

    # Creating and claiming

    def create_pitch(
        self,
        idea: str,
        owner_id: str,
        provider: str,
        models: dict,
        seed: int | None = None,
        *,
        knobs: dict | None = None,
        text_model: str | None = None,
        image_model: str | None = None,
    ) -> str:
        """Save a queued pitch with its steps waiting (and the knobs and models its person chose); return its slug."""
        seed = secrets.randbelow(2**31) if seed is None else seed
        with self.session.begin() as s:
            # heartbeat_at doubles as "queued since" until a runner claims the pitch.
            pitch = Pitch(
                slug=new_slug(),
                idea=idea,
                owner_id=owner_id,
                status=Status.QUEUED,
                seed=seed,
                provider=provider,
                models=models,
                usage={},
                heartbeat_at=utcnow(),
                knobs=knobs or {},
                text_model=text_model,
                image_model=image_model,
            )
            s.add(pitch)
            s.flush()
            s.add_all(Step(pitch_id=pitch.id, name=name, usage={}) for name in STEPS)
            return pitch.slug

    # Deleting

    def erase_pitch(self, slug: str) -> None:
        """Remove a pitch's row and everything under it, as if it had never been made (the ledger keeps its usage)."""
        with self.session.begin() as s:
            pitch_id = s.scalar(select(Pitch.id).where(Pitch.slug == slug))
            if pitch_id is None:
                return
            _delete_content(s, pitch_id)
            s.execute(delete(Pitch).where(Pitch.id == pitch_id))

    def tombstone_pitch(self, pitch_id: int) -> None:
        """Erase a pitch's content and posters, keeping a tombstone so its link answers 410 Gone."""
        with self.session.begin() as s:
            _delete_content(s, pitch_id)
            # The usage ledger keeps its rows: the money was spent.
            s.execute(
                update(Pitch)
                .where(Pitch.id == pitch_id)
                .values(
                    idea="",
                    status=Status.DELETED,
                    deleted_at=utcnow(),
                    published_at=None,
                    edit_hash=None,
                    error=None,
                    models={},
                    usage={},
                    knobs={},
                    likes=0,
                    claim=None,
                    revision=Pitch.revision + 1,
                )
            )

    def reachable(self) -> bool:
        """Whether the database answers a trivial query (for the readiness probe)."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return False
        return True

    def pitch_id(self, slug: str) -> int | None:
        """The row id behind a slug."""
        with self.session() as s:
            return s.scalar(select(Pitch.id).where(Pitch.slug == slug))

    def claim(self, pitch_id: int, token: str) -> bool:
        """Take the job for one runner; one conditional UPDATE, so only one ever wins."""
        now = utcnow()
        with self.session.begin() as s:
            result = s.execute(
                update(Pitch)
                .where(Pitch.id == pitch_id, Pitch.status.in_(RESUMABLE))
                .values(
                    status=Status.RUNNING,
                    claim=token,
                    heartbeat_at=now,
                    started_at=func.coalesce(Pitch.started_at, now),
                    revision=Pitch.revision + 1,
                )
            )
            return result.rowcount == 1

    def request_cancel(self, pitch_id: int) -> bool:
        """Stop a pitch: at once when no runner has it, else at the runner's next step boundary."""
        with self.session.begin() as s:
            unclaimed = s.execute(
                update(Pitch)
                .where(Pitch.id == pitch_id, Pitch.status.in_(RESUMABLE))
                .values(status=Status.CANCELLED, finished_at=utcnow(), revision=Pitch.revision + 1)
            )
            if unclaimed.rowcount:
                s.execute(
                    update(Step)
                    .where(Step.pitch_id == pitch_id, Step.state == StepState.WAITING)
                    .values(state=StepState.SKIPPED, error=CANCELLED)
                )
                return True
            running = s.execute(
                update(Pitch)
                .where(Pitch.id == pitch_id, Pitch.status == Status.RUNNING)
                .values(cancel_requested=True, revision=Pitch.revision + 1)
            )
            return running.rowcount == 1

    def hold(self, pitch_id: int, token: str) -> tuple[bool, bool]:
        """At a step boundary: whether this runner still holds the pitch, and whether its owner asked to stop."""
        with self.session() as s:
            row = s.execute(select(Pitch.claim, Pitch.cancel_requested).where(Pitch.id == pitch_id)).first()
        return (row is not None and row.claim == token), bool(row and row.cancel_requested)

    def heartbeat(self, pitch_id: int, token: str) -> bool:
        """Record that the runner holding this pitch is alive; False when it no longer holds it."""
        with self.session.begin() as s:
            result = s.execute(
                update(Pitch)
                .where(Pitch.id == pitch_id, Pitch.claim == token, Pitch.status == Status.RUNNING)
                .values(heartbeat_at=utcnow())
            )
            return result.rowcount == 1

    def reopen(
        self, pitch_id: int, statuses: tuple[str, ...], steps: tuple[str, ...] | None = None, origin: int | None = None
    ) -> bool:
        """Queue a finished pitch again, from one of `statuses`, to run `steps` (default: all not done).

        A run of named steps is new work, made for the meeting message `origin` (None: for no message); a
        resumed run carries on with the origin it had.
        """
        now = utcnow()
        new_work = {"run_message_id": origin} if steps is not None else {}
        with self.session.begin() as s:
            result = s.execute(
                update(Pitch)
                .where(Pitch.id == pitch_id, Pitch.status.in_(statuses))
                .values(
                    status=Status.QUEUED,
                    error=None,
                    finished_at=None,
                    claim=None,
                    cancel_requested=False,
                    heartbeat_at=now,
                    revision=Pitch.revision + 1,
                    **new_work,
                )
            )
            if result.rowcount != 1:
                return False
            which = Step.name.in_(steps) if steps is not None else Step.state != StepState.DONE
            s.execute(
                update(Step)
                .where(Step.pitch_id == pitch_id, which)
                .values(state=StepState.WAITING, error=None, started_at=None, finished_at=None)
            )
            return True

    def interrupt(self, pitch_id: int, statuses: tuple[str, ...] = ACTIVE) -> bool:
        """Mark a pitch interrupted (its runner is gone), so its owner can resume it."""
        with self.session.begin() as s:
            result = s.execute(
                update(Pitch)
                .where(Pitch.id == pitch_id, Pitch.status.in_(statuses))
                .values(status=Status.INTERRUPTED, claim=None, error=INTERRUPTED, revision=Pitch.revision + 1)
            )
            if result.rowcount == 1:
                s.execute(
                    update(Step)
                    .where(Step.pitch_id == pitch_id, Step.state == StepState.RUNNING)
                    .values(state=StepState.FAILED, error=INTERRUPTED, finished_at=utcnow())
                )
            return result.rowcount == 1

    def queued_before(self, seconds: float) -> list[str]:
        """Slugs of pitches queued longer ago than `seconds` and still not taken by a runner."""
        since = utcnow() - timedelta(seconds=seconds)
        with self.session() as s:
            return list(
                s.scalars(
                    select(Pitch.slug)
                    .where(Pitch.status == Status.QUEUED, Pitch.heartbeat_at < since)
                    .order_by(Pitch.heartbeat_at)
                )
            )

    def poll(self, slug: str):
        """The few columns a poll needs (id, revision, status, heartbeat_at, deleted_at), in one query."""
        with self.engine.connect() as connection:
            return connection.execute(POLL, {"slug": slug}).first()

    def interrupt_if_stale(self, slug: str, grace: Staleness, state=None) -> bool:
        """Mark a pitch interrupted when its heartbeat stopped (running) or no runner took it (queued)."""
        row = state if state is not None else self.poll(slug)
        if row is None or row.status not in ACTIVE or row.heartbeat_at is None:
            return False
        seconds = grace.running if row.status == Status.RUNNING else grace.queued
        if utcnow() - row.heartbeat_at < timedelta(seconds=seconds):
            return False
        return self.interrupt(row.id, (row.status,))

    def finish(self, pitch_id: int, status: str, error: str | None = None) -> None:
        """Close the job with its final status (its usage was added up as each step ended)."""
        with self.session.begin() as s:
            _touch(s, pitch_id, self.runner_token)
            s.execute(
                update(Pitch)
                .where(Pitch.id == pitch_id)
                .values(status=status, error=error, finished_at=utcnow(), claim=None)
            )

    # Steps

    def start_step(self, pitch_id: int, name: str, model: str | None = None) -> None:
        """Mark a step running."""
        self._set_step(
            pitch_id, name, state=StepState.RUNNING, model=model, error=None, started_at=utcnow(), finished_at=None
        )

    def finish_step(
        self,
        pitch_id: int,
        name: str,
        usage: dict | None = None,
        *,
        model: str | None = None,
        note: str | None = None,
        cost: dict | None = None,
    ) -> None:
        """Mark a step done, with what it used and cost, the model that answered (when known) and any note."""
        served = {"model": model} if model else {}
        self._set_step(
            pitch_id,
            name,
            state=StepState.DONE,
            error=note,
            finished_at=utcnow(),
            paid=(model, usage or {}, cost),
            **served,
        )

    def fail_step(
        self,
        pitch_id: int,
        name: str,
        message: str,
        state: str = StepState.FAILED,
        *,
        usage: dict | None = None,
        model: str | None = None,
        cost: dict | None = None,
    ) -> None:
        """Mark a step failed (or skipped) with a plain-language reason, and what its calls used, if anything."""
        self._set_step(
            pitch_id, name, state=state, error=message, finished_at=utcnow(), paid=(model, usage or {}, cost)
        )

    def _set_step(self, pitch_id: int, name: str, paid: tuple | None = None, **values: Any) -> None:
        with self.session.begin() as s:
            _touch(s, pitch_id, self.runner_token)
            if paid is not None:
                values.update(usage=paid[1], cost=paid[2])
                _charge(s, pitch_id, name, *paid)
            s.execute(update(Step).where(Step.pitch_id == pitch_id, Step.name == name).values(**values))

    # Outputs

    def write_output(
        self,
        pitch_id: int,
        part: str,
        body: str,
        *,
        version: int | None = None,
        complete: bool = True,
        meta: dict | None = None,
    ) -> int:
        """Save a part's text as a new version (or update a version still being written); make it current."""
        with self.session.begin() as s:
            _touch(s, pitch_id, self.runner_token)
            if version is None:
                version = _next_version(s, pitch_id, part)
                s.add(
                    Output(
                        pitch_id=pitch_id,
                        part=part,
                        version=version,
                        body=body,
                        complete=complete,
                        meta={**self.output_meta, **(meta or {})},
                    )
                )
            else:
                s.execute(
                    update(Output)
                    .where(Output.pitch_id == pitch_id, Output.part == part, Output.version == version)
                    .values(body=body, complete=complete, **({"meta": meta} if meta is not None else {}))
                )
            _point_at(s, pitch_id, part, version)
            return version

    def save_poster(self, pitch_id: int, *, webp: bytes, thumb: bytes, width: int, height: int, meta: dict) -> int:
        """Save poster bytes as a new version and show it."""
        with self.session.begin() as s:
            _touch(s, pitch_id, self.runner_token)
            version = _next_version(s, pitch_id, "poster")
            s.add(Poster(pitch_id=pitch_id, version=version, width=width, height=height, webp=webp, thumb=thumb))
            s.add(
                Output(
                    pitch_id=pitch_id,
                    part="poster",
                    version=version,
                    body="",
                    complete=True,
                    meta={**self.output_meta, **meta, "width": width, "height": height},
                )
            )
            _point_at(s, pitch_id, "poster", version)
            s.execute(delete(PosterPreview).where(PosterPreview.pitch_id == pitch_id))
            return version

    def save_preview(self, pitch_id: int, webp: bytes, index: int) -> None:
        """Keep the latest partial poster, overwriting the one before."""
        with self.session.begin() as s:
            _touch(s, pitch_id, self.runner_token)
            preview = s.get(PosterPreview, pitch_id)
            if preview is None:
                s.add(PosterPreview(pitch_id=pitch_id, index=index, webp=webp))
            else:
                preview.index, preview.webp, preview.updated_at = index, webp, utcnow()

    def preview(self, slug: str) -> bytes | None:
        """The latest partial poster of a pitch, if one is being painted."""
        with self.session() as s:
            return s.scalar(
                select(PosterPreview.webp).join(Pitch, Pitch.id == PosterPreview.pitch_id).where(Pitch.slug == slug)
            )

    def choose(self, pitch_id: int, part: str, version: int) -> bool:
        """Show another existing version of a part; False when there is no such version."""
        return self.choose_versions(pitch_id, {part: version})

    def choose_versions(self, pitch_id: int, versions: dict[str, int]) -> bool:
        """Show these versions of these parts, all at once; False (and nothing changed) when one does not exist."""
        with self.session.begin() as s:
            found = sum(
                s.scalar(
                    select(func.count(Output.id)).where(
                        Output.pitch_id == pitch_id,
                        Output.part == part,
                        Output.version == version,
                        Output.complete.is_(True),
                    )
                )
                for part, version in versions.items()
            )
            if found != len(versions):
                return False
            for part, version in versions.items():
                _point_at(s, pitch_id, part, version)
            _touch(s, pitch_id)
            return True

    def made_with(self, pitch_id: int, part: str, version: int, parts: tuple[str, ...]) -> dict[str, int]:
        """The versions of `parts` made from version `version` of `part` (the cast and poster description of a
        synopsis): the newest of each written after it and before the part's next version."""
        with self.session() as s:
            created = select(Output.created_at).where(Output.pitch_id == pitch_id, Output.part == part)
            since = s.scalar(created.where(Output.version == version))
            until = s.scalar(
                select(func.min(Output.created_at)).where(
                    Output.pitch_id == pitch_id, Output.part == part, Output.version > version
                )
            )
            if since is None:
                return {}
            query = select(Output.part, func.max(Output.version)).where(
                Output.pitch_id == pitch_id,
                Output.part.in_(parts),
                Output.complete.is_(True),
                Output.created_at >= since,
            )
            if until is not None:
                query = query.where(Output.created_at < until)
            return dict(s.execute(query.group_by(Output.part)).all())

    def charge(self, pitch_id: int, step: str, model: str | None, usage: dict, cost: dict | None) -> None:
        """Add what a call made outside the chain (a meeting turn) used and cost to its pitch and the ledger."""
        with self.session.begin() as s:
            _touch(s, pitch_id)
            _charge(s, pitch_id, step, model, usage, cost)

    def latest_versions(self, pitch_id: int) -> dict[str, int]:
        """The newest version number of each part written so far."""
        with self.session() as s:
            rows = s.execute(
                select(Output.part, func.max(Output.version)).where(Output.pitch_id == pitch_id).group_by(Output.part)
            )
            return dict(rows.all())

    # Reading

    def view(self, slug: str) -> PitchView | None:
        """Read a pitch with its steps and current outputs."""
        with self.session() as s:
            pitch = s.scalar(select(Pitch).where(Pitch.slug == slug))
            if pitch is None:
                return None
            steps = {
                row.name: StepView(
                    row.name,
                    row.state,
                    row.model,
                    row.error,
                    row.started_at,
                    row.finished_at,
                    row.usage or {},
                    row.cost,
                )
                for row in s.scalars(select(Step).where(Step.pitch_id == pitch.id))
            }
            costs, unpriced = {}, 0
            for currency, nanos, calls in s.execute(
                select(UsageEntry.currency, func.sum(UsageEntry.cost_nanos), func.count())
                .where(UsageEntry.pitch_id == pitch.id)
                .group_by(UsageEntry.currency)
            ):
                if currency is None:
                    unpriced = calls
                else:
                    costs[currency] = int(nanos or 0)
            current = s.scalars(select(Output).join(CurrentPart, ON_SHOW).where(Output.pitch_id == pitch.id))
            outputs = {o.part: _record(o) for o in current}
            versions: dict[str, list[OutputView]] = {}
            for o in s.scalars(
                select(Output)
                .where(Output.pitch_id == pitch.id, Output.part.in_(VERSIONED), Output.complete.is_(True))
                .order_by(Output.part, Output.version)
            ):
                versions.setdefault(o.part, []).append(_record(o))
            preview_index = s.scalar(select(PosterPreview.index).where(PosterPreview.pitch_id == pitch.id))
            co_owners = tuple(
                CoOwnerView(row.owner_id, row.joined_at, row.device or "")
                for row in s.scalars(select(CoOwner).where(CoOwner.pitch_id == pitch.id).order_by(CoOwner.joined_at))
            )
            return PitchView(
                id=pitch.id,
                slug=pitch.slug,
                idea=pitch.idea,
                owner_id=pitch.owner_id,
                status=pitch.status,
                seed=pitch.seed,
                provider=pitch.provider,
                models=pitch.models or {},
                usage=pitch.usage or {},
                error=pitch.error,
                created_at=pitch.created_at,
                started_at=pitch.started_at,
                finished_at=pitch.finished_at,
                revision=pitch.revision,
                steps={name: steps[name] for name in STEPS if name in steps},
                outputs=outputs,
                versions=versions,
                preview_index=preview_index,
                published_at=pitch.published_at,
                hidden_at=pitch.hidden_at,
                deleted_at=pitch.deleted_at,
                co_owners=co_owners,
                knobs=pitch.knobs or {},
                text_model=pitch.text_model,
                image_model=pitch.image_model,
                likes=pitch.likes or 0,
                costs=costs,
                unpriced=unpriced,
                run_message_id=pitch.run_message_id,
            )

    def poster(self, slug: str, version: int | None = None) -> PosterBlob | None:
        """Poster bytes for a version, or for the current one."""
        with self.session() as s:
            query = select(Poster).join(Pitch, Pitch.id == Poster.pitch_id).where(Pitch.slug == slug)
            if version is None:
                query = query.join(
                    CurrentPart,
                    (CurrentPart.pitch_id == Poster.pitch_id)
                    & (CurrentPart.part == "poster")
                    & (CurrentPart.version == Poster.version),
                )
            else:
                query = query.where(Poster.version == version)
            row = s.scalar(query)
            return PosterBlob(row.version, row.webp, row.thumb) if row else None

    def rendition(self, pitch_id: int, name: str) -> bytes | None:
        """A picture drawn from a pitch and kept (media/renditions.py), if it was drawn before."""
        with self.session() as s:
            return s.scalar(select(Rendition.body).where(Rendition.pitch_id == pitch_id, Rendition.name == name))

    def keep_rendition(self, pitch_id: int, name: str, body: bytes) -> None:
        """Keep a drawn picture; when another process kept the same one first, theirs stays."""
        try:
            with self.session.begin() as s:
                s.add(Rendition(pitch_id=pitch_id, name=name, body=body))
        except IntegrityError:
            pass  # another process drew and kept the same picture first; both are the same


def _charge(s: Session, pitch_id: int, step: str, model: str | None, usage: dict, cost: dict | None) -> None:
    """Add a step's usage to its pitch and to the ledger (in the transaction that ends the step, after _touch has
    locked the pitch's row, so steps ending side by side add up)."""
    if not usage:
        return
    total = Counter(s.scalar(select(Pitch.usage).where(Pitch.id == pitch_id)) or {})
    total.update(usage)
    s.execute(update(Pitch).where(Pitch.id == pitch_id).values(usage=dict(total)))
    s.add(
        UsageEntry(
            pitch_id=pitch_id,
            step=step,
            model=model or "",
            usage=usage,
            cost_nanos=cost["nanos"] if cost else None,
            currency=cost["currency"] if cost else None,
        )
    )


def _delete_content(s: Session, pitch_id: int) -> None:
    for table in CONTENT_TABLES:  # the reports, likes and the meeting's messages and summaries among them
        s.execute(delete(table).where(table.pitch_id == pitch_id))


def _record(o: Output) -> OutputView:
    return OutputView(o.part, o.version, o.body, o.complete, o.meta or {})


def _next_version(s: Session, pitch_id: int, part: str) -> int:
    latest = s.scalar(select(func.max(Output.version)).where(Output.pitch_id == pitch_id, Output.part == part))
    return (latest or 0) + 1


def _point_at(s: Session, pitch_id: int, part: str, version: int) -> None:
    current = s.get(CurrentPart, (pitch_id, part))
    if current is None:
        s.add(CurrentPart(pitch_id=pitch_id, part=part, version=version))
    else:
        current.version = version


def _touch(s: Session, pitch_id: int, claim: str | None = None) -> None:
    # Every change bumps the revision, which the status ETag is made from. A runner's writes bump it
    # first, and only while it still holds the claim: the UPDATE also locks the pitch's row, so an
    # interruption or a new claim either waits for this write or makes it fail, never interleaves.
    touched = update(Pitch).where(Pitch.id == pitch_id).values(revision=Pitch.revision + 1)
    if claim is not None:
        touched = touched.where(Pitch.claim == claim)
    if s.execute(touched).rowcount != 1 and claim is not None:
        raise ClaimLost(f"pitch {pitch_id} is no longer held by this runner")
