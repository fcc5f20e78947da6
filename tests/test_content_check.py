"""The content check fails closed on OpenAI's own API, and forgets a missing endpoint elsewhere after a while."""

from __future__ import annotations

import logging

import pytest
from helpers import close_app, csrf_token, drain, make_app, pitch_through, steps_of
from openai_stub import Fault

from moviepitch.providers import OpenAIProvider
from moviepitch.providers.openai_api import CHECK_FAILED, NO_MODERATION_MEMORY, NOT_CHECKED

NO_ROUTE = Fault(status=404, error={"message": "Not found", "type": "invalid_request_error"})


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def app_with(stub, tmp_path, clock):
    built = []

    def build(**overrides):
        settings = dict(
            base_url=stub.base_url,
            text_model="local-llama",
            image_model="gpt-image-2.5-sunburst",
            text_timeout=3,
            image_timeout=3,
            max_retries=0,
            clock=clock,
        )
        built.append(make_app(tmp_path, provider=OpenAIProvider(**{**settings, **overrides})))
        return built[-1]

    yield build
    for app in built:
        close_app(app)


def test_a_server_without_the_endpoint_is_asked_again_after_a_while(app_with, stub, clock, caplog):
    app = app_with()
    client = app.test_client()
    stub.script("/moderations", NO_ROUTE)
    with caplog.at_level(logging.WARNING):
        slug, doc = pitch_through(app, client)
        clock.now += 60
        _, second = pitch_through(app, client)
    assert doc["status"] == second["status"] == "done"
    assert steps_of(doc)["check"]["state"] == "done" and steps_of(doc)["check"]["note"] == NOT_CHECKED
    assert NOT_CHECKED in client.get(f"/p/{slug}").get_data(as_text=True)
    assert len(stub.requests_to("/moderations")) == 1  # remembered for a while
    assert sum("no moderations endpoint" in r.getMessage() for r in caplog.records) == 1

    clock.now += NO_MODERATION_MEMORY  # the memory expires; the endpoint is back
    _, third = pitch_through(app, client)
    assert len(stub.requests_to("/moderations")) == 2
    assert steps_of(third)["check"]["note"] is None and third["status"] == "done"


def test_on_openais_own_api_a_failing_check_fails_the_step_and_a_retry_runs_it(app_with, stub, caplog):
    app = app_with(moderation_required=True)  # what no base URL, or api.openai.com, means
    client = app.test_client()
    stub.script("/moderations", NO_ROUTE)
    with caplog.at_level(logging.WARNING):
        slug, doc = pitch_through(app, client)
    assert doc["status"] == "failed"
    assert steps_of(doc)["check"]["error"] == CHECK_FAILED
    assert steps_of(doc)["synopsis"]["state"] == "skipped"
    assert not [r for r in stub.requests_to("/chat/completions") if "synopses" in r.body["messages"][0]["content"]]
    assert any("MOVIEPITCH_MODERATION_MODEL" in r.getMessage() for r in caplog.records)
    assert "Retry from the failed step" in client.get(f"/p/{slug}").get_data(as_text=True)

    assert client.post(f"/p/{slug}/retry", data={"csrf_token": csrf_token(client)}).status_code == 303
    drain(app)
    again = client.get(f"/api/pitches/{slug}").get_json()
    assert again["status"] == "done" and steps_of(again)["check"]["note"] is None


def test_the_check_is_required_on_openais_own_api_only():
    settings = dict(text_model="m", image_model="i")
    assert OpenAIProvider(api_key="sk-x", **settings).moderation_required
    assert OpenAIProvider(api_key="sk-x", base_url="https://api.openai.com/v1", **settings).moderation_required
    assert not OpenAIProvider(base_url="http://127.0.0.1:8080/v1", **settings).moderation_required


def test_a_check_turned_off_is_said_on_the_page(app_with, stub):
    app = app_with(moderation_model=None)
    slug, doc = pitch_through(app, app.test_client())
    assert doc["status"] == "done" and stub.requests_to("/moderations") == []
    assert steps_of(doc)["check"]["note"] == "Not checked: the content check is turned off on this server."
