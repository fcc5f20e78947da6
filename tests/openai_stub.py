"""A local OpenAI-compatible HTTP server so tests can drive the real `openai` SDK."""

from __future__ import annotations

import base64
import functools
import itertools
import json
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import urlsplit

from PIL import Image

import openai_wire as wire

DEFAULT_TEXT = "Detective Ray Cole (Jamie Stone) chases the truth."
MODELS = ("gpt-5-mini", "gpt-image-2", "omni-moderation-latest")


@dataclass
class Recorded:
    """One request the stub received."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict | None


@dataclass
class Fault:
    """A scripted answer after any `stall`: `raw` bytes, else a `json` body, else `error`/`status`, else the default."""

    status: int | None = None  # defaults to 200 for json/raw, 500 for an error
    error: dict | None = None
    headers: dict[str, str] = field(default_factory=dict)
    stall: float = 0.0
    json: dict | None = None
    raw: bytes | None = None
    content_type: str = "text/event-stream"  # only used with `raw`

    @classmethod
    def rate_limited(cls, retry_after: str | None = "0", retry_after_ms: str | None = None) -> Fault:
        """A 429 with retry headers; `retry_after_ms` avoids the SDK's ~0.5 s backoff for `retry-after: 0`."""
        # The SDK only honours a positive delay, so "0" means "use your own backoff".
        pairs = (("retry-after", retry_after), ("retry-after-ms", retry_after_ms))
        error = _error_body(429, "Rate limit reached (stub).", "requests", "rate_limit_exceeded")
        return cls(status=429, error=error, headers={k: v for k, v in pairs if v is not None})

    @classmethod
    def server_error(cls, status: int = 500) -> Fault:
        """A 5xx with an OpenAI-style server_error body."""
        return cls(status=status, error=_error_body(status, "The server had an error (stub).", "server_error"))

    @classmethod
    def unsupported_param(cls, param: str) -> Fault:
        """The 400 OpenAI answers when a model rejects a parameter such as temperature."""
        message = f"Unsupported parameter: '{param}' is not supported with this model."
        return cls(status=400, error=_error_body(400, message, code="unsupported_parameter", param=param))

    @classmethod
    def moderation_blocked(cls) -> Fault:
        """The 400 the Images API answers when its safety system refuses a prompt."""
        message = ("Your request was rejected as a result of our safety system. "
                   "Your prompt may contain text that is not allowed by our safety system.")
        return cls(status=400, error=_error_body(400, message, "image_generation_user_error", "moderation_blocked"))

    @classmethod
    def body(cls, json_dict: dict, status: int = 200) -> Fault:
        """Answer with this literal JSON body."""
        return cls(status=status, json=json_dict)

    @classmethod
    def truncated_stream(cls, text: str = DEFAULT_TEXT, content_chunks: int = 2) -> Fault:
        """A chat stream that just ends after the role chunk and a few content chunks: no finish_reason, no [DONE]."""
        return cls.raw(b"".join(_chat_events(text, finish=False)[:1 + content_chunks]))

    @classmethod
    def malformed_stream(cls, text: str = "Half a") -> Fault:
        """A chat stream: one good content chunk, a complete `data: {not json` event, then a closed connection."""
        return cls.raw(_chat_events(text, finish=False)[1] + b"data: {not json\n\n")

    @classmethod
    def not_an_image(cls) -> Fault:
        """A 200 image answer whose b64_json decodes to HTML (as from a misbehaving proxy), not an image."""
        return cls.body(_images_body([base64.b64encode(b"<html><body>502 Bad Gateway</body></html>").decode()]))

    @classmethod
    def plain_json_image(cls, size: str = "1024x1024") -> Fault:
        """A plain JSON answer with a valid PNG: script it for a streamed request (a server ignoring stream)."""
        return cls.body(_images_body([_png(*wire.parse_size(size))]))


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


def default_responder(body: dict) -> str:
    """The assistant text used unless a test sets `stub.chat_responder`."""
    return DEFAULT_TEXT


def never_flag(input_text: str) -> bool:
    """The moderation verdict used unless a test sets `stub.flag_moderation`."""
    return False


def _error_body(status: int, message: str | None = None, type_: str | None = None, code: str | None = None,
                param: str | None = None) -> dict:
    return wire.error_body(status, message or f"HTTP {status} from the OpenAI stub.", type_, code, param)


def _count_tokens(value: Any) -> int:
    """A rough word count: tests only need plausible, deterministic usage numbers."""
    return len(re.findall(r"\S+", value if isinstance(value, str) else json.dumps(value)))


def _pieces(text: str) -> list[str]:
    """Split text into deltas of up to three words that join back to exactly `text`."""
    return re.findall(r"\s*(?:\S+\s*){1,3}|\s+", text)


@functools.lru_cache(maxsize=16)
def _png(width: int, height: int, blue: int = 96) -> str:
    """A cheap gradient PNG of the given size and blue level, base64-encoded (cached: sizes repeat)."""
    ramp = Image.linear_gradient("L").resize((width, height))
    flipped = ramp.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    image = Image.merge("RGB", (ramp, flipped, Image.new("L", (width, height), blue)))
    return base64.b64encode(wire.png_bytes(image)).decode("ascii")


def _images_body(images: list[str], prompt: Any = "") -> dict:
    """A (non-streamed) Images API answer carrying these base64 images, with GPT-image-style usage."""
    return wire.images_body(images, _count_tokens(prompt))


def _chat_events(text: str, chunk_id: str = "chatcmpl_stub0", model: str = MODELS[0], usage: dict | None = None,
                finish: bool = True) -> list[bytes]:
    """A chat stream's SSE events: role and content chunks; if `finish`, a stop chunk, any usage chunk and [DONE]."""
    return wire.chat_events(_pieces(text), chunk_id, model, usage, finish)


class _Handler(wire.QuietHandler):
    server: wire.LocalServer

    def _dispatch(self) -> None:
        stub, path = self.server.api, urlsplit(self.path).path
        raw = self.rfile.read(int(self.headers.get("content-length") or 0))
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        stub._record(Recorded(self.command, path, {k.lower(): v for k, v in self.headers.items()}, body))
        action = stub._next_action(path, body or {})
        try:
            if action is not None and action.stall:
                stub.stopping.wait(action.stall)  # returns early when the stub stops
            if action is not None and self._scripted(action):
                return
            if raw and body is None:
                return self._send_json(400, {"error": _error_body(400, "We could not parse the JSON body (stub).")})
            self._default(path, body or {})
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            raise
        except Exception as exc:  # a broken responder should fail the test loudly, not hang it
            self._send_json(500, {"error": _error_body(500, f"stub crashed: {exc!r}")})

    do_GET = do_POST = do_DELETE = _dispatch

    def _scripted(self, action: Fault) -> bool:
        """Answer per the action; False means fall through to the default answer."""
        if action.raw is not None:
            self._send_stream(action.status or 200, action.content_type, [action.raw], action.headers)
        elif action.json is not None:
            self._send_json(action.status or 200, action.json, action.headers)
        elif action.error is not None or action.status is not None:
            status = action.status or 500
            self._send_json(status, {"error": action.error or _error_body(status)}, action.headers)
        else:
            return False
        return True

    def _default(self, path: str, body: dict) -> None:
        stub, now = self.server.api, int(time.time())
        if self.command == "POST" and path == "/v1/chat/completions":
            text = stub.chat_responder(body)
            usage = wire.chat_usage(_count_tokens(body.get("messages", [])), _count_tokens(text))
            if body.get("stream"):
                usage = usage if (body.get("stream_options") or {}).get("include_usage") else None
                events = _chat_events(text, stub._new_id("chatcmpl"), body.get("model", MODELS[0]), usage)
                return self._send_stream(200, "text/event-stream", events)
            self._send_json(200, wire.chat_completion(stub._new_id("chatcmpl"), body.get("model", MODELS[0]), text,
                                                      usage, now))
        elif self.command == "POST" and path == "/v1/images/generations":
            w, h = wire.parse_size(body.get("size"))
            n = 1 if body.get("stream") else max(1, min(int(body.get("n") or 1), 4))
            answer = _images_body([_png(w, h)] * n, body.get("prompt", ""))
            if not body.get("stream"):
                return self._send_json(200, answer)
            # As the Images API streams: named events, no [DONE], and the settings it chose rather than "auto".
            settings = wire.image_settings(w, h, answer["created"], body.get("quality"), body.get("background"))
            events = [wire.partial_image_event(_png(w // 4 or 1, h // 4 or 1, 80 * i), i, settings)
                      for i in range(min(int(body.get("partial_images") or 0), 3))]
            events.append(wire.completed_image_event(answer["data"][0]["b64_json"], settings, answer["usage"]))
            self._send_stream(200, "text/event-stream", events)
        elif self.command == "POST" and path == "/v1/moderations":
            inputs, results = body.get("input"), []
            for item in inputs if isinstance(inputs, list) else [inputs]:  # strings or multimodal parts
                flagged = bool(stub.flag_moderation(item if isinstance(item, str) else (item or {}).get("text", "")))
                results.append(wire.moderation_result(flagged))
            self._send_json(200, {"id": stub._new_id("modr"), "model": body.get("model", MODELS[2]),
                                  "results": results})
        elif self.command == "GET" and path == "/v1/models":
            self._send_json(200, wire.models_body(MODELS, "openai"))
        else:
            self._send_json(404, {"error": _error_body(404, f"Unknown request URL: {self.command} {path} (stub).")})

    def _send_json(self, status: int, payload: dict, headers: dict[str, str] | None = None) -> None:
        self._send_stream(status, "application/json", [json.dumps(payload).encode()], headers, streamed=False)

    def _send_stream(self, status: int, content_type: str, parts: list[bytes], headers: dict | None = None,
                     streamed: bool = True) -> None:
        # A stream has no Content-Length but ends when we close (valid HTTP/1.1), so a raw fault can stop anywhere.
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        extra = {"Cache-Control": "no-cache", "Connection": "close"} if streamed else {
            "Content-Length": str(sum(map(len, parts)))}
        for name, value in {**extra, "x-request-id": self.server.api._new_id("req"), **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        for part in parts:
            self.wfile.write(part)
            self.wfile.flush()
        self.close_connection = self.close_connection or streamed


class OpenAIStub(wire.ServedAPI):
    """An OpenAI-compatible server on 127.0.0.1 that records requests and plays scripted faults."""

    handler = _Handler
    thread_name = "openai-stub"
    name = "OpenAIStub"

    def __init__(self) -> None:
        super().__init__()
        self.chat_responder: Callable[[dict], str] = default_responder
        self.flag_moderation: Callable[[str], bool] = never_flag
        self._lock = threading.Lock()
        self._requests: list[Recorded] = []
        self._scripts: dict[str, deque[Fault]] = {}
        self._ids = itertools.count(1)

    @property
    def requests(self) -> list[Recorded]:
        """A snapshot of every request received so far, oldest first."""
        with self._lock:
            return list(self._requests)

    def requests_to(self, path_suffix: str) -> list[Recorded]:
        """The recorded requests whose path ends with `path_suffix`, e.g. "/chat/completions"."""
        return [r for r in self.requests if r.path.endswith(path_suffix)]

    def script(self, path_suffix: str, *actions: Fault | dict, when: Callable[[dict], bool] | None = None) -> None:
        """Queue actions, consumed one per request whose path ends with `path_suffix` (and whose body `when` accepts)."""
        faults = [(when, a if isinstance(a, Fault) else Fault(**a)) for a in actions]
        with self._lock:
            self._scripts.setdefault(path_suffix, deque()).extend(faults)

    def reset(self) -> None:
        """Forget recorded requests and pending scripts, and restore the default responder and flagger."""
        self.chat_responder, self.flag_moderation = default_responder, never_flag
        with self._lock:
            self._requests.clear()
            self._scripts.clear()

    def _record(self, recorded: Recorded) -> None:
        with self._lock:
            self._requests.append(recorded)

    def _next_action(self, path: str, body: dict) -> Fault | None:
        # The longest matching suffix wins, so "/chat/completions" beats "/completions";
        # within it, the first action whose `when` accepts this body.
        with self._lock:
            for _, queue in sorted(((s, q) for s, q in self._scripts.items() if path.endswith(s)),
                                   key=lambda item: -len(item[0])):
                for entry in queue:
                    if entry[0] is None or entry[0](body):
                        queue.remove(entry)
                        return entry[1]
            return None

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}_stub{next(self._ids)}"
