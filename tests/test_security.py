"""Holding under attack: forged hosts, cross-site requests, co-owners' reach, and hostile input on every route."""

from __future__ import annotations

import json
import logging
import re

import pytest
from helpers import csrf_token, drain, make_app, submit_idea
from local_servers import AppServer

IDEA = "A detective who can smell lies investigates a murder at a perfume factory."


def create(client, app) -> str:
    response = submit_idea(client, IDEA)
    assert response.status_code == 303
    drain(app)
    return response.headers["Location"].rsplit("/", 1)[-1]


def post(client, path, **data):
    return client.post(path, data={"csrf_token": csrf_token(client), **data})


def edit_path(client, slug) -> str:
    page = client.get(f"/p/{slug}").get_data(as_text=True)
    return re.search(rf"http://localhost(/p/{slug}/edit/[\w-]+)", page).group(1)


# Forged hosts


def test_a_forged_host_is_refused_and_said_once_in_the_log(client, app, caplog):
    slug = create(client, app)
    with caplog.at_level(logging.WARNING, logger="moviepitch.web.security"):
        for _ in range(3):
            response = app.test_client().get(f"/p/{slug}", headers={"Host": "evil.example"})
            assert response.status_code == 400 and "evil.example" not in response.get_data(as_text=True)
    assert len([r for r in caplog.records if "evil.example" in r.getMessage()]) == 1
    assert "evil.example" not in app.test_client().get(f"/p/{slug}").get_data(as_text=True)


def test_a_forged_host_changes_nothing_anyone_else_sees_on_gunicorn():
    with AppServer("gunicorn", env={"WEB_CONCURRENCY": "2"}) as server:
        slug = server.make_pitch(IDEA)["slug"]
        forged = [server.call("GET", f"/p/{slug}", headers={"Host": "evil.example"})[0] for _ in range(6)]
        pages = [server.call("GET", f"/p/{slug}")[2].decode() for _ in range(6)]
    assert forged == [400] * 6
    assert all("evil.example" not in page and "http://127.0.0.1:" in page for page in pages)


def test_the_public_url_and_bind_address_are_the_sites_names(tmp_path):
    app = make_app(tmp_path, PUBLIC_URL="https://pitch.example.com", BIND="10.1.2.3:8000")
    client = app.test_client()
    assert client.get("/", headers={"Host": "pitch.example.com"}).status_code == 200
    assert client.get("/", headers={"Host": "10.1.2.3:8000"}).status_code == 200
    assert client.get("/", headers={"Host": "other.example.com"}).status_code == 400


def test_when_any_host_is_trusted_each_gets_its_own_kept_page(tmp_path):
    app = make_app(tmp_path, TRUSTED_HOSTS="*")
    slug = create(app.test_client(), app)
    first = app.test_client().get(f"/p/{slug}", headers={"Host": "a.example"}).get_data(as_text=True)
    second = app.test_client().get(f"/p/{slug}", headers={"Host": "b.example"}).get_data(as_text=True)
    assert "http://a.example/p/" in first and "a.example" not in second and "http://b.example/p/" in second


# Cross-site requests


def test_opening_the_edit_link_changes_nothing_until_confirmed(client, app):
    slug = create(client, app)
    path = edit_path(client, slug)
    victim = app.test_client()
    assert victim.get(path).status_code == 200
    assert victim.post(path).status_code == 400  # a cross-site form has no CSRF token
    assert f"/p/{slug}" not in victim.get("/mine").get_data(as_text=True)
    assert post(victim, path).status_code == 303
    assert f"/p/{slug}" in victim.get("/mine").get_data(as_text=True)


def test_a_report_needs_the_forms_token(client, app):
    slug = create(client, app)
    post(client, f"/p/{slug}/publish")
    reader = app.test_client()
    assert "/report" in reader.get(f"/p/{slug}").get_data(as_text=True)
    assert reader.post(f"/p/{slug}/report", data={"reason": "cross-site"}).status_code == 400
    form = reader.get(f"/p/{slug}/report")
    assert form.status_code == 200 and "csrf_token" in form.get_data(as_text=True)
    assert post(reader, f"/p/{slug}/report", reason="Not a movie").status_code == 303


# Co-owners


def test_the_maker_sees_and_removes_co_owners(client, app):
    slug = create(client, app)
    path = edit_path(client, slug)
    friend = app.test_client()
    friend.post(
        path,
        data={"csrf_token": csrf_token(friend)},
        headers={"User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"},
    )
    page = client.get(f"/p/{slug}").get_data(as_text=True)
    assert "Firefox on Linux" in page
    handle = re.search(rf"/p/{slug}/co-owners/(\w+)/remove", page).group(1)

    assert post(friend, f"/p/{slug}/co-owners/{handle}/remove").status_code == 403  # not the maker
    assert post(client, f"/p/{slug}/co-owners/{handle}/remove").status_code == 303
    assert post(friend, f"/p/{slug}/publish").status_code == 403
    assert post(client, f"/p/{slug}/co-owners/{handle}/remove").status_code == 404


def test_a_co_owner_cannot_rotate_the_link_or_delete(client, app):
    slug = create(client, app)
    path = edit_path(client, slug)
    friend = app.test_client()
    post(friend, path)
    assert post(friend, f"/p/{slug}/publish").status_code == 303  # co-owners do change the pitch
    assert post(friend, f"/p/{slug}/edit-link").status_code == 403
    assert friend.get(f"/p/{slug}/delete").status_code == 403
    assert post(friend, f"/p/{slug}/delete").status_code == 403
    assert "Delete this pitch" not in friend.get(f"/p/{slug}").get_data(as_text=True)


def test_a_co_owners_token_cannot_delete_through_the_api(app):
    maker = app.test_client()
    created = maker.post("/api/pitches", json={"idea": IDEA}).get_json()
    drain(app)
    slug, token = created["slug"], created["owner_token"]
    post(maker, f"/p/{slug}/edit-link")
    path = edit_path(maker, slug)
    friend = app.test_client()
    post(friend, path)
    friend_token = friend.post("/api/pitches", json={"idea": IDEA}).get_json()["owner_token"]
    drain(app)
    assert friend.delete(f"/api/pitches/{slug}", headers={"Authorization": f"Bearer {friend_token}"}).status_code == 403
    assert maker.delete(f"/api/pitches/{slug}", headers={"Authorization": f"Bearer {token}"}).status_code == 204


def test_a_new_edit_link_ends_the_access_the_old_one_gave(client, app):
    slug = create(client, app)
    old = edit_path(client, slug)
    friend = app.test_client()
    post(friend, old)
    assert post(client, f"/p/{slug}/edit-link").status_code == 303
    assert post(friend, f"/p/{slug}/publish").status_code == 403
    assert friend.get(old).status_code == 404


# Hostile input: nothing a client sends makes a 500 or a traceback


HUGE = "99999999999999999999999"
JUST_PAST_64_BITS = "9223372036854775808"
DEEP = "[" * 5000 + "]" * 5000


def hostile_requests(slug: str, secret: str) -> list[tuple[str, str, dict]]:
    """(method, path, options) for each hostile input the security sweep found, and their kin."""
    cursor = __import__("base64").urlsafe_b64encode(f"2020-01-01|{HUGE}".encode()).decode()
    return [
        ("GET", f"/p/{slug}/poster/{HUGE}.webp", {}),
        ("GET", f"/p/{slug}/thumb/{HUGE}.webp", {}),
        ("GET", f"/p/{slug}/poster/{HUGE}.png", {}),
        ("POST", f"/p/{slug}/choose/title/{JUST_PAST_64_BITS}", {"form": True}),
        ("POST", f"/p/{slug}/choose/poster/2147483648", {"form": True}),
        ("GET", f"/gallery?before={cursor}", {}),
        ("GET", "/gallery?before=" + __import__("base64").urlsafe_b64encode(b"\xff\xfe|1").decode(), {}),
        ("GET", "/gallery?before=MjAyMC0wMS0wMQ", {}),
        ("POST", "/api/pitches", {"data": '{"idea":"abc\\ud800def"}'}),
        ("POST", "/api/pitches", {"data": DEEP}),
        ("PATCH", f"/api/pitches/{slug}", {"data": DEEP}),
        ("GET", "/mine?page=1152921504606846976", {}),
        ("GET", "/mine?page=-1", {}),
        ("POST", "/", {"form": True, "data": '["an", "array"]'}),
        ("GET", f"/p/{slug}/preview.webp?i=%22", {}),
        ("GET", f"/p/{slug}/preview.webp?i=%00", {}),
        ("GET", f"/p/{slug}/preview.webp?i=a%0d%0aSet-Cookie:x", {}),
        ("GET", f"/p/{slug}%00", {}),
        ("GET", f"/p/{'x' * 5000}", {}),
        ("GET", f"/p/{slug}/edit/{secret}%00", {}),
        ("GET", f"/api/pitches/{slug}", {"headers": {"If-None-Match": '"' + "x" * 10000}, "fine": True}),
        ("GET", f"/p/{slug}", {"headers": {"If-None-Match": "\x00\x01"}, "fine": True}),
        ("GET", f"/p/{slug}/card/{HUGE}.png", {}),
    ]


def test_the_hostile_inputs_of_the_sweep_get_4xx_and_no_traceback(client, app, caplog):
    slug = create(client, app)
    secret = edit_path(client, slug).rsplit("/", 1)[-1]
    token = csrf_token(client)
    for method, path, options in hostile_requests(slug, secret):
        headers = dict(options.get("headers", {}))
        if options.get("form"):
            headers["X-CSRFToken"] = token
        if "data" in options:
            headers["Content-Type"] = "application/json"
        response = client.open(path, method=method, data=options.get("data"), headers=headers)
        lowest = 200 if options.get("fine") else 400
        assert lowest <= response.status_code < 500, (method, path, response.status_code)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "an error reached the log"


def test_a_surrogate_in_the_idea_spends_no_budget(tmp_path):
    app = make_app(tmp_path, DAILY_PITCHES=1)
    client = app.test_client()
    bad = client.post("/api/pitches", data='{"idea":"abc\\ud800def"}', content_type="application/json")
    assert bad.status_code == 422 and "not valid text" in json.dumps(bad.get_json())
    assert client.post("/api/pitches", json={"idea": IDEA}).status_code == 202
    drain(app)


WORDS = ["x" * 80, "..", "%2e%2e", "%00", "%ff", "🎬", "a b", "-1", HUGE, "<script>", "%22"]


def test_every_route_answers_hostile_words_without_a_server_error(client, app, caplog):
    """Each rule of the URL map, with each argument replaced by each hostile word, by every method."""
    create(client, app)
    token = csrf_token(client)
    tried = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for word in WORDS:
            path = re.sub(r"<[^>]+>", word, rule.rule)
            for method in sorted(rule.methods - {"OPTIONS", "HEAD"}):
                response = client.open(path, method=method, headers={"X-CSRFToken": token})
                tried += 1
                assert response.status_code < 500, (method, path, response.status_code)
    assert tried > 300
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "an error reached the log"


@pytest.mark.parametrize("query", ["?page=", "?page=abc", "?page=0", "?page=10001", "?page=1e9"])
def test_my_pitches_refuses_pages_that_cannot_exist(client, query):
    assert client.get(f"/mine{query}").status_code == 400
