"""Rate limits: shared by every process, one Retry-After that says the truth, nothing charged for a 422."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from helpers import csrf_token, drain, make_app
from local_servers import AppServer

from moviepitch.jobs import Busy
from moviepitch.storage.models import RateLimit
from moviepitch.web.rate_limits import DatabaseStorage

IDEA = "A knitting club becomes the world's most wanted gang of thieves."


def test_simultaneous_submits_on_two_web_processes_share_one_limit():
    with AppServer("gunicorn", env={"WEB_CONCURRENCY": "2", "MOVIEPITCH_CREATE_LIMIT": "5 per minute"}) as server:
        with ThreadPoolExecutor(max_workers=15) as pool:
            answers = list(pool.map(lambda _: server.call("POST", "/api/pitches", json={"idea": IDEA}), range(30)))
        statuses = sorted(status for status, _, _ in answers)
        refused = [a for a in answers if a[0] == 429]
    assert statuses == [202] * 5 + [429] * 25
    assert all(0 < int(headers["retry-after"]) <= 60 for _, headers, _ in refused)
    assert "Try again in" in json.loads(refused[0][2])["error"]["message"]


def test_the_counters_live_in_the_database(tmp_path):
    app = make_app(tmp_path, CREATE_LIMIT="3 per minute")
    client = app.test_client()
    assert client.post("/api/pitches", json={"idea": IDEA}).status_code == 202
    store = app.extensions["moviepitch"].store
    with store.session() as s:
        counters = s.query(RateLimit).all()
    assert [row.hits for row in counters] == [1] and "create" in counters[0].key
    drain(app)


def test_the_database_storage_counts_windows(store):
    storage = DatabaseStorage(engine=store.engine)
    assert [storage.incr("k", 60) for _ in range(3)] == [1, 2, 3]
    assert storage.get("k") == 3 and storage.get_expiry("k") > 0
    assert storage.incr("short", 0) == 1 and storage.get("short") == 0  # a window that has ended
    assert storage.incr("short", 60) == 1  # starts again from one
    storage.clear("k")
    assert storage.get("k") == 0 and storage.check()
    assert storage.reset() == 1


def test_invalid_ideas_do_not_use_up_the_limit(tmp_path):
    app = make_app(tmp_path, CREATE_LIMIT="2 per minute")
    client = app.test_client()
    token = csrf_token(client)
    for bad in ("", "x", "a" * 301):
        assert client.post("/", data={"idea": bad, "csrf_token": token}).status_code == 422
        assert client.post("/api/pitches", json={"idea": bad}).status_code == 422
    assert client.post("/api/pitches", json={"idea": 42}).status_code == 422
    made = [client.post("/api/pitches", json={"idea": IDEA}).status_code for _ in range(3)]
    assert made == [202, 202, 429]
    drain(app)


@pytest.mark.parametrize("path", ["/", "/api/pitches"])
def test_busy_says_when_to_come_back_in_one_header(client, app, monkeypatch, path):
    def full(fn):
        raise Busy()

    monkeypatch.setattr(app.extensions["moviepitch"].jobs, "enqueue_all", full)
    if path == "/":
        response = client.post("/", data={"idea": IDEA, "csrf_token": csrf_token(client)})
    else:
        response = client.post(path, json={"idea": IDEA})
    assert response.status_code == 503
    assert response.headers.getlist("Retry-After") == ["10"]
