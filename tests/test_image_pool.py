"""Poster images made in worker processes: the same files and errors as here, and recovery when a worker dies."""

import os
import signal

import pytest
from fakes import png_bytes
from helpers import drain, services_of, submit_idea

from moviepitch import runtime
from moviepitch.media import image_pool, posters
from moviepitch.services import image_processes

POSTER = png_bytes((400, 600))


def worker_pid() -> int:
    """The PID of the one worker of the one-process pool (started if need be)."""
    return runtime.process_pool(1).submit(os.getpid).result()


def test_a_worker_makes_the_same_files_as_this_process():
    assert image_pool.prepare(POSTER, 1) == posters.prepare(POSTER)
    assert image_pool.preview(POSTER, 1) == posters.preview(POSTER)
    assert worker_pid() != os.getpid()


def test_workers_run_at_a_lower_priority():
    mine = os.getpriority(os.PRIO_PROCESS, 0)
    theirs = runtime.process_pool(1).submit(os.getpriority, os.PRIO_PROCESS, 0).result()
    assert theirs == min(mine + runtime.NICENESS, 19)


@pytest.mark.parametrize("work", [image_pool.prepare, image_pool.preview])
@pytest.mark.parametrize(
    "data, message",
    [
        (b"<html>hello</html>", "not a PNG, WebP or JPEG"),
        (png_bytes()[:200], "damaged or truncated"),
    ],
)
def test_a_poster_error_in_a_worker_reaches_the_caller_in_plain_words(work, data, message):
    worker = worker_pid()
    with pytest.raises(posters.PosterError, match=message) as caught:
        work(data, 1)
    # concurrent.futures chains the worker's own traceback: the error was raised over there.
    assert "Traceback" in str(caught.value.__cause__)
    assert worker_pid() == worker  # a refused image does not cost a worker


def test_a_killed_worker_is_replaced_and_the_poster_still_made():
    killed, pool = worker_pid(), runtime.process_pool(1)
    os.kill(killed, signal.SIGKILL)
    assert image_pool.prepare(POSTER, 1) == posters.prepare(POSTER)  # made in this thread instead
    assert runtime.process_pool(1) is not pool
    assert worker_pid() not in (killed, os.getpid())


def test_after_shutdown_the_pool_is_built_again_on_demand():
    pool = runtime.process_pool(1)
    runtime.shutdown_pools()
    assert runtime._pools == {}
    assert image_pool.preview(POSTER, 1) == posters.preview(POSTER)
    assert runtime.process_pool(1) is not pool


def test_warming_starts_the_workers_before_the_first_poster():
    runtime.shutdown_pools()
    runtime.start_pool(0)
    assert runtime._pools == {}
    runtime.start_pool(1)
    (pool,) = runtime._pools.values()
    assert pool._processes  # a worker is already running, so the first poster pays no start-up
    assert runtime.process_pool(1) is pool


def test_with_no_processes_the_work_is_done_in_the_calling_thread():
    runtime.shutdown_pools()
    assert image_pool.prepare(POSTER, 0) == posters.prepare(POSTER)
    with pytest.raises(posters.PosterError, match="not a PNG"):
        image_pool.preview(b"nope", 0)
    assert runtime._pools == {}


@pytest.mark.parametrize(
    "config, expected",
    [
        ({"IMAGE_PROCESSES": 1}, 1),
        ({"IMAGE_PROCESSES": 0}, 0),
        ({"IMAGE_PROCESSES": 2, "REDIS_URL": "redis://localhost:6379/0"}, 0),  # RQ work horses work inline
    ],
)
def test_the_setting_gives_the_image_processes(config, expected):
    assert image_processes(config) == expected


@pytest.mark.parametrize("setting", [0, 1])
def test_a_whole_pitch_makes_its_images_with_the_setting(app, client, monkeypatch, setting):
    seen = []

    def spy(work):
        def call(data, processes):
            seen.append((work.__name__, processes))
            return work(data, processes)

        return call

    for work in (image_pool.prepare, image_pool.preview):
        monkeypatch.setattr(image_pool, work.__name__, spy(work))
    assert services_of(app).image_processes == 1  # the default
    services_of(app).image_processes = setting
    slug = submit_idea(client, "A lighthouse keeper hears the lamp speak.").headers["Location"].rsplit("/", 1)[-1]
    drain(app)
    assert client.get(f"/api/pitches/{slug}").get_json()["status"] == "done"
    assert {"prepare", "preview"} <= {name for name, _ in seen}
    assert {processes for _, processes in seen} == {setting}
