"""Making pitches for the benchmark: the course's chain, one timed MoviePitch pitch, seeds and many at once.

Imported by run.py, which puts the project root and tests/bench on sys.path first.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import simulated_openai as simapi
from servers import SimulatedAPI, child_env, http_request

TEXT_MODEL = "sim-text"
IMAGE_MODEL = "gpt-image-2.5-sunburst"
SECRET = "moviepitch-benchmark-secret-key-not-for-production"
IDEA = "A lighthouse keeper hears her late father's voice in the lamp, warning of a storm."
SEED_IDEAS = (
    "A cowboy wakes up in modern-day Tokyo.",
    "Two rival chefs are stranded on a space station with one working oven.",
    "A retired spy opens a bakery that only sells to former enemies.",
    "A city where it rains only on liars.",
    "A chess prodigy discovers the pieces move on their own at night.",
)
POLL_INTERVAL = 0.05
# Which chat steps lie on MoviePitch's critical path, in order (reply runs beside the check).
CRITICAL_PATH = ("check", "synopsis", "image_prompt", "poster")

# The course's prompts (its chain, with chat models instead of completions): one per step.
COURSE_SYNOPSIS = (
    "Generate an engaging, professional and marketable movie synopsis based on an outline. "
    "The synopsis should include actors names in brackets after each character. "
    "Choose actors that would be ideal for this role."
)
COURSE_TITLE = "Generate a catchy movie title for the text you are given."
COURSE_STARS = "Extract the names in brackets from the text you are given, separated by commas."
COURSE_IMAGE = (
    "Give a short description of an image which could be used to advertise a movie based on a "
    "title and synopsis. The description should be rich in visual detail but contain no names."
)


def course_chain(base_url: str) -> dict:
    """The course's chain with the openai SDK: every call plain (no streaming), one after the other."""
    import base64

    import openai

    client = openai.OpenAI(base_url=base_url, api_key="sim-key", max_retries=0, timeout=300)

    def chat(system: str, user: str) -> str:
        answer = client.chat.completions.create(
            model=TEXT_MODEL, messages=[{"role": "system", "content": system}, {"role": "user", "content": user}]
        )
        return answer.choices[0].message.content

    started = time.monotonic()
    synopsis = chat(COURSE_SYNOPSIS, IDEA)
    # The course asked for the stars beside the title (it did not wait for them).
    stars: dict[str, str] = {}
    beside = threading.Thread(target=lambda: stars.update(text=chat(COURSE_STARS, synopsis)), daemon=True)
    beside.start()
    title = chat(COURSE_TITLE, synopsis)
    image_prompt = chat(COURSE_IMAGE, f"Title: {title}\nSynopsis: {synopsis}")
    image = client.images.generate(
        model=IMAGE_MODEL, prompt=f"{image_prompt} There should be no text in this image.", n=1, size="1024x1536"
    )
    poster = base64.b64decode(image.data[0].b64_json)
    beside.join(timeout=120)
    finished = time.monotonic()
    client.close()
    return {
        "wall": finished - started,
        "started": started,
        "finished": finished,
        "title": title,
        "stars": stars.get("text"),
        "poster_bytes": len(poster),
    }


def simulated_app(base_url: str, folder: Path, **config):
    """An in-process app writing through the real SDK against the simulated API at `base_url`, its SQLite
    database in `folder` migrated: the app and its services."""
    from moviepitch import create_app
    from moviepitch.services import services
    from moviepitch.storage import db

    settings = {
        "SECRET_KEY": SECRET,
        "OPENAI_BASE_URL": base_url,
        "PROVIDER": None,
        "TEXT_MODEL": TEXT_MODEL,
        "IMAGE_MODEL": IMAGE_MODEL,
    }
    app = create_app({**settings, **config}, instance_path=folder)
    with app.app_context():
        svc = services()
    db.upgrade(svc.store.engine)
    return app, svc


def in_process_pitch(sim: SimulatedAPI, folder: Path, bound: float) -> dict:
    """Submit one pitch to an in-process app over its JSON API and poll its status JSON every 50 ms."""
    app, svc = simulated_app(sim.base_url, folder)
    # As a gunicorn worker does when it boots (post_worker_init): the SDK client and image workers.
    svc.warm()
    client = app.test_client()
    client.get("/healthz")  # the app's first request is not the pitch's business
    result: dict = {"first_words": None, "readable": None, "final": None, "status": None, "polls": 0}
    submitted = time.monotonic()
    response = client.post("/api/pitches", json={"idea": IDEA})
    if response.status_code != 202:
        raise RuntimeError(f"POST /api/pitches answered {response.status_code}: {response.get_data(as_text=True)}")
    slug = response.get_json()["slug"]
    job_done: dict[str, float] = {}

    def wait_for_job() -> None:
        try:
            svc.jobs.drain(timeout=bound)
        finally:
            job_done["at"] = time.monotonic()

    # The wall time is when the job itself finished, not when a poll happened to see it.
    waiter = threading.Thread(target=wait_for_job, name="bench-drain", daemon=True)
    waiter.start()
    etag, deadline, tick = None, submitted + bound, 0
    while time.monotonic() < deadline and result["polls"] < int(bound / POLL_INTERVAL) + 10:
        response = client.get(f"/api/pitches/{slug}", headers={"If-None-Match": etag} if etag else {})
        now = time.monotonic()
        result["polls"] += 1
        if response.status_code == 200:
            etag = response.headers.get("ETag")
            doc = response.get_json()
            outputs = doc["outputs"]
            if result["first_words"] is None and outputs.get("synopsis"):
                result["first_words"] = now - submitted
            if (
                result["readable"] is None
                and outputs.get("title")
                and outputs.get("cast")
                and outputs.get("synopsis")
                and outputs.get("synopsis_complete")
            ):
                result["readable"] = now - submitted
            if not doc["active"]:
                result["final"], result["status"] = now - submitted, doc["status"]
                break
        tick += 1
        # Poll on a fixed grid from the submit, so a slow answer does not push every later poll back.
        time.sleep(max(0.0, submitted + tick * POLL_INTERVAL - time.monotonic()))
    waiter.join(timeout=max(1.0, deadline - time.monotonic()))
    result["wall"] = job_done["at"] - submitted if "at" in job_done and result["status"] else None
    result["submitted"] = submitted
    result["slug"] = slug
    svc.jobs.shutdown()
    svc.store.engine.dispose()
    return result


def critical_path(calls: list[dict], submitted: float, wall: float | None) -> tuple[float | None, list[list[str]]]:
    """The floor (sum of the server-timed durations along the critical path) and a per-step table."""
    by_step = {}
    for call in sorted(calls, key=lambda c: c["start"]):
        by_step.setdefault(call["step"], call)
    if any(step not in by_step for step in CRITICAL_PATH):
        return None, []
    table, floor, previous_end = [], 0.0, submitted
    for step in CRITICAL_PATH:
        call = by_step[step]
        took = call["end"] - call["start"]
        floor += took
        table.append([step, f"{call['start'] - submitted:.3f}", f"{took:.3f}", f"{call['start'] - previous_end:.3f}"])
        previous_end = call["end"]
    for step in ("reply", "title"):
        if step in by_step:
            call = by_step[step]
            table.append(
                [
                    f"{step} (off the path)",
                    f"{call['start'] - submitted:.3f}",
                    f"{call['end'] - call['start']:.3f}",
                    "—",
                ]
            )
    if wall is not None:
        table.append(["job finished", f"{wall:.3f}", "—", f"{submitted + wall - previous_end:.3f}"])
    return floor, table


def expected_floor(profile: simapi.Profile) -> float:
    """The critical-path floor the profile implies, in seconds (about 22 s at scale 1), for when no pitch ran."""
    # As the simulated API times them: a chat answer's last token comes (tokens - 1) gaps after its first.
    gap = 1.0 / profile.tokens_per_second
    chat = sum(
        profile.first_token + gap * (len(simapi.pieces(text)) - 1) for text in (simapi.SYNOPSIS, simapi.IMAGE_PROMPT)
    )
    return profile.seconds(profile.moderation_seconds + chat + profile.image_seconds)


def app_env(instance: Path, api_url: str, job_workers: int) -> dict[str, str]:
    """The environment of a gunicorn serving the benchmark's instance against the simulated API."""
    # The simulated API plays OpenAI's, which takes the chain's calls side by side: not the one-at-a-time
    # default a loopback address would otherwise get.
    return child_env(
        MOVIEPITCH_INSTANCE_PATH=str(instance),
        MOVIEPITCH_SECRET_KEY=SECRET,
        OPENAI_BASE_URL=api_url,
        MOVIEPITCH_TEXT_CONCURRENCY="3",
        MOVIEPITCH_TEXT_TIMEOUT="60",
        MOVIEPITCH_TEXT_MODEL=TEXT_MODEL,
        MOVIEPITCH_IMAGE_MODEL=IMAGE_MODEL,
        MOVIEPITCH_JOB_WORKERS=str(job_workers),
        MOVIEPITCH_JOB_QUEUE="16",
    )


def seed_instance(folder: Path, count: int = 5) -> list[str]:
    """A migrated SQLite database with finished pitches (made against a very fast simulated API); one published."""
    with simapi.SimulatedOpenAI(simapi.Profile(scale=0.005)) as fast:
        _, svc = simulated_app(fast.base_url, folder)
        slugs = [svc.create_pitch(idea, "benchmark-owner") for idea in SEED_IDEAS[:count]]
        svc.jobs.drain(timeout=120)
        statuses = {slug: svc.store.view(slug).status for slug in slugs}
        if any(status != "done" for status in statuses.values()):
            raise RuntimeError(f"seeding pitches did not finish: {statuses}")
        svc.store.publish(svc.store.pitch_id(slugs[0]), True)
        svc.jobs.shutdown()
        svc.store.engine.dispose()
    return slugs


def submit_many(base: str, count: int) -> tuple[list[str], dict[int, int]]:
    """POST /api/pitches `count` times, each from its own loopback address (127.0.0.11, .12, ...), as that
    many people would: creation is rate-limited per address. The slugs accepted and the statuses."""
    parts = urlsplit(base)
    slugs, statuses = [], {}
    for index in range(count):
        conn = http.client.HTTPConnection(
            parts.hostname, parts.port, timeout=30, source_address=(f"127.0.0.{11 + index}", 0)
        )
        try:
            body = json.dumps({"idea": f"{IDEA} (take {index + 1})"}).encode()
            conn.request("POST", "/api/pitches", body=body, headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            data = response.read()
        finally:
            conn.close()
        statuses[response.status] = statuses.get(response.status, 0) + 1
        if response.status == 202:
            slugs.append(json.loads(data)["slug"])
    return slugs, statuses


def wait_finished(base: str, slugs: list[str], bound: float) -> tuple[dict[str, str], float]:
    """Poll each pitch until none is active or `bound` seconds pass; their statuses and the time it took."""
    started = time.monotonic()
    statuses: dict[str, str] = {}
    for _ in range(int(bound / 0.5) + 1):
        statuses = {}
        for slug in slugs:
            status, _, body = http_request(f"{base}/api/pitches/{slug}")
            statuses[slug] = json.loads(body)["status"] if status == 200 else f"HTTP {status}"
        if not any(s in ("queued", "running") for s in statuses.values()):
            break
        if time.monotonic() - started > bound:
            break
        time.sleep(0.5)
    return statuses, time.monotonic() - started


def max_concurrency(calls: list[dict], since: float, until: float) -> int:
    """The most simulated-API calls open at once between `since` and `until`."""
    events = []
    for call in calls:
        start, end = max(call["start"], since), min(call["end"], until)
        if start < end:
            events += [(start, 1), (end, -1)]
    best = level = 0
    # At equal times an end (-1) sorts before a start (+1): back-to-back calls do not count as overlapping.
    for _, delta in sorted(events):
        level += delta
        best = max(best, level)
    return best
