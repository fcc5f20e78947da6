"""The offline provider: pitches written and posters painted locally, with no key or network."""

from __future__ import annotations

import functools
import re
import time
from typing import Any, Callable, Mapping

from ..offline import (
    StoryPlan, paint_poster, plan_story, write_cast, write_image_prompt, write_reply,
    write_synopsis, write_title,
)
from .base import ImageRequest, ImageResult, OnDelta, Provider, ProviderError, TextRequest, TextResult

_WRITERS: dict[str, Callable[[StoryPlan], str]] = {
    "reply": write_reply, "synopsis": write_synopsis, "title": write_title, "cast": write_cast,
    "image_prompt": write_image_prompt,
}
_WORDS_PER_CHUNK = 3
# The painter "works" for this many pace-units, so a demo poster does not appear instantly.
_PAINT_PACES = 20


@functools.lru_cache(maxsize=16)
def _plan(idea: str, seed: int) -> StoryPlan:
    # One pitch asks for five texts and a poster from the same plan.
    return plan_story(idea, seed)


def _plan_for(context: Mapping[str, Any]) -> StoryPlan:
    try:
        seed = int(context.get("seed") or 0)
    except (TypeError, ValueError):
        seed = 0
    return _plan(str(context.get("idea") or ""), seed)


class OfflineProvider(Provider):
    """Writes and paints pitches from the idea alone; the same idea and seed give the same pitch."""

    name = "offline"
    text_model = "offline-writer"
    image_model = "offline-painter"

    def __init__(self, pace: float = 0.0, sleep: Callable[[float], None] = time.sleep,
                 poster_size: tuple[int, int] = (1024, 1536)):
        self.pace = pace
        self._sleep = sleep
        self.poster_size = poster_size

    def text(self, request: TextRequest, on_delta: OnDelta | None = None) -> TextResult:
        """Write the requested part of the pitch, streaming it a few words at a time."""
        writer = _WRITERS.get(request.task)
        if writer is None:
            raise ProviderError(f"The offline writer cannot write {request.task!r}.", kind="error")
        text = writer(_plan_for(request.context))
        if on_delta is not None:
            self._stream(text, on_delta)
        return TextResult(text=text, model=self.text_model, usage={})

    def image(self, request: ImageRequest) -> ImageResult:
        """Paint a text-free poster for the pitch."""
        width, height = self.poster_size
        data = paint_poster(_plan_for(request.context), width=width, height=height)
        if self.pace > 0:
            self._sleep(_PAINT_PACES * self.pace)
        return ImageResult(data=data, model=self.image_model, usage={},
                           label="Painted by the offline poster painter")

    def _stream(self, text: str, on_delta: OnDelta) -> None:
        ends = [m.end() for m in re.finditer(r"\S+\s*", text)][_WORDS_PER_CHUNK - 1::_WORDS_PER_CHUNK]
        if not ends or ends[-1] != len(text):
            ends.append(len(text))
        for i, end in enumerate(ends):
            if i and self.pace > 0:
                self._sleep(self.pace)
            on_delta(text[:end])
