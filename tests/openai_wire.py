"""The OpenAI wire format that both local servers speak: tests/openai_stub.py and tests/bench/simulated_openai.py.

Only the shape of the answers lives here: the JSON bodies, the chat.completion.chunk events, the SSE
framing and the image stream events. What the answers say, and when they are sent, stays with each
server. The SDK parses these bytes, so any change here changes what both servers send.
"""

from __future__ import annotations

import io
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HOST = "127.0.0.1"  # loopback only
DEFAULT_IMAGE_SIZE = (1024, 1536)  # for "auto", a missing size or one out of range
MAX_IMAGE_SIDE = 4096  # a typo'd size must not make a server allocate gigabytes
IMAGE_OUTPUT_TOKENS = 1056  # what GPT-image bills per generated image
DONE = b"data: [DONE]\n\n"  # the end of a chat stream (image streams have none)
MODERATION_CATEGORIES = (
    "harassment harassment/threatening hate hate/threatening illicit illicit/violent "
    "self-harm self-harm/instructions self-harm/intent sexual sexual/minors violence "
    "violence/graphic"
).split()


# HTTP plumbing


class QuietHandler(BaseHTTPRequestHandler):
    """A keep-alive request handler that logs nothing and takes a client's hang-up in its stride."""

    protocol_version = "HTTP/1.1"  # keep-alive, as the SDK's connection pool expects

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Stay quiet: the test or the harness reports what matters."""

    def handle_one_request(self) -> None:
        """Handle one request; a client that hung up mid-answer (a timeout) is expected, not a server error."""
        try:
            super().handle_one_request()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True


class LocalServer(ThreadingHTTPServer):
    """A threading server whose handlers never hold up the process or stop()."""

    daemon_threads = True
    block_on_close = False  # idle keep-alive connections must not block stop()
    api: ServedAPI  # what the handlers answer for: self.server.api


class ServedAPI:
    """A local OpenAI-compatible server on 127.0.0.1, served from a daemon thread.

    Subclasses name their `handler` (and a `server_class`, for a longer listen queue); handlers reach
    the subclass as `self.server.api`, and stalled ones wake when `stopping` is set.
    """

    handler: type[BaseHTTPRequestHandler]
    server_class: type[LocalServer] = LocalServer
    thread_name = "local-openai"
    name = "the local OpenAI server"

    def __init__(self, port: int = 0):
        self.port = port  # 0: a free one
        self.stopping = threading.Event()
        self._server: LocalServer | None = None
        self._thread: threading.Thread | None = None

    def start(self):
        """Bind the port and serve in a daemon thread (nothing to do when already serving)."""
        if self._server is not None:
            return self
        self.stopping.clear()
        self._server = self.server_class((HOST, self.port), self.handler)
        self._server.api = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name=self.thread_name, daemon=True
        )  # a short poll keeps stop() fast
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, waking any stalled handlers."""
        if self._server is None:
            return
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """The URL to pass as the SDK's base_url, e.g. http://127.0.0.1:54321/v1."""
        if self._server is None:
            raise RuntimeError(f"{self.name} is not started")
        return f"http://{HOST}:{self._server.server_address[1]}/v1"


# Framing


def sse(payload: dict) -> bytes:
    """One unnamed server-sent event, as chat streams send them."""
    return f"data: {json.dumps(payload)}\n\n".encode()


def named_sse(payload: dict) -> bytes:
    """One server-sent event named after the payload's type, as image streams send them."""
    return f"event: {payload['type']}\ndata: {json.dumps(payload)}\n\n".encode()


def error_body(
    status: int, message: str, type_: str | None = None, code: str | None = None, param: str | None = None
) -> dict:
    """The object under "error" in an OpenAI error answer."""
    return {
        "message": message,
        "type": type_ or ("server_error" if status >= 500 else "invalid_request_error"),
        "param": param,
        "code": code,
    }


def models_body(ids: tuple[str, ...] | list[str], owned_by: str) -> dict:
    """The GET /v1/models answer listing these model ids."""
    return {
        "object": "list",
        "data": [{"id": m, "object": "model", "created": 1700000000, "owned_by": owned_by} for m in ids],
    }


# Chat completions


def chat_usage(prompt_tokens: int, completion_tokens: int, cached_tokens: int = 0, reasoning_tokens: int = 0) -> dict:
    """A chat answer's usage object, with the details OpenAI's API always sends (cached tokens are part of the
    prompt's, reasoning tokens part of the completion's)."""
    return {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
        "prompt_tokens_details": {"cached_tokens": cached_tokens, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": reasoning_tokens,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    }


def chat_completion(
    chat_id: str, model: str, text: str, usage: dict, created: int, finish_reason: str = "stop"
) -> dict:
    """A plain (non-streamed) chat.completion answer carrying `text`."""
    message = {"role": "assistant", "content": text, "refusal": None}
    return {
        "id": chat_id,
        "object": "chat.completion",
        "created": created,
        "model": model,
        "system_fingerprint": None,
        "usage": usage,
        "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish_reason}],
    }


def chat_events(
    pieces: list[str],
    chunk_id: str,
    model: str,
    usage: dict | None = None,
    finish: bool = True,
    finish_reason: str = "stop",
) -> list[bytes]:
    """A chat stream's SSE events: a role chunk and a content chunk per piece, then if `finish` a chunk
    with `finish_reason`, the usage chunk (when `usage` is given, as for stream_options.include_usage)
    and [DONE]."""
    # With include_usage every chunk carries "usage": null and only the extra last one has it.
    base = {
        "id": chunk_id,
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "system_fingerprint": None,
        **({"usage": None} if usage else {}),
    }
    steps = [({"role": "assistant", "content": "", "refusal": None}, None)]
    steps += [({"content": piece}, None) for piece in pieces] + ([({}, finish_reason)] if finish else [])
    chunks = [{**base, "choices": [{"index": 0, "delta": d, "logprobs": None, "finish_reason": r}]} for d, r in steps]
    chunks += [{**base, "choices": [], "usage": usage}] if usage and finish else []
    return [sse(c) for c in chunks] + ([DONE] if finish else [])


# Images


def image_usage(prompt_tokens: int, images: int = 1) -> dict:
    """GPT-image-style usage for `images` generated images."""
    out = IMAGE_OUTPUT_TOKENS * images
    return {
        "input_tokens": prompt_tokens,
        "output_tokens": out,
        "total_tokens": prompt_tokens + out,
        "input_tokens_details": {"text_tokens": prompt_tokens, "image_tokens": 0},
    }


def images_body(images: list[str], prompt_tokens: int, output_format: str = "png") -> dict:
    """A plain (non-streamed) Images API answer carrying these base64 images."""
    return {
        "created": int(time.time()),
        "data": [{"b64_json": b64} for b64 in images],
        "output_format": output_format,
        "usage": image_usage(prompt_tokens, len(images)),
    }


def image_settings(
    width: int,
    height: int,
    created: int,
    quality: str | None = None,
    background: str | None = None,
    output_format: str = "png",
) -> dict:
    """The fields every image stream event repeats: the settings the API chose, never "auto"."""
    return {
        "background": (background or "auto").replace("auto", "opaque"),
        "quality": (quality or "auto").replace("auto", "medium"),
        "created_at": created,
        "output_format": output_format,
        "size": f"{width}x{height}",
    }


def partial_image_event(b64: str, index: int, settings: dict) -> bytes:
    """An image_generation.partial_image event (a blurrier picture on the way)."""
    return named_sse(
        {"type": "image_generation.partial_image", "b64_json": b64, "partial_image_index": index, **settings}
    )


def completed_image_event(b64: str, settings: dict, usage: dict) -> bytes:
    """The image_generation.completed event that ends an image stream."""
    return named_sse({"type": "image_generation.completed", "b64_json": b64, **settings, "usage": usage})


def parse_size(size: Any) -> tuple[int, int]:
    """(width, height) from "WxH"; the default size for "auto", a missing size or one out of range."""
    match = re.fullmatch(r"(\d+)x(\d+)", str(size or ""))
    w, h = (int(match[1]), int(match[2])) if match else DEFAULT_IMAGE_SIZE
    return (w, h) if 0 < w <= MAX_IMAGE_SIDE and 0 < h <= MAX_IMAGE_SIDE else DEFAULT_IMAGE_SIZE


def png_bytes(image: Any) -> bytes:
    """A PIL image as PNG bytes (PIL itself is imported by the callers that draw)."""
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


# Moderations


def moderation_result(flagged: bool) -> dict:
    """One input's moderation result; a flagged input is flagged for violence."""
    hits = {c: flagged and c == "violence" for c in MODERATION_CATEGORIES}
    return {
        "flagged": flagged,
        "categories": hits,
        "category_scores": {c: 0.93 if hit else 0.0002 for c, hit in hits.items()},
        "category_applied_input_types": {c: ["text"] for c in hits},
    }
