"""The chain, one function per step: reply ∥ synopsis → (title, cast) ∥ image prompt → poster.

It talks to a provider and a store, never to Flask, so it runs the same in a
web process, a worker or the CLI. Each step saves its output the moment it is
done, so a failure later on loses nothing.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Callable

from . import cast, posters, prompts
from .models import STEPS
from .providers import ImageRequest, Provider, ProviderError, TextRequest
from .store import CANCELLED, Store

log = logging.getLogger(__name__)

# How often, at most, a streamed synopsis is saved while tokens flow (seconds).
STREAM_SAVE_INTERVAL = 0.25

LABELS = {
    "reply": "Boss's reply",
    "synopsis": "Synopsis",
    "title": "Title",
    "cast": "Cast",
    "image_prompt": "Poster description",
    "poster": "Poster",
}

# What each step needs first. The critical path is synopsis → image prompt → poster.
NEEDS = {
    "reply": (),
    "synopsis": (),
    "title": ("synopsis",),
    "cast": ("synopsis",),
    "image_prompt": ("synopsis",),
    "poster": ("image_prompt",),
}

OnEvent = Callable[[str, str, str], None]


@dataclass
class Run:
    """One pitch being made: who writes it, where it goes, and what is known so far."""

    store: Store
    provider: Provider
    pitch_id: int
    idea: str
    seed: int
    clock: Callable[[], float] = time.monotonic
    on_event: OnEvent | None = None
    texts: dict[str, str] = field(default_factory=dict)

    def context(self) -> dict:
        """The facts of the pitch so far, for providers that write from data."""
        return {"idea": self.idea, "seed": self.seed, **self.texts}

    def ask(self, task: str, messages: list[dict], temperature: float | None = None, on_delta=None):
        """One text call for a step."""
        request = TextRequest(task, messages, temperature=temperature, context=self.context())
        return self.provider.text(request, on_delta=on_delta)

    def emit(self, step: str, state: str, detail: str = "") -> None:
        """Tell a watcher (the CLI) what happened."""
        if self.on_event:
            self.on_event(step, state, detail)


class StreamedDraft:
    """Saves text that is still being written, at most once per interval."""

    def __init__(self, run: Run, part: str, interval: float = STREAM_SAVE_INTERVAL):
        self.run, self.part, self.interval = run, part, interval
        self.version: int | None = None
        self.saved_at = float("-inf")

    def update(self, text: str) -> None:
        """Called with the text so far; saves it when the interval has passed."""
        now = self.run.clock()
        if now - self.saved_at >= self.interval:
            self.version = self.run.store.write_output(
                self.run.pitch_id, self.part, text, version=self.version, complete=False
            )
            self.saved_at = now

    def finish(self, text: str) -> None:
        """Save the whole text and mark it complete."""
        self.run.store.write_output(self.run.pitch_id, self.part, text, version=self.version)


# The steps. Each returns the usage of its calls.

def write_reply(run: Run) -> dict:
    """The movie boss's one-line reaction, shown while the rest is written."""
    result = run.ask("reply", prompts.reply_messages(run.idea))
    run.store.write_output(run.pitch_id, "reply", " ".join(result.text.split()))
    return result.usage


def write_synopsis(run: Run) -> dict:
    """The synopsis, streamed, with each actor in brackets."""
    draft = StreamedDraft(run, "synopsis")
    result = run.ask("synopsis", prompts.synopsis_messages(run.idea), on_delta=draft.update)
    run.texts["synopsis"] = result.text.strip()
    draft.finish(run.texts["synopsis"])
    return result.usage


def write_title(run: Run) -> dict:
    """A catchy title for the synopsis (at the course's temperature of 0.7)."""
    result = run.ask("title", prompts.title_messages(run.texts["synopsis"]), temperature=0.7)
    title = clean_title(result.text)
    if not title:
        raise ProviderError("The model did not suggest a title.", kind="bad_output")
    run.texts["title"] = title
    run.store.write_output(run.pitch_id, "title", title)
    return result.usage


def write_cast(run: Run) -> dict:
    """Character and actor pairs: from the brackets, or asked of the model when there are none."""
    synopsis = run.texts["synopsis"]
    pairs, usage, source = cast.from_brackets(synopsis), {}, "synopsis"
    if not pairs:
        result = run.ask("cast", prompts.cast_messages(synopsis))
        pairs, usage, source = cast.from_lines(result.text), result.usage, "model"
    if not pairs:
        raise ProviderError("The model did not name a cast.", kind="bad_output")
    run.store.write_output(run.pitch_id, "cast", json.dumps(pairs), meta={"source": source})
    return usage


def write_image_prompt(run: Run) -> dict:
    """A visual description of the poster, with no names and no text."""
    result = run.ask("image_prompt", prompts.image_prompt_messages(run.texts["synopsis"]))
    run.texts["image_prompt"] = " ".join(result.text.split())
    run.store.write_output(run.pitch_id, "image_prompt", run.texts["image_prompt"])
    return result.usage


def paint_poster(run: Run) -> dict:
    """The text-free poster, checked and stored as WebP with a thumbnail."""
    prompt = prompts.poster_prompt(run.texts["image_prompt"])
    result = run.provider.image(ImageRequest(prompt, context=run.context()))
    try:
        files = posters.prepare(result.data)
    except posters.PosterError as exc:
        raise ProviderError(str(exc), kind="bad_output") from exc
    run.store.save_poster(
        run.pitch_id, webp=files.webp, thumb=files.thumb, width=files.width, height=files.height,
        meta={"model": result.model, "label": result.label, "prompt": prompt},
    )
    return result.usage


STEP_FUNCTIONS = {
    "reply": write_reply,
    "synopsis": write_synopsis,
    "title": write_title,
    "cast": write_cast,
    "image_prompt": write_image_prompt,
    "poster": paint_poster,
}


def clean_title(text: str) -> str:
    """The first line of a title answer, without quotes, labels or a final full stop."""
    line = next((line for line in text.strip().splitlines() if line.strip()), "")
    line = line.strip().strip("*#").strip()
    if line.lower().startswith("title:"):
        line = line[len("title:"):]
    return line.strip().strip("\"'“”‘’").rstrip(".").strip()[:120]


def run_step(run: Run, name: str) -> bool:
    """Run one step and record how it went; True when it succeeded."""
    model = run.provider.image_model if name == "poster" else run.provider.text_model
    run.store.start_step(run.pitch_id, name, model)
    run.emit(name, "running")
    try:
        usage = STEP_FUNCTIONS[name](run)
    except ProviderError as exc:
        message = exc.message
    except Exception:
        log.exception("Step %s of pitch %s failed unexpectedly", name, run.pitch_id)
        message = "Something went wrong on our side."
    else:
        run.store.finish_step(run.pitch_id, name, usage)
        run.emit(name, "done")
        return True
    run.store.fail_step(run.pitch_id, name, message)
    run.emit(name, "failed", message)
    return False


def run_chain(run: Run) -> tuple[dict[str, bool], bool]:
    """Run every step as soon as what it needs is done; steps side by side run in threads.

    Returns how each step went, and whether the owner cancelled (checked at each step boundary).
    """
    outcome: dict[str, bool] = {}
    waiting = list(STEPS)
    cancelled = False
    # A small pool of the job's own: sub-steps never queue behind whole jobs.
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="pitch-step") as side:
        running = {}
        while waiting or running:
            if waiting and run.store.cancel_requested(run.pitch_id):
                cancelled = True
                for name in waiting:
                    _skip(run, name, CANCELLED)
                    outcome[name] = False
                waiting = []
            for name in [n for n in waiting if all(need in outcome for need in NEEDS[n])]:
                waiting.remove(name)
                failed = [need for need in NEEDS[name] if not outcome[need]]
                if failed:
                    _skip(run, name, f"Skipped: the {LABELS[failed[0]].lower()} step did not finish.")
                    outcome[name] = False
                else:
                    running[side.submit(run_step, run, name)] = name
            if running:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    outcome[running.pop(future)] = future.result()
                run.store.heartbeat(run.pitch_id)
    return outcome, cancelled


def _skip(run: Run, name: str, reason: str) -> None:
    run.store.fail_step(run.pitch_id, name, reason, state="skipped")
    run.emit(name, "skipped", reason)


def final_status(outcome: dict[str, bool], cancelled: bool = False) -> str:
    """done when every step worked; partial when the synopsis stands; failed otherwise."""
    if cancelled:
        return "cancelled"
    if all(outcome.values()):
        return "done"
    return "partial" if outcome.get("synopsis") else "failed"


def run_pitch(store: Store, provider: Provider, slug: str, *, clock: Callable[[], float] = time.monotonic,
              on_event: OnEvent | None = None) -> str | None:
    """Claim a queued pitch and make it; returns the final status, or None if another runner has it."""
    view = store.view(slug)
    if view is None or not store.claim(view.id, uuid.uuid4().hex):
        return None
    run = Run(store, provider, view.id, view.idea, view.seed, clock=clock, on_event=on_event)
    try:
        outcome, cancelled = run_chain(run)
    except Exception:
        log.exception("Pitch %s stopped unexpectedly", slug)
        store.finish(view.id, "failed", "Something went wrong on our side.")
        return "failed"
    status = final_status(outcome, cancelled)
    failed = next((name for name in STEPS if not outcome[name]), None)
    if cancelled:
        error = CANCELLED
    else:
        error = f"{LABELS[failed]} failed." if failed else None
    store.finish(view.id, status, error)
    return status
