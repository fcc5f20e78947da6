"""The steps of the chain, one function each. Every step saves its output the moment it is done."""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..media import image_pool, posters
from ..providers import ImageRequest, ProviderError, TextRequest, TextResult
from ..vocab import STEP, STEP_LIST
from . import answers, cast, prompts

if TYPE_CHECKING:
    from ..providers import Provider
    from ..storage.budget import Budget
    from ..storage.store import Store

log = logging.getLogger(__name__)

# How often, at most, a streamed synopsis is saved while tokens flow (seconds).
STREAM_SAVE_INTERVAL = 0.25
# The step whose usage a text task counts toward, where it is not the task's own name.
STEP_OF_TASK = {"safer_image_prompt": "poster"}
# The title's temperature in the course, kept unless the person set creativity.
TITLE_TEMPERATURE = 0.7
# The knobs sent with every text call, and read by a provider that writes from the context.
KNOB_NAMES = ("temperature", "frequency_penalty", "presence_penalty")

OnEvent = Callable[[str, str, str], None]


class IdeaRefused(ProviderError):
    """The content check flagged the idea; nothing after it is paid for."""


@dataclass(frozen=True)
class Job:
    """What one job on one pitch is given: who writes, where it goes, and the person's choices. Never changes."""

    store: Store
    provider: Provider
    pitch_id: int
    idea: str
    seed: int
    token: str = ""
    clock: Callable[[], float] = time.monotonic
    on_event: OnEvent | None = None
    # Today's shared budget of images, when one applies.
    budget: Budget | None = None
    # A hash of the owner, sent as the API's safety_identifier (never the owner id itself).
    safety_id: str | None = None
    # Worker processes for poster images; 0 makes them in this job's thread.
    image_processes: int = 0
    # Held around every text call, so a server that answers one request at a time is sent one.
    text_gate: threading.Semaphore | None = None
    # The knobs the person set (temperature, frequency_penalty, presence_penalty); unset ones are absent.
    knobs: dict = field(default_factory=dict)
    # The models the person chose, and the operator's synopsis model (None: the provider's own).
    text_model: str | None = None
    image_model: str | None = None
    synopsis_model: str | None = None
    # Prices a call's usage by model: {"nanos", "currency"}, or None (no price table, or no price for the model).
    price: Callable[[str, dict], dict | None] | None = None


@dataclass
class Run:
    """One job on one pitch as it goes: its `job`, and what its steps have found so far.

    Steps run side by side in threads and write here. Each writes only the keys of its own part and tasks
    (the poster's safer description replaces the image prompt, whose step has ended by then), one dict item
    at a time; the usage counts, the one tally they share, are kept under a lock.
    """

    job: Job
    # The current text of each part, as loaded or as written by this run.
    texts: dict[str, str] = field(default_factory=dict)
    # The newest version of each part, so a provider can vary a regenerated one.
    versions: dict[str, int] = field(default_factory=dict)
    # Set when the content check refused the idea.
    refusal: str | None = None
    # The model each step's answer came from, as its server named it; and notes for the page (unchecked ideas).
    served: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    # Tasks whose raw answer carried chat-template tokens, for the operator's hint.
    templated: set[str] = field(default_factory=set)
    # Each failed step's plain message, in the order they failed.
    failures: dict[str, str] = field(default_factory=dict)
    # What each step's calls used so far (providers.base.USAGE_KEYS), failed calls that were billed included.
    spent: dict[str, Counter] = field(default_factory=dict)
    _spent_lock: threading.Lock = field(default_factory=threading.Lock)

    def context(self, part: str | None = None) -> dict:
        """The facts of the pitch so far (the knobs among them), for providers that write from data."""
        return {
            "idea": self.job.idea,
            "seed": self.job.seed,
            "safety_identifier": self.job.safety_id,
            **self.texts,
            "story_variant": max(self.versions.get("synopsis", 1), 1),
            "variant": self.versions.get(part, 0) + 1 if part else 1,
            **{name: self.job.knobs.get(name) for name in KNOB_NAMES},
        }

    def model_for(self, step: str) -> str:
        """The model a step asks for: the synopsis model on the synopsis, the chosen (or configured) one otherwise."""
        if step in STEP and STEP[step].model == "image":
            return self.job.image_model or self.job.provider.image_model
        if step == "synopsis" and self.job.synopsis_model:
            return self.job.synopsis_model
        return self.job.text_model or self.job.provider.text_model

    def add_usage(self, step: str, usage: dict | None) -> None:
        """Count a call's usage toward its step (steps run side by side, hence the lock)."""
        if usage:
            with self._spent_lock:
                self.spent.setdefault(step, Counter()).update(usage)

    def take_usage(self, step: str) -> dict:
        """Everything the step's calls used, once the step has ended."""
        with self._spent_lock:
            return dict(self.spent.pop(step, {}))

    def charge(self, step: str, models: tuple[str | None, ...]) -> dict:
        """The step's usage and what it cost, priced by the first of `models` the table prices; the cost is added
        to today's money budget."""
        usage = self.take_usage(step)
        cost = None
        if usage and self.job.price is not None:
            cost = next(filter(None, (self.job.price(model, usage) for model in dict.fromkeys(models) if model)), None)
        if cost and self.job.budget is not None:
            self.job.budget.add_spend(cost["nanos"])
        return {"usage": usage, "cost": cost}

    def ask(self, task: str, messages: list[dict], temperature: float | None = None, on_delta=None) -> TextResult:
        """One text call for a step; the answer (and any draft of it) comes back cleaned.

        A creativity the person set replaces the step's own temperature (the title's 0.7)."""
        step = STEP_OF_TASK.get(task, task)
        request = TextRequest(
            task,
            messages,
            temperature=self.job.knobs.get("temperature", temperature),
            context=self.context(task),
            max_tokens=prompts.MAX_TOKENS.get(task),
            frequency_penalty=self.job.knobs.get("frequency_penalty"),
            presence_penalty=self.job.knobs.get("presence_penalty"),
            model=self.model_for(step),
        )
        streamed = (lambda text: on_delta(answers.clean(text, partial=True))) if on_delta else None
        with self.job.text_gate or nullcontext():
            try:
                result = self.job.provider.text(request, on_delta=streamed)
            except ProviderError as exc:
                self.add_usage(step, exc.usage)
                exc.partial = answers.clean(exc.partial, partial=True) if exc.partial else None
                raise
        self.add_usage(step, result.usage)
        served = answers.model_name(result.model) or request.model
        self.served[task] = served
        if answers.carries_template(result.text):
            self.templated.add(task)
        text = answers.clean(result.text)
        if not text:
            raise answers.unusable("it was empty once chat-template markup was taken out", answers.TEMPLATE_HINT)
        return dataclasses.replace(result, text=text, model=served)

    def emit(self, step: str, state: str, detail: str = "") -> None:
        """Tell a watcher (the CLI) what happened."""
        if self.job.on_event:
            self.job.on_event(step, state, detail)


class StreamedDraft:
    """Saves text that is still being written, at most once per interval."""

    def __init__(self, run: Run, part: str, interval: float = STREAM_SAVE_INTERVAL):
        self.run, self.part, self.interval = run, part, interval
        self.version: int | None = None
        self.saved_at = float("-inf")

    def update(self, text: str) -> None:
        """Called with the text so far; saves it when the interval has passed."""
        now = self.run.job.clock()
        if now - self.saved_at >= self.interval:
            self.keep(text)
            self.saved_at = now

    def keep(self, text: str) -> None:
        """Save the text as a draft, an incomplete version (empty takes back a draft nobody should see)."""
        if text or self.version is not None:
            self.version = self.run.job.store.write_output(
                self.run.job.pitch_id, self.part, text, version=self.version, complete=False
            )

    def finish(self, text: str) -> None:
        """Save the whole text and mark it complete."""
        self.run.job.store.write_output(self.run.job.pitch_id, self.part, text, version=self.version)


# The steps. Each counts the usage of its calls on the run (Run.ask, _paint), which run_step records.


def check_step(run: Run) -> None:
    """The content check of the idea, which gates the synopsis (providers without one pass)."""
    result = run.job.provider.moderate(run.job.idea)
    if result is not None and result.flagged:
        reasons = ", ".join(result.categories) or "the content policy"
        raise IdeaRefused(
            f"This idea can't be pitched: it was flagged by the content check ({reasons}).", kind="refused"
        )
    if result is not None and result.unchecked:
        run.notes["check"] = result.unchecked


def reply_step(run: Run) -> None:
    """The movie boss's one-line reaction, shown while the rest is written."""
    draft = StreamedDraft(run, "reply")
    try:
        result = run.ask("reply", prompts.reply_messages(run.job.idea))
    except ProviderError as exc:
        draft.keep(" ".join((exc.partial or "").split()))
        raise
    run.job.store.write_output(run.job.pitch_id, "reply", " ".join(result.text.split()))


def synopsis_step(run: Run) -> None:
    """The synopsis, streamed, with each actor in brackets."""
    draft = StreamedDraft(run, "synopsis")
    run.versions["synopsis"] = run.versions.get("synopsis", 0) + 1
    try:
        result = run.ask("synopsis", prompts.synopsis_messages(run.job.idea), on_delta=draft.update)
        if answers.echoes_example(result.text, run.job.idea):
            raise answers.unusable("it repeated the worked example instead of using your idea", answers.ECHO_HINT)
    except ProviderError as exc:
        # The text so far stays visible as a draft; a copy of the example is taken back.
        draft.keep("" if exc.kind == "unusable" else exc.partial or "")
        raise
    run.texts["synopsis"] = result.text
    draft.finish(run.texts["synopsis"])


def title_step(run: Run) -> None:
    """A catchy title for the synopsis (at the course's temperature of 0.7, unless the person set creativity)."""
    result = run.ask("title", prompts.title_messages(run.texts["synopsis"]), temperature=TITLE_TEMPERATURE)
    title = answers.title_from(result.text, run.job.idea, templated="title" in run.templated)
    run.texts["title"] = title
    run.job.store.write_output(run.job.pitch_id, "title", title)


def cast_step(run: Run) -> None:
    """Character and actor pairs: from the brackets, or asked of the model when there are none."""
    synopsis = run.texts["synopsis"]
    pairs, source = cast.from_brackets(synopsis), "synopsis"
    if pairs and "synopsis" in run.served:
        run.served["cast"] = run.served["synopsis"]  # the cast was written by the synopsis's model
    if not pairs:
        result = run.ask("cast", prompts.cast_messages(synopsis))
        if answers.echoes_example(result.text, f"{run.job.idea}\n{synopsis}"):
            raise answers.unusable("it named the worked example's cast instead of this story's", answers.ECHO_HINT)
        pairs, source = cast.from_lines(result.text), "model"
    if not pairs:
        raise ProviderError("The model did not name a cast.", kind="bad_output")
    run.texts["cast"] = json.dumps(pairs)
    run.job.store.write_output(run.job.pitch_id, "cast", run.texts["cast"], meta={"source": source})


def image_prompt_step(run: Run) -> None:
    """A visual description of the poster, with no names and no text."""
    synopsis = run.texts["synopsis"]
    result = run.ask("image_prompt", prompts.image_prompt_messages(synopsis))
    if answers.echoes_example(result.text, f"{run.job.idea}\n{synopsis}"):
        raise answers.unusable("it described the worked example's poster instead of this story's", answers.ECHO_HINT)
    run.texts["image_prompt"] = answers.without_names(result.text, cast_names(run))
    run.job.store.write_output(run.job.pitch_id, "image_prompt", run.texts["image_prompt"])


def cast_names(run: Run) -> set[str]:
    """Every character and actor known so far: from the synopsis's brackets, and the cast once it is written."""
    pairs = cast.from_brackets(run.texts.get("synopsis", ""))
    pairs += json.loads(run.texts["cast"]) if run.texts.get("cast") else []
    return {name for pair in pairs for name in (pair["character"], pair["actor"])}


def poster_step(run: Run) -> None:
    """The text-free poster; a refused description is rewritten more safely, once."""
    try:
        return _paint(run)
    except ProviderError as exc:
        if exc.kind != "refused":
            raise
    log.info("Poster of pitch %s refused; retrying once with a safer description", run.job.pitch_id)
    _rewrite_safely(run)
    try:
        return _paint(run)
    except ProviderError as exc:
        if exc.kind != "refused":
            raise
        raise ProviderError(
            "The image service refused to paint this poster, even from a safer description. Try another poster.",
            kind="refused",
        ) from exc


def _paint(run: Run) -> None:
    if run.job.budget is not None and not run.job.budget.spend("images"):
        raise ProviderError("Today's poster budget is spent. Try another poster tomorrow.", kind="budget")
    # The rule against names is in the prompt, yet models break it; image services refuse real people.
    prompt = prompts.poster_prompt(answers.without_names(run.texts["image_prompt"], cast_names(run)))
    result = run.job.provider.image(
        ImageRequest(prompt, context=run.context("poster"), model=run.model_for("poster")),
        on_partial=lambda data, index: _save_preview(run, data, index),
    )
    run.add_usage("poster", result.usage)
    try:
        files = image_pool.prepare(result.data, run.job.image_processes)
    except posters.PosterError as exc:
        raise ProviderError(str(exc), kind="bad_output") from exc
    run.served["poster"] = answers.model_name(result.model) or run.model_for("poster")
    # The description kept with the poster is what it shows: a painter that composes a new poster
    # anew (the offline one) says what it painted; otherwise it is the description it was given.
    description = result.description or run.texts["image_prompt"]
    run.job.store.save_poster(
        run.job.pitch_id,
        webp=files.webp,
        thumb=files.thumb,
        width=files.width,
        height=files.height,
        meta={"model": run.served["poster"], "label": result.label, "prompt": prompt, "description": description},
    )


def _save_preview(run: Run, data: bytes, index: int) -> None:
    try:
        run.job.store.save_preview(run.job.pitch_id, image_pool.preview(data, run.job.image_processes), index)
    except posters.PosterError:
        log.info("Skipped an unreadable partial poster of pitch %s", run.job.pitch_id)


def _rewrite_safely(run: Run) -> None:
    """Replace the image prompt with a safer one: the model's rewrite, scrubbed either way."""
    original = run.texts["image_prompt"]
    try:
        rewritten = run.ask("safer_image_prompt", prompts.safer_image_prompt_messages(original)).text
        if answers.echoes_example(rewritten, original):
            rewritten = original
    except Exception:
        # The rewrite is a best effort; the scrubbed original is still safer than before.
        log.info("Safer rewrite of the poster description failed for pitch %s", run.job.pitch_id, exc_info=True)
        rewritten = original
    run.texts["image_prompt"] = prompts.scrub(" ".join(rewritten.split()) or original)
    run.job.store.write_output(
        run.job.pitch_id,
        "image_prompt",
        run.texts["image_prompt"],
        meta={"rewritten": "after the image service refused the first one"},
    )


# Each step's function, by the name vocab.py gives it.
STEP_FUNCTIONS: dict[str, Callable[[Run], None]] = {step.name: globals()[step.function] for step in STEP_LIST}
