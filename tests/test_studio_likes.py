"""Likes: one per visitor per published pitch, undoable, counted in the status JSON and the gallery, which can sort
by them with keyset pages."""

from __future__ import annotations

import pytest
from helpers import drain
from test_api import conforms

IDEA = "A detective solves crimes by the smell of old books."


@pytest.fixture
def spec(client):
    return client.get("/api/openapi.json").get_json()


def _published(client, app, publish=True) -> str:
    body = client.post("/api/pitches", json={"idea": IDEA}).get_json()
    drain(app)
    if publish:
        response = client.patch(
            f"/api/pitches/{body['slug']}",
            json={"published": True},
            headers={"Authorization": f"Bearer {body['owner_token']}"},
        )
        assert response.status_code == 200
    return body["slug"]


def test_a_visitor_likes_once_and_can_undo_it(client, app, spec):
    slug = _published(client, app)
    visitor = app.test_client()  # no cookie yet: liking makes this browser a visitor with one
    path = f"/api/pitches/{slug}/like"
    first = visitor.post(path, json={})
    conforms(spec, first, "/api/pitches/{slug}/like", "post")
    assert first.get_json() == {"liked": True, "likes": 1}
    assert "moviepitch_owner=" in first.headers.get("Set-Cookie", "")
    assert visitor.post(path, json={}).get_json() == {"liked": True, "likes": 1}  # once per visitor
    assert app.test_client().post(path, json={}).get_json() == {"liked": True, "likes": 2}
    assert visitor.get(path).get_json() == {"liked": True, "likes": 2}
    status = client.get(f"/api/pitches/{slug}")
    conforms(spec, status, "/api/pitches/{slug}", "get")
    assert status.get_json()["likes"] == 2

    undone = visitor.delete(path, json={})
    conforms(spec, undone, "/api/pitches/{slug}/like", "delete")
    assert undone.get_json() == {"liked": False, "likes": 1}
    assert visitor.delete(path, json={}).get_json() == {"liked": False, "likes": 1}
    assert app.test_client().delete(path, json={}).get_json() == {"liked": False, "likes": 1}


def test_an_api_client_likes_with_its_token(client, app):
    slug = _published(client, app)
    token = app.test_client().post("/api/pitches", json={"idea": IDEA}).get_json()["owner_token"]
    fresh = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    assert fresh.post(f"/api/pitches/{slug}/like", headers=headers).get_json() == {"liked": True, "likes": 1}
    assert app.test_client().get(f"/api/pitches/{slug}/like", headers=headers).get_json()["liked"] is True
    assert fresh.post(f"/api/pitches/{slug}/like", headers={"Authorization": "Bearer forged"}).status_code == 401


def test_likes_need_json_or_a_token(client, app):
    slug = _published(client, app)
    assert client.post(f"/api/pitches/{slug}/like").status_code == 415
    assert client.post(f"/api/pitches/{slug}/like", data={"x": "1"}).status_code == 415
    assert client.delete(f"/api/pitches/{slug}/like").status_code == 415


def test_only_a_pitch_in_the_gallery_can_be_liked(client, app, spec):
    unpublished = _published(client, app, publish=False)
    response = client.post(f"/api/pitches/{unpublished}/like", json={})
    conforms(spec, response, "/api/pitches/{slug}/like", "post")
    assert response.status_code == 409 and "gallery" in response.get_json()["error"]["message"]
    assert client.post("/api/pitches/nosuchpitch0/like", json={}).status_code == 404

    hidden = _published(client, app)
    assert app.extensions["moviepitch"].store.hide(hidden)
    assert client.post(f"/api/pitches/{hidden}/like", json={}).status_code == 409


def test_a_deleted_pitch_loses_its_likes(client, app):
    body = client.post("/api/pitches", json={"idea": IDEA}).get_json()
    drain(app)
    headers = {"Authorization": f"Bearer {body['owner_token']}"}
    client.patch(f"/api/pitches/{body['slug']}", json={"published": True}, headers=headers)
    assert client.post(f"/api/pitches/{body['slug']}/like", json={}).get_json()["likes"] == 1
    assert client.delete(f"/api/pitches/{body['slug']}", headers=headers).status_code == 204
    assert client.post(f"/api/pitches/{body['slug']}/like", json={}).status_code == 410


def _gallery_of(store, count):
    slugs = []
    for n in range(count):
        slug = store.create_pitch(f"Idea {n}", "o", "offline", {})
        store.finish(store.pitch_id(slug), "done")
        assert store.publish(store.pitch_id(slug), True)
        slugs.append(slug)
    return slugs


def test_the_gallery_sorts_by_likes_with_keyset_pages(app):
    store = app.extensions["moviepitch"].store
    slugs = _gallery_of(store, 9)
    wanted = {slugs[2]: 3, slugs[5]: 3, slugs[7]: 1, slugs[0]: 2}
    for slug, count in wanted.items():
        for visitor in range(count):
            store.like(store.pitch_id(slug), f"visitor-{visitor}")
    expected = [slugs[5], slugs[2], slugs[0], slugs[7]] + [s for s in reversed(slugs) if s not in wanted]
    seen, cursor = [], None
    while True:
        page, cursor = store.gallery(before=cursor, limit=4, order="likes")
        seen += page
        if cursor is None:
            break
    assert [card.slug for card in seen] == expected
    assert [card.likes for card in seen[:4]] == [3, 3, 2, 1]
    newest, _ = store.gallery(limit=3)
    assert [card.slug for card in newest] == slugs[::-1][:3] and newest[0].likes == 0
