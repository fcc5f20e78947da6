"""Nothing runs twice, writes included: a runner that lost its claim writes nothing, and a graceful
shutdown hands every pitch back (running or waiting) without failing any."""

from __future__ import annotations

import runpy
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from fakes import SYNOPSIS, ScriptedProvider
from helpers import make_app

from moviepitch.chain import pipeline
from moviepitch.storage.store import ClaimLost
from moviepitch.vocab import RETRYABLE

IDEA = "A submarine captain receives orders from a country that no longer exists."


class Held:
    """A synopsis that waits until released (the first `count` calls only), so a test can act meanwhile."""

    def __init__(self, count: int = 1):
        self.release, self.started = threading.Event(), threading.Semaphore(0)
        self.count, self.calls = count, 0

    def __call__(self, request):
        self.calls += 1
        if self.calls <= self.count:
            self.started.release()
            assert self.release.wait(30), "never released"
            return "Held back: " + SYNOPSIS
        return SYNOPSIS

    def wait_started(self, times: int = 1) -> None:
        for _ in range(times):
            assert self.started.acquire(timeout=30), "the held step never started"


def test_a_runner_that_lost_its_claim_writes_nothing(store):
    held = Held()
    provider = ScriptedProvider({"synopsis": held})
    slug = store.create_pitch(IDEA, "owner", provider.name, {}, seed=1)
    outcome = {}
    first = threading.Thread(target=lambda: outcome.setdefault("first", pipeline.run_pitch(store, provider, slug)))
    first.start()
    held.wait_started()
    # A restart hands the pitch back; its owner resumes it, and a new runner makes it.
    pitch_id = store.pitch_id(slug)
    assert store.interrupt(pitch_id)
    assert store.reopen(pitch_id, RETRYABLE)
    assert pipeline.run_pitch(store, provider, slug) == "done"
    after_second = store.view(slug)
    held.release.set()
    first.join(30)
    assert outcome["first"] is None  # the first runner gave up without a word on the page
    view = store.view(slug)
    assert view.status == "done" and view.revision == after_second.revision
    assert [o.body for o in view.versions["synopsis"]] == [SYNOPSIS]  # only the new runner's


def test_a_runners_store_refuses_writes_once_the_claim_is_gone(store):
    slug = store.create_pitch(IDEA, "owner", "scripted", {})
    pitch_id = store.pitch_id(slug)
    assert store.claim(pitch_id, "token-a")
    runner = store.for_runner("token-a")
    runner.write_output(pitch_id, "reply", "Yes!")
    store.interrupt(pitch_id)
    for write in (
        lambda: runner.write_output(pitch_id, "reply", "Again"),
        lambda: runner.start_step(pitch_id, "synopsis"),
        lambda: runner.finish(pitch_id, "done"),
    ):
        with pytest.raises(ClaimLost):
            write()
    view = store.view(slug)
    assert view.text("reply") == "Yes!" and view.status == "interrupted"


def test_a_graceful_shutdown_with_a_queue_hands_every_pitch_back(tmp_path):
    held = Held(count=2)
    app = make_app(tmp_path, ScriptedProvider({"synopsis": held}), JOB_WORKERS=2, JOB_QUEUE=4)
    mp = app.extensions["moviepitch"]
    slugs = [mp.create_pitch(IDEA, "owner") for _ in range(6)]
    held.wait_started(2)  # two are running, four wait in the pool
    handed_back = mp.interrupt_in_flight()
    assert sorted(handed_back) == sorted(slugs)
    held.release.set()
    mp.jobs.drain(timeout=30)
    mp.jobs.shutdown()
    views = [mp.store.view(slug) for slug in slugs]
    assert [v.status for v in views] == ["interrupted"] * 6
    assert not any(v.text("synopsis") for v in views)
    assert all(step.state != "failed" or "Interrupted" in step.error for v in views for step in v.steps.values())
    # Resumed later (by the owner, in a new process), each finishes.
    for slug in slugs:
        mp.store.reopen(mp.store.pitch_id(slug), RETRYABLE)
        assert mp.run(slug) == "done"


def test_the_gunicorn_exit_hook_hands_pitches_back(tmp_path):
    held = Held()
    app = make_app(tmp_path, ScriptedProvider({"synopsis": held}), JOB_WORKERS=1)
    mp = app.extensions["moviepitch"]
    slug = mp.create_pitch(IDEA, "owner")
    held.wait_started()
    conf = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))
    logged = []
    conf["worker_exit"](
        SimpleNamespace(log=SimpleNamespace(info=lambda *a: logged.append(a))), SimpleNamespace(wsgi=app)
    )
    assert mp.store.view(slug).status == "interrupted" and logged
    held.release.set()
    mp.jobs.drain(timeout=30)
    # The runner has ended; the status it could not write stays as the hook left it.
    assert mp.store.view(slug).status == "interrupted"
    mp.jobs.shutdown()
