"""The stub plays the servers people really run (llama.cpp with small models, test servers with faults).

One test per row: the pitch's status, the message a visitor reads, and what the log tells the operator.
"""

from __future__ import annotations

import logging
import socket

import pytest
from helpers import STUB_SYNOPSIS, close_app, is_step, make_app, pitch_through, responder, steps_of
from openai_stub import ENDLESS_PIECE, Fault

from moviepitch.chain import prompts

SYNOPSIS, TITLE, CAST = is_step("synopses"), is_step("catchy movie titles"), is_step("List the main characters")
IMAGE_PROMPT, REPLY = is_step("advertise"), is_step("studio boss")
MARKERS = {"synopsis": SYNOPSIS, "title": TITLE, "cast": CAST, "image_prompt": IMAGE_PROMPT, "reply": REPLY}


@pytest.fixture
def open_app(stub, tmp_path, caplog):
    """Builds an app against the stub (logging from its start), closing every one it built."""
    built = []

    def build(**config):
        settings = dict(
            PROVIDER=None,
            OPENAI_BASE_URL=stub.base_url,
            TEXT_MODEL="local-llama",
            IMAGE_MODEL="gpt-image-2.5-sunburst",
            TEXT_TIMEOUT=3,
            IMAGE_TIMEOUT=3,
            MAX_RETRIES=0,
        )
        caplog.set_level(logging.INFO)
        built.append(make_app(tmp_path, **{**settings, **config}))
        return built[-1]

    yield build
    for app in built:
        close_app(app)


def pitch(app):
    return pitch_through(app, app.test_client())


def step_of(body: dict) -> str:
    return next(name for name, marker in MARKERS.items() if marker(body))


def logged(caplog, *words) -> bool:
    """True when one warning or error in the log names every one of `words`."""
    return any(all(word in r.getMessage() for word in words) for r in caplog.records if r.levelno >= logging.WARNING)


def test_a_one_request_at_a_time_server_gets_one_request_at_a_time_in_critical_path_order(open_app, stub, caplog):
    stub.one_at_a_time = True
    app = open_app()
    slug, doc = pitch(app)
    assert doc["status"] == "done" and doc["failure"] is None
    assert stub.most_at_once == 1
    order = [step_of(r.body) for r in stub.requests_to("/chat/completions")]
    assert order == ["synopsis", "image_prompt", "title", "reply"]  # the cast came from the brackets
    paths = [r.path for r in stub.requests]
    last_text = max(i for i, path in enumerate(paths) if path == "/v1/chat/completions")
    assert paths.index("/v1/images/generations") > last_text  # the poster waits its turn on the same server
    assert sum("MOVIEPITCH_TEXT_CONCURRENCY" in r.getMessage() for r in caplog.records) == 1
    assert logged(caplog, stub.base_url, "local server", "1 text call")


def test_an_answer_that_never_stops_is_cut_at_the_steps_token_limit(open_app, stub, caplog):
    stub.script("/chat/completions", Fault.never_stops(), when=SYNOPSIS)
    slug, doc = pitch(open_app())
    assert doc["status"] == "failed"
    assert steps_of(doc)["synopsis"]["error"] == "The model's answer was cut off at its length limit. Try again."
    (asked,) = [r for r in stub.requests_to("/chat/completions") if SYNOPSIS(r.body)]
    assert asked.body["max_tokens"] == prompts.MAX_TOKENS["synopsis"]
    assert doc["drafts"] == ["synopsis"] and doc["outputs"]["synopsis"].startswith(ENDLESS_PIECE.strip())
    assert logged(caplog, "700 tokens", "MOVIEPITCH_TEXT_MODEL")


def test_an_answer_that_ignores_the_limit_is_stopped_at_the_deadline_and_its_stream_closed(open_app, stub, caplog):
    stub.script("/chat/completions", Fault.never_stops(honour_limit=False), when=SYNOPSIS)
    slug, doc = pitch(open_app(TEXT_TIMEOUT=1))
    assert doc["status"] == "failed"
    assert steps_of(doc)["synopsis"]["error"] == "The AI service took too long to answer."
    assert doc["drafts"] == ["synopsis"] and doc["outputs"]["synopsis"]
    assert len([r for r in stub.requests_to("/chat/completions") if SYNOPSIS(r.body)]) == 1
    stub.stopping.wait(0.2)  # the stub's next write finds the connection closed
    assert stub.hangups == 1, "the stream was left open, so the server would go on generating"
    assert logged(caplog, "still answering after 1 s", "MOVIEPITCH_TEXT_TIMEOUT")


def test_finish_reason_length_fails_the_step_and_is_never_marked_done(open_app, stub, caplog):
    stub.script("/chat/completions", Fault.length_limit(), when=TITLE)
    slug, doc = pitch(open_app())
    assert doc["status"] == "partial"
    assert steps_of(doc)["title"]["state"] == "failed"
    assert steps_of(doc)["title"]["error"] == "The model's answer was cut off at its length limit. Try again."
    assert doc["outputs"]["title"] is None
    assert doc["failure"] == "The title step failed: The model's answer was cut off at its length limit. Try again."
    assert logged(caplog, "60 tokens", "MOVIEPITCH_TEXT_MODEL")


def test_chat_template_tokens_are_stripped_and_a_title_that_is_one_fails(open_app, stub, caplog):
    def mismatched_template(body):
        if TITLE(body):
            return "<<SYS>>"
        if SYNOPSIS(body):
            return f"[/INST] {STUB_SYNOPSIS} </idea>"
        return responder(body)

    stub.chat_responder = mismatched_template
    slug, doc = pitch(open_app())
    assert doc["status"] == "partial"
    assert doc["outputs"]["synopsis"] == STUB_SYNOPSIS
    assert steps_of(doc)["title"]["error"] == (
        "The model's answer was not usable: it was empty once chat-template "
        "markup was taken out. Try again, or use another model."
    )
    assert doc["outputs"]["title"] is None and doc["missing"]["title"].startswith("No title.")
    assert logged(caplog, "chat template", "MOVIEPITCH_TEXT_MODEL")


def test_a_cast_copied_from_the_worked_example_is_not_used(open_app, stub, caplog):
    def copycat(body):
        if SYNOPSIS(body):
            return "On a drowned coast, a lighthouse keeper hears the lamp speak, and the sea answers."
        if CAST(body):
            return "Maverick: Tom Cruise\nIceman: Val Kilmer\nCharlotte Blackwood: Kelly McGillis"
        return responder(body)

    stub.chat_responder = copycat
    slug, doc = pitch(open_app())
    assert doc["status"] == "partial"
    assert steps_of(doc)["cast"]["error"].startswith(
        "The model's answer was not usable: it named the worked example's cast"
    )
    assert doc["outputs"]["cast"] == []
    assert logged(caplog, "worked example", "MOVIEPITCH_TEXT_MODEL")


def test_a_synopsis_copied_from_the_worked_example_is_taken_back(open_app, stub, caplog):
    stub.chat_responder = lambda body: prompts.TOP_GUN_SYNOPSIS if SYNOPSIS(body) else responder(body)
    slug, doc = pitch(open_app())
    assert doc["status"] == "failed"
    assert "it repeated the worked example" in steps_of(doc)["synopsis"]["error"]
    assert doc["outputs"]["synopsis"] is None and doc["drafts"] == []
    assert doc["missing"]["synopsis"].startswith("No synopsis. The model's answer was not usable")
    assert logged(caplog, "worked example", "MOVIEPITCH_TEXT_MODEL")


def test_names_are_taken_out_of_the_poster_description_before_painting(open_app, stub):
    stub.chat_responder = lambda body: (
        "Nora Vale (Saoirse Ronan) stands on black rocks as Theo Marsh watches from a boat."
        if IMAGE_PROMPT(body)
        else responder(body)
    )
    slug, doc = pitch(open_app())
    assert doc["status"] == "done"
    (painted,) = stub.requests_to("/images/generations")
    for name in ("Nora", "Vale", "Saoirse", "Ronan", "Theo", "Marsh"):
        assert name not in painted.body["prompt"] and name not in doc["outputs"]["image_prompt"]
    assert painted.body["prompt"].startswith("A figure stands on black rocks as a figure watches")


def test_a_server_without_an_images_endpoint_names_the_offline_painter(open_app, stub, caplog):
    stub.missing_paths.add("/v1/images/generations")
    slug, doc = pitch(open_app())
    assert doc["status"] == "partial"
    assert steps_of(doc)["poster"]["error"] == "The AI service cannot paint posters."
    assert doc["missing"]["poster"] == "No poster. The AI service cannot paint posters."
    assert logged(caplog, "no images endpoint", "MOVIEPITCH_IMAGE_PROVIDER=offline")
    assert not logged(caplog, "MOVIEPITCH_IMAGE_MODEL")


def test_a_base_url_without_v1_suggests_the_v1_form(open_app, stub, caplog):
    slug, doc = pitch(open_app(OPENAI_BASE_URL=stub.base_url.removesuffix("/v1")))
    assert doc["status"] == "failed"
    assert steps_of(doc)["check"]["error"] == "The AI service is misconfigured, so this step could not run."
    assert doc["failure"].startswith("We could not write this pitch. The content check step failed")
    assert logged(caplog, f"OPENAI_BASE_URL={stub.base_url}")


def test_a_stream_dropped_mid_answer_is_told_apart_from_no_server(open_app, stub, caplog):
    stub.script("/chat/completions", Fault.dropped_stream(), when=SYNOPSIS)
    slug, doc = pitch(open_app())
    assert doc["status"] == "failed"
    assert steps_of(doc)["synopsis"]["error"] == "The AI service stopped answering partway through."
    assert doc["drafts"] == ["synopsis"]
    assert doc["outputs"]["synopsis"] == "On a drowned coast, lighthouse keeper Nora"
    assert logged(caplog, stub.base_url, "closed the connection")


@pytest.fixture
def closed_port():
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_nothing_listening_names_the_address_and_setting_for_operators_only(open_app, closed_port, caplog):
    url = f"http://127.0.0.1:{closed_port}/v1"
    app = open_app(OPENAI_BASE_URL=url)
    owner = app.test_client()
    slug, doc = pitch_through(app, owner)
    assert doc["status"] == "failed"
    assert steps_of(doc)["check"]["error"] == "The AI service could not be reached."
    assert url not in str(doc)
    assert url not in app.test_client().get(f"/p/{slug}").get_data(as_text=True)  # a visitor
    page = owner.get(f"/p/{slug}").get_data(as_text=True)
    assert f"Nothing answered at {url}" in page and "OPENAI_BASE_URL" in page
    assert logged(caplog, f"Nothing answered at {url}", "OPENAI_BASE_URL")


def test_a_server_answering_with_another_model_is_recorded_and_warned_about_once(open_app, stub, caplog):
    stub.served_model = "/models/qwen2.5-0.5b-instruct-q4_k_m.gguf"
    app = open_app()
    slug, doc = pitch(app)
    pitch(app)
    assert doc["status"] == "done"
    assert steps_of(doc)["synopsis"]["model"] == "qwen2.5-0.5b-instruct-q4_k_m"
    assert doc["models"] == {"text": "qwen2.5-0.5b-instruct-q4_k_m", "image": "gpt-image-2.5-sunburst"}
    warnings = [r for r in caplog.records if "answered with model" in r.getMessage()]
    assert len(warnings) == 1 and "MOVIEPITCH_TEXT_MODEL" in warnings[0].getMessage()
    page = app.test_client().get(f"/p/{slug}").get_data(as_text=True)
    assert "written with <strong>qwen2.5-0.5b-instruct-q4_k_m</strong>" in page
    assert "/models/" not in page
