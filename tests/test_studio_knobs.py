"""The knobs: validated alike by the form and the API, stored on the pitch, and sent (through the real SDK) only
to models that take them."""

from __future__ import annotations

import pytest
from fakes import ScriptedProvider
from helpers import close_app, csrf_token, drain, is_step, stub_app
from openai_stub import Fault
from test_api import conforms

from moviepitch.chain import pipeline
from moviepitch.providers import OpenAIProvider, TextRequest
from moviepitch.studio.knobs import knob_facts

IDEA = "A lighthouse keeper finds a door under the sea."


@pytest.fixture
def spec(client):
    return client.get("/api/openapi.json").get_json()


@pytest.mark.parametrize(
    "fields, errors",
    [
        ({}, {}),
        ({"temperature": 0, "frequency_penalty": -2, "presence_penalty": 2}, {}),
        ({"temperature": 1.6}, {}),
        ({"temperature": 2.01}, {"temperature": "between 0 and 2"}),
        ({"temperature": -0.1}, {"temperature": "between 0 and 2"}),
        ({"frequency_penalty": 2.5}, {"frequency_penalty": "between -2 and 2"}),
        ({"presence_penalty": -3}, {"presence_penalty": "between -2 and 2"}),
        ({"temperature": "hot"}, {"temperature": "number"}),
        ({"temperature": True}, {"temperature": "number"}),
        ({"temperature": 10**400}, {"temperature": "number"}),
        ({"frequency_penalty": "nan"}, {"frequency_penalty": "number"}),
        ({"text_model": "gpt-9-ultra"}, {"text_model": "Choose one of the text models"}),
        ({"text_model": 5}, {"text_model": "as a string"}),
    ],
)
def test_the_api_checks_the_knobs(client, spec, fields, errors):
    response = client.post("/api/pitches", json={"idea": IDEA, **fields})
    conforms(spec, response, "/api/pitches", "post")
    if not errors:
        assert response.status_code == 202
        return
    assert response.status_code == 422
    sent = response.get_json()["error"]["fields"]
    assert set(sent) == set(errors)
    for name, words in errors.items():
        assert words in sent[name][0]


@pytest.mark.parametrize(
    "fields, error",
    [
        ({"temperature": "0.2"}, None),
        ({"temperature": "", "frequency_penalty": "", "presence_penalty": ""}, None),
        ({"temperature": "2.5"}, "Keep it between 0 and 2."),
        ({"presence_penalty": "-2.1"}, "Keep it between -2 and 2."),
        ({"frequency_penalty": "lots"}, "Enter a number"),
        ({"temperature": "inf"}, "Keep it between 0 and 2."),
        ({"text_model": "not-on-offer"}, "Choose one of the text models"),
    ],
)
def test_the_form_checks_the_knobs(app, client, fields, error):
    from moviepitch.web.forms import IdeaForm

    with app.test_request_context("/", method="POST", data={"idea": IDEA, **fields}):
        form = IdeaForm(meta={"csrf": False})
        assert form.validate() is (error is None)
        if error:
            assert error in " ".join(message for messages in form.errors.values() for message in messages)
    # The page answers as the form decided (test_studio_form.py looks at what it shows).
    response = client.post("/", data={"idea": IDEA, "csrf_token": csrf_token(client), **fields})
    assert response.status_code == (303 if error is None else 422)


def test_the_form_fields_have_defaults_and_a_sentence_each(app):
    from moviepitch.web.forms import IdeaForm

    with app.test_request_context("/"):
        form = IdeaForm()
        assert (form.temperature.data, form.frequency_penalty.data, form.presence_penalty.data) == (1.0, 0.0, 0.0)
        assert "plainer" in form.temperature.description or "plain" in form.temperature.description
        assert "repeated words" in form.frequency_penalty.description
        assert "new topics" in form.presence_penalty.description
        assert form.text_model.data == "offline-writer"


def test_knobs_are_stored_and_shown_in_the_status(app, client, spec):
    body = client.post(
        "/api/pitches", json={"idea": IDEA, "temperature": 1.6, "presence_penalty": 0.5, "frequency_penalty": 0}
    ).get_json()
    drain(app)
    response = client.get(f"/api/pitches/{body['slug']}")
    conforms(spec, response, "/api/pitches/{slug}", "get")
    knobs = response.get_json()["knobs"]
    # At its default a knob is not set: the steps keep their own (the title's 0.7).
    assert knobs == {
        "temperature": 1.6,
        "frequency_penalty": None,
        "presence_penalty": 0.5,
        "takes_knobs": True,
        "ignored": [],
    }
    view = app.extensions["moviepitch"].store.view(body["slug"])
    assert view.knobs == {"temperature": 1.6, "presence_penalty": 0.5}


def test_the_knobs_reach_every_text_request_and_its_context(store):
    provider = ScriptedProvider()
    slug = store.create_pitch(IDEA, "owner", provider.name, {}, knobs={"temperature": 0.2, "frequency_penalty": 1.5})
    pipeline.run_pitch(store, provider, slug)
    requests = {call.task: call.request for call in provider.calls if isinstance(call.request, TextRequest)}
    assert set(requests) >= {"reply", "synopsis", "title", "image_prompt"}
    for request in requests.values():
        assert (request.temperature, request.frequency_penalty, request.presence_penalty) == (0.2, 1.5, None)
        assert request.context["temperature"] == 0.2 and request.context["frequency_penalty"] == 1.5
        assert request.context["presence_penalty"] is None


def test_the_title_keeps_its_temperature_unless_creativity_is_set(store):
    provider = ScriptedProvider()
    pipeline.run_pitch(store, provider, store.create_pitch(IDEA, "owner", provider.name, {}))
    temperatures = {
        call.task: call.request.temperature for call in provider.calls if isinstance(call.request, TextRequest)
    }
    assert temperatures["title"] == 0.7 and temperatures["synopsis"] is None


def _knob_request(temperature=1.4, frequency=0.8, presence=-0.5, model=None):
    messages = [
        {"role": "system", "content": "You write catchy movie titles."},
        {"role": "user", "content": "<synopsis>x</synopsis>"},
    ]
    return TextRequest(
        "title", messages, temperature=temperature, frequency_penalty=frequency, presence_penalty=presence, model=model
    )


def _provider(stub, **overrides):
    settings = dict(
        base_url=stub.base_url,
        text_model="gpt-4.1-mini",
        image_model="gpt-image-2",
        text_timeout=5,
        max_retries=0,
        sampling={"gpt-5": [], "gpt-4.1": ["temperature", "top_p", "frequency_penalty", "presence_penalty"]},
    )
    return OpenAIProvider(**{**settings, **overrides})


@pytest.mark.parametrize(
    "model, sent",
    [
        ("gpt-4.1-mini", {"temperature": 1.4, "frequency_penalty": 0.8, "presence_penalty": -0.5}),
        ("gpt-4.1-mini-2025-04-14", {"temperature": 1.4, "frequency_penalty": 0.8, "presence_penalty": -0.5}),
        ("llama3.1", {"temperature": 1.4, "frequency_penalty": 0.8, "presence_penalty": -0.5}),
        ("gpt-5-mini", {}),
        ("o4-mini", {}),  # a reasoning model the table does not name
    ],
)
def test_knobs_reach_the_request_body_only_for_models_that_take_them(stub, model, sent):
    _provider(stub, text_model=model).text(_knob_request())
    body = stub.requests_to("/chat/completions")[0].body
    assert {name: body[name] for name in sent} == sent
    assert not {"temperature", "frequency_penalty", "presence_penalty"} - set(sent) & set(body)


def test_a_model_that_rejects_a_knob_is_asked_again_without_it_and_remembered(stub):
    provider = _provider(stub, text_model="local-llama")
    stub.script(
        "/chat/completions",
        Fault(
            status=400,
            error={
                "message": "presence_penalty is not supported by this server",
                "type": "invalid_request_error",
                "param": "presence_penalty",
                "code": None,
            },
        ),
    )
    assert provider.text(_knob_request()).text
    provider.text(_knob_request())
    sent = [(r.body.get("temperature"), r.body.get("presence_penalty")) for r in stub.requests_to("/chat/completions")]
    assert sent == [(1.4, -0.5), (1.4, None), (1.4, None)]
    assert provider.sampling_params("local-llama") == {"temperature", "top_p", "frequency_penalty"}


def test_an_unsupported_value_400_means_no_sampling_parameters_at_all(stub):
    provider = _provider(stub, text_model="gpt-6-preview")
    stub.script(
        "/chat/completions",
        Fault(
            status=400,
            error={
                "message": "Unsupported value: 'temperature' does not support 1.4 with this model. "
                "Only the default (1) value is supported.",
                "type": "invalid_request_error",
                "param": "temperature",
                "code": "unsupported_value",
            },
        ),
    )
    provider.text(_knob_request())
    provider.text(_knob_request(model="gpt-6-preview"))
    bodies = [r.body for r in stub.requests_to("/chat/completions")]
    assert len(bodies) == 3 and "frequency_penalty" in bodies[0]
    assert not {"temperature", "frequency_penalty", "presence_penalty"} & (set(bodies[1]) | set(bodies[2]))
    assert knob_facts(provider, "gpt-6-preview")["takes_knobs"] is False


def test_the_form_can_say_whether_the_model_takes_the_knobs(stub):
    facts = knob_facts(_provider(stub, text_model="gpt-5-mini"))
    assert facts["takes_knobs"] is False and facts["ignored"] == [
        "temperature",
        "frequency_penalty",
        "presence_penalty",
    ]
    assert "gpt-5-mini does not take these settings" in facts["note"]
    assert knob_facts(_provider(stub))["note"] is None


def test_a_pitch_through_the_sdk_sends_its_knobs_and_the_status_says_when_they_are_ignored(stub, tmp_path):
    app = stub_app(
        tmp_path, stub, TEXT_MODEL="gpt-5-mini", TEXT_MODELS='[{"id": "gpt-4.1-mini", "label": "Takes the knobs"}]'
    )
    try:
        client = app.test_client()
        ignored = client.post("/api/pitches", json={"idea": IDEA, "temperature": 1.6}).get_json()
        taken = client.post(
            "/api/pitches", json={"idea": IDEA, "temperature": 1.6, "text_model": "gpt-4.1-mini"}
        ).get_json()
        drain(app)
        assert client.get(f"/api/pitches/{ignored['slug']}").get_json()["knobs"]["takes_knobs"] is False
        assert client.get(f"/api/pitches/{taken['slug']}").get_json()["knobs"]["takes_knobs"] is True
        chats = stub.requests_to("/chat/completions")
        by_model = {}
        for request in chats:
            by_model.setdefault(request.body["model"], []).append(request.body)
        assert all("temperature" not in body for body in by_model["gpt-5-mini"])
        assert all(body["temperature"] == 1.6 for body in by_model["gpt-4.1-mini"])
        titles = [r.body for r in chats if is_step("catchy movie titles")(r.body)]
        assert {body["model"] for body in titles} == {"gpt-5-mini", "gpt-4.1-mini"}
    finally:
        close_app(app)
