"""The offline provider: pitches written and posters painted locally, with no key or network."""

from __future__ import annotations

import functools
import io
import re
import time
from collections.abc import Callable, Mapping
from typing import Any

from PIL import Image, ImageFilter

from ..offline import (
    StoryPlan,
    paint_poster,
    plan_story,
    warm,
    write_cast,
    write_image_prompt,
    write_reply,
    write_synopsis,
    write_title,
)
from ..offline.knobs import USUAL, Knobs
from ..offline.meeting import answer_json
from ..offline.titles import candidates
from .base import (
    ImageRequest,
    ImageResult,
    ModerationResult,
    OnDelta,
    OnPartial,
    Provider,
    ProviderError,
    TextRequest,
    TextResult,
)

_WRITERS: dict[str, Callable[[StoryPlan], str]] = {
    "reply": write_reply,
    "synopsis": write_synopsis,
    "title": write_title,
    "cast": write_cast,
    # The painter never refuses a description, so a "safer" one is the same description.
    "image_prompt": write_image_prompt,
    "safer_image_prompt": write_image_prompt,
}
_WORDS_PER_CHUNK = 3
# The painter "works" for this many pace-units, so a demo poster does not appear instantly.
_PAINT_PACES = 20
# Seed offsets for regenerated parts: a new synopsis is a new story; a new title varies only
# itself (a new poster takes the next composition: see offline/art.py). Large primes keep them apart.
_STORY_STRIDE, _TITLE_STRIDE = 7919, 104729
# Blur radii of the partial posters, coarse to fine, as an image model's would sharpen.
_PARTIAL_BLURS = (18, 6)


@functools.lru_cache(maxsize=16)
def _plan(idea: str, seed: int, knobs: Knobs = USUAL) -> StoryPlan:
    # One pitch asks for five texts and a poster from the same plan.
    return plan_story(idea, seed, knobs)


def _number(context: Mapping[str, Any], key: str, default: int) -> int:
    try:
        return int(context.get(key) or default)
    except (TypeError, ValueError):
        return default


def _plan_for(context: Mapping[str, Any]) -> StoryPlan:
    story = max(_number(context, "story_variant", 1), 1)
    # The knobs (creativity, frequency and presence penalties) travel in the context, as the text steps send them.
    return _plan(
        str(context.get("idea") or ""),
        _number(context, "seed", 0) + _STORY_STRIDE * (story - 1),
        Knobs.from_context(context),
    )


def _title_variant(plan: StoryPlan, variant: int) -> str:
    """Another title for the same story: the idea's other titles in turn, else one from a nearby seed."""
    others = [title for title in candidates(plan) if title != plan.title]
    if others:
        # Titles come from the idea's own nouns, so nearby seeds often agree: take the idea's next title.
        return others[(plan.seed + variant - 2) % len(others)]
    for step in range(8):
        title = _plan(plan.idea, plan.seed + _TITLE_STRIDE * (variant - 1) + step, plan.knobs).title
        if title != plan.title:
            return title
    return plan.title


class OfflineProvider(Provider):
    """Writes and paints pitches from the idea alone; the same idea and seed give the same pitch."""

    name = "offline"
    text_model = "offline-writer"
    image_model = "offline-painter"

    def __init__(
        self,
        pace: float = 0.0,
        sleep: Callable[[float], None] = time.sleep,
        poster_size: tuple[int, int] = (1024, 1536),
    ):
        self.pace = pace
        self._sleep = sleep
        self.poster_size = poster_size

    def text(self, request: TextRequest, on_delta: OnDelta | None = None) -> TextResult:
        """Write the requested part of the pitch, streaming it a few words at a time."""
        if request.task == "meeting":  # the Movie Boss in a pitch meeting: a JSON answer with a proposal
            text = answer_json(_plan_for(request.context), request.context, request.messages)
            if on_delta is not None:
                self._stream(text, on_delta)
            return TextResult(text=text, model=self.text_model, usage={})
        writer = _WRITERS.get(request.task)
        if writer is None:
            raise ProviderError(f"The offline writer cannot write {request.task!r}.", kind="error")
        plan = _plan_for(request.context)
        variant = _number(request.context, "variant", 1)
        if request.task == "title" and variant > 1:
            text = _title_variant(plan, variant)
        elif request.task in ("image_prompt", "safer_image_prompt"):
            text = write_image_prompt(plan, _number(request.context, "poster_variant", 1))
        else:
            text = writer(plan)
        if on_delta is not None:
            self._stream(text, on_delta)
        return TextResult(text=text, model=self.text_model, usage={})

    def image(self, request: ImageRequest, on_partial: OnPartial | None = None) -> ImageResult:
        """Paint a text-free poster for the pitch, showing it sharpen when asked to."""
        width, height = self.poster_size
        plan = _plan_for(request.context)
        variant = _number(request.context, "variant", 1)
        data = paint_poster(plan, width=width, height=height, variant=variant)
        pauses = len(_PARTIAL_BLURS) + 1 if on_partial else 1
        for index, radius in enumerate(_PARTIAL_BLURS if on_partial else ()):
            self._pause(_PAINT_PACES * self.pace / pauses)
            on_partial(_blurred(data, radius), index)
        self._pause(_PAINT_PACES * self.pace / pauses)
        return ImageResult(
            data=data,
            model=self.image_model,
            usage={},
            label="Painted by the offline poster painter",
            description=write_image_prompt(plan, variant),
        )

    def warm(self) -> None:
        """Load the writer's lexicon and language model before the first pitch asks for them."""
        warm()

    def moderate(self, text: str) -> ModerationResult:
        """The offline writer refuses nothing."""
        return ModerationResult(False)

    def _pause(self, seconds: float) -> None:
        if seconds > 0:
            self._sleep(seconds)

    def _stream(self, text: str, on_delta: OnDelta) -> None:
        ends = [m.end() for m in re.finditer(r"\S+\s*", text)][_WORDS_PER_CHUNK - 1 :: _WORDS_PER_CHUNK]
        if not ends or ends[-1] != len(text):
            ends.append(len(text))
        for i, end in enumerate(ends):
            if i and self.pace > 0:
                self._sleep(self.pace)
            on_delta(text[:end])


def _blurred(png: bytes, radius: float) -> bytes:
    """A small, blurred copy of a poster: a partial image as an image model would stream it."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.thumbnail((256, 384))
    out = io.BytesIO()
    image.filter(ImageFilter.GaussianBlur(radius * image.width / 1024 * 4)).save(out, "PNG", compress_level=1)
    return out.getvalue()
