"""A simulated OpenAI-compatible API with a latency profile, for the benchmark harness.

It answers like a real model would *in time*: a delay before the first token, then tokens at a
steady rate, and image generations that take seconds. Every request is recorded with its
`time.monotonic()` start, first byte and end, and with the step of the chain it served (read from
the system prompt), so the harness can compute the critical-path floor from calls this server
actually timed. On Linux `time.monotonic()` is one system-wide clock, so records taken in a
separate server process compare directly with the harness's own clock.

Endpoints: POST /v1/chat/completions (plain, or streamed SSE with finish_reason and
include_usage; a pitch meeting turn answers in JSON when it asks for structured output),
POST /v1/images/generations (plain base64 PNG, or streamed with partial images),
POST /v1/moderations (fast, never flagged), GET /v1/models, and GET /_bench/calls?since=T (the
records as JSON) and GET /_bench/profile.

In-process:   with SimulatedOpenAI(Profile(scale=0.1)) as sim: ... sim.base_url, sim.calls()
As a process: python simulated_openai.py --scale 1.0   (prints "READY <base_url>" when serving)
"""

from __future__ import annotations

import argparse
import base64
import functools
import io
import itertools
import json
import random
import re
import signal
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

# The wire format is shared with the test suite's stub in tests/openai_wire.py. This file also runs as a
# script (sys.path[0] is then tests/bench), so put tests/ on the path; appended, so that the test helpers
# there (services.py, conftest.py, ...) shadow nothing.
_TESTS = str(Path(__file__).resolve().parent.parent)
if _TESTS not in sys.path:
    sys.path.append(_TESTS)

import openai_wire as wire  # noqa: E402

HOST = wire.HOST
MAX_RECORDS = 100_000  # a bound on memory, far above one benchmark run
DEFAULT_SIZE = wire.DEFAULT_IMAGE_SIZE

# What the "model" answers, per step of the chain (cf. `responder` in tests/test_openai_provider.py).
SYNOPSIS = (
    "On a storm-battered island off the coast of Maine, lighthouse keeper Nora Vale (Saoirse Ronan) "
    "begins to hear the old lamp speak in her late father's voice. It warns her of ships that have not "
    "yet sailed and of a storm that has not yet formed. Marine biologist Theo Marsh (Riz Ahmed), sent to "
    "study the strange glowing tides, is sure that grief and isolation have finally broken her. But when "
    "the harbour master Elias Crane (Brian Cox) burns the logbooks that prove the lamp has been right for "
    "forty years, Theo starts to listen. As the great storm gathers and a ferry full of schoolchildren "
    "heads straight into it, Nora must decide whether to trust a voice that may be her father, the sea, "
    "or her own unravelling mind, and Theo must choose between his careful science and the woman he has "
    "come to love. Together they climb the tower for one last night to keep the light burning, whatever "
    "it costs them."
)
TITLE = "The Keeper's Light"
REPLY = (
    "Wow, a lighthouse lamp that speaks in her father's voice? I need a few minutes to think it over, "
    "but I already love that storm!"
)
IMAGE_PROMPT = (
    "A lone white lighthouse on black basalt rocks under a towering violet storm, its golden beam cutting "
    "through slanting rain; far below, a small ferry with lit windows crests a huge green wave, while a "
    "figure in a yellow oilskin stands on the gallery rail holding a lantern, sea spray glittering in the "
    "beam, cold blue moonlight breaking through a gap in the clouds, deep shadows, painterly cinematic "
    "contrast."
)
STARS = "Saoirse Ronan, Riz Ahmed, Brian Cox"
CAST = "Nora Vale: Saoirse Ronan\nTheo Marsh: Riz Ahmed\nElias Crane: Brian Cox"
OTHER = "A quiet lighthouse by the sea."

# A pitch meeting turn (moviepitch/meeting): the boss's reply first, so it streams first, then the proposal.
MEETING_REPLY = (
    "A heist comedy? Now you're talking: I can already see the crew, the vault, and every plan going "
    "wrong at the same time."
)
MEETING = json.dumps(
    {
        "reply": MEETING_REPLY,
        "proposal": {
            "summary": "Make it a heist comedy",
            "reason": "Comedy travels, and heists sell.",
            "changes": {
                "title": "The Keeper's Heist",
                "synopsis": SYNOPSIS.replace("lighthouse keeper", "retired safecracker"),
                "cast": None,
                "image_prompt": None,
            },
        },
    }
)
MEETING_REWRITE = "SUMMARY: Make it a heist comedy\nREASON: Comedy travels\nTITLE: The Keeper's Heist"
MEETING_SUMMARY = "The writer asked for a heist comedy; the boss proposed one."

# The step a chat request serves, from words of its system prompt; checked in this order.
STEP_MARKERS = (
    ("meeting_summary", ("summarise this pitch meeting",)),
    ("meeting_rewrite", ("write up the change",)),
    ("meeting", ("in a pitch meeting with the writer",)),
    ("reply", ("studio boss",)),
    ("stars", ("extract the names", "actors' names", "stars")),
    ("safer_image_prompt", ("refused this movie poster",)),
    ("cast", ("list the main characters",)),
    ("image_prompt", ("advertise",)),
    ("synopsis", ("synops",)),  # before "title": the synopsis prompt says "no title"
    ("title", ("title",)),
)
ANSWERS = {
    "reply": REPLY,
    "stars": STARS,
    "safer_image_prompt": IMAGE_PROMPT,
    "cast": CAST,
    "image_prompt": IMAGE_PROMPT,
    "title": TITLE,
    "synopsis": SYNOPSIS,
    "meeting_rewrite": MEETING_REWRITE,
    "meeting_summary": MEETING_SUMMARY,
}


def answer(step: str, body: dict) -> str:
    """What the "model" says to a chat request: a meeting turn in JSON when structured output is asked for."""
    if step == "meeting":
        return MEETING if body.get("response_format") else MEETING_REPLY
    return ANSWERS.get(step, OTHER)


@dataclass
class Profile:
    """The latency profile. Every delay is multiplied by `scale`."""

    first_token: float = 0.5  # seconds before the first token of a chat answer
    tokens_per_second: float = 60.0  # a token is a word piece of up to four characters
    image_seconds: float = 15.0  # seconds per generated image
    moderation_seconds: float = 0.1  # the moderations endpoint is fast
    scale: float = 1.0

    def seconds(self, value: float) -> float:
        return max(0.0, value * self.scale)

    def describe(self) -> str:
        return (
            f"first token {self.first_token:g} s, {self.tokens_per_second:g} tokens/s (≈4-character pieces), "
            f"{self.image_seconds:g} s per image, moderation {self.moderation_seconds:g} s; "
            f"scale ×{self.scale:g}"
        )


@dataclass
class Call:
    """One request the server answered, timed with time.monotonic()."""

    id: int
    path: str
    step: str
    stream: bool
    start: float
    first_byte: float | None = None
    end: float | None = None
    status: int = 0
    tokens: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def duration(self) -> float:
        return (self.end or self.start) - self.start


def step_of(body: dict) -> str:
    """The chain step a chat request serves, from its system prompt."""
    messages = body.get("messages") or []
    system = ""
    for message in messages:
        if isinstance(message, dict) and message.get("role") in ("system", "developer"):
            content = message.get("content")
            system = content if isinstance(content, str) else json.dumps(content)
            break
    if not system and messages and isinstance(messages[0], dict):
        system = str(messages[0].get("content", ""))
    lowered = system.lower()
    for step, markers in STEP_MARKERS:
        if any(marker in lowered for marker in markers):
            return step
    return "other"


def pieces(text: str) -> list[str]:
    """Word pieces of up to four characters (each with its leading spaces) that join back to `text`."""
    return re.findall(r"\s*\S{1,4}|\s+", text)


def count_tokens(value: Any) -> int:
    text = value if isinstance(value, str) else json.dumps(value)
    return max(1, len(text) // 4)


@functools.lru_cache(maxsize=8)
def poster_image(width: int, height: int, variant: int = 0):
    """A poster-like picture: shapes on a gradient with grain (~3 MB as PNG at 1024x1536, like a real model's).

    Variant 0 is the final image; 1.. are blurrier partial images.
    """
    from PIL import Image, ImageDraw, ImageFilter

    ramp = Image.linear_gradient("L").resize((width, height))
    base = Image.merge("RGB", (ramp, ramp.rotate(180), Image.new("L", (width, height), 96)))
    draw, rng = ImageDraw.Draw(base), random.Random(7)
    for _ in range(150):
        x, y, size = rng.randrange(width), rng.randrange(height), rng.randrange(20, 240)
        draw.ellipse((x, y, x + size, y + size), fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    if variant:
        base = base.filter(ImageFilter.GaussianBlur(12 // variant))
    grain = Image.merge("RGB", [Image.effect_noise((width, height), 16) for _ in range(3)])
    return Image.blend(base, grain, 0.3 if not variant else 0.15)


@functools.lru_cache(maxsize=32)
def poster_b64(width: int, height: int, variant: int = 0, output_format: str = "png", compression: int = 100) -> str:
    """The poster in the format asked for (png, the API's default, or webp/jpeg at a compression), as base64."""
    image = poster_image(width, height, variant)
    if output_format not in ("webp", "jpeg"):
        return base64.b64encode(wire.png_bytes(image)).decode("ascii")
    out = io.BytesIO()
    image.save(out, format=output_format.upper(), quality=max(1, min(compression, 100)))
    return base64.b64encode(out.getvalue()).decode("ascii")


def image_format(body: dict) -> tuple[str, int]:
    """The output format and compression a request asks for, as the API reads them."""
    output_format = body.get("output_format") or "png"
    return (output_format if output_format in ("png", "webp", "jpeg") else "png"), int(
        body.get("output_compression") or 100
    )


def _error(status: int, message: str) -> dict:
    return {"error": wire.error_body(status, message)}


class _Handler(wire.QuietHandler):
    server: _Server

    # Plumbing

    def _json(self, status: int, payload: dict, call: Call | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-request-id", f"req_sim{call.id if call else 0}")
        self.end_headers()
        if call is not None:
            call.first_byte = time.monotonic()
        self.wfile.write(data)
        if call is not None:
            call.status = status

    def _open_stream(self, call: Call) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("x-request-id", f"req_sim{call.id}")
        self.end_headers()
        call.status = 200

    def _chunk(self, call: Call, data: bytes) -> None:
        if call.first_byte is None:
            call.first_byte = time.monotonic()
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    def _close_stream(self) -> None:
        self.wfile.write(b"0\r\n\r\n")

    def _sleep_until(self, deadline: float) -> None:
        delay = deadline - time.monotonic()
        if delay > 0:
            self.server.api.stopping.wait(delay)

    # Routing

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        url = urlsplit(self.path)
        sim = self.server.api
        if url.path == "/_bench/calls":
            since = float((parse_qs(url.query).get("since") or ["0"])[0])
            return self._json(200, {"calls": [asdict(c) for c in sim.calls(since)]})
        if url.path == "/_bench/profile":
            return self._json(200, asdict(sim.profile))
        if url.path == "/v1/models":
            return self._json(
                200, wire.models_body(("sim-text", "gpt-image-2.5-sunburst", "omni-moderation-latest"), "sim")
            )
        self._json(404, _error(404, f"Unknown request URL: GET {url.path}"))

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        sim, path = self.server.api, urlsplit(self.path).path
        raw = self.rfile.read(int(self.headers.get("content-length") or 0))
        start = time.monotonic()
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return self._json(400, _error(400, "We could not parse the JSON body."))
        if path == "/v1/chat/completions":
            call = sim.record(path, step_of(body), bool(body.get("stream")), start)
            handler = self._chat
        elif path == "/v1/images/generations":
            call = sim.record(path, "poster", bool(body.get("stream")), start)
            handler = self._image
        elif path == "/v1/moderations":
            call = sim.record(path, "check", False, start)
            handler = self._moderate
        else:
            return self._json(404, _error(404, f"Unknown request URL: POST {path}"))
        try:
            handler(body, call)
        finally:
            call.end = time.monotonic()

    # Endpoints

    def _chat(self, body: dict, call: Call) -> None:
        profile = self.server.api.profile
        text = answer(call.step, body)
        tokens = pieces(text)
        call.tokens = len(tokens)
        model = body.get("model") or "sim-text"
        usage = wire.chat_usage(count_tokens(body.get("messages", [])), len(tokens))
        first = call.start + profile.seconds(profile.first_token)
        gap = profile.seconds(1.0 / profile.tokens_per_second)
        chat_id = f"chatcmpl_sim{call.id}"
        if not body.get("stream"):
            self._sleep_until(first + gap * (len(tokens) - 1))
            return self._json(200, wire.chat_completion(chat_id, model, text, usage, int(time.time())), call)
        include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
        # The role event, one event per token, then the stop, any usage and [DONE] written together.
        events = wire.chat_events(tokens, chat_id, model, usage if include_usage else None)
        self._open_stream(call)
        self._sleep_until(first)
        self._chunk(call, events[0])
        for index, event in enumerate(events[1 : 1 + len(tokens)]):
            self._sleep_until(first + gap * index)
            self._chunk(call, event)
        self._chunk(call, b"".join(events[1 + len(tokens) :]))
        self._close_stream()

    def _image(self, body: dict, call: Call) -> None:
        profile = self.server.api.profile
        w, h = wire.parse_size(body.get("size"))
        fmt = image_format(body)
        prompt_tokens = count_tokens(body.get("prompt", ""))
        done = call.start + profile.seconds(profile.image_seconds)
        if not body.get("stream"):
            self._sleep_until(done)
            return self._json(200, wire.images_body([poster_b64(w, h, 0, *fmt)], prompt_tokens, fmt[0]), call)
        partials = max(0, min(int(body.get("partial_images") or 0), 3))
        call.extra["partial_images"] = partials
        # Always an opaque background, whatever was asked: posters have one.
        settings = wire.image_settings(w, h, int(time.time()), body.get("quality"), output_format=fmt[0])
        self._open_stream(call)
        for index in range(partials):
            # Partial images arrive as the picture sharpens, evenly through the generation time.
            self._sleep_until(call.start + profile.seconds(profile.image_seconds) * (index + 1) / (partials + 1))
            self._chunk(call, wire.partial_image_event(poster_b64(w, h, index + 1, *fmt), index, settings))
        self._sleep_until(done)
        self._chunk(
            call, wire.completed_image_event(poster_b64(w, h, 0, *fmt), settings, wire.image_usage(prompt_tokens))
        )
        self._close_stream()

    def _moderate(self, body: dict, call: Call) -> None:
        profile = self.server.api.profile
        self._sleep_until(call.start + profile.seconds(profile.moderation_seconds))
        inputs = body.get("input")
        results = [wire.moderation_result(False) for _ in (inputs if isinstance(inputs, list) else [inputs])]
        self._json(
            200,
            {"id": f"modr_sim{call.id}", "model": body.get("model") or "omni-moderation-latest", "results": results},
            call,
        )


class _Server(wire.LocalServer):
    request_queue_size = 256  # many generations open connections at once


class SimulatedOpenAI(wire.ServedAPI):
    """The simulated API on 127.0.0.1 (a free port unless given), served from a daemon thread."""

    handler = _Handler
    server_class = _Server
    thread_name = "simulated-openai"
    name = "the simulated API"

    def __init__(self, profile: Profile | None = None, port: int = 0):
        super().__init__(port)
        self.profile = profile or Profile()
        self._lock = threading.Lock()
        self._calls: list[Call] = []
        self._ids = itertools.count(1)

    def start(self) -> SimulatedOpenAI:
        # Paint the posters before serving, so no request pays for it: in the API's default format
        # and in the one MoviePitch asks for by default.
        for variant in range(4):
            poster_b64(*DEFAULT_SIZE, variant)
            poster_b64(*DEFAULT_SIZE, variant, "webp", 90)
        return super().start()

    def record(self, path: str, step: str, stream: bool, start: float) -> Call:
        call = Call(next(self._ids), path, step, stream, start)
        with self._lock:
            if len(self._calls) < MAX_RECORDS:
                self._calls.append(call)
        return call

    def calls(self, since: float = 0.0) -> list[Call]:
        """Finished calls that started at or after `since` (time.monotonic()), oldest first."""
        with self._lock:
            return [c for c in self._calls if c.start >= since and c.end is not None]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the simulated OpenAI API on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies every delay")
    parser.add_argument("--first-token", type=float, default=Profile.first_token)
    parser.add_argument("--tokens-per-second", type=float, default=Profile.tokens_per_second)
    parser.add_argument("--image-seconds", type=float, default=Profile.image_seconds)
    parser.add_argument("--moderation-seconds", type=float, default=Profile.moderation_seconds)
    parser.add_argument("--max-seconds", type=float, default=3600.0, help="exit after this long in any case")
    args = parser.parse_args(argv)
    profile = Profile(args.first_token, args.tokens_per_second, args.image_seconds, args.moderation_seconds, args.scale)
    done = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: done.set())
    with SimulatedOpenAI(profile, args.port) as sim:
        print(f"READY {sim.base_url}", flush=True)
        done.wait(args.max_seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
