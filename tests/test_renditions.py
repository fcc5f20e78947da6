"""Share cards and PNG downloads: drawn once per version however many ask at once, then kept."""

from __future__ import annotations

import threading

from helpers import drain, submit_idea
from sqlalchemy import func, select

from moviepitch.media import image_pool, renditions
from moviepitch.storage.models import Rendition

IDEA = "A cowboy wakes up in modern-day Tokyo."


def make(app) -> str:
    client = app.test_client()
    slug = submit_idea(client, IDEA).headers["Location"].rsplit("/", 1)[-1]
    drain(app)
    return slug


def kept_count(app) -> int:
    with app.extensions["moviepitch"].store.session() as s:
        return s.scalar(select(func.count(Rendition.id)))


def test_a_burst_of_requests_draws_each_picture_once(app, monkeypatch):
    slug = make(app)
    drawn = []
    real_card, real_png = image_pool.card, image_pool.png
    monkeypatch.setattr(image_pool, "card", lambda *a: drawn.append("card") or real_card(*a))
    monkeypatch.setattr(image_pool, "png", lambda *a: drawn.append("png") or real_png(*a))
    answers = []

    def fetch(path):
        answers.append(app.test_client().get(path))

    threads = [
        threading.Thread(target=fetch, args=(path,))
        for path in [f"/p/{slug}/card/1-1-1.png", f"/p/{slug}/poster/1.png"] * 6
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(drawn) == ["card", "png"]
    assert {a.status_code for a in answers} == {200} and len({a.data for a in answers}) == 2
    assert kept_count(app) == 2
    # Later requests are served from what was kept.
    assert app.test_client().get(f"/p/{slug}/card/1-1-1.png").status_code == 200
    assert sorted(drawn) == ["card", "png"]


def test_kept_pictures_go_with_the_pitch(app):
    slug = make(app)
    client = app.test_client()
    assert client.get(f"/p/{slug}/card/1-1-1.png").status_code == 200
    assert kept_count(app) == 1
    store = app.extensions["moviepitch"].store
    store.erase_pitch(slug)
    assert kept_count(app) == 0


def test_kept_or_drawn_keeps_the_first_of_two_processes(store):
    slug = store.create_pitch(IDEA, "o", "offline", {})
    pitch_id = store.pitch_id(slug)
    assert renditions.kept_or_drawn(store, pitch_id, "card-1-1-1", lambda: b"first") == b"first"
    # Another process that drew it meanwhile finds the row taken and serves what is kept.
    store.keep_rendition(pitch_id, "card-1-1-1", b"second")
    assert store.rendition(pitch_id, "card-1-1-1") == b"first"
