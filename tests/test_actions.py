"""The owner's actions on the web: retry, regenerate, choose, and who may do them."""

from __future__ import annotations

import html

import pytest
from fakes import ScriptedProvider, png_bytes
from helpers import csrf_token, drain, services_of, submit_idea
from test_resume import backdate_heartbeat

from moviepitch.providers import ProviderError
from moviepitch.web.owner import COOKIE, signed


def create(client, app) -> str:
    response = submit_idea(client, "Two rival magicians are stuck in the same elevator for a weekend.")
    drain(app)
    return response.headers["Location"].rsplit("/", 1)[-1]


def post(client, path):
    return client.post(path, data={"csrf_token": csrf_token(client)})


def status(client, slug):
    return client.get(f"/api/pitches/{slug}").get_json()


@pytest.mark.parametrize(
    "provider",
    [ScriptedProvider(image=[ProviderError("The AI service took too long to answer.", kind="timeout"), png_bytes()])],
)
def test_retry_after_a_failed_poster(client, app, provider):
    slug = create(client, app)
    page = client.get(f"/p/{slug}").get_data(as_text=True)
    assert "Try another poster" in page
    assert post(client, f"/p/{slug}/retry").status_code == 303
    drain(app)
    doc = status(client, slug)
    assert doc["status"] == "done" and doc["poster"]["version"] == 1
    assert post(client, f"/p/{slug}/retry").status_code == 409  # nothing left to retry


def test_a_new_offline_poster_comes_with_a_description_of_what_it_shows(client, app):
    from moviepitch.offline import plan_story, write_image_prompt
    from moviepitch.web.views.present import short_description

    slug = create(client, app)
    first = status(client, slug)
    assert post(client, f"/p/{slug}/regenerate/poster").status_code == 303
    drain(app)
    doc = status(client, slug)
    plan = plan_story(
        "Two rival magicians are stuck in the same elevator for a weekend.", services_of(app).store.view(slug).seed
    )
    # The offline painter frames a new poster differently, and the description on show says so.
    assert doc["outputs"]["image_prompt"] == write_image_prompt(plan, 2) != first["outputs"]["image_prompt"]
    # Its alt text is the short form of that description (issue 13: a sentence, not the whole).
    alt = f"Poster: {short_description(write_image_prompt(plan, 2))}"
    assert doc["poster"]["alt"] == alt and html.escape(alt) in client.get(f"/p/{slug}").get_data(as_text=True)
    assert post(client, f"/p/{slug}/choose/poster/1").status_code == 303
    assert status(client, slug)["outputs"]["image_prompt"] == write_image_prompt(plan, 1)


def test_new_title_and_poster_keep_the_old_ones_and_the_owner_chooses(client, app):
    slug = create(client, app)
    first = status(client, slug)
    assert post(client, f"/p/{slug}/regenerate/title").status_code == 303
    drain(app)
    assert post(client, f"/p/{slug}/regenerate/poster").status_code == 303
    drain(app)
    doc = status(client, slug)
    assert doc["status"] == "done"
    titles = doc["versions"]["title"]
    assert [t["version"] for t in titles] == [1, 2] and titles[1]["current"]
    assert titles[0]["text"] == first["outputs"]["title"] != titles[1]["text"]
    assert [p["version"] for p in doc["versions"]["poster"]] == [1, 2]
    assert client.get(f"/p/{slug}/poster/1.webp").data != client.get(f"/p/{slug}/poster/2.webp").data
    page = client.get(f"/p/{slug}").get_data(as_text=True)
    # The version steppers offer the older title and poster (and undo, which shows them again).
    assert f'action="/p/{slug}/choose/title/1"' in page and f'action="/p/{slug}/choose/poster/1"' in page

    assert post(client, f"/p/{slug}/choose/title/1").status_code == 303
    assert post(client, f"/p/{slug}/choose/poster/1").status_code == 303
    # Everyone sees the choice.
    stranger = app.test_client()
    doc = status(stranger, slug)
    assert doc["outputs"]["title"] == first["outputs"]["title"] and doc["poster"]["version"] == 1
    assert "/choose/" not in stranger.get(f"/p/{slug}").get_data(as_text=True)


def test_a_new_synopsis_remakes_what_follows(client, app):
    slug = create(client, app)
    before = status(client, slug)
    assert post(client, f"/p/{slug}/regenerate/synopsis").status_code == 303
    drain(app)
    after = status(client, slug)
    assert after["status"] == "done"
    assert after["outputs"]["synopsis"] != before["outputs"]["synopsis"]
    assert after["outputs"]["reply"] == before["outputs"]["reply"]
    assert len(after["versions"]["synopsis"]) == 2 and after["poster"]["version"] == 2


@pytest.mark.parametrize(
    "path, code",
    [
        ("/p/{slug}/regenerate/cast", 404),
        ("/p/{slug}/choose/title/7", 404),
        ("/p/{slug}/choose/synopsis/7", 404),
        ("/p/{slug}/choose/cast/1", 404),
        ("/p/nope/retry", 404),
        ("/p/{slug}/retry", 409),
    ],
)
def test_bad_actions_get_the_right_status(client, app, path, code):
    slug = create(client, app)
    assert post(client, path.format(slug=slug)).status_code == code


@pytest.mark.parametrize("action", ["retry", "regenerate/title", "choose/title/1", "cancel"])
def test_only_the_owner_may_act(client, app, action):
    slug = create(client, app)
    stranger = app.test_client()
    assert post(stranger, f"/p/{slug}/{action}").status_code == 403
    assert client.post(f"/p/{slug}/{action}").status_code == 400  # no CSRF token


def test_a_silent_job_shows_as_interrupted_and_resumes_with_one_click(client, app):
    services = app.extensions["moviepitch"]
    slug = services.store.create_pitch("A teenage robot runs away to join the circus.", "someone", "offline", {})
    pitch_id = services.store.pitch_id(slug)
    assert services.store.claim(pitch_id, "worker-that-died")
    backdate_heartbeat(services.store, slug, 3600)

    doc = status(client, slug)
    assert doc["status"] == "interrupted" and "Interrupted" in doc["error"]
    assert post(client, f"/p/{slug}/retry").status_code == 403  # not this browser's pitch

    with app.app_context():
        client.set_cookie(COOKIE, signed("someone"))  # the browser that made it
    assert "Resume" in client.get(f"/p/{slug}").get_data(as_text=True)
    assert post(client, f"/p/{slug}/retry").status_code == 303
    drain(app)
    assert status(client, slug)["status"] == "done"
