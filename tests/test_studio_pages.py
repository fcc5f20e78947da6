"""The studio on the pitch page and the gallery: the knobs and model a pitch was made with, its cost for its owners
only (in total and per step), likes from the page without scripts, and the gallery by likes with its cursor."""

from __future__ import annotations

import html
import json
import re

import pytest
from helpers import csrf_token, drain, stub_pitch

IDEA = "A shy ghost runs a bed and breakfast for monsters."
PRICES = {
    "currency": "USD",
    "models": {
        "gpt-4.1-mini": {"input": 0.4, "cached_input": 0.1, "output": 1.6},
        "gpt-image-2.5-sunburst": {"input": 5, "image_output": 40},
    },
}


def text_of(page: str) -> str:
    """A page's words, without its markup."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def studio_block(page: str) -> str:
    return re.search(r'<section class="studio-facts".*?</section>', page, re.S).group(0)


def test_the_page_shows_the_knobs_and_the_model_a_pitch_was_made_with(tmp_path, stub):
    body = {"idea": IDEA, "temperature": 1.6, "presence_penalty": 0.5}
    with stub_pitch(tmp_path, stub, body) as (app, client, slug):
        block = text_of(studio_block(app.test_client().get(f"/p/{slug}").get_data(as_text=True)))
        assert "Written by gpt-4.1-mini" in block and "Creativity 1.6" in block and "Presence penalty 0.5" in block
        assert "Frequency penalty" not in block and "not sent" not in block


def test_the_page_says_when_the_model_did_not_take_the_knobs(tmp_path, stub):
    with stub_pitch(tmp_path, stub, {"idea": IDEA, "temperature": 0.3}, TEXT_MODEL="gpt-5-mini") as (app, client, slug):
        block = text_of(studio_block(client.get(f"/p/{slug}").get_data(as_text=True)))
        assert "Creativity 0.3" in block
        assert "gpt-5-mini does not take these settings, so they were not sent to it." in block


def test_only_the_owner_sees_what_a_pitch_cost_in_total_and_per_step(tmp_path, stub):
    with stub_pitch(tmp_path, stub, PRICES=json.dumps(PRICES)) as (app, client, slug):
        doc = client.get(f"/api/pitches/{slug}").get_json()
        page = client.get(f"/p/{slug}").get_data(as_text=True)
        cost = re.search(r"data-cost-amount>([^<]+)<", page).group(1)
        assert cost.startswith("$0.0") and float(cost[1:]) == pytest.approx(doc["cost"]["amount"], rel=0.05)
        assert "Cost" in text_of(studio_block(page)) and "tokens in" in text_of(studio_block(page))
        steps = dict(re.findall(r'data-step="(\w+)".*?data-step-usage ?(?:hidden)?>([^<]*)<', page, re.S))
        assert re.fullmatch(r"[\d,]+ tokens in · [\d,]+ out · \$0\.\d+", steps["synopsis"])
        assert steps["poster"].endswith("1 image · $0.042") and steps["check"] == ""

        visitor = app.test_client()
        seen = visitor.get(f"/p/{slug}").get_data(as_text=True)
        assert "data-pitch-cost" not in seen and "$0." not in seen and "tokens in" not in seen
        theirs = visitor.get(f"/api/pitches/{slug}").get_json()
        assert theirs["cost"] is None and all(step["cost"] is None for step in theirs["steps"])
        assert doc["cost"]["amount"] > 0  # the owner's own status has it


def test_without_prices_the_owner_sees_usage_and_no_cost(tmp_path, stub):
    with stub_pitch(tmp_path, stub) as (app, client, slug):
        block = text_of(studio_block(client.get(f"/p/{slug}").get_data(as_text=True)))
        assert re.search(r"Used [\d,]+ tokens in · [\d,]+ out · 1 image", block) and "$" not in block


def _published(client, app) -> str:
    body = client.post("/api/pitches", json={"idea": IDEA}).get_json()
    drain(app)
    client.patch(
        f"/api/pitches/{body['slug']}",
        json={"published": True},
        headers={"Authorization": f"Bearer {body['owner_token']}"},
    )
    return body["slug"]


def like_form(page: str) -> str:
    return re.search(r'<form class="like".*?</form>', page, re.S).group(0)


def test_a_visitor_without_scripts_likes_from_the_page_and_takes_it_back(client, app):
    slug = _published(client, app)
    visitor = app.test_client()
    page = visitor.get(f"/p/{slug}").get_data(as_text=True)
    form = like_form(page)
    # The page a cookie-less visitor gets may be kept for all of them: it carries nobody's form token, so its like
    # asks on a page of its own.
    assert 'method="get"' in form and f'action="/p/{slug}/like"' in form and 'name="csrf_token"' not in page
    assert 'aria-pressed="false"' in form and "0 likes" in form
    asked = visitor.get(f"/p/{slug}/like")
    assert asked.status_code == 200 and "Like it" in asked.get_data(as_text=True)
    token = csrf_token(visitor)  # the session's token, as the page that asks carries it
    assert visitor.post(f"/p/{slug}/like").status_code == 400  # no token
    done = visitor.post(f"/p/{slug}/like", data={"csrf_token": token})
    assert done.status_code == 303 and done.headers["Location"] == f"/p/{slug}#like"

    form = like_form(visitor.get(f"/p/{slug}").get_data(as_text=True))
    assert 'aria-pressed="true"' in form and "1 like<" in form and ">Liked<" in form
    assert 'method="post"' in form and f'action="/p/{slug}/unlike"' in form and 'name="csrf_token"' in form
    assert visitor.post(f"/p/{slug}/like", data={"csrf_token": token}).status_code == 303  # once per browser
    assert (
        app.extensions["moviepitch"].store.like_state(app.extensions["moviepitch"].store.pitch_id(slug), None).likes
        == 1
    )

    assert visitor.post(f"/p/{slug}/unlike", data={"csrf_token": token}).status_code == 303
    form = like_form(visitor.get(f"/p/{slug}").get_data(as_text=True))
    assert 'aria-pressed="false"' in form and "0 likes" in form and f'action="/p/{slug}/like"' in form
    # A browser with a cookie posts straight from the page.
    assert 'method="post"' in form


def test_the_owner_likes_too_and_only_published_pitches_have_the_button(client, app):
    body = client.post("/api/pitches", json={"idea": IDEA}).get_json()
    drain(app)
    slug = body["slug"]
    assert '<form class="like"' not in client.get(f"/p/{slug}").get_data(as_text=True)
    token = csrf_token(client)
    assert client.get(f"/p/{slug}/like").status_code == 409
    assert client.post(f"/p/{slug}/like", data={"csrf_token": token}).status_code == 409
    client.post(f"/p/{slug}/publish", data={"csrf_token": token})
    form = like_form(client.get(f"/p/{slug}").get_data(as_text=True))
    assert 'method="post"' in form and 'data-like-api="/api/pitches/' in form
    assert client.post(f"/p/{slug}/like", data={"csrf_token": token}).status_code == 303
    assert client.get(f"/api/pitches/{slug}/like").get_json() == {"liked": True, "likes": 1}
    assert client.get("/p/no-such-pitch/like").status_code == 404


def _gallery(store, count: int) -> list[str]:
    slugs = []
    for n in range(count):
        slug = store.create_pitch(f"Idea number {n}", "o", "offline", {})
        store.finish(store.pitch_id(slug), "done")
        store.publish(store.pitch_id(slug), True)
        slugs.append(slug)
    return slugs


def test_the_gallery_sorts_by_likes_and_its_pages_keep_the_order(client, app):
    store = app.extensions["moviepitch"].store
    slugs = _gallery(store, 15)
    for slug, count in {slugs[3]: 3, slugs[9]: 1, slugs[0]: 2}.items():
        for visitor in range(count):
            store.like(store.pitch_id(slug), f"visitor-{visitor}")

    first = client.get("/gallery?sort=likes").get_data(as_text=True)
    assert re.search(r'href="/gallery\?sort=likes" aria-current="page">Most liked', first)
    assert "most liked first" in first
    shown = re.findall(r'href="/p/([\w-]+)"', first)
    assert shown[:3] == [slugs[3], slugs[0], slugs[9]] and len(shown) == 12
    assert "♥</span> 3 likes" in first and "♥</span> 1 like<" in first
    following = re.search(r'href="(/gallery\?sort=likes&amp;before=[^"]+)" rel="next"', first).group(1)
    rest = re.findall(r'href="/p/([\w-]+)"', client.get(html.unescape(following)).get_data(as_text=True))
    assert len(rest) == 3 and not set(rest) & set(shown) and set(rest) | set(shown) == set(slugs)

    newest = client.get("/gallery").get_data(as_text=True)
    assert re.findall(r'href="/p/([\w-]+)"', newest)[:2] == [slugs[14], slugs[13]]
    newest_cursor = re.search(r'before=([^"&]+)" rel="next"', newest).group(1)
    likes_cursor = re.search(r"before=([^\"&]+)\" rel=\"next\"", first).group(1)
    # A cursor only reads in the order that made it; anything else is a 400, never a 500.
    assert client.get(f"/gallery?sort=likes&before={newest_cursor}").status_code == 400
    assert client.get(f"/gallery?before={likes_cursor}").status_code == 400
    for bad in ("not-a-cursor", "LTF8MjAyNi0wMS0wMVQwMDowMDowMHwx", "fHw"):
        assert client.get(f"/gallery?sort=likes&before={bad}").status_code == 400
