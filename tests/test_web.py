"""The web flow: form → 303 → status JSON → finished page → poster with ETag and 304."""

from __future__ import annotations

import logging
import re

import pytest
from fakes import ScriptedProvider
from helpers import csrf_token, drain, make_app, submit_idea

from moviepitch.jobs import Busy
from moviepitch.providers import ProviderError, tell_offline_once
from moviepitch.web.owner import COOKIE

IDEA = "Three dogs move to Hawaii to learn to surf."


def create(client, app, idea=IDEA) -> str:
    response = submit_idea(client, idea)
    assert response.status_code == 303
    drain(app)
    return response.headers["Location"].rsplit("/", 1)[-1]


def test_the_form_page_has_the_field_and_a_csrf_token(client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'name="idea"' in html and 'name="csrf_token"' in html
    assert "Offline demo" in html  # a small badge says no model is connected...
    assert "OPENAI_API_KEY" not in html  # ...and how to connect one is for the README and the log


def test_the_whole_flow_offline(client, app):
    response = submit_idea(client, IDEA)
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("/p/")
    slug = location.rsplit("/", 1)[-1]
    assert len(slug) >= 10
    assert COOKIE in response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in response.headers["Set-Cookie"]

    drain(app)
    status = client.get(f"/api/pitches/{slug}")
    assert status.status_code == 200
    doc = status.get_json()
    assert doc["status"] == "done" and doc["active"] is False
    assert doc["idea"] == IDEA and doc["provider"] == "offline"
    assert [s["name"] for s in doc["steps"]] == [
        "check",
        "reply",
        "synopsis",
        "title",
        "cast",
        "image_prompt",
        "poster",
    ]
    assert all(s["state"] == "done" and s["elapsed"] is not None for s in doc["steps"])
    outputs = doc["outputs"]
    assert outputs["reply"] and outputs["synopsis"] and outputs["title"] and outputs["image_prompt"]
    assert outputs["cast"] and set(outputs["cast"][0]) == {"character", "actor"}
    assert doc["poster"]["url"] == f"/p/{slug}/poster/1.webp"
    assert doc["progress"] == {"finished": 7, "total": 7}

    page = client.get(location)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert outputs["title"].replace("'", "&#39;") in html
    assert f'<meta property="og:url" content="http://localhost/p/{slug}">' in html
    # The share issue points og:image at the 1200x630 card, versioned by title and poster.
    assert f'<meta property="og:image" content="http://localhost/p/{slug}/card/1-1-1.png">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert "Painted by the offline poster painter" in html


def test_the_status_json_answers_304_when_nothing_changed(client, app):
    slug = create(client, app)
    first = client.get(f"/api/pitches/{slug}")
    etag = first.headers["ETag"]
    again = client.get(f"/api/pitches/{slug}", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["ETag"] == etag


def test_the_poster_has_an_etag_and_revalidates_with_304(client, app):
    slug = create(client, app)
    current = client.get(f"/p/{slug}/poster.webp")
    assert current.status_code == 200 and current.mimetype == "image/webp"
    assert current.data[:4] == b"RIFF" and current.headers["Cache-Control"] == "no-cache"
    revalidated = client.get(f"/p/{slug}/poster.webp", headers={"If-None-Match": current.headers["ETag"]})
    assert revalidated.status_code == 304

    versioned = client.get(f"/p/{slug}/poster/1.webp")
    assert versioned.status_code == 200 and versioned.data == current.data
    assert "immutable" in versioned.headers["Cache-Control"]
    again = client.get(f"/p/{slug}/poster/1.webp", headers={"If-None-Match": versioned.headers["ETag"]})
    assert again.status_code == 304

    thumb = client.get(f"/p/{slug}/thumb.webp")
    assert thumb.status_code == 200 and len(thumb.data) < len(current.data)
    assert client.get(f"/p/{slug}/thumb/1.webp").status_code == 200


def test_versioned_revalidations_are_answered_without_the_app(client, app, monkeypatch):
    slug = create(client, app)
    etag = client.get(f"/p/{slug}/poster/1.webp").headers["ETag"]
    store = app.extensions["moviepitch"].store
    monkeypatch.setattr(store, "poster", lambda *a: pytest.fail("a revalidation read the database"))
    ran = []
    app.before_request_funcs.setdefault(None, []).append(lambda: ran.append(1))
    again = client.get(f"/p/{slug}/poster/1.webp", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["ETag"] == etag and ran == []
    # The same headers as the app's own answers, HSTS included over https.
    assert "immutable" in again.headers["Cache-Control"]
    assert "frame-ancestors 'none'" in again.headers["Content-Security-Policy"]
    assert again.headers["X-Content-Type-Options"] == "nosniff"
    assert "Strict-Transport-Security" not in again.headers
    secure = client.get(f"/p/{slug}/thumb/1.webp", headers={"If-None-Match": '"t1"'}, base_url="https://localhost")
    assert secure.status_code == 304 and "Strict-Transport-Security" in secure.headers
    # Anything else reaches the app: another version's ETag, a POST, or an unversioned URL.
    monkeypatch.undo()
    assert client.get(f"/p/{slug}/poster/1.webp", headers={"If-None-Match": '"p2"'}).status_code == 200
    assert client.get(f"/p/{slug}/thumb/1.webp", headers={"If-None-Match": etag}).status_code == 200
    assert client.get(f"/p/{slug}/poster.webp", headers={"If-None-Match": '"p9"'}).status_code == 200
    assert ran


def test_model_output_is_escaped(client, app, monkeypatch):
    slug = create(client, app)
    services = app.extensions["moviepitch"]
    view = services.store.view(slug)
    services.store.write_output(view.id, "title", "<script>alert(1)</script>")
    html = client.get(f"/p/{slug}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    "idea, message",
    [
        ("", "Type a one-line movie idea first."),
        ("   ", "Type a one-line movie idea first."),
        ("hi", "between 3 and 300 characters"),
        ("x" * 301, "between 3 and 300 characters"),
        ("A ghost\x00 in the machine", "control characters"),
        ("A ghost \x1b[31m in red", "control characters"),
    ],
)
def test_bad_ideas_get_422_with_the_text_kept(client, idea, message):
    response = submit_idea(client, idea)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html
    assert 'aria-invalid="true"' in html
    if idea.strip() and "\x00" not in idea and "\x1b" not in idea:
        assert idea.strip()[:50] in html


def test_line_breaks_fold_into_one_line(client, app):
    slug = create(client, app, idea="A ghost haunts\r\na house.")
    assert client.get(f"/api/pitches/{slug}").get_json()["idea"] == "A ghost haunts a house."


def test_a_missing_csrf_token_is_400_and_keeps_the_idea(client):
    response = client.post("/", data={"idea": "A cursed video game."})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "A cursed video game." in html and "expired" in html
    assert 'name="csrf_token"' in html  # a fresh token to submit again


def test_an_unknown_slug_is_a_friendly_404(client):
    page = client.get("/p/no-such-pitch")
    assert page.status_code == 404 and "No such pitch" in page.get_data(as_text=True)
    api = client.get("/api/pitches/no-such-pitch")
    assert api.status_code == 404 and api.get_json()["error"]["status"] == 404
    assert client.get("/p/no-such-pitch/poster.webp").status_code == 404
    assert client.get("/p/no-such-pitch/poster/3.webp").status_code == 404


def test_an_unexpected_error_is_a_friendly_500(app, client, monkeypatch):
    def broken(slug):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(app.extensions["moviepitch"].store, "poll", broken)
    response = client.get("/p/whatever")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong on our side" in html and "database on fire" not in html


def test_a_full_pool_says_busy_and_keeps_nothing(client, app, monkeypatch):
    jobs = app.extensions["moviepitch"].jobs

    def full(fn):
        raise Busy()

    monkeypatch.setattr(jobs, "enqueue_all", full)
    response = submit_idea(client, IDEA)
    assert response.status_code == 503 and response.headers["Retry-After"]
    html = response.get_data(as_text=True)
    assert "busy" in html and IDEA in html


@pytest.mark.parametrize(
    "provider", [ScriptedProvider(image=ProviderError("The AI service took too long to answer.", kind="timeout"))]
)
def test_a_failed_step_is_named_in_plain_words(client, app, provider):
    slug = create(client, app)
    html = client.get(f"/p/{slug}").get_data(as_text=True)
    assert "The poster step failed: The AI service took too long to answer." in html
    doc = client.get(f"/api/pitches/{slug}").get_json()
    assert doc["status"] == "partial" and doc["outputs"]["synopsis"]


def test_pages_are_read_by_anyone_and_changes_belong_to_the_owner(client, app):
    slug = create(client, app)
    stranger = app.test_client()
    assert stranger.get(f"/p/{slug}").status_code == 200
    assert stranger.get(f"/api/pitches/{slug}").status_code == 200


def test_only_the_owner_may_cancel(client, app):
    slug = create(client, app)
    stranger = app.test_client()
    token = csrf_token(stranger)
    assert stranger.post(f"/p/{slug}/cancel", data={"csrf_token": token}).status_code == 403
    assert client.post(f"/p/{slug}/cancel").status_code == 400  # no CSRF token
    response = client.post(f"/p/{slug}/cancel", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 303
    assert client.post("/p/nope/cancel", data={"csrf_token": csrf_token(client)}).status_code == 404


def test_public_url_sets_the_base_of_meta_links(tmp_path):
    from helpers import make_app

    app = make_app(tmp_path, PUBLIC_URL="https://pitch.example.com/")
    client = app.test_client()
    slug = create(client, app)
    html = client.get(f"/p/{slug}").get_data(as_text=True)
    assert f'<link rel="canonical" href="https://pitch.example.com/p/{slug}">' in html
    assert f'content="https://pitch.example.com/p/{slug}/card/1-1-1.png"' in html
    app.extensions["moviepitch"].jobs.shutdown()


def test_a_partial_poster_is_served_while_the_poster_is_painted(client, app):
    from fakes import png_bytes

    from moviepitch.media import posters

    store = app.extensions["moviepitch"].store
    slug = store.create_pitch("A detective who can smell lies.", "o", "offline", {})
    pitch_id = store.pitch_id(slug)
    store.start_step(pitch_id, "poster")
    store.save_preview(pitch_id, posters.preview(png_bytes()), 0)
    store.save_preview(pitch_id, posters.preview(png_bytes(color=(1, 2, 3))), 1)

    doc = client.get(f"/api/pitches/{slug}").get_json()
    assert doc["preview"] == {"index": 1, "url": f"/p/{slug}/preview.webp?i=1"}
    image = client.get(doc["preview"]["url"])
    assert image.status_code == 200 and image.mimetype == "image/webp"
    assert image.headers["Cache-Control"] == "no-store"


def test_a_finished_page_is_rendered_once_per_revision_for_visitors(client, app, monkeypatch):
    slug = create(client, app)
    cache = app.extensions["moviepitch.pages"]
    now = [1000.0]
    cache.clock = lambda: now[0]
    visitor = app.test_client()
    first = visitor.get(f"/p/{slug}")
    store = app.extensions["moviepitch"].store
    views, polls = [], []
    view, poll = store.view, store.poll
    monkeypatch.setattr(store, "view", lambda s: views.append(s) or view(s))
    monkeypatch.setattr(store, "poll", lambda s: polls.append(s) or poll(s))
    again = visitor.get(f"/p/{slug}")
    # Served from the page cache, checked so recently that not even the revision is read.
    assert again.data == first.data and views == [] and polls == []
    assert again.headers["Vary"] == "Cookie"
    assert visitor.get(f"/p/{slug}", headers={"If-None-Match": again.headers["ETag"]}).status_code == 304
    # The owner's page is their own (buttons, versions), never the shared one.
    assert "New poster" in client.get(f"/p/{slug}").get_data(as_text=True)
    assert "New poster" not in again.get_data(as_text=True)
    # A change made elsewhere (another worker, the CLI) makes a new revision: seen once the
    # kept page is due to be checked again, and a page still current is not rendered again.
    now[0] += cache.fresh_seconds
    polls.clear(), views.clear()
    visitor.get(f"/p/{slug}")
    assert polls == [slug] and views == []
    store.write_output(store.pitch_id(slug), "title", "A Brand New Title")
    assert "A Brand New Title" not in visitor.get(f"/p/{slug}").get_data(as_text=True)
    now[0] += cache.fresh_seconds
    assert "A Brand New Title" in visitor.get(f"/p/{slug}").get_data(as_text=True)
    assert views == [slug]


def test_a_change_made_through_this_process_shows_on_the_shared_page_at_once(client, app):
    slug = create(client, app)
    visitor = app.test_client()
    assert visitor.get(f"/p/{slug}").status_code == 200  # now kept in the page cache
    token = csrf_token(client)
    assert client.post(f"/p/{slug}/delete", data={"csrf_token": token}).status_code == 303
    assert visitor.get(f"/p/{slug}").status_code == 410


def test_visitors_see_the_pitch_and_owners_the_making_of(client, app):
    slug = create(client, app)
    owner = client.get(f"/p/{slug}").get_data(as_text=True)
    visitor = app.test_client().get(f"/p/{slug}").get_data(as_text=True)
    assert 'class="making-of"' in owner and 'data-step="check"' in owner
    assert ">Finished</p>" in owner and "<details" in owner and "open>" not in owner  # folded once done
    assert "making-of" not in visitor and "data-step=" not in visitor and "Content check" not in visitor
    assert re.search(r"data-status-badge hidden>", visitor)  # no status word on a finished pitch
    for html in (owner, visitor):
        assert "OPENAI_API_KEY" not in html and "OPENAI_BASE_URL" not in html  # set-up is for the README
        assert html.count("Offline demo") == 1


def test_the_poster_alt_is_a_short_description(client, app):
    slug = create(client, app)
    doc = client.get(f"/api/pitches/{slug}").get_json()
    alt = doc["poster"]["alt"]
    assert alt.startswith("Poster: ") and len(alt) < 140 < len(doc["outputs"]["image_prompt"])
    assert f'alt="{alt}"' in client.get(f"/p/{slug}").get_data(as_text=True).replace("&#39;", "'")


def test_the_idea_field_takes_a_long_paste_and_counts_instead_of_cutting(client):
    html = client.get("/").get_data(as_text=True)
    field = re.search(r"<textarea[^>]*>", html).group(0)
    assert "maxlength" not in field and 'data-max="300"' in field
    assert 'aria-describedby="idea-help idea-error"' in field and "data-counter" in html


def test_robots_txt_opens_the_site_and_keeps_private_and_machine_pages_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    rules = [line for line in response.get_data(as_text=True).splitlines() if line and not line.startswith("#")]
    assert rules[0] == "User-agent: *" and "Allow: /" in rules
    for private in ("/api/", "/mine", "/p/*/edit/", "/p/*/delete", "/p/*/publish", "/p/*/report"):
        assert f"Disallow: {private}" in rules
    # Unlisted pitches share /p/ with published ones: they stay reachable, so crawlers can read their noindex.
    assert "Disallow: /p/" not in rules and "Disallow: /gallery" not in rules


def test_with_no_model_the_log_says_once_how_to_connect_one(tmp_path, caplog):
    tell_offline_once.cache_clear()
    with caplog.at_level(logging.WARNING, logger="moviepitch.providers"):
        for n in range(2):  # two apps in one process, two pitches each: one line
            app = make_app(tmp_path / str(n))
            client = app.test_client()
            create(client, app)
            create(client, app)
            services = app.extensions["moviepitch"]
            services.jobs.shutdown()
            services.store.engine.dispose()
    told = [r.message for r in caplog.records if "No AI model is connected" in r.message]
    assert len(told) == 1 and "OPENAI_API_KEY" in told[0] and "OPENAI_BASE_URL" in told[0]
