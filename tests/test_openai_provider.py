"""The openai provider: the real SDK over real HTTP, against a local stub on 127.0.0.1."""

from __future__ import annotations

import base64
import logging

import pytest
from helpers import drain, make_app, submit_idea
from openai_stub import Fault

from moviepitch.providers import OpenAIProvider, ProviderError, TextRequest, select_provider
from moviepitch.providers.base import ImageRequest
from moviepitch.providers.openai_chat import REASONING_ROOM


def provider_for(stub, **overrides) -> OpenAIProvider:
    settings = dict(
        api_key="test-key",
        base_url=stub.base_url,
        text_model="local-llama",
        image_model="gpt-image-2.5-sunburst",
        text_timeout=5,
        image_timeout=5,
        max_retries=1,
    )
    return OpenAIProvider(**{**settings, **overrides})


def ask(provider, task="title", temperature=None, on_delta=None):
    system = "You write movie synopses." if task == "synopsis" else "You write catchy movie titles."
    messages = [{"role": "system", "content": system}, {"role": "user", "content": "<synopsis>x</synopsis>"}]
    return provider.text(TextRequest(task, messages, temperature=temperature), on_delta=on_delta)


def test_the_client_is_not_built_until_first_use(stub):
    provider = provider_for(stub)
    assert provider._client is None
    ask(provider)
    assert provider._client is not None


def test_a_plain_text_call_sends_the_model_messages_and_key(stub):
    result = ask(provider_for(stub), temperature=0.7)
    assert result.text == "The Keeper's Light"
    assert result.usage["output_tokens"] > 0
    (request,) = stub.requests_to("/chat/completions")
    assert request.body["model"] == "local-llama"
    assert request.body["temperature"] == 0.7
    assert request.body["messages"][0]["role"] == "system"
    assert request.headers["authorization"] == "Bearer test-key"


def test_a_streamed_call_reports_the_text_as_it_grows(stub):
    seen = []
    result = ask(provider_for(stub), task="synopsis", on_delta=seen.append)
    request = stub.requests_to("/chat/completions")[0]
    assert request.body["stream"] is True
    assert len(seen) > 1 and seen[-1] == result.text
    assert all(result.text.startswith(part) for part in seen)
    assert result.usage["input_tokens"] > 0


def test_only_a_base_url_sends_a_placeholder_key(stub):
    provider = OpenAIProvider(base_url=stub.base_url, text_model="llama3", image_model="x", max_retries=0)
    ask(provider)
    assert stub.requests[0].headers["authorization"] == "Bearer no-key-needed"


def test_reasoning_models_get_no_temperature(stub):
    ask(provider_for(stub, text_model="gpt-5.4-mini"), temperature=0.7)
    assert "temperature" not in stub.requests_to("/chat/completions")[0].body


def test_a_rejected_temperature_is_dropped_once_and_remembered(stub):
    provider = provider_for(stub, text_model="picky-model")
    stub.script("/chat/completions", Fault.unsupported_param("temperature"))
    assert ask(provider, temperature=0.7).text == "The Keeper's Light"
    ask(provider, temperature=0.7)
    sent = [r.body.get("temperature") for r in stub.requests_to("/chat/completions")]
    assert sent == [0.7, None, None]


def test_a_gpt_image_model_gets_portrait_size_and_no_response_format(stub):
    result = provider_for(stub).image(ImageRequest("A lighthouse. There should be no text in this image."))
    assert result.data.startswith(b"\x89PNG")
    (request,) = stub.requests_to("/images/generations")
    assert request.body["model"] == "gpt-image-2.5-sunburst"
    assert request.body["size"] == "1024x1536"
    assert request.body["quality"] == "medium"
    assert "response_format" not in request.body
    # WebP, much smaller than the PNG default; a server that sends PNG anyway is fine too.
    assert request.body["output_format"] == "webp" and request.body["output_compression"] == 90


def test_the_image_format_can_be_left_to_the_server(stub):
    provider_for(stub, image_format=None).image(ImageRequest("A lighthouse."))
    body = stub.requests_to("/images/generations")[0].body
    assert "output_format" not in body and "output_compression" not in body


def test_warming_builds_the_client_once_and_never_raises(stub):
    provider = provider_for(stub)
    provider.warm()
    client = provider._client
    assert client is not None
    provider.warm()
    assert provider._client is client
    unconfigured = OpenAIProvider(text_model="m", image_model="i")  # no key and no base URL
    unconfigured.warm()  # logs; each pitch then fails with a plain message


def test_other_image_models_are_asked_for_base64(stub):
    provider_for(stub, image_model="stable-diffusion").image(ImageRequest("A lighthouse."))
    body = stub.requests_to("/images/generations")[0].body
    assert body["response_format"] == "b64_json" and "output_format" not in body


@pytest.mark.parametrize(
    "answer, message",
    [
        ({"created": 1, "data": [{"url": "http://127.0.0.1/x.png"}]}, "a link instead of the image"),
        ({"created": 1, "data": []}, "without an image"),
        ({"created": 1, "data": [{"b64_json": base64.b64encode(b"GIF89a not ours").decode()}]}, "not a PNG"),
        ({"created": 1, "data": [{"b64_json": "%%% not base64 %%%"}]}, "not valid base64"),
    ],
)
def test_unusable_image_answers_fail_clearly(stub, answer, message):
    stub.script("/images/generations", Fault.body(answer))
    with pytest.raises(ProviderError, match=message):
        provider_for(stub).image(ImageRequest("A lighthouse."))


@pytest.mark.parametrize(
    "fault, kind",
    [
        (Fault.server_error(503), "unavailable"),
        (Fault(status=401, error={"message": "bad key", "type": "invalid_request_error"}), "misconfigured"),
        (Fault(status=404, error={"message": "no such model", "type": "invalid_request_error"}), "misconfigured"),
    ],
)
def test_service_errors_become_plain_messages(stub, fault, kind):
    stub.script("/chat/completions", fault, fault)
    with pytest.raises(ProviderError) as caught:
        ask(provider_for(stub, max_retries=0))
    assert caught.value.kind == kind
    assert "test-key" not in caught.value.message


def test_selection_follows_the_settings():
    base = {
        "TEXT_MODEL": "m",
        "IMAGE_MODEL": "i",
        "IMAGE_SIZE": "1024x1536",
        "TEXT_TIMEOUT": 1,
        "IMAGE_TIMEOUT": 1,
        "MAX_RETRIES": 0,
    }
    assert select_provider(base).name == "offline"
    assert select_provider({**base, "OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}).name == "openai"
    assert select_provider({**base, "OPENAI_API_KEY": "k", "PROVIDER": "offline"}).name == "offline"
    split = select_provider({**base, "OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "IMAGE_PROVIDER": "offline"})
    assert split.name == "openai+offline-poster"
    assert (split.text_model, split.image_model) == ("m", "offline-painter")
    with pytest.raises(RuntimeError, match="OPENAI_API_KEY or OPENAI_BASE_URL"):
        select_provider({**base, "PROVIDER": "openai"})
    with pytest.raises(RuntimeError, match="MOVIEPITCH_PROVIDER"):
        select_provider({**base, "PROVIDER": "davinci"})


def test_a_whole_pitch_through_the_sdk(stub, tmp_path):
    app = make_app(
        tmp_path,
        OPENAI_BASE_URL=stub.base_url,
        PROVIDER=None,
        TEXT_MODEL="local-llama",
        IMAGE_MODEL="gpt-image-2.5-sunburst",
        TEXT_TIMEOUT=5,
        IMAGE_TIMEOUT=5,
        MAX_RETRIES=1,
    )
    client = app.test_client()
    idea = "A marine biologist falls in love with a lighthouse that can talk."
    response = submit_idea(client, idea)
    assert response.status_code == 303
    drain(app)

    doc = client.get(response.headers["Location"].replace("/p/", "/api/pitches/")).get_json()
    assert doc["status"] == "done", doc
    assert doc["provider"] == "openai"
    assert doc["models"] == {"text": "local-llama", "image": "gpt-image-2.5-sunburst"}
    assert doc["outputs"]["title"] == "The Keeper's Light"
    assert doc["outputs"]["cast"] == [
        {"character": "Nora Vale", "actor": "Saoirse Ronan"},
        {"character": "Theo Marsh", "actor": "Riz Ahmed"},
    ]
    assert doc["usage"]["images"] == 1

    chats = stub.requests_to("/chat/completions")
    assert {r.body["model"] for r in chats} == {"local-llama"}
    assert len(chats) == 4  # reply, synopsis, title, image prompt; the cast came from brackets
    for request in chats:
        last = request.body["messages"][-1]["content"]
        assert last.startswith("<") and last.rstrip().endswith(">"), "user data must be delimited"
    synopsis_call = next(r for r in chats if "synopses" in r.body["messages"][0]["content"])
    assert synopsis_call.body["messages"][-1]["content"] == f"<idea>\n{idea}\n</idea>"
    assert synopsis_call.body["stream"] is True

    (moderation,) = stub.requests_to("/moderations")
    assert moderation.body == {"model": "omni-moderation-latest", "input": idea}
    image = stub.requests_to("/images/generations")[0]
    assert image.body["prompt"].endswith("There should be no text in this image.")
    assert "response_format" not in image.body
    assert image.body["size"] == "1024x1536"
    services = app.extensions["moviepitch"]
    services.jobs.shutdown()
    services.store.engine.dispose()


def ask_capped(provider, max_tokens=60):
    messages = [{"role": "system", "content": "You write catchy movie titles."}, {"role": "user", "content": "x"}]
    return provider.text(TextRequest("title", messages, max_tokens=max_tokens))


@pytest.mark.parametrize(
    "model, param, limit",
    [
        ("local-llama", "max_tokens", 60),  # what every OpenAI-compatible server knows
        ("gpt-5.4-mini", "max_completion_tokens", 60 + REASONING_ROOM),  # reasoning needs room too
        ("o4-mini", "max_completion_tokens", 60 + REASONING_ROOM),
    ],
)
def test_every_call_carries_the_token_limit_its_model_wants(stub, model, param, limit):
    ask_capped(provider_for(stub, text_model=model))
    body = stub.requests_to("/chat/completions")[0].body
    assert body[param] == limit
    assert {"max_tokens", "max_completion_tokens"} & set(body) == {param}


def test_a_rejected_max_tokens_becomes_max_completion_tokens_and_is_remembered(stub):
    provider = provider_for(stub, text_model="newer-model")
    stub.script("/chat/completions", Fault.unsupported_param("max_tokens"))
    assert ask_capped(provider).text == "The Keeper's Light"
    ask_capped(provider)
    sent = [
        ("max_tokens" in r.body, r.body.get("max_completion_tokens")) for r in stub.requests_to("/chat/completions")
    ]
    assert sent == [(True, None), (False, 60), (False, 60)]


def test_the_model_a_server_answers_with_is_returned_and_warned_about_once(stub, caplog):
    stub.served_model = "qwen2.5-0.5b-instruct"
    provider = provider_for(stub)
    with caplog.at_level(logging.WARNING):
        assert ask(provider).model == "qwen2.5-0.5b-instruct"
        ask(provider)
    assert len([r for r in caplog.records if "MOVIEPITCH_TEXT_MODEL is 'local-llama'" in r.getMessage()]) == 1


def test_a_dated_snapshot_of_the_model_asked_for_is_no_surprise(stub, caplog):
    stub.served_model = "local-llama-2026-03-17"
    with caplog.at_level(logging.WARNING):
        ask(provider_for(stub))
    assert caplog.records == []


def test_the_deadline_covers_the_sdks_retries(stub):
    # Two stalls of 3 s against a 1 s deadline and two retries: the call ends at the deadline, not after 3 tries.
    stub.script("/chat/completions", Fault.stall(3), Fault.stall(3), Fault.stall(3))
    provider = provider_for(stub, text_timeout=1, max_retries=2)
    with pytest.raises(ProviderError) as caught:
        ask(provider)
    assert caught.value.kind == "timeout"
    assert len(stub.requests_to("/chat/completions")) == 1  # no retry was sent after the deadline


@pytest.mark.parametrize("finish, kind", [("length", "cut_off"), ("content_filter", "refused")])
def test_an_answer_that_did_not_end_by_itself_is_never_taken_as_whole(stub, finish, kind):
    stub.script("/chat/completions", Fault(finish_reason=finish), Fault(finish_reason=finish))
    for on_delta in (None, lambda text: None):  # plain, then streamed
        with pytest.raises(ProviderError) as caught:
            ask(provider_for(stub), on_delta=on_delta)
        assert caught.value.kind == kind and caught.value.partial == "The Keeper's Light"
