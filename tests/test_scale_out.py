"""Scale-out for real: PostgreSQL, Redis, and `flask worker` processes, against the local OpenAI stub.

The web app runs in this process and only enqueues; separate worker processes make the pitches.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from helpers import csrf_token, submit_idea
from local_servers import AppServer, PostgresServer, RedisServer, serving
from openai_stub import Fault

from moviepitch import create_app
from moviepitch.storage import db
from moviepitch.storage.models import Base

FLASK = str(Path(sys.executable).with_name("flask"))
WAIT = 60.0


@pytest.fixture(scope="module")
def postgres():
    yield from serving(PostgresServer)


@pytest.fixture(scope="module")
def redis_server():
    yield from serving(RedisServer)


@pytest.fixture
def settings(postgres, redis_server, stub, tmp_path):
    """What the web app and every worker share: the database, the queue, the model server."""
    engine = db.make_engine(postgres.url)
    db.downgrade(engine, "base")  # every test starts from an empty, freshly migrated database
    db.upgrade(engine)
    engine.dispose()
    from redis import Redis

    with Redis.from_url(redis_server.url) as redis:
        redis.flushdb()  # and from an empty queue, with no rate-limit counters
    return {
        "DATABASE_URL": postgres.url,
        "REDIS_URL": redis_server.url,
        "SECRET_KEY": "shared-secret",
        "OPENAI_BASE_URL": stub.base_url,
        "TEXT_MODEL": "local-llama",
        "IMAGE_MODEL": "gpt-image-2.5-sunburst",
        "TEXT_TIMEOUT": 3,
        "IMAGE_TIMEOUT": 3,
        "MAX_RETRIES": 0,
        "HEARTBEAT_SECONDS": 0.3,
        "STALE_RUNNING_SECONDS": 2,
        "STALE_QUEUED_SECONDS": 300,
    }


@pytest.fixture
def web(settings, tmp_path):
    app = create_app({"TESTING": True, **settings}, instance_path=tmp_path / "web")
    yield app
    app.extensions["moviepitch"].jobs.shutdown()
    app.extensions["moviepitch"].store.engine.dispose()


class Workers:
    """`flask worker` processes, each started in a process group of its own."""

    def __init__(self, settings: dict, folder: Path):
        self.env = {
            **os.environ,
            **{f"MOVIEPITCH_{k}": str(v) for k, v in settings.items()},
            "MOVIEPITCH_INSTANCE_PATH": str(folder),
        }
        self.env.pop("OPENAI_API_KEY", None)
        self.processes: list[subprocess.Popen] = []
        self.folder = folder

    def start(self) -> subprocess.Popen:
        log = open(self.folder / f"worker-{len(self.processes)}.log", "wb")
        process = subprocess.Popen(
            [FLASK, "--app", "moviepitch", "worker"],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        """Kill a worker and its work horse at once, as a host dying would."""
        # RQ's work horse starts a session of its own, so the process group alone misses it.
        subprocess.run(["pkill", "-KILL", "-P", str(process.pid)], check=False)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.kill(process)


@pytest.fixture
def workers(settings, tmp_path):
    folder = tmp_path / "workers"
    folder.mkdir()
    pool = Workers(settings, folder)
    yield pool
    pool.stop_all()


def wait_for(client, slug, predicate, timeout=WAIT):
    """Poll the status JSON, as the page does, until predicate(doc) holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        doc = client.get(f"/api/pitches/{slug}").get_json()
        if predicate(doc):
            return doc
        time.sleep(0.1)
    raise AssertionError(f"timed out; last status {doc['status']}: {doc['steps']}")


def create(client) -> str:
    response = submit_idea(client, "A marine biologist falls in love with a lighthouse that can talk.")
    assert response.status_code == 303
    return response.headers["Location"].rsplit("/", 1)[-1]


def post(client, path):
    return client.post(path, data={"csrf_token": csrf_token(client)})


def test_migrations_go_up_down_and_up_on_postgres(postgres):
    engine = db.make_engine(postgres.url)
    db.downgrade(engine, "base")
    db.upgrade(engine)
    assert db.current_revision(engine) == db.head_revision()
    db.downgrade(engine, "base")
    assert db.current_revision(engine) is None
    db.upgrade(engine)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    engine.dispose()


def test_a_pitch_is_made_by_a_worker_and_the_web_only_enqueues(web, workers, stub):
    client = web.test_client()
    slug = create(client)
    assert client.get(f"/api/pitches/{slug}").get_json()["status"] == "queued"
    assert stub.requests == []  # the web process called no model
    workers.start()
    doc = wait_for(client, slug, lambda d: not d["active"])
    assert doc["status"] == "done" and doc["poster"]["version"] == 1
    assert client.get(f"/p/{slug}/poster.webp").status_code == 200  # bytes served from PostgreSQL
    ready = client.get("/readyz").get_json()
    assert ready == {"status": "ok", "checks": {"database": "ok", "queue": "ok", "schema": "ok"}}


def test_a_forced_failure_and_a_retry(web, workers, stub):
    stub.script("/images/generations", Fault.server_error(500))
    client = web.test_client()
    workers.start()
    slug = create(client)
    doc = wait_for(client, slug, lambda d: not d["active"])
    assert doc["status"] == "partial" and doc["outputs"]["synopsis"]
    assert post(client, f"/p/{slug}/retry").status_code == 303
    doc = wait_for(client, slug, lambda d: not d["active"])
    assert doc["status"] == "done"
    assert (
        len([r for r in stub.requests_to("/chat/completions") if "synopses" in r.body["messages"][0]["content"]]) == 1
    )  # the retry re-ran only the poster


def test_a_worker_killed_mid_pitch_loses_nothing_and_another_finishes_it(web, workers, stub):
    stub.script("/images/generations", Fault.stall(60))
    client = web.test_client()
    first = workers.start()
    slug = create(client)
    wait_for(client, slug, lambda d: next(s for s in d["steps"] if s["name"] == "poster")["state"] == "running")
    workers.kill(first)

    doc = wait_for(client, slug, lambda d: d["status"] == "interrupted", timeout=15)
    kept = doc["outputs"]
    assert kept["synopsis"] and kept["title"] and kept["image_prompt"]

    workers.start()
    assert post(client, f"/p/{slug}/retry").status_code == 303
    doc = wait_for(client, slug, lambda d: not d["active"])
    assert doc["status"] == "done"
    assert {k: doc["outputs"][k] for k in ("synopsis", "title", "image_prompt")} == {
        k: kept[k] for k in ("synopsis", "title", "image_prompt")
    }


def test_regeneration_through_the_queue(web, workers, stub):
    client = web.test_client()
    workers.start()
    slug = create(client)
    wait_for(client, slug, lambda d: not d["active"])
    assert post(client, f"/p/{slug}/regenerate/poster").status_code == 303
    doc = wait_for(client, slug, lambda d: not d["active"] and len(d["versions"].get("poster", [])) == 2)
    assert doc["status"] == "done" and doc["poster"]["version"] == 2


def test_with_redis_down_a_pitch_stays_queued_and_recovery_queues_it(web, settings, workers, redis_server, tmp_path):
    down = create_app(
        {"TESTING": True, **settings, "REDIS_URL": "redis://127.0.0.1:1/0"}, instance_path=tmp_path / "down"
    )
    client = down.test_client()
    slug = create(client)  # Redis unreachable: the pitch is saved and stays queued, visibly
    assert client.get(f"/api/pitches/{slug}").get_json()["status"] == "queued"
    assert client.get("/readyz").status_code == 503

    recovered = web.extensions["moviepitch"].recover(older_than=0)
    assert slug in recovered
    workers.start()
    doc = wait_for(web.test_client(), slug, lambda d: not d["active"])
    assert doc["status"] == "done"
    down.extensions["moviepitch"].store.engine.dispose()


def test_limits_are_shared_through_redis(settings, redis_server):
    from redis import Redis

    redis = Redis.from_url(redis_server.url)
    # Two web processes with the same settings count against one limit.
    env = {f"MOVIEPITCH_{name}": str(value) for name, value in settings.items()}
    env["MOVIEPITCH_CREATE_LIMIT"] = "5 per minute"
    with AppServer("gunicorn", env={**env, "WEB_CONCURRENCY": "2"}) as server:
        with ThreadPoolExecutor(max_workers=15) as pool:
            answers = list(
                pool.map(lambda _: server.call("POST", "/api/pitches", json={"idea": "A heist."}), range(30))
            )
    assert sorted(status for status, _, _ in answers) == [202] * 5 + [429] * 25
    assert redis.keys("LIMITS*"), "the counters are not in Redis"
    redis.close()


def test_recovery_leaves_a_backlog_alone_and_queues_only_lost_jobs(web, redis_server):
    from redis import Redis

    client = web.test_client()
    waiting = [create(client) for _ in range(2)]  # no worker runs: both wait in RQ's queue
    queue = web.extensions["moviepitch"].jobs.queue
    assert web.extensions["moviepitch"].recover(older_than=0) == []
    assert queue.count == 2
    # RQ loses one job (say Redis was flushed): only that pitch is queued again.
    Redis.from_url(redis_server.url).delete(f"rq:job:pitch-{waiting[0]}")
    assert web.extensions["moviepitch"].recover(older_than=0) == [waiting[0]]


def test_a_meeting_turn_is_written_by_a_worker_one_at_a_time(web, workers, stub):
    from test_meeting_wire import TITLE, boss

    from moviepitch.storage.meeting import TurnTaken

    stub.chat_responder = boss
    client = web.test_client()
    workers.start()
    slug = create(client)
    wait_for(client, slug, lambda d: not d["active"])
    assert client.post(f"/api/pitches/{slug}/meeting", json={"message": "Give it a funnier title"}).status_code == 202
    deadline = time.monotonic() + WAIT
    while (doc := client.get(f"/api/pitches/{slug}/meeting").get_json())["busy"] and time.monotonic() < deadline:
        time.sleep(0.1)
    answer = doc["messages"][1]
    assert answer["state"] == "done" and answer["proposals"][0]["parts"][0]["text"] == TITLE
    # PostgreSQL keeps one busy turn per pitch too (its partial unique index), whichever web process asks.
    store = web.extensions["moviepitch"].store
    store.start_turn(store.pitch_id(slug), "One", None, 1)
    with pytest.raises(TurnTaken):
        store.start_turn(store.pitch_id(slug), "Two", None, 1)
