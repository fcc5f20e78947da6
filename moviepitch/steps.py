"""The steps of the chain, one function each. Every step saves its output the moment it is done."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from . import cast, image_pool, posters, prompts
from .providers import ImageRequest, ProviderError, TextRequest

if TYPE_CHECKING:
    from .budget import Budget
    from .providers import Provider
    from .store import Store

log = logging.getLogger(__name__)

# How often, at most, a streamed synopsis is saved while tokens flow (seconds).
STREAM_SAVE_INTERVAL = 0.25

OnEvent = Callable[[str, str, str], None]


class IdeaRefused(ProviderError):
    """The content check flagged the idea; nothing after it is paid for."""


@dataclass
class Run:
    """One job on one pitch: who writes, where it goes, and what is known so far."""

    store: Store
    provider: Provider
    pitch_id: int
    idea: str
    seed: int
    token: str = ""
    clock: Callable[[], float] = time.monotonic
    on_event: OnEvent | None = None
    # The current text of each part, as loaded or as written by this run.
    texts: dict[str, str] = field(default_factory=dict)
    # The newest version of each part, so a provider can vary a regenerated one.
    versions: dict[str, int] = field(default_factory=dict)
    # Set when the content check refused the idea.
    refusal: str | None = None
    # Today's shared budget of images, when one applies.
    budget: Budget | None = None
    # A hash of the owner, sent as the API's safety_identifier (never the owner id itself).
    safety_id: str | None = None
    # Worker processes for poster images; 0 makes them in this job's thread.
    image_processes: int = 0

    def context(self, part: str | None = None) -> dict:
        """The facts of the pitch so far, for providers that write from data."""
        return {"idea": self.idea, "seed": self.seed, "safety_identifier": self.safety_id, **self.texts,
                "story_variant": max(self.versions.get("synopsis", 1), 1),
                "variant": self.versions.get(part, 0) + 1 if part else 1}

    def ask(self, task: str, messages: list[dict], temperature: float | None = None, on_delta=None):
        """One text call for a step."""
        request = TextRequest(task, messages, temperature=temperature, context=self.context(task))
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

def check_idea(run: Run) -> dict:
    """The content check of the idea, which gates the synopsis (providers without one pass)."""
    result = run.provider.moderate(run.idea)
    if result is not None and result.flagged:
        reasons = ", ".join(result.categories) or "the content policy"
        raise IdeaRefused(f"This idea can't be pitched: it was flagged by the content check ({reasons}).",
                          kind="refused")
    return {}


def write_reply(run: Run) -> dict:
    """The movie boss's one-line reaction, shown while the rest is written."""
    result = run.ask("reply", prompts.reply_messages(run.idea))
    run.store.write_output(run.pitch_id, "reply", " ".join(result.text.split()))
    return result.usage


def write_synopsis(run: Run) -> dict:
    """The synopsis, streamed, with each actor in brackets."""
    draft = StreamedDraft(run, "synopsis")
    run.versions["synopsis"] = run.versions.get("synopsis", 0) + 1
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
    """The text-free poster; a refused description is rewritten more safely, once."""
    try:
        return _paint(run)
    except ProviderError as exc:
        if exc.kind != "refused":
            raise
    log.info("Poster of pitch %s refused; retrying once with a safer description", run.pitch_id)
    _rewrite_safely(run)
    try:
        return _paint(run)
    except ProviderError as exc:
        if exc.kind != "refused":
            raise
        raise ProviderError("The image service refused to paint this poster, even from a safer "
                            "description. Try another poster.", kind="refused") from exc


def _paint(run: Run) -> dict:
    if run.budget is not None and not run.budget.spend("images"):
        raise ProviderError("Today's poster budget is spent. Try another poster tomorrow.", kind="budget")
    prompt = prompts.poster_prompt(run.texts["image_prompt"])
    result = run.provider.image(ImageRequest(prompt, context=run.context("poster")),
                                on_partial=lambda data, index: _save_preview(run, data, index))
    try:
        files = image_pool.prepare(result.data, run.image_processes)
    except posters.PosterError as exc:
        raise ProviderError(str(exc), kind="bad_output") from exc
    # The description kept with the poster is what it shows: a painter that composes a new poster
    # anew (the offline one) says what it painted; otherwise it is the description it was given.
    description = result.description or run.texts["image_prompt"]
    run.store.save_poster(
        run.pitch_id, webp=files.webp, thumb=files.thumb, width=files.width, height=files.height,
        meta={"model": result.model, "label": result.label, "prompt": prompt, "description": description},
    )
    return result.usage


def _save_preview(run: Run, data: bytes, index: int) -> None:
    try:
        run.store.save_preview(run.pitch_id, image_pool.preview(data, run.image_processes), index)
    except posters.PosterError:
        log.info("Skipped an unreadable partial poster of pitch %s", run.pitch_id)


def _rewrite_safely(run: Run) -> None:
    """Replace the image prompt with a safer one: the model's rewrite, scrubbed either way."""
    original = run.texts["image_prompt"]
    try:
        rewritten = run.ask("safer_image_prompt", prompts.safer_image_prompt_messages(original)).text
    except Exception:
        # The rewrite is a best effort; the scrubbed original is still safer than before.
        log.info("Safer rewrite of the poster description failed for pitch %s", run.pitch_id, exc_info=True)
        rewritten = original
    run.texts["image_prompt"] = prompts.scrub(" ".join(rewritten.split()) or original)
    run.store.write_output(run.pitch_id, "image_prompt", run.texts["image_prompt"],
                           meta={"rewritten": "after the image service refused the first one"})


STEP_FUNCTIONS = {
    "check": check_idea,
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
