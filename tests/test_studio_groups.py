"""Three takes and compare: groups made from the form and the API, all or none against the rate limit, the daily
budget and the job queue; each pitch's own settings in its requests through the real SDK against the stub; the
group's page and JSON, and its owner's actions."""

from __future__ import annotations

import json
import re
from collections import Counter
from contextlib import contextmanager

import pytest
from helpers import close_app, csrf_token, drain, is_step, make_app, stub_app
from sqlalchemy import func, select
from test_api import conforms

from moviepitch.storage.models import DailyBudget, Pitch

IDEA = "A lighthouse keeper finds a door under the sea."
PRICES = {
    "currency": "USD",
    "models": {
        "gpt-4.1-mini": {"input": 0.4, "output": 1.6},
        "gpt-4.1-nano": {"input": 0.1, "output": 0.4},
        "gpt-image-2.5-sunburst": {"input": 5, "image_output": 40},
    },
}
MODELS = "gpt-4.1-nano=Cheapest, gpt-5-mini=Reasons first"
SYNOPSIS = is_step("synopses")


@contextmanager
def opened(app):
    """The app until the block ends, then its jobs finished and its pool and database closed."""
    try:
        yield app
    finally:
        close_app(app)


@pytest.fixture
def spec(client):
    return client.get("/api/openapi.json").get_json()


def pitches_in(app) -> int:
    with app.extensions["moviepitch"].store.session() as s:
        return s.scalar(select(func.count()).select_from(Pitch))


def pitches_spent_today(app) -> int:
    with app.extensions["moviepitch"].store.session() as s:
        return s.scalar(select(DailyBudget.pitches)) or 0


def make_takes(client, **fields):
    return client.post("/", data={"idea": IDEA, "csrf_token": csrf_token(client), "kind": "takes", **fields})


def group_slug(response) -> str:
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    location = response.headers["Location"]
    assert re.fullmatch(r"/t/[\w-]{12}", location)
    return location.rsplit("/", 1)[-1]


def test_three_takes_from_the_form_send_each_its_own_creativity(tmp_path, stub, spec):
    with opened(stub_app(tmp_path, stub)) as app:
        client = app.test_client()
        slug = group_slug(make_takes(client, temperature="1.0", frequency_penalty="0.5", presence_penalty="0.0"))
        drain(app)
        bodies = [r.body for r in stub.requests_to("/chat/completions")]
        # Reply, synopsis, title and poster description of each take, at its own creativity; the penalty kept.
        assert Counter(body["temperature"] for body in bodies) == {0.2: 4, 0.9: 4, 1.6: 4}
        assert all(body["frequency_penalty"] == 0.5 and "presence_penalty" not in body for body in bodies)
        assert sorted(body["temperature"] for body in bodies if SYNOPSIS(body)) == [0.2, 0.9, 1.6]

        response = client.get(f"/api/groups/{slug}")
        conforms(spec, response, "/api/groups/{slug}", "get")
        group = response.get_json()
        assert group["kind"] == "takes" and group["idea"] == IDEA
        members = group["members"]
        assert [(m["label"], m["detail"], m["temperature"]) for m in members] == [
            ("Low creativity", "0.2", 0.2),
            ("Medium creativity", "0.9", 0.9),
            ("High creativity", "1.6", 1.6),
        ]
        assert all(m["pitch"]["status"] == "done" and m["pitch"]["knobs"]["frequency_penalty"] == 0.5 for m in members)
        assert len({m["slug"] for m in members}) == 3


def test_compare_through_the_api_writes_each_pitch_with_its_model(tmp_path, stub, spec):
    tuned = "ft:gpt-4.1-mini-2025-04-14:moviepitch-stub:pitches:abc123"
    with opened(stub_app(tmp_path, stub, TEXT_MODELS=MODELS, SYNOPSIS_MODEL=tuned, PRICES=json.dumps(PRICES))) as app:
        client = app.test_client()
        response = client.post(
            "/api/groups",
            json={
                "idea": IDEA,
                "kind": "compare",
                "temperature": 1.3,
                "models": ["gpt-4.1-mini", "gpt-4.1-nano", "gpt-5-mini"],
            },
        )
        conforms(spec, response, "/api/groups", "post")
        assert response.status_code == 202
        created = response.get_json()
        assert response.headers["Location"] == created["status_url"] == f"/api/groups/{created['slug']}"
        assert len(created["pitches"]) == 3
        drain(app)
        by_model: dict[str, list[dict]] = {}
        for request in stub.requests_to("/chat/completions"):
            by_model.setdefault(request.body["model"], []).append(request.body)
        # Each model writes its whole pitch (the synopsis included: the tuned synopsis model stays out).
        assert {model: len(bodies) for model, bodies in by_model.items()} == {
            "gpt-4.1-mini": 4,
            "gpt-4.1-nano": 4,
            "gpt-5-mini": 4,
        }
        assert all(body["temperature"] == 1.3 for body in by_model["gpt-4.1-mini"] + by_model["gpt-4.1-nano"])
        assert all("temperature" not in body for body in by_model["gpt-5-mini"])  # a reasoning model: not sent

        status = client.get(created["status_url"])
        conforms(spec, status, "/api/groups/{slug}", "get")
        members = status.get_json()["members"]
        assert [(m["label"], m["detail"], m["model"]) for m in members] == [
            ("gpt-4.1-mini", "", "gpt-4.1-mini"),
            ("Cheapest", "gpt-4.1-nano", "gpt-4.1-nano"),
            ("Reasons first", "gpt-5-mini", "gpt-5-mini"),
        ]
        for member in members:
            assert member["elapsed"] > 0 and member["writing"]["usage"]["output_tokens"] > 0
        assert members[2]["writing"]["usage"]["reasoning_tokens"] > 0
        # Priced models have a cost of writing; the one without a price has none, and its total says so.
        assert members[0]["writing"]["cost"]["complete"] and members[1]["writing"]["cost"]["amount"] > 0
        assert members[2]["writing"]["cost"] is None and members[2]["pitch"]["cost"]["complete"] is False
        cheap, dear = (members[i]["writing"]["cost"]["amount"] for i in (1, 0))
        assert cheap < dear

        # A visitor with the link sees the group, without what it cost.
        visitor = app.test_client().get(created["status_url"]).get_json()
        assert [m["slug"] for m in visitor["members"]] == [m["slug"] for m in members]
        assert all(m["pitch"]["cost"] is None and m["writing"]["cost"] is None for m in visitor["members"])


@pytest.mark.parametrize(
    "body, field, words",
    [
        ({}, "kind", 'Send "kind": "takes" or "compare".'),
        ({"kind": "one"}, "kind", 'Send "kind"'),
        ({"kind": "compare", "models": "gpt-4.1-mini"}, "models", "as a list of model ids"),
        ({"kind": "compare", "models": ["gpt-4.1-mini"]}, "models", "Choose 2 or 3 models to compare."),
        ({"kind": "compare", "models": ["gpt-4.1-mini", "gpt-7"]}, "models", "Compare among the text models on offer"),
        ({"kind": "takes", "text_model": "gpt-5-mini"}, "kind", "which gpt-5-mini does not take"),
        ({"kind": "takes", "temperature": 3}, "temperature", "Keep it between 0 and 2."),
        ({"kind": "takes", "idea": "Hi"}, "idea", "between 3 and 300 characters"),
    ],
)
def test_the_api_checks_a_group_as_the_form_does(tmp_path, stub, body, field, words):
    with opened(stub_app(tmp_path, stub, TEXT_MODELS=MODELS)) as app:
        client = app.test_client()
        response = client.post("/api/groups", json={"idea": IDEA, **body})
        conforms(client.get("/api/openapi.json").get_json(), response, "/api/groups", "post")
        assert response.status_code == 422
        assert words in " ".join(response.get_json()["error"]["fields"][field])
        assert pitches_in(app) == 0


def test_a_group_counts_each_pitch_against_the_rate_limit_and_is_refused_whole(tmp_path):
    with opened(make_app(tmp_path, CREATE_LIMIT="4 per minute")) as app:
        client = app.test_client()
        assert client.post("/api/pitches", json={"idea": IDEA}).status_code == 202
        group_slug(make_takes(client))  # three more: four in all
        refused = make_takes(client)
        assert refused.status_code == 429 and "Try again in" in refused.get_data(as_text=True)
        api = client.post("/api/groups", json={"idea": IDEA, "kind": "takes"})
        assert api.status_code == 429 and api.headers["Retry-After"]
        drain(app)
        assert pitches_in(app) == 4

    with opened(make_app(tmp_path / "two", CREATE_LIMIT="2 per minute")) as app:
        client = app.test_client()
        assert make_takes(client).status_code == 429  # three never fit in two
        assert pitches_in(app) == 0


def test_a_group_must_fit_in_the_daily_budget_and_the_queue_as_a_whole(tmp_path):
    with opened(make_app(tmp_path, DAILY_PITCHES=2)) as app:
        client = app.test_client()
        response = client.post("/api/groups", json={"idea": IDEA, "kind": "takes"})
        assert response.status_code == 429
        assert "no room for 3 more pitches" in response.get_json()["error"]["message"]
        assert pitches_in(app) == 0 and pitches_spent_today(app) == 0
        assert client.post("/api/pitches", json={"idea": IDEA}).status_code == 202
        drain(app)

    with opened(make_app(tmp_path / "busy", JOB_WORKERS=1, JOB_QUEUE=1)) as app:  # room for two jobs
        client = app.test_client()
        response = client.post("/api/groups", json={"idea": IDEA, "kind": "takes"})
        assert response.status_code == 503 and response.headers["Retry-After"] == "10"
        assert pitches_in(app) == 0 and pitches_spent_today(app) == 0  # the budget is given back


def test_the_group_page_shows_each_pitch_and_only_its_owner_what_it_cost(tmp_path, stub):
    with opened(stub_app(tmp_path, stub, TEXT_MODELS=MODELS, PRICES=json.dumps(PRICES))) as app:
        owner = app.test_client()
        response = owner.post(
            "/",
            data={
                "idea": IDEA,
                "csrf_token": csrf_token(owner),
                "kind": "compare",
                "models": ["gpt-4.1-mini", "gpt-4.1-nano"],
            },
        )
        slug = group_slug(response)
        drain(app)
        page = owner.get(f"/t/{slug}").get_data(as_text=True)
        assert "Compare models" in page and IDEA in page and 'name="robots" content="noindex"' in page
        labels = re.findall(r'class="take-label">([^<]+)', page)
        assert [label.strip() for label in labels] == ["gpt-4.1-mini", "Cheapest"]
        assert re.findall(r"data-take-title>([^<]+)<", page) == ["The Keeper&#39;s Light"] * 2
        assert "Writing cost" in page and re.search(r"data-take-writing-cost>\$0\.\d+<", page)
        assert "Boss&#39;s reply" in page and "With the poster" in page  # the steps' table, and the total
        members = re.findall(r'href="(/p/[\w-]+)">Open this pitch', page)
        assert len(members) == 2

        visitor = app.test_client()
        seen = visitor.get(f"/t/{slug}").get_data(as_text=True)
        assert re.findall(r'href="(/p/[\w-]+)">Open this pitch', seen) == members
        assert "Writing cost" not in seen and "$0." not in seen and "/cancel" not in seen
        # Each pitch's page says where it was made, and links back.
        pitch_page = visitor.get(members[1]).get_data(as_text=True)
        assert "Pitch 2 of 2 in a comparison of models." in pitch_page and f'href="/t/{slug}"' in pitch_page
        assert visitor.get("/t/no-such-group").status_code == 404


def test_the_owner_stops_and_retries_a_group_and_no_one_else_can(app, client, monkeypatch):
    jobs = app.extensions["moviepitch"].jobs
    monkeypatch.setattr(jobs, "enqueue_all", lambda slugs: [])  # the takes wait, queued
    slug = group_slug(make_takes(client))
    page = client.get(f"/t/{slug}").get_data(as_text=True)
    assert "Stop making them" in page and "Waiting for a free writer" in page

    visitor = app.test_client()
    token = csrf_token(visitor)
    assert visitor.post(f"/t/{slug}/cancel", data={"csrf_token": token}).status_code == 403
    assert visitor.post(f"/t/{slug}/retry", data={"csrf_token": token}).status_code == 403
    assert client.post(f"/t/{slug}/cancel").status_code == 400  # no CSRF token

    stopped = client.post(f"/t/{slug}/cancel", data={"csrf_token": csrf_token(client)})
    assert stopped.status_code == 303 and stopped.headers["Location"] == f"/t/{slug}"
    members = client.get(f"/api/groups/{slug}").get_json()["members"]
    assert [m["pitch"]["status"] for m in members] == ["cancelled"] * 3
    page = client.get(f"/t/{slug}").get_data(as_text=True)
    assert "Retry the ones that stopped" in page

    monkeypatch.undo()
    assert client.post(f"/t/{slug}/retry", data={"csrf_token": csrf_token(client)}).status_code == 303
    drain(app)
    assert [m["pitch"]["status"] for m in client.get(f"/api/groups/{slug}").get_json()["members"]] == ["done"] * 3
    again = client.post(f"/t/{slug}/retry", data={"csrf_token": csrf_token(client)})
    assert again.status_code == 409


def test_the_group_json_answers_304_until_a_pitch_changes_and_shows_a_deleted_one(app, client, spec):
    slug = group_slug(make_takes(client))
    drain(app)
    first = client.get(f"/api/groups/{slug}")
    assert first.headers["Vary"] and "Cookie" in first.headers["Vary"]
    assert client.get(f"/api/groups/{slug}", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    gone = first.get_json()["members"][1]["slug"]
    assert client.post(f"/p/{gone}/delete", data={"csrf_token": csrf_token(client)}).status_code == 303
    changed = client.get(f"/api/groups/{slug}", headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200
    conforms(spec, changed, "/api/groups/{slug}", "get")
    deleted = changed.get_json()["members"][1]
    assert deleted["pitch"] is None and deleted["label"] == "Deleted"
    assert "This pitch was deleted." in client.get(f"/t/{slug}").get_data(as_text=True)
