"""Choosing a model: the lists from the settings, the API's and form's field, and the models each step asks for
(the chosen one, or the synopsis model on the synopsis), through the real SDK against the stub."""

from __future__ import annotations

import pytest
from helpers import close_app, drain, is_step, make_app, stub_app

from moviepitch.studio.catalog import ModelChoice, parse_models

IDEA = "Two rival chefs are trapped in a lift for a weekend."


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, []),
        ("", []),
        (
            '[{"id": "gpt-5.4-mini", "label": "Fast and cheap"}, {"id": "gpt-5.4"}]',
            [("gpt-5.4-mini", "Fast and cheap"), ("gpt-5.4", "gpt-5.4")],
        ),
        (
            '["gpt-5.4-mini=Fast and cheap", "gpt-4.1=Best writing"]',
            [("gpt-5.4-mini", "Fast and cheap"), ("gpt-4.1", "Best writing")],
        ),
        (
            "gpt-5.4-mini=Fast and cheap, gpt-4.1=Best writing",
            [("gpt-5.4-mini", "Fast and cheap"), ("gpt-4.1", "Best writing")],
        ),
        ([{"id": "llama3.1", "label": "Local"}], [("llama3.1", "Local")]),
        ("llama3.1", [("llama3.1", "llama3.1")]),
        ("a=One, a=Again", [("a", "One")]),
    ],
)
def test_model_lists_are_read_in_either_form(value, expected):
    assert parse_models(value, "TEXT_MODELS") == [ModelChoice(*pair) for pair in expected]


@pytest.mark.parametrize(
    "value", ['[{"label": "no id"}]', "[1, 2]", '{"id": "x"}', "=Only a label", '[{"id": "has space"}]']
)
def test_a_model_list_that_cannot_be_read_stops_the_app_with_the_setting_named(tmp_path, value):
    with pytest.raises(RuntimeError, match="MOVIEPITCH_TEXT_MODELS"):
        make_app(tmp_path, TEXT_MODELS=value)


def test_the_configured_model_is_always_offered_and_the_default(tmp_path, stub):
    app = stub_app(tmp_path, stub, TEXT_MODEL="gpt-5-mini", TEXT_MODELS="gpt-4.1-mini=Takes the knobs")
    try:
        assert [choice.id for choice in app.config["TEXT_MODELS"]] == ["gpt-5-mini", "gpt-4.1-mini"]
        from moviepitch.web.forms import IdeaForm

        with app.test_request_context("/"):
            form = IdeaForm()
            assert form.text_model.choices == [("gpt-5-mini", "gpt-5-mini"), ("gpt-4.1-mini", "Takes the knobs")]
            assert form.text_model.data == "gpt-5-mini"
    finally:
        close_app(app)


def test_the_offline_writer_offers_only_itself(client):
    assert client.post("/api/pitches", json={"idea": IDEA, "text_model": "offline-writer"}).status_code == 202
    response = client.post("/api/pitches", json={"idea": IDEA, "text_model": "gpt-5.4-mini"})
    assert response.status_code == 422
    assert "offline-writer" in response.get_json()["error"]["fields"]["text_model"][0]


def _models_by_step(stub) -> dict[str, set[str]]:
    markers = {
        "synopsis": "synopses",
        "title": "catchy movie titles",
        "reply": "studio boss",
        "image_prompt": "advertise",
    }
    return {
        step: {r.body["model"] for r in stub.requests_to("/chat/completions") if is_step(marker)(r.body)}
        for step, marker in markers.items()
    }


def test_a_chosen_model_writes_every_text_step_and_is_stored(tmp_path, stub):
    app = stub_app(tmp_path, stub, TEXT_MODELS="gpt-4.1-nano=Cheapest", IMAGE_MODELS="gpt-image-2=Faster posters")
    try:
        client = app.test_client()
        slug = client.post(
            "/api/pitches", json={"idea": IDEA, "text_model": "gpt-4.1-nano", "image_model": "gpt-image-2"}
        ).get_json()["slug"]
        drain(app)
        assert set().union(*_models_by_step(stub).values()) == {"gpt-4.1-nano"}
        assert {r.body["model"] for r in stub.requests_to("/images/generations")} == {"gpt-image-2"}
        view = app.extensions["moviepitch"].store.view(slug)
        assert (view.text_model, view.image_model) == ("gpt-4.1-nano", "gpt-image-2")
        doc = client.get(f"/api/pitches/{slug}").get_json()
        assert doc["status"] == "done" and doc["models"] == {"text": "gpt-4.1-nano", "image": "gpt-image-2"}
    finally:
        close_app(app)


def test_the_synopsis_model_writes_the_synopsis_alone(tmp_path, stub):
    tuned = "ft:gpt-4.1-mini-2025-04-14:moviepitch-stub:pitches:abc123"
    app = stub_app(tmp_path, stub, SYNOPSIS_MODEL=tuned, TEXT_MODELS="gpt-4.1-nano=Cheapest")
    try:
        client = app.test_client()
        default = client.post("/api/pitches", json={"idea": IDEA}).get_json()["slug"]
        drain(app)
        used = _models_by_step(stub)
        assert used["synopsis"] == {tuned}
        assert used["title"] == used["reply"] == used["image_prompt"] == {"gpt-4.1-mini"}
        steps = {step["name"]: step for step in client.get(f"/api/pitches/{default}").get_json()["steps"]}
        assert steps["synopsis"]["model"] == tuned and steps["title"]["model"] == "gpt-4.1-mini"
        # A person who chose a model gets that model everywhere, the synopsis included.
        stub.reset()
        from helpers import responder

        stub.chat_responder = responder
        client.post("/api/pitches", json={"idea": IDEA, "text_model": "gpt-4.1-nano"})
        drain(app)
        assert _models_by_step(stub)["synopsis"] == {"gpt-4.1-nano"}
    finally:
        close_app(app)
