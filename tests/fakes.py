"""A scripted provider for logic tests, in the manner of llm's MockModel."""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass

from PIL import Image

from moviepitch.providers import (
    ImageRequest,
    ImageResult,
    ModerationResult,
    Provider,
    TextRequest,
    TextResult,
)

SYNOPSIS = (
    "In a neon-soaked city, retired safecracker Vera Lund (Cate Blanchett) is pulled back for one "
    "last job by her reckless nephew Milo (Dev Patel).\n\nBut the vault belongs to the ruthless "
    "Count Arlo Veer (Mads Mikkelsen), and the job is a trap."
)

DEFAULT_ANSWERS = {
    "reply": "What a hook! I love the vault. Give me a minute to think.",
    "synopsis": SYNOPSIS,
    "title": '"The Last Vault."',
    "cast": "Vera Lund: Cate Blanchett",
    "image_prompt": "A rain-slicked street at night, a lone figure under a red umbrella before a glowing vault door.",
    "safer_image_prompt": "A rain-slicked street at night before a glowing vault door.",
}


def png_bytes(size=(512, 768), color=(120, 40, 90)) -> bytes:
    """A small valid PNG."""
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


@dataclass
class Call:
    task: str
    request: object
    thread: str


class ScriptedProvider(Provider):
    """Answers each task from a script: text, an exception to raise, or a callable."""

    name = "scripted"
    text_model = "scripted-text"
    image_model = "scripted-image"

    def __init__(self, answers: dict | None = None, image=None, moderation=None, partials: int = 0):
        self.answers = {**DEFAULT_ANSWERS, **(answers or {})}
        self.image_answer = png_bytes() if image is None else image
        self.moderation = ModerationResult(False) if moderation is None else moderation
        self.partials = partials
        self.calls: list[Call] = []
        self._lock = threading.Lock()

    def _record(self, task: str, request) -> None:
        with self._lock:
            self.calls.append(Call(task, request, threading.current_thread().name))

    def tasks(self) -> list[str]:
        """The text and image tasks asked for, in order (the content check left out)."""
        return [call.task for call in self.calls if call.task != "check"]

    @staticmethod
    def _resolve(answer, request):
        if callable(answer) and not isinstance(answer, type):
            answer = answer(request)
        if isinstance(answer, BaseException) or (isinstance(answer, type) and issubclass(answer, BaseException)):
            raise answer
        return answer

    def text(self, request: TextRequest, on_delta=None) -> TextResult:
        self._record(request.task, request)
        text = self._resolve(self.answers[request.task], request)
        if on_delta:
            words = text.split(" ")
            for i in range(1, len(words) + 1):
                on_delta(" ".join(words[:i]))
        return TextResult(text, self.text_model, {"input_tokens": 10, "output_tokens": len(text.split())})

    def image(self, request: ImageRequest, on_partial=None) -> ImageResult:
        self._record("poster", request)
        answer = self.image_answer
        if isinstance(answer, list):  # one answer per call, in order
            answer = answer.pop(0) if len(answer) > 1 else answer[0]
        data = self._resolve(answer, request)
        if on_partial and self.partials:
            for index in range(self.partials):
                on_partial(png_bytes((128, 192), (40 * index, 60, 90)), index)
        return ImageResult(data, self.image_model, {"images": 1})

    def moderate(self, text: str) -> ModerationResult | None:
        self._record("check", text)
        return self._resolve(self.moderation, text)
