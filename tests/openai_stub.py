"""A local OpenAI-compatible HTTP server so tests can drive the real `openai` SDK."""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import openai_wire as wire
from openai_faults import (  # noqa: F401 - Fault and DEFAULT_TEXT are imported from here by the tests
    DEFAULT_TEXT,
    MODELS,
    Fault,
    chat_stream,
    count_tokens,
    error_json,
    gradient_png,
    images_json,
)
from openai_tuning import TuningAPI, multipart_fields


@dataclass
class Recorded:
    """One request the stub received."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict | None


def default_responder(body: dict) -> str:
    """The assistant text used unless a test sets `stub.chat_responder`."""
    return DEFAULT_TEXT


def never_flag(input_text: str) -> bool:
    """The moderation verdict used unless a test sets `stub.flag_moderation`."""
    return False


REASONING_MODELS = ("gpt-5", "o1", "o3", "o4")

# What a base model says when it never stops: one chunk, four "tokens" (words), again and again.
ENDLESS_PIECE = "and on and on "
ENDLESS_PACE = 0.002  # seconds between its chunks


class _Handler(wire.QuietHandler):
    server: wire.LocalServer

    def _dispatch(self) -> None:
        stub, url = self.server.api, urlsplit(self.path)
        path = url.path
        raw = self.rfile.read(int(self.headers.get("content-length") or 0))
        content_type = self.headers.get("content-type") or ""
        try:
            body = (
                multipart_fields(content_type, raw)
                if content_type.startswith("multipart/form-data")
                else json.loads(raw)
                if raw
                else None
            )
        except ValueError:
            body = None
        stub._record(Recorded(self.command, path, {k.lower(): v for k, v in self.headers.items()}, body))
        action = stub._next_action(path, body or {})
        with stub._serving(path):
            try:
                if path in stub.missing_paths:  # as llama.cpp answers a route it does not have
                    return self._send_json(
                        404, {"error": {"code": 404, "message": "File Not Found", "type": "not_found_error"}}
                    )
                if action is not None and action.stall:
                    stub.stopping.wait(action.stall)  # returns early when the stub stops
                if action is not None and self._scripted(action, body or {}):
                    return
                if stub.tuning.handles(path):
                    return self._send_json(*stub.tuning.answer(self.command, path, url.query, body))
                if raw and body is None:
                    return self._send_json(400, {"error": error_json(400, "We could not parse the JSON body (stub).")})
                self._default(path, body or {}, action.finish_reason if action else None)
            except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
                stub._hung_up()
                raise
            except Exception as exc:  # a broken responder should fail the test loudly, not hang it
                self._send_json(500, {"error": error_json(500, f"stub crashed: {exc!r}")})

    do_GET = do_POST = do_DELETE = _dispatch

    def _scripted(self, action: Fault, body: dict) -> bool:
        """Answer per the action; False means fall through to the default answer."""
        if action.raw is not None and action.drop:
            self._send_dropped(action.raw)
        elif action.raw is not None:
            self._send_stream(action.status or 200, action.content_type, [action.raw], action.headers)
        elif action.json is not None:
            self._send_json(action.status or 200, action.json, action.headers)
        elif action.error is not None or action.status is not None:
            status = action.status or 500
            self._send_json(status, {"error": action.error or error_json(status)}, action.headers)
        elif action.endless:
            self._send_endless(body, action.honour_limit)
        else:
            return False
        return True

    def _send_dropped(self, data: bytes) -> None:
        """One chunk of a chunked body, then the connection closes without the last chunk."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()
        self.close_connection = True

    def _send_endless(self, body: dict, honour_limit: bool) -> None:
        """Stream words until the request's token limit (if honoured), the client hangs up, or the stub stops."""
        stub = self.server.api
        limit = (body.get("max_completion_tokens") or body.get("max_tokens")) if honour_limit else None
        chunk_id, model = stub._new_id("chatcmpl"), stub.served_model or body.get("model", MODELS[0])
        role, *_ = chat_stream("", chunk_id, model, finish=False)
        self._send_stream(200, "text/event-stream", [role])
        tokens = 0
        while not stub.stopping.is_set():
            if limit is not None and tokens >= limit:
                self.wfile.write(b"".join(chat_stream("", chunk_id, model, finish_reason="length")[1:]))
                return self.wfile.flush()
            self.wfile.write(b"".join(chat_stream(ENDLESS_PIECE, chunk_id, model, finish=False)[1:]))
            self.wfile.flush()
            tokens += count_tokens(ENDLESS_PIECE)
            stub.stopping.wait(ENDLESS_PACE)

    def _default(self, path: str, body: dict, finish_reason: str | None = None) -> None:
        stub, now = self.server.api, int(time.time())
        finish_reason = finish_reason or "stop"
        if self.command == "POST" and path == "/v1/chat/completions":
            text = stub.chat_responder(body)
            model = stub.served_model or body.get("model", MODELS[0])
            prompt, written = count_tokens(body.get("messages", [])), count_tokens(text)
            # A reasoning model bills its hidden reasoning as output: here, as many tokens again as it wrote.
            reasoning = written if str(model).startswith(REASONING_MODELS) else 0
            usage = wire.chat_usage(prompt, written + reasoning, min(stub.cached_tokens, prompt), reasoning)
            if body.get("stream"):
                usage = usage if (body.get("stream_options") or {}).get("include_usage") else None
                events = chat_stream(text, stub._new_id("chatcmpl"), model, usage, finish_reason=finish_reason)
                return self._send_stream(200, "text/event-stream", events)
            self._send_json(200, wire.chat_completion(stub._new_id("chatcmpl"), model, text, usage, now, finish_reason))
        elif self.command == "POST" and path == "/v1/images/generations":
            w, h = wire.parse_size(body.get("size"))
            n = 1 if body.get("stream") else max(1, min(int(body.get("n") or 1), 4))
            answer = images_json([gradient_png(w, h)] * n, body.get("prompt", ""))
            if not body.get("stream"):
                return self._send_json(200, answer)
            # As the Images API streams: named events, no [DONE], and the settings it chose rather than "auto".
            settings = wire.image_settings(w, h, answer["created"], body.get("quality"), body.get("background"))
            events = [
                wire.partial_image_event(gradient_png(w // 4 or 1, h // 4 or 1, 80 * i), i, settings)
                for i in range(min(int(body.get("partial_images") or 0), 3))
            ]
            events.append(wire.completed_image_event(answer["data"][0]["b64_json"], settings, answer["usage"]))
            self._send_stream(200, "text/event-stream", events)
        elif self.command == "POST" and path == "/v1/moderations":
            inputs, results = body.get("input"), []
            for item in inputs if isinstance(inputs, list) else [inputs]:  # strings or multimodal parts
                flagged = bool(stub.flag_moderation(item if isinstance(item, str) else (item or {}).get("text", "")))
                results.append(wire.moderation_result(flagged))
            self._send_json(
                200, {"id": stub._new_id("modr"), "model": body.get("model", MODELS[2]), "results": results}
            )
        elif self.command == "GET" and path == "/v1/models":
            self._send_json(200, wire.models_body(stub.models, "openai"))
        else:
            self._send_json(404, {"error": error_json(404, f"Unknown request URL: {self.command} {path} (stub).")})

    def _send_json(self, status: int, payload: dict, headers: dict[str, str] | None = None) -> None:
        self._send_stream(status, "application/json", [json.dumps(payload).encode()], headers, streamed=False)

    def _send_stream(
        self, status: int, content_type: str, parts: list[bytes], headers: dict | None = None, streamed: bool = True
    ) -> None:
        # A stream has no Content-Length but ends when we close (valid HTTP/1.1), so a raw fault can stop anywhere.
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        extra = (
            {"Cache-Control": "no-cache", "Connection": "close"}
            if streamed
            else {"Content-Length": str(sum(map(len, parts)))}
        )
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
        # Playing other servers: the models /v1/models lists; the one every answer names (a one-model server
        # ignores what it is asked for); paths it has no route for; one chat request at a time (the rest queue).
        self.models: tuple[str, ...] = MODELS
        self.served_model: str | None = None
        # Prompt tokens each chat answer reports as served from the prompt cache (at most the prompt's).
        self.cached_tokens = 0
        self.missing_paths: set[str] = set()
        self.one_at_a_time = False
        # Chat requests answered at once, at most; and answers the client hung up on.
        self.most_at_once = 0
        self.hangups = 0
        self._lock = threading.Lock()
        self._one = threading.Lock()
        self._at_once = 0
        # The Files and Fine-tuning APIs (tests/openai_tuning.py).
        self.tuning = TuningAPI()
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
        """Queue actions, one per request whose path ends with `path_suffix` (and whose body `when` accepts)."""
        faults = [(when, a if isinstance(a, Fault) else Fault(**a)) for a in actions]
        with self._lock:
            self._scripts.setdefault(path_suffix, deque()).extend(faults)

    def reset(self) -> None:
        """Forget recorded requests and pending scripts, and play the default server again."""
        self.chat_responder, self.flag_moderation = default_responder, never_flag
        self.models, self.served_model, self.one_at_a_time, self.cached_tokens = MODELS, None, False, 0
        self.missing_paths = set()
        self.tuning.reset()
        with self._lock:
            self._requests.clear()
            self._scripts.clear()
            self.most_at_once = self.hangups = 0

    def _record(self, recorded: Recorded) -> None:
        with self._lock:
            self._requests.append(recorded)

    @contextlib.contextmanager
    def _serving(self, path: str):
        """Count the chat requests being answered, one at a time when the stub plays such a server."""
        if not path.endswith("/chat/completions"):
            yield
            return
        with self._one if self.one_at_a_time else contextlib.nullcontext():
            with self._lock:
                self._at_once += 1
                self.most_at_once = max(self.most_at_once, self._at_once)
            try:
                yield
            finally:
                with self._lock:
                    self._at_once -= 1

    def _hung_up(self) -> None:
        with self._lock:
            self.hangups += 1

    def _next_action(self, path: str, body: dict) -> Fault | None:
        # The longest matching suffix wins, so "/chat/completions" beats "/completions";
        # within it, the first action whose `when` accepts this body.
        with self._lock:
            for _, queue in sorted(
                ((s, q) for s, q in self._scripts.items() if path.endswith(s)), key=lambda item: -len(item[0])
            ):
                for entry in queue:
                    if entry[0] is None or entry[0](body):
                        queue.remove(entry)
                        return entry[1]
            return None

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}_stub{next(self._ids)}"
