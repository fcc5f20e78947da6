"""How failures reach people: the headline, the owner's list, the placeholders, the CLI, and clean saved text."""

from __future__ import annotations

import re
import threading

import pytest
from fakes import ScriptedProvider
from helpers import close_app, is_step, make_app, pitch_through, responder

from moviepitch.chain import pipeline
from moviepitch.providers import ProviderError

PLACEHOLDERS = ("Title coming…", "Casting…", "Writing…")


def permalink_slug(output: str) -> str:
    """The slug in the CLI's "Permalink: …/p/<slug>" line (a path or a full link)."""
    return re.search(r"Permalink: \S*/p/(\S+)", output).group(1)


UNREACHABLE = ProviderError(
    "The AI service could not be reached.",
    kind="unavailable",
    hint="Nothing answered at http://127.0.0.1:9/v1: start the server there (OPENAI_BASE_URL).",
)


@pytest.mark.parametrize("provider", [ScriptedProvider({"reply": UNREACHABLE})])
def test_the_boss_reply_failing_alone_leaves_the_pitch_done_and_the_cli_warns(runner, app, provider):
    result = runner.invoke(args=["pitch", "A boxer must win one last fight."])
    assert result.exit_code == 0, result.output
    assert (
        "Warning: the pitch is done, but the boss's reply step failed: The AI service could not be reached."
        in result.output
    )
    assert "Nothing answered at http://127.0.0.1:9/v1" in result.output  # the operator's hint
    slug = permalink_slug(result.output)
    doc = app.test_client().get(f"/api/pitches/{slug}").get_json()
    assert doc["status"] == "done" and doc["failure"] is None and doc["error"] is None
    assert doc["missing"] == {"reply": "No reply from the boss. The AI service could not be reached."}
    assert "No reply from the boss." in app.test_client().get(f"/p/{slug}").get_data(as_text=True)


def test_the_headline_names_the_step_that_failed_first_in_time(store):
    """The cast comes before the poster in the chain, but here the poster fails first: it is the headline."""
    poster_failed = threading.Event()

    def poster(request):
        poster_failed.set()
        raise ProviderError("The AI service cannot paint posters.", kind="no_endpoint")

    def cast(request):
        assert poster_failed.wait(5)
        raise ProviderError("The model did not name a cast.", kind="bad_output")

    provider = ScriptedProvider({"synopsis": "A safecracker returns for one last job.", "cast": cast}, image=poster)
    provider.text_concurrency = 1  # the poster (a separate painter) goes side by side with title and cast
    slug = store.create_pitch("A heist.", "owner-1", provider.name, {"text": "t", "image": "i"})
    assert pipeline.run_pitch(store, provider, slug) == "partial"
    assert store.view(slug).error == "The poster step failed: The AI service cannot paint posters."


def test_every_failed_step_and_its_hint_is_on_the_owners_view_only(tmp_path):
    provider = ScriptedProvider(
        {"title": UNREACHABLE, "cast": UNREACHABLE, "synopsis": "A safecracker returns for one last job."}
    )
    app = make_app(tmp_path, provider)
    owner = app.test_client()
    slug, doc = pitch_through(app, owner)
    assert doc["status"] == "partial"
    assert doc["failure"].endswith("step failed: The AI service could not be reached.")
    page = owner.get(f"/p/{slug}").get_data(as_text=True)
    assert "<strong>Title</strong>: The AI service could not be reached." in page
    assert "<strong>Cast</strong>: The AI service could not be reached." in page
    assert page.count("For you as the operator: Nothing answered at http://127.0.0.1:9/v1") == 2
    visitor = app.test_client().get(f"/p/{slug}").get_data(as_text=True)
    assert "127.0.0.1:9" not in visitor and "For you as the operator" not in visitor
    assert "127.0.0.1:9" not in str(doc)
    close_app(app)


@pytest.mark.parametrize("provider", [ScriptedProvider({"synopsis": UNREACHABLE})])
def test_a_failed_pitch_says_what_happened_in_place_of_its_placeholders(client, app, provider):
    slug, doc = pitch_through(app, client)
    assert doc["status"] == "failed"
    assert doc["missing"]["title"] == "No title. The synopsis step did not finish."
    assert doc["missing"]["synopsis"] == "No synopsis. The AI service could not be reached."
    assert doc["models"] == {"text": "scripted-text"}  # the reply's model; no poster was made by anyone
    page = client.get(f"/p/{slug}").get_data(as_text=True)
    for placeholder in PLACEHOLDERS:
        assert placeholder not in page
    assert "No cast. The synopsis step did not finish." in page


@pytest.mark.parametrize(
    "provider",
    [
        ScriptedProvider(
            {
                "synopsis": ProviderError(
                    "The model's answer was cut off at its length limit. Try again.",
                    kind="cut_off",
                    partial="A safecracker returns for one last",
                )
            }
        )
    ],
)
def test_a_cut_off_synopsis_stays_as_a_draft_and_nothing_builds_on_it(client, app, provider):
    slug, doc = pitch_through(app, client)
    assert doc["status"] == "failed" and doc["drafts"] == ["synopsis"]
    assert doc["outputs"]["synopsis"] == "A safecracker returns for one last"
    assert doc["outputs"]["synopsis_complete"] is False
    page = client.get(f"/p/{slug}").get_data(as_text=True)
    assert "A draft: the model's answer stopped here" in page
    assert "New title" not in page  # a title is never made from a draft


def test_an_escape_sequence_in_a_title_never_reaches_the_saved_text_or_the_terminal(stub, tmp_path):
    osc = "\x1b]0;owned terminal\x07"
    stub.chat_responder = lambda body: (
        f"{osc}The Keeper's \x1b[31mLight\x1b[0m\x9b2J" if is_step("catchy")(body) else responder(body)
    )
    app = make_app(
        tmp_path,
        PROVIDER=None,
        OPENAI_BASE_URL=stub.base_url,
        TEXT_MODEL="local-llama",
        IMAGE_MODEL="gpt-image-2.5-sunburst",
        TEXT_TIMEOUT=3,
        IMAGE_TIMEOUT=3,
        MAX_RETRIES=0,
    )
    result = app.test_cli_runner().invoke(args=["pitch", "A marine biologist falls in love with a lighthouse."])
    assert result.exit_code == 0, result.output
    assert "The Keeper's Light" in result.output
    assert "\x1b" not in result.output and "\x07" not in result.output and "\x9b" not in result.output
    slug = permalink_slug(result.output)
    assert app.extensions["moviepitch"].store.view(slug).text("title") == "The Keeper's Light"
    close_app(app)


def test_one_text_call_at_a_time_in_critical_path_order(store):
    running, most = [], []
    lock = threading.Lock()

    def answer(task, text):
        def write(request):
            with lock:
                running.append(task)
                most.append(len(running))
            try:
                return text
            finally:
                with lock:
                    running.remove(task)

        return write

    provider = ScriptedProvider(
        {
            "synopsis": answer("synopsis", "A safecracker returns for one last job."),
            "reply": answer("reply", "Love it."),
            "title": answer("title", "The Vault"),
            "cast": answer("cast", "Vera Lund: Cate Blanchett"),
            "image_prompt": answer("image_prompt", "A glowing vault door."),
        }
    )
    provider.text_concurrency = 1
    slug = store.create_pitch("A heist.", "owner-1", provider.name, {"text": "t", "image": "i"})
    assert pipeline.run_pitch(store, provider, slug) == "done"
    text_tasks = [task for task in provider.tasks() if task != "poster"]
    assert text_tasks == ["synopsis", "image_prompt", "title", "cast", "reply"]
    assert max(most) == 1
