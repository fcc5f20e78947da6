"""Scripted answers for the test stub (tests/openai_stub.py): the faults and quirks of real servers.

The helpers below them build the answers' bodies; the stub's handler uses them too.
"""

from __future__ import annotations

import base64
import functools
import json
import re
from dataclasses import dataclass, field
from typing import Any

import openai_wire as wire
from PIL import Image

DEFAULT_TEXT = "Detective Ray Cole (Jamie Stone) chases the truth."
MODELS = ("gpt-5-mini", "gpt-image-2", "omni-moderation-latest")


@dataclass
class Fault:
    """A scripted answer after any `stall`: `raw` bytes, else a `json` body, else `error`/`status`, else an endless
    stream, else the default answer (ended with `finish_reason` when one is given)."""

    status: int | None = None  # defaults to 200 for json/raw, 500 for an error
    error: dict | None = None
    headers: dict[str, str] = field(default_factory=dict)
    stall: float = 0.0
    json: dict | None = None
    raw: bytes | None = None
    content_type: str = "text/event-stream"  # only used with `raw`
    drop: bool = False  # with `raw`: send it as one chunk of a chunked body, then hang up mid-body
    finish_reason: str | None = None  # the default answer, ended with this reason (e.g. "length")
    endless: bool = False  # a chat stream that never stops on its own
    honour_limit: bool = False  # with `endless`: stop at the request's token limit, with finish_reason "length"

    @classmethod
    def rate_limited(cls, retry_after: str | None = "0", retry_after_ms: str | None = None) -> Fault:
        """A 429 with retry headers; `retry_after_ms` avoids the SDK's ~0.5 s backoff for `retry-after: 0`."""
        # The SDK only honours a positive delay, so "0" means "use your own backoff".
        pairs = (("retry-after", retry_after), ("retry-after-ms", retry_after_ms))
        error = error_json(429, "Rate limit reached (stub).", "requests", "rate_limit_exceeded")
        return cls(status=429, error=error, headers={k: v for k, v in pairs if v is not None})

    @classmethod
    def server_error(cls, status: int = 500, retry_after_ms: str | None = None) -> Fault:
        """A 5xx with an OpenAI-style server_error body; `retry_after_ms` skips the SDK's ~0.5 s backoff."""
        headers = {"retry-after-ms": retry_after_ms} if retry_after_ms is not None else {}
        return cls(
            status=status, error=error_json(status, "The server had an error (stub).", "server_error"), headers=headers
        )

    @classmethod
    def unsupported_param(cls, param: str) -> Fault:
        """The 400 OpenAI answers when a model rejects a parameter such as temperature."""
        message = f"Unsupported parameter: '{param}' is not supported with this model."
        return cls(status=400, error=error_json(400, message, code="unsupported_parameter", param=param))

    @classmethod
    def moderation_blocked(cls) -> Fault:
        """The 400 the Images API answers when its safety system refuses a prompt."""
        message = (
            "Your request was rejected as a result of our safety system. "
            "Your prompt may contain text that is not allowed by our safety system."
        )
        return cls(status=400, error=error_json(400, message, "image_generation_user_error", "moderation_blocked"))

    @classmethod
    def body(cls, json_dict: dict, status: int = 200) -> Fault:
        """Answer with this literal JSON body."""
        return cls(status=status, json=json_dict)

    @classmethod
    def truncated_stream(cls, text: str = DEFAULT_TEXT, content_chunks: int = 2) -> Fault:
        """A chat stream that just ends after the role chunk and a few content chunks: no finish_reason, no [DONE]."""
        return cls.raw(b"".join(chat_stream(text, finish=False)[: 1 + content_chunks]))

    @classmethod
    def malformed_stream(cls, text: str = "Half a") -> Fault:
        """A chat stream: one good content chunk, a complete `data: {not json` event, then a closed connection."""
        return cls.raw(chat_stream(text, finish=False)[1] + b"data: {not json\n\n")

    @classmethod
    def dropped_stream(cls, text: str = "On a drowned coast, lighthouse keeper Nora") -> Fault:
        """A chat stream cut by the server mid-body (a crash): a few chunks of a chunked body, then a hang-up."""
        return cls(raw=b"".join(chat_stream(text, finish=False)), drop=True)

    @classmethod
    def length_limit(cls) -> Fault:
        """The default answer, reported cut off at the token limit (finish_reason "length"), streamed or not."""
        return cls(finish_reason="length")

    @classmethod
    def never_stops(cls, honour_limit: bool = True) -> Fault:
        """A base model that never stops: a chat stream that goes on until the request's token limit (when
        `honour_limit`, as real servers do) or until the client hangs up."""
        return cls(endless=True, honour_limit=honour_limit)

    @classmethod
    def not_an_image(cls) -> Fault:
        """A 200 image answer whose b64_json decodes to HTML (as from a misbehaving proxy), not an image."""
        return cls.body(images_json([base64.b64encode(b"<html><body>502 Bad Gateway</body></html>").decode()]))

    @classmethod
    def plain_json_image(cls, size: str = "1024x1024") -> Fault:
        """A plain JSON answer with a valid PNG: script it for a streamed request (a server ignoring stream)."""
        return cls.body(images_json([gradient_png(*wire.parse_size(size))]))


# `stall` and `raw` are fields and constructors (`Fault(stall=2)`, `Fault.stall(2)`): the dataclass __init__
# has captured the field defaults, so the class-level names can be rebound to constructors afterwards.
def _stall(cls: type[Fault], seconds: float) -> Fault:
    """Sleep `seconds` before giving the default answer (to trigger client timeouts)."""
    return cls(stall=seconds)


def _raw(cls: type[Fault], data: bytes, content_type: str = "text/event-stream", status: int = 200) -> Fault:
    """Write these literal bytes as the body (malformed or truncated streams)."""
    return cls(status=status, raw=data, content_type=content_type)


Fault.stall = classmethod(_stall)  # type: ignore[assignment]
Fault.raw = classmethod(_raw)  # type: ignore[assignment]


def error_json(
    status: int, message: str | None = None, type_: str | None = None, code: str | None = None, param: str | None = None
) -> dict:
    return wire.error_body(status, message or f"HTTP {status} from the OpenAI stub.", type_, code, param)


def count_tokens(value: Any) -> int:
    """A rough word count: tests only need plausible, deterministic usage numbers."""
    return len(re.findall(r"\S+", value if isinstance(value, str) else json.dumps(value)))


def split_pieces(text: str) -> list[str]:
    """Split text into deltas of up to three words that join back to exactly `text`."""
    return re.findall(r"\s*(?:\S+\s*){1,3}|\s+", text)


@functools.lru_cache(maxsize=16)
def gradient_png(width: int, height: int, blue: int = 96) -> str:
    """A cheap gradient PNG of the given size and blue level, base64-encoded (cached: sizes repeat)."""
    ramp = Image.linear_gradient("L").resize((width, height))
    flipped = ramp.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    image = Image.merge("RGB", (ramp, flipped, Image.new("L", (width, height), blue)))
    return base64.b64encode(wire.png_bytes(image)).decode("ascii")


def images_json(images: list[str], prompt: Any = "") -> dict:
    """A (non-streamed) Images API answer carrying these base64 images, with GPT-image-style usage."""
    return wire.images_body(images, count_tokens(prompt))


def chat_stream(
    text: str,
    chunk_id: str = "chatcmpl_stub0",
    model: str = MODELS[0],
    usage: dict | None = None,
    finish: bool = True,
    finish_reason: str = "stop",
) -> list[bytes]:
    """A chat stream's SSE events: role and content chunks; if `finish`, a finish chunk, any usage chunk and [DONE]."""
    return wire.chat_events(split_pieces(text), chunk_id, model, usage, finish, finish_reason)
