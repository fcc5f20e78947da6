"""The chain: check ∥ reply, synopsis → (title, cast) ∥ image prompt → poster.

When text calls are limited (a local server answers one at a time), they start in critical-path order.

It talks to a provider and a store, never to Flask, so it runs the same in a
web process, a worker or the CLI. A job runs every step that is not done yet,
so the same code makes a new pitch, resumes a failed one and regenerates a part.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

from ..providers import Provider, ProviderError
from ..storage.budget import Budget
from ..storage.store import CANCELLED, ClaimLost, Store
from ..vocab import COSMETIC, LABELS, NEEDS, PRIORITY, STEP, STEPS, Status, StepState
from .steps import STEP_FUNCTIONS, IdeaRefused, Job, OnEvent, Run

log = logging.getLogger(__name__)

# The most text steps the chain ever has ready at once (title, cast and poster description): a limit this
# high limits nothing.
PARALLEL_TEXT = 3

# Seconds between heartbeats of a running job.
HEARTBEAT_INTERVAL = 5.0


class Heartbeat(threading.Thread):
    """Beats for a job while it runs, and notices when another runner took the pitch over."""

    def __init__(self, run: Run, interval: float = HEARTBEAT_INTERVAL):
        super().__init__(name=f"heartbeat-{run.job.pitch_id}", daemon=True)
        self.run_, self.interval = run, interval
        self.stopped = threading.Event()
        self.lost = False

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            try:
                self.lost = not self.run_.job.store.heartbeat(self.run_.job.pitch_id, self.run_.job.token)
            except Exception:
                log.exception("Heartbeat of pitch %s failed", self.run_.job.pitch_id)
            if self.lost:
                return


def run_step(run: Run, name: str) -> bool:
    """Run one step and record how it went; True when it succeeded."""
    model = run.model_for(name) if STEP[name].model else None
    run.job.store.start_step(run.job.pitch_id, name, model)
    run.emit(name, StepState.RUNNING)
    try:
        STEP_FUNCTIONS[name](run)
    except ClaimLost:
        raise  # another runner has the pitch now: this one stops writing at once
    except ProviderError as exc:
        recorded, plain = exc.recorded(), exc.message
        if isinstance(exc, IdeaRefused):
            run.refusal = exc.message
        else:
            # Operators read the hint here: the address and the setting to change.
            log.warning("%s of pitch %s failed: %s", LABELS[name], run.job.pitch_id, recorded.replace("\n\n", " "))
    except Exception:
        log.exception("Step %s of pitch %s failed unexpectedly", name, run.job.pitch_id)
        recorded = plain = "Something went wrong on our side."
    else:
        # Priced by the model that answered (a dated snapshot of the one asked for), else the one asked for.
        served = run.served.get(name) or model
        run.job.store.finish_step(
            run.job.pitch_id, name, model=served, note=run.notes.get(name), **run.charge(name, (served, model))
        )
        run.emit(name, StepState.DONE, run.notes.get(name, ""))
        return True
    run.failures[name] = plain
    # A call that answered and was then refused (cut off, unusable) was still billed.
    run.job.store.fail_step(run.job.pitch_id, name, recorded, model=model, **run.charge(name, (model,)))
    run.emit(name, StepState.FAILED, recorded)
    return False


def _next_steps(
    waiting: list[str], outcome: dict[str, bool], running: set[str], slots: int, separate_poster: bool
) -> list[str]:
    """Which waiting steps start now: all that are ready when text calls are not limited, else text steps
    strictly in critical-path order, as slots free up (a step not ready yet holds back those after it)."""
    ready = [name for name in waiting if all(outcome.get(need) for need in NEEDS[name])]
    if slots >= PARALLEL_TEXT:
        return ready
    # Steps that make no text call (the content check; the poster when another server paints it) never wait.
    unlimited = {
        name for name, step in STEP.items() if step.model is None or (separate_poster and step.model == "image")
    }
    busy = len(running - unlimited)
    chosen = [name for name in ready if name in unlimited]
    for name in sorted((name for name in waiting if name not in unlimited), key=PRIORITY.index):
        if name not in ready or busy >= slots:
            break
        chosen.append(name)
        busy += 1
    return chosen


def run_chain(run: Run, todo: list[str], done: set[str]) -> tuple[dict[str, bool], bool, bool]:
    """Run the steps in `todo` as soon as what they need is done (and a text call may start); side by side.

    Returns how each step went, whether the owner cancelled, and whether another runner took the
    pitch over (both checked at every step boundary).
    """
    outcome: dict[str, bool] = {name: True for name in done}
    waiting = list(todo)
    cancelled = lost = False
    slots = run.job.provider.text_concurrency or PARALLEL_TEXT
    separate_poster = not run.job.provider.poster_shares_text_server
    # A small pool of the job's own: sub-steps never queue behind whole jobs.
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="pitch-step") as side:
        running = {}
        while waiting or running:
            if waiting:
                held, cancel = run.job.store.hold(run.job.pitch_id, run.job.token)
                lost, cancelled = not held, held and cancel
            if waiting and (lost or cancelled):
                for name in waiting:
                    if not lost:
                        _skip(run, name, CANCELLED)
                    outcome[name] = False
                waiting = []
            for name in [n for n in waiting if all(need in outcome for need in NEEDS[n])]:
                failed = [need for need in NEEDS[name] if not outcome[need]]
                if failed:
                    waiting.remove(name)
                    _skip(run, name, f"Skipped: the {LABELS[failed[0]].lower()} step did not finish.")
                    outcome[name] = False
            for name in _next_steps(waiting, outcome, set(running.values()), slots, separate_poster):
                waiting.remove(name)
                running[side.submit(run_step, run, name)] = name
            if running:
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    name = running.pop(future)
                    try:
                        outcome[name] = future.result()
                    except ClaimLost:
                        outcome[name], lost, waiting = False, True, []
    return outcome, cancelled, lost


def _skip(run: Run, name: str, reason: str) -> None:
    run.job.store.fail_step(run.job.pitch_id, name, reason, state=StepState.SKIPPED)
    run.emit(name, StepState.SKIPPED, reason)


def final_status(outcome: dict[str, bool], cancelled: bool = False, refused: bool = False) -> str:
    """done when every step that matters worked (the boss's reply is cosmetic); partial when the synopsis
    stands; failed otherwise."""
    if refused:
        return Status.REFUSED
    if cancelled:
        return Status.CANCELLED
    if all(ok for name, ok in outcome.items() if name not in COSMETIC):
        return Status.DONE
    return Status.PARTIAL if outcome.get("synopsis") else Status.FAILED


def safety_identifier(owner_id: str) -> str:
    """The hash of an owner sent as the API's safety_identifier (never the owner id itself)."""
    return hashlib.sha256(f"moviepitch:{owner_id}".encode()).hexdigest()[:32]


def run_pitch(
    store: Store,
    provider: Provider,
    slug: str,
    *,
    clock: Callable[[], float] = time.monotonic,
    on_event: OnEvent | None = None,
    heartbeat_interval: float = HEARTBEAT_INTERVAL,
    budget: Budget | None = None,
    image_processes: int = 0,
    price: Callable[[str, dict], dict | None] | None = None,
    synopsis_model: str | None = None,
) -> str | None:
    """Claim a queued pitch and run every step not done yet; the final status, or None if not claimed.

    `price` prices a call's usage by model; `synopsis_model` writes the synopsis (MOVIEPITCH_SYNOPSIS_MODEL).
    """
    pitch = store.view(slug)
    token = uuid.uuid4().hex
    if pitch is None or not store.claim(pitch.id, token):
        return None
    pitch = store.view(slug)  # re-read: the steps as they were when we claimed it
    # What later steps build on: finished parts only, never a draft cut off mid-answer.
    texts = {
        part: output.body
        for part, output in pitch.outputs.items()
        if part in ("synopsis", "title", "cast", "image_prompt") and output.complete and output.body
    }
    slots = provider.text_concurrency
    # Every write of this run is conditional on its claim (see Store.for_runner); the versions a meeting's
    # applied proposal makes again link to its message.
    origin = {"message_id": pitch.run_message_id} if pitch.run_message_id else None
    job = Job(
        store.for_runner(token, origin),
        provider,
        pitch.id,
        pitch.idea,
        pitch.seed,
        token=token,
        clock=clock,
        on_event=on_event,
        budget=budget,
        image_processes=image_processes,
        safety_id=safety_identifier(pitch.owner_id),
        text_gate=threading.BoundedSemaphore(slots) if slots else None,
        price=price,
        knobs=pitch.knobs,
        text_model=pitch.text_model,
        image_model=pitch.image_model,
        # The operator's synopsis model writes for pitches made with the default text model.
        synopsis_model=None if pitch.text_model else synopsis_model,
    )
    run = Run(job, texts=texts, versions=store.latest_versions(pitch.id))
    done = {name for name, step in pitch.steps.items() if step.state == StepState.DONE}
    todo = [name for name in STEPS if name not in done]
    heartbeat = Heartbeat(run, heartbeat_interval)
    heartbeat.start()
    try:
        outcome, cancelled, lost = run_chain(run, todo, done)
        if not (lost or heartbeat.lost):
            status = final_status(outcome, cancelled, refused=run.refusal is not None)
            run.job.store.finish(pitch.id, status, _summary(status, outcome, run))
            return status
    except ClaimLost:
        pass
    except Exception:
        log.exception("Pitch %s stopped unexpectedly", slug)
        try:
            run.job.store.finish(pitch.id, Status.FAILED, "Something went wrong on our side.")
            return Status.FAILED
        except ClaimLost:
            pass
    finally:
        heartbeat.stopped.set()
    log.warning("Pitch %s is no longer held by this runner (interrupted or taken over); it wrote nothing more", slug)
    return None


def _summary(status: str, outcome: dict[str, bool], run: Run) -> str | None:
    if status == Status.CANCELLED:
        return CANCELLED
    if status == Status.REFUSED:
        return run.refusal
    if status == Status.DONE:
        return None
    # The step that failed first in time is the cause; the ones after it often only follow from it.
    name = next((name for name in run.failures if name not in COSMETIC), None)
    if name is None:
        name = next(name for name in STEPS if not outcome[name] and name not in COSMETIC)
        return f"{LABELS[name]} failed."
    return f"The {LABELS[name].lower()} step failed: {run.failures[name]}"
