"""Measurement 7: a pitch meeting turn, from the owner's message to the boss's first words on the page.

An in-process app against the simulated API, with a finished pitch written straight into its store (the chain
is measured by 1 and 2). The owner's message is posted to the JSON API with the owner's token, and the meeting's
JSON is polled every 50 ms (with its ETag), as the page polls it, until the reply's first words are in it.

Imported by run.py, which puts the project root and tests/bench on sys.path first.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import simulated_openai as simapi
from pitches import IDEA, IMAGE_MODEL, POLL_INTERVAL, TEXT_MODEL, simulated_app
from report import Report
from servers import SimulatedAPI

MESSAGE = "Make it a heist comedy"
OWNER = "benchmark-owner"
MARGIN = 0.5  # the target: the server's first-token time plus this


def _finished_pitch(store) -> str:
    """A finished pitch with every text part, written directly (no chain): its slug."""
    slug = store.create_pitch(IDEA, OWNER, "openai", {"text": TEXT_MODEL, "image": IMAGE_MODEL})
    pitch_id = store.pitch_id(slug)
    assert store.claim(pitch_id, "bench-seed")
    cast = json.dumps([{"character": "Nora Vale", "actor": "Saoirse Ronan"}])
    for part, body in (
        ("reply", simapi.REPLY),
        ("synopsis", simapi.SYNOPSIS),
        ("title", simapi.TITLE),
        ("cast", cast),
        ("image_prompt", simapi.IMAGE_PROMPT),
    ):
        store.write_output(pitch_id, part, body)
    store.finish(pitch_id, "done")
    return slug


def meeting_turn(sim: SimulatedAPI, folder: Path, bound: float) -> dict:
    """Post one message and poll the meeting; the times (from the post) to the first reply words and to the end."""
    from moviepitch.web.owner import signed

    app, svc = simulated_app(sim.base_url, folder, IMAGE_PROCESSES=0)
    with app.app_context():
        token = signed(OWNER)
    svc.warm()
    slug = _finished_pitch(svc.store)
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    client.get(f"/api/pitches/{slug}/meeting", headers=headers)  # the app's first request is not the turn's
    result: dict = {"first_words": None, "whole": None, "polls": 0, "reply": None}
    sent = time.monotonic()
    response = client.post(f"/api/pitches/{slug}/meeting", json={"message": MESSAGE}, headers=headers)
    if response.status_code != 202:
        raise RuntimeError(f"POST meeting answered {response.status_code}: {response.get_data(as_text=True)}")
    etag, tick = None, 0
    while time.monotonic() < sent + bound and result["polls"] < int(bound / POLL_INTERVAL) + 10:
        polled = client.get(
            f"/api/pitches/{slug}/meeting", headers={**headers, **({"If-None-Match": etag} if etag else {})}
        )
        now = time.monotonic()
        result["polls"] += 1
        if polled.status_code == 200:
            etag = polled.headers.get("ETag")
            doc = polled.get_json()
            answer = doc["messages"][-1]
            if result["first_words"] is None and answer["content"]:
                result["first_words"] = now - sent
            if not doc["busy"]:
                result["whole"], result["reply"] = now - sent, answer
                break
        tick += 1
        time.sleep(max(0.0, sent + tick * POLL_INTERVAL - time.monotonic()))
    result["sent"] = sent
    svc.jobs.drain(timeout=bound)
    svc.jobs.shutdown()
    svc.store.engine.dispose()
    return result


def measure_meeting(report: Report, sim: SimulatedAPI, folder: Path, profile: simapi.Profile, bound: float) -> None:
    """7: message → the boss's first reply words, against the first token the simulated API serves plus 0.5 s."""
    print("\n7. A pitch meeting turn in-process ...", flush=True)
    turn = meeting_turn(sim, folder, bound)
    calls = [c for c in sim.calls(turn["sent"]) if c["step"] == "meeting"]
    limit = profile.seconds(profile.first_token) + MARGIN
    first = turn["first_words"]
    report.add(
        "7",
        "Meeting: message → the boss's first reply words in the meeting JSON (polled every 50 ms)",
        f"{first:.3f} s" if first is not None else "not seen",
        f"≤ {limit:.2f} s (first token + {MARGIN:g} s)",
        first is not None and first <= limit,
    )
    if calls and calls[0]["first_byte"]:
        call = calls[0]
        report.add(
            "7",
            "Meeting: the turn's call as the simulated API timed it (first byte, whole answer)",
            f"{call['first_byte'] - call['start']:.3f} s, {call['end'] - call['start']:.3f} s",
        )
    if turn["whole"] is not None:
        reply = turn["reply"]
        report.add(
            "7",
            "Meeting: message → the whole answer, its proposal checked and stored",
            f"{turn['whole']:.3f} s ({reply['state']}, {len(reply.get('proposals') or [])} proposal)",
        )
    else:
        report.notes.append("Measurement 7: the meeting turn did not finish within its bound.")
