"""The OpenAI stub speaks enough of the protocol for the real SDK, over real HTTP."""

import base64
import io
import time

import openai
import pytest
from openai.types import ImageGenCompletedEvent, ImageGenPartialImageEvent
from openai_stub import DEFAULT_TEXT, Fault, OpenAIStub
from PIL import Image, UnidentifiedImageError


@pytest.fixture
def stub():
    with OpenAIStub() as server:
        yield server


def client_for(stub, **kwargs):
    options = {"api_key": "test-key", "base_url": stub.base_url, "max_retries": 0, "timeout": 5} | kwargs
    return openai.OpenAI(**options)


def decode_image(b64):
    return Image.open(io.BytesIO(base64.b64decode(b64)))


def chat_stream(stub):
    messages = [{"role": "user", "content": "hi"}]
    return client_for(stub).chat.completions.create(model="m", messages=messages, stream=True)


def test_chat_completion_returns_responder_text_and_usage(stub):
    stub.chat_responder = lambda body: f"Echo: {body['messages'][-1]['content']}"
    messages = [{"role": "user", "content": "pitch me a heist"}]

    result = client_for(stub).chat.completions.create(model="gpt-5-mini", messages=messages)

    assert result.choices[0].message.content == "Echo: pitch me a heist"
    assert result.choices[0].finish_reason == "stop"
    assert result.model == "gpt-5-mini"
    assert result.usage.total_tokens == result.usage.prompt_tokens + result.usage.completion_tokens > 0
    [request] = stub.requests_to("/chat/completions")
    assert (request.method, request.path) == ("POST", "/v1/chat/completions")
    assert request.body["model"] == "gpt-5-mini"
    assert request.body["messages"] == messages
    assert request.headers["authorization"] == "Bearer test-key"


def test_default_responder_names_a_performer(stub):
    result = client_for(stub).chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])

    assert result.choices[0].message.content == DEFAULT_TEXT
    assert "(Jamie Stone)" in DEFAULT_TEXT


def test_streamed_chat_joins_to_responder_text_with_usage_last(stub):
    text = "  A retired  safecracker\nhas one last job, and it goes wrong. "
    stub.chat_responder = lambda body: text

    chunks = list(
        client_for(stub).chat.completions.create(
            model="gpt-5-mini",
            messages=[{"role": "user", "content": "go"}],
            stream=True,
            stream_options={"include_usage": True},
        )
    )

    assert chunks[0].choices[0].delta.role == "assistant"
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == text
    assert len([c for c in chunks if c.choices and c.choices[0].delta.content]) > 3  # really split up
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    assert chunks[-1].choices == [] and chunks[-1].usage.completion_tokens > 0
    assert all(c.usage is None for c in chunks[:-1])
    assert stub.requests_to("/chat/completions")[0].body["stream"] is True


def test_streamed_chat_without_include_usage_sends_no_usage_chunk(stub):
    chunks = list(
        client_for(stub).chat.completions.create(model="m", messages=[{"role": "user", "content": "go"}], stream=True)
    )

    assert all(c.choices for c in chunks)
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == DEFAULT_TEXT


def test_image_generation_returns_png_of_requested_size(stub):
    result = client_for(stub).images.generate(model="gpt-image-2", prompt="x", size="1024x1536")

    image = Image.open(io.BytesIO(base64.b64decode(result.data[0].b64_json)))
    assert (image.format, image.size) == ("PNG", (1024, 1536))
    assert result.usage.total_tokens > 0
    assert stub.requests_to("/images/generations")[0].body["size"] == "1024x1536"


def test_image_generation_honours_other_sizes(stub):
    result = client_for(stub).images.generate(model="gpt-image-2", prompt="x", size="1024x1024")

    assert Image.open(io.BytesIO(base64.b64decode(result.data[0].b64_json))).size == (1024, 1024)


def test_moderation_is_not_flagged(stub):
    result = client_for(stub).moderations.create(model="omni-moderation-latest", input="hi")

    assert result.results[0].flagged is False
    assert result.model == "omni-moderation-latest"


def test_models_list_and_unknown_path_404(stub):
    client = client_for(stub)

    assert "gpt-image-2" in [m.id for m in client.models.list()]
    with pytest.raises(openai.NotFoundError) as excinfo:
        client.post("/nowhere", cast_to=object, body={})
    assert excinfo.value.body["type"] == "invalid_request_error"


def test_rate_limit_then_success_is_retried(stub):
    stub.script("/chat/completions", Fault.rate_limited(retry_after="0"))

    result = client_for(stub, max_retries=1).chat.completions.create(
        model="m", messages=[{"role": "user", "content": "hi"}]
    )

    assert result.choices[0].message.content == DEFAULT_TEXT
    assert len(stub.requests_to("/chat/completions")) == 2


def test_retry_after_ms_is_honoured_quickly(stub):
    # retry-after: 0 makes the SDK fall back to its ~0.5 s backoff; retry-after-ms does not.
    stub.script("/chat/completions", Fault.rate_limited(retry_after=None, retry_after_ms="1"))
    started = time.monotonic()

    client_for(stub, max_retries=1).chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])

    assert time.monotonic() - started < 0.3
    assert len(stub.requests) == 2


def test_scripted_server_error_without_retries_raises(stub):
    stub.script("/chat/completions", Fault.server_error(500))

    with pytest.raises(openai.InternalServerError):
        client_for(stub).chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
    # The script is used up, so the next request gets the default answer.
    assert (
        client_for(stub)
        .chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
        .choices[0]
        .message.content
        == DEFAULT_TEXT
    )


def test_stall_longer_than_client_timeout_raises_timeout(stub):
    stub.script("/images/generations", Fault.stall(2))
    started = time.monotonic()

    with pytest.raises(openai.APITimeoutError):
        client_for(stub, timeout=0.5).images.generate(model="gpt-image-2", prompt="x")

    assert time.monotonic() - started < 1.5
    # The abandoned handler must not take the server down with it.
    assert client_for(stub).moderations.create(input="hi").results[0].flagged is False


def test_unsupported_parameter_raises_bad_request_naming_it(stub):
    stub.script("/chat/completions", Fault.unsupported_param("temperature"))

    with pytest.raises(openai.BadRequestError) as excinfo:
        client_for(stub).chat.completions.create(
            model="m", messages=[{"role": "user", "content": "hi"}], temperature=0.2
        )

    assert excinfo.value.body["param"] == "temperature"
    assert excinfo.value.code == "unsupported_parameter"
    assert "temperature" in str(excinfo.value)


def test_dict_actions_literal_json_and_raw_bodies(stub):
    stub.script("/images/generations", {"json": {"created": 1, "data": [{"url": "https://example.invalid/a.png"}]}})
    good = b'data: {"id": "x", "object": "chat.completion.chunk", "created": 1, "model": "m", '
    good += b'"choices": [{"index": 0, "delta": {"content": "Half a"}, "finish_reason": null}]}\n\n'
    stub.script("/chat/completions", Fault.raw(good + b'data: {"id": "x", "choi'))
    client = client_for(stub)

    assert client.images.generate(model="gpt-image-2", prompt="x").data[0].b64_json is None
    chunks = list(client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}], stream=True))
    # The SDK silently drops the unterminated event: callers must notice the missing finish_reason.
    assert [c.choices[0].delta.content for c in chunks] == ["Half a"]
    assert chunks[-1].choices[0].finish_reason is None


def test_reset_clears_records_scripts_and_responder(stub):
    stub.chat_responder = lambda body: "custom"
    stub.script("/moderations", Fault.server_error())
    client_for(stub).models.list()

    stub.reset()

    assert stub.requests == []
    assert client_for(stub).moderations.create(input="hi").results[0].flagged is False
    assert stub.chat_responder({}) == DEFAULT_TEXT


def test_streamed_image_yields_partial_images_then_the_completed_image(stub):
    events = list(
        client_for(stub).images.generate(
            model="gpt-image-2", prompt="a lighthouse at dusk", size="1024x1536", stream=True, partial_images=2
        )
    )

    *partials, completed = events
    assert [type(e) for e in partials] == [ImageGenPartialImageEvent] * 2
    assert [e.partial_image_index for e in partials] == [0, 1]
    assert all(e.type == "image_generation.partial_image" and e.size == "1024x1536" for e in partials)
    previews = [decode_image(e.b64_json) for e in partials]
    assert [(p.format, p.size) for p in previews] == [("PNG", (256, 384))] * 2
    assert previews[0].tobytes() != previews[1].tobytes()  # each preview looks different
    assert isinstance(completed, ImageGenCompletedEvent) and completed.type == "image_generation.completed"
    final = decode_image(completed.b64_json)
    assert (final.format, final.size) == ("PNG", (1024, 1536))
    assert (completed.output_format, completed.size, completed.background, completed.quality) == (
        "png",
        "1024x1536",
        "opaque",
        "medium",
    )
    usage = completed.usage
    assert usage.total_tokens == usage.input_tokens + usage.output_tokens and usage.output_tokens > 0
    assert usage.input_tokens_details.text_tokens == usage.input_tokens == 4
    assert stub.requests_to("/images/generations")[0].body["partial_images"] == 2


def test_streamed_image_without_partials_yields_only_the_completed_image(stub):
    events = list(
        client_for(stub).images.generate(
            model="gpt-image-2", prompt="x", size="1024x1024", quality="high", stream=True, partial_images=0
        )
    )

    assert [type(e) for e in events] == [ImageGenCompletedEvent]
    assert decode_image(events[0].b64_json).size == (1024, 1024)
    assert events[0].quality == "high"


def test_flag_moderation_flags_matching_inputs_and_reset_restores_it(stub):
    stub.flag_moderation = lambda text: "knife" in text

    results = client_for(stub).moderations.create(input=["a picnic", "a knife fight"]).results

    assert [r.flagged for r in results] == [False, True]
    assert results[1].categories.violence is True
    assert not any(v for k, v in results[1].categories.to_dict().items() if k != "violence")
    assert results[1].category_scores.violence > 0.5 > results[0].category_scores.violence
    assert results[1].category_applied_input_types.violence == ["text"]
    stub.reset()
    assert client_for(stub).moderations.create(input="a knife fight").results[0].flagged is False


def test_scripted_moderation_fault_still_wins_over_the_flagger(stub):
    stub.flag_moderation = lambda text: True
    stub.script("/moderations", Fault(status=404, error={"message": "no moderations", "type": "invalid_request_error"}))

    with pytest.raises(openai.NotFoundError):
        client_for(stub).moderations.create(input="hi")
    assert client_for(stub).moderations.create(input="hi").results[0].flagged is True


def test_moderation_blocked_raises_bad_request_with_its_code(stub):
    stub.script("/images/generations", Fault.moderation_blocked())

    with pytest.raises(openai.BadRequestError) as excinfo:
        client_for(stub).images.generate(model="gpt-image-2", prompt="something forbidden")

    assert excinfo.value.code == "moderation_blocked"
    assert excinfo.value.type == "image_generation_user_error"
    assert "safety system" in excinfo.value.message


def test_truncated_stream_ends_without_a_finish_reason(stub):
    stub.script("/chat/completions", Fault.truncated_stream())

    chunks = list(chat_stream(stub))

    # Role chunk plus two content chunks, as the real stream starts; then it just stops, quietly.
    assert chunks[0].choices[0].delta.role == "assistant" and chunks[0].model == "gpt-5-mini"
    assert "".join(c.choices[0].delta.content for c in chunks) == "Detective Ray Cole (Jamie Stone) chases "
    assert [c.choices[0].finish_reason for c in chunks] == [None, None, None]


def test_malformed_stream_raises_json_error_mid_iteration(stub):
    stub.script("/chat/completions", Fault.malformed_stream())
    received = []

    with pytest.raises(ValueError):  # json.JSONDecodeError, straight from the SDK's SSE parsing
        for chunk in chat_stream(stub):
            received.append(chunk.choices[0].delta.content)

    assert received == ["Half a"]


def test_not_an_image_decodes_to_html(stub):
    stub.script("/images/generations", Fault.not_an_image())

    result = client_for(stub).images.generate(model="gpt-image-2", prompt="x")

    assert base64.b64decode(result.data[0].b64_json).startswith(b"<html>")
    with pytest.raises(UnidentifiedImageError):
        decode_image(result.data[0].b64_json)


def test_plain_json_answer_to_a_streamed_image_request_yields_no_events(stub):
    stub.script("/images/generations", Fault.plain_json_image())

    stream = client_for(stub).images.generate(model="gpt-image-2", prompt="x", stream=True, partial_images=1)
    events = list(stream)

    # With stream=True the SDK parses the body as SSE whatever its content type. A one-line JSON document
    # has no `data:` field and no blank line ending an event, so the decoder dispatches nothing: the
    # stream ends silently, with no completed event and no error. Callers must treat that as a failure.
    assert isinstance(stream, openai.Stream)
    assert events == []
