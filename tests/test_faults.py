"""Every kind of failure, injected into the local stub: a clear message, and nothing lost.

Each test runs a whole pitch through the real SDK with short timeouts and max_retries=1.
"""

from __future__ import annotations

import logging

import pytest
from helpers import close_app, csrf_token, drain, is_step, make_app, pitch_through, responder, steps_of
from openai_stub import Fault

EARLIER = {"reply", "synopsis", "title", "cast", "image_prompt"}
SYNOPSIS = is_step("synopses")
IMAGE_PROMPT = is_step("advertise")


@pytest.fixture
def app(stub, tmp_path):
    app = make_app(
        tmp_path,
        PROVIDER=None,
        OPENAI_API_KEY="sk-test-secret",
        OPENAI_BASE_URL=stub.base_url,
        TEXT_MODEL="local-llama",
        IMAGE_MODEL="gpt-image-2.5-sunburst",
        TEXT_TIMEOUT=0.5,
        IMAGE_TIMEOUT=0.5,
        MAX_RETRIES=1,
    )
    yield app
    close_app(app)


pitch, steps = pitch_through, steps_of


def assert_kept(doc, parts):
    for part in parts:
        assert doc["outputs"][part], f"{part} was lost"


@pytest.mark.parametrize(
    "fault",
    [
        Fault.rate_limited(retry_after=None, retry_after_ms="5"),
        Fault.rate_limited(retry_after="0.01"),
    ],
)
def test_429_is_retried_with_retry_after_then_said_busy(app, stub, client, fault):
    stub.script("/images/generations", fault, fault, fault, fault)
    slug, doc = pitch(app, client)
    assert doc["status"] == "partial"
    assert steps(doc)["poster"]["error"] == "The AI service is busy right now. Try again in a moment."
    assert_kept(doc, EARLIER)
    assert len(stub.requests_to("/images/generations")) >= 2  # the SDK retried


def test_429_once_then_success_is_invisible(app, stub, client):
    stub.script("/chat/completions", Fault.rate_limited(retry_after=None, retry_after_ms="5"), when=SYNOPSIS)
    slug, doc = pitch(app, client)
    assert doc["status"] == "done"


@pytest.mark.parametrize("status", [500, 503])
def test_server_errors_are_retried_then_failed_with_a_message(app, stub, client, status):
    # The retry comes at once: the SDK's own backoff (about 0.5 s) would race the 0.5 s deadline.
    retry_now = Fault.server_error(status, retry_after_ms="5")
    stub.script("/chat/completions", retry_now, retry_now, when=IMAGE_PROMPT)
    slug, doc = pitch(app, client)
    assert doc["status"] == "partial"
    assert steps(doc)["image_prompt"]["error"] == "The AI service had a problem on its side."
    assert steps(doc)["poster"]["state"] == "skipped"
    assert_kept(doc, {"reply", "synopsis", "title", "cast"})
    assert "The poster description step failed" in doc["failure"]


def test_a_stall_beyond_the_timeout_fails_as_a_timeout(app, stub, client):
    stub.script("/chat/completions", Fault.stall(3), Fault.stall(3), when=SYNOPSIS)
    slug, doc = pitch(app, client)
    assert doc["status"] == "failed"
    assert steps(doc)["synopsis"]["error"] == "The AI service took too long to answer."
    assert doc["outputs"]["reply"]  # written beside it, kept


@pytest.mark.parametrize(
    "fault, message",
    [
        (Fault.truncated_stream(), "cut off before it finished"),
        (Fault.malformed_stream(), "could not read"),
    ],
)
def test_broken_streams_fail_the_synopsis_clearly(app, stub, client, fault, message):
    stub.script("/chat/completions", fault, when=SYNOPSIS)
    slug, doc = pitch(app, client)
    assert doc["status"] == "failed"
    assert message in steps(doc)["synopsis"]["error"]
    assert doc["outputs"]["reply"]


def test_an_empty_answer_fails_clearly(app, stub, client):
    stub.script(
        "/chat/completions",
        Fault.body(
            {
                "id": "x",
                "object": "chat.completion",
                "created": 1,
                "model": "local-llama",
                "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": ""}}],
            }
        ),
        when=IMAGE_PROMPT,
    )
    slug, doc = pitch(app, client)
    assert steps(doc)["image_prompt"]["error"] == "The model returned an empty answer."
    assert_kept(doc, {"reply", "synopsis", "title", "cast"})


def test_base64_that_is_not_an_image_fails_the_poster(app, stub, client):
    stub.script("/images/generations", Fault.not_an_image(), Fault.not_an_image())
    slug, doc = pitch(app, client)
    assert doc["status"] == "partial"
    assert "not a PNG, WebP or JPEG" in steps(doc)["poster"]["error"]
    assert_kept(doc, EARLIER)


def test_a_plain_json_answer_to_a_streamed_image_is_retried_without_streaming(app, stub, client):
    stub.script("/images/generations", Fault.plain_json_image("1024x1536"))
    slug, doc = pitch(app, client)
    assert doc["status"] == "done"
    first, second = stub.requests_to("/images/generations")
    assert first.body["stream"] is True and "stream" not in second.body
    # Remembered for the model: the next poster is asked for without streaming at once.
    stub.reset()
    stub.chat_responder = responder
    pitch(app, client)
    assert ["stream" in r.body for r in stub.requests_to("/images/generations")] == [False]


def test_partial_images_become_the_preview_while_the_poster_is_painted(app, stub, client):
    slug, doc = pitch(app, client)
    assert doc["status"] == "done" and doc["preview"] is None
    (request,) = stub.requests_to("/images/generations")
    assert request.body["stream"] is True and request.body["partial_images"] == 2


def test_a_content_refusal_rewrites_the_description_once(app, stub, client):
    stub.script("/images/generations", Fault.moderation_blocked())
    slug, doc = pitch(app, client)
    assert doc["status"] == "done"
    assert len(doc["versions"]) >= 1 and len(stub.requests_to("/images/generations")) == 2
    rewrite = [r for r in stub.requests_to("/chat/completions") if "refused" in r.body["messages"][0]["content"]]
    assert len(rewrite) == 1


def test_a_poster_refused_twice_leaves_a_partial_pitch_and_a_retry(app, stub, client):
    stub.script("/images/generations", Fault.moderation_blocked(), Fault.moderation_blocked())
    slug, doc = pitch(app, client)
    assert doc["status"] == "partial"
    assert "refused to paint this poster" in steps(doc)["poster"]["error"]
    assert_kept(doc, EARLIER)
    assert "Try another poster" in client.get(f"/p/{slug}").get_data(as_text=True)
    assert client.post(f"/p/{slug}/retry", data={"csrf_token": csrf_token(client)}).status_code == 303
    drain(app)
    assert client.get(f"/api/pitches/{slug}").get_json()["status"] == "done"


def test_a_flagged_idea_is_refused_before_any_synopsis_is_paid_for(app, stub, client):
    stub.flag_moderation = lambda text: "lighthouse" in text
    slug, doc = pitch(app, client)
    assert doc["status"] == "refused"
    assert "flagged by the content check (violence)" in doc["error"]
    assert not [r for r in stub.requests_to("/chat/completions") if SYNOPSIS(r.body)]
    assert "Retry" not in client.get(f"/p/{slug}").get_data(as_text=True)


def test_a_server_without_moderations_skips_the_check_and_says_so_once(app, stub, client, caplog):
    stub.script("/moderations", Fault(status=404, error={"message": "Not found", "type": "invalid_request_error"}))
    with caplog.at_level(logging.WARNING):
        slug, doc = pitch(app, client)
        pitch(app, client)
    assert doc["status"] == "done"
    assert len(stub.requests_to("/moderations")) == 1
    assert sum("no moderations endpoint" in r.message for r in caplog.records) == 1


@pytest.mark.parametrize("status", [401, 403])
def test_bad_credentials_say_misconfigured_and_never_show_the_key(app, stub, client, caplog, status):
    fault = Fault(
        status=status, error={"message": "Incorrect API key provided: sk-test-secret", "type": "invalid_request_error"}
    )
    stub.script("/moderations", fault)
    with caplog.at_level(logging.INFO):
        slug, doc = pitch(app, client)
    assert doc["status"] == "failed"
    assert steps(doc)["check"]["error"] == "The AI service is misconfigured, so this step could not run."
    page = client.get(f"/p/{slug}").get_data(as_text=True)
    assert "sk-test-secret" not in page and "sk-test-secret" not in str(doc)
    assert "OPENAI_API_KEY" in caplog.text and "sk-test-secret" not in caplog.text


def test_an_unknown_model_names_the_setting_in_the_log(app, stub, client, caplog):
    fault = Fault(
        status=404,
        error={
            "message": "The model `local-llama` does not exist",
            "type": "invalid_request_error",
            "code": "model_not_found",
        },
    )
    stub.script("/chat/completions", fault, when=SYNOPSIS)
    with caplog.at_level(logging.INFO):
        slug, doc = pitch(app, client)
    assert steps(doc)["synopsis"]["error"] == "The AI service does not have the model it was asked for."
    assert "MOVIEPITCH_TEXT_MODEL" in caplog.text and "gpt-5-mini" in caplog.text  # a model the server lists


def test_an_error_to_a_streamed_image_request_is_retried_without_streaming(app, stub, client):
    refusal_to_stream = Fault(
        status=400,
        error={
            "message": "Unknown parameter: 'partial_images'.",
            "type": "invalid_request_error",
            "param": "partial_images",
            "code": "unknown_parameter",
        },
    )
    stub.script("/images/generations", refusal_to_stream, when=lambda body: body.get("stream") is True)
    slug, doc = pitch(app, client)
    assert doc["status"] == "done"
    assert [r.body.get("stream", False) for r in stub.requests_to("/images/generations")] == [True, False]
