"""Fine-tuning end to end through the real SDK against the stub: export liked pitches as chat-format JSONL, start
a job, watch it, cancel one, and put the tuned model on the synopsis step."""

from __future__ import annotations

import json

import pytest
from fakes import ScriptedProvider
from helpers import close_app, drain, is_step, make_app, stub_app
from openai_stub import Fault

from moviepitch.chain import pipeline
from moviepitch.chain.prompts import synopsis_messages
from moviepitch.providers import ProviderError
from moviepitch.studio import dataset, tuning


@pytest.fixture
def tuning_app(tmp_path, stub):
    """An app that makes pitches offline and fine-tunes against the stub."""
    app = make_app(tmp_path, OPENAI_BASE_URL=stub.base_url, PROVIDER="offline", MAX_RETRIES=0)
    yield app
    close_app(app)


def make_pitches(app, count, *, publish=True, liked_by=0, answers=None) -> list[str]:
    """Finished pitches from the scripted provider, published and liked by `liked_by` visitors."""
    store = app.extensions["moviepitch"].store
    slugs = []
    for n in range(count):
        provider = ScriptedProvider(answers)
        slug = store.create_pitch(f"Pitch idea number {n}: a mole becomes mayor.", "o", provider.name, {})
        pipeline.run_pitch(store, provider, slug)
        if publish:
            store.publish(store.pitch_id(slug), True)
        for visitor in range(liked_by):
            store.like(store.pitch_id(slug), f"visitor-{visitor}")
        slugs.append(slug)
    return slugs


def read_jsonl(path) -> list[dict]:
    return [json.loads(line) for line in open(path, encoding="utf-8")]


def test_export_writes_the_synopsis_steps_prompt_idea_and_answer(tuning_app, tmp_path):
    make_pitches(tuning_app, 11)
    out = tmp_path / "train.jsonl"
    result = tuning_app.test_cli_runner().invoke(args=["finetune", "export", str(out)])
    assert result.exit_code == 0, result.output
    assert "Wrote 11 examples" in result.output and "training tokens" in result.output and "Ready" in result.output
    examples = read_jsonl(out)
    assert len(examples) == 11 and len(out.read_text().splitlines()) == 11
    idea = "Pitch idea number 0: a mole becomes mayor."
    system, user, assistant = examples[0]["messages"]
    assert system == synopsis_messages(idea)[0] and user == synopsis_messages(idea)[-1]
    assert "<idea>" in user["content"] and idea in user["content"]
    assert assistant["role"] == "assistant" and "(Cate Blanchett)" in assistant["content"]
    assert dataset.check_file(out).ok


def test_export_filters_and_leaves_out_what_cannot_teach(tuning_app, tmp_path):
    liked_twice = make_pitches(tuning_app, 10, liked_by=2)
    make_pitches(tuning_app, 3, liked_by=1)
    make_pitches(tuning_app, 2)  # published, not liked
    make_pitches(tuning_app, 2, publish=False)
    cut_off = ProviderError("cut off", kind="cut_off", partial="On a drowned coast, the keeper")
    make_pitches(tuning_app, 1, publish=False, answers={"synopsis": cut_off})  # failed, with a draft synopsis
    make_pitches(tuning_app, 1, publish=False, answers={"title": ProviderError("nope")})  # partial: no title
    store = tuning_app.extensions["moviepitch"].store
    store.tombstone_pitch(store.pitch_id(liked_twice[0]))
    store.hide(liked_twice[1])
    runner = tuning_app.test_cli_runner()

    def written(*flags):
        out = tmp_path / "out.jsonl"
        result = runner.invoke(args=["finetune", "export", str(out), *flags])
        return len(read_jsonl(out)), result

    count, result = written()
    assert count == 8 + 3 + 2  # deleted and hidden left out; unpublished, draft and partial unpublished
    assert "left out 1: deleted" in result.output and "left out 1: hidden after reports" in result.output
    assert "left out 4: not published" in result.output
    assert written("--liked-only")[0] == 11
    assert written("--min-likes", "2")[0] == 8
    count, result = written("--include-unlisted")
    assert count == 13 + 2 + 1  # the partial pitch's synopsis stands; the cut-off draft does not
    assert "left out 1: not finished" in result.output


def test_too_few_examples_are_refused_with_the_reason(tuning_app, tmp_path):
    make_pitches(tuning_app, 4)
    result = tuning_app.test_cli_runner().invoke(args=["finetune", "export", str(tmp_path / "few.jsonl")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "it has 4 examples; the fine-tuning API needs at least 10" in result.output


GOOD = {
    "messages": [
        {"role": "system", "content": "s"},
        {"role": "user", "content": "u"},
        {"role": "assistant", "content": "a"},
    ]
}


@pytest.mark.parametrize(
    "bad, problem",
    [
        ("{not json", "line 11 is not JSON"),
        (json.dumps({"prompt": "x"}), 'line 11: not an object with a "messages" list'),
        (
            json.dumps({"messages": [{"role": "narrator", "content": "x"}]}),
            "line 11: message 1 has no role of system, user, assistant",
        ),
        (json.dumps({"messages": [{"role": "user", "content": "  "}]}), "line 11: message 1 (user) has no text"),
        (json.dumps({"messages": [{"role": "user", "content": "hi"}]}), "line 11: no assistant message to learn from"),
        (
            json.dumps({"messages": [{"role": "assistant", "content": "hi", "mood": "x"}]}),
            "line 11: message 1 has unknown keys (mood)",
        ),
    ],
)
def test_the_check_finds_what_the_api_would_refuse(tmp_path, bad, problem):
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join([json.dumps(GOOD)] * 10 + [bad]) + "\n")
    check = dataset.check_file(path)
    assert not check.ok and check.problems == [problem] and check.examples == 11


def test_the_token_estimate_is_about_four_bytes_a_token():
    assert dataset.estimate_tokens([{"role": "user", "content": "x" * 400}]) == 100 + 4 + 3


@pytest.fixture
def ready_file(tuning_app, tmp_path):
    make_pitches(tuning_app, 10, liked_by=1)
    path = tmp_path / "liked.jsonl"
    assert tuning_app.test_cli_runner().invoke(args=["finetune", "export", str(path), "--liked-only"]).exit_code == 0
    return path


def test_start_uploads_for_fine_tuning_and_creates_a_supervised_job(tuning_app, stub, ready_file):
    result = tuning_app.test_cli_runner().invoke(
        args=["finetune", "start", str(ready_file), "--model", "gpt-4.1-mini-2025-04-14", "--suffix", "pitches"]
    )
    assert result.exit_code == 0, result.output
    (upload,) = stub.requests_to("/v1/files")
    assert upload.body["purpose"] == "fine-tune" and upload.body["file"]["filename"] == "liked.jsonl"
    assert upload.body["file"]["content"] == ready_file.read_bytes()
    (create,) = stub.requests_to("/fine_tuning/jobs")
    assert create.body["method"] == {"type": "supervised"} and create.body["suffix"] == "pitches"
    assert create.body["training_file"].startswith("file-") and create.body["model"] == "gpt-4.1-mini-2025-04-14"
    job_id = next(iter(stub.tuning.jobs))
    assert f"Started {job_id} on gpt-4.1-mini-2025-04-14 (validating_files)" in result.output


def _start(app, path, model="gpt-4.1-mini"):
    result = app.test_cli_runner().invoke(args=["finetune", "start", str(path), "--model", model])
    assert result.exit_code == 0, result.output
    return result.output.split()[1]


def test_status_shows_state_and_events_and_watch_follows_it_to_the_end(tuning_app, stub, ready_file):
    job_id = _start(tuning_app, ready_file)
    runner = tuning_app.test_cli_runner()
    first = runner.invoke(args=["finetune", "status", job_id])
    assert first.exit_code == 0, first.output
    assert f"{job_id}  queued  base gpt-4.1-mini-2025-04-14" in first.output
    assert "Validating training file" in first.output and "moving job to queued state" in first.output
    watched = runner.invoke(args=["finetune", "status", job_id, "--watch", "--interval", "0"])
    assert watched.exit_code == 0, watched.output
    assert "Fine-tuning job started" in watched.output and "training loss" in watched.output
    tuned = stub.tuning.jobs[job_id]["fine_tuned_model"]
    assert tuned.startswith("ft:gpt-4.1-mini-2025-04-14:") and f"fine-tuned model: {tuned}" in watched.output
    assert f"MOVIEPITCH_SYNOPSIS_MODEL={tuned}" in watched.output
    assert watched.output.count("Validating training file") == 1  # each event once
    listing = runner.invoke(args=["finetune", "status"])
    assert listing.exit_code == 0 and f"{job_id}  succeeded" in listing.output and f"-> {tuned}" in listing.output


def test_a_job_whose_file_fails_validation_shows_why(tuning_app, stub, ready_file):
    # Nine examples pass no local check, so send the file past it, as another tool might have made it.
    ready_file.write_text("".join(ready_file.read_text().splitlines(keepends=True)[:9]))
    job = tuning.start(tuning.make_client(tuning_app.config), ready_file, "gpt-4o-mini")
    status = tuning_app.test_cli_runner().invoke(args=["finetune", "status", job.id])
    assert f"{job.id}  failed" in status.output
    assert "error: Training file has 9 example(s), but must have at least 10 examples" in status.output


def test_cancel_stops_a_running_job_and_a_finished_one_says_why_not(tuning_app, stub, ready_file):
    job_id = _start(tuning_app, ready_file)
    runner = tuning_app.test_cli_runner()
    result = runner.invoke(args=["finetune", "cancel", job_id])
    assert result.exit_code == 0 and f"{job_id} is cancelled." in result.output
    assert "Fine-tuning job cancelled." in runner.invoke(args=["finetune", "status", job_id]).output
    again = runner.invoke(args=["finetune", "cancel", job_id])
    assert again.exit_code == 1 and "Traceback" not in again.output
    assert again.output.strip() == (
        f"Error: Cancelling job {job_id} was refused (HTTP 400, invalid_state): "
        "Cannot cancel a job that has already cancelled."
    )
    missing = runner.invoke(args=["finetune", "status", "ftjob-nope"])
    assert missing.exit_code == 1 and "(HTTP 404" in missing.output


@pytest.mark.parametrize(
    "how, words",
    [
        (
            "untunable",
            "Starting a fine-tuning job on gpt-5-mini was refused (HTTP 400, model_not_available): Model "
            "gpt-5-mini is not available for fine-tuning or does not exist.",
        ),
        (
            "not jsonl",
            "Uploading liked.txt was refused (HTTP 400): Invalid file format for Fine-Tuning API. Must be .jsonl",
        ),
        ("rejected", "Uploading liked.jsonl was refused (HTTP 400, invalid_file): File is too large (stub)."),
    ],
)
def test_api_errors_reach_the_operator_as_one_line(tuning_app, stub, ready_file, how, words):
    path, model = ready_file, "gpt-5-mini" if how == "untunable" else "gpt-4.1-mini"
    if how == "not jsonl":
        path = ready_file.rename(ready_file.with_suffix(".txt"))
    if how == "rejected":
        stub.script(
            "/v1/files",
            Fault(
                status=400,
                error={"message": "File is too large (stub).", "type": "invalid_request_error", "code": "invalid_file"},
            ),
        )
    result = tuning_app.test_cli_runner().invoke(args=["finetune", "start", str(path), "--model", model])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip() == f"Error: {words}"
    assert stub.tuning.files == {}  # an upload no job uses is deleted
    assert "test-key" not in result.output


def test_fine_tuning_needs_a_key_or_server(runner, tmp_path):
    result = runner.invoke(args=["finetune", "status"])
    assert result.exit_code == 1 and "set OPENAI_API_KEY" in result.output


def test_a_local_file_that_is_not_ready_is_never_uploaded(tuning_app, stub, tmp_path):
    path = tmp_path / "few.jsonl"
    path.write_text(json.dumps(GOOD) + "\n")
    result = tuning_app.test_cli_runner().invoke(args=["finetune", "start", str(path), "--model", "gpt-4o-mini"])
    assert result.exit_code == 1 and "needs at least 10" in result.output
    assert stub.requests_to("/v1/files") == []


def test_export_tune_watch_and_write_synopses_with_the_tuned_model(tuning_app, stub, ready_file, tmp_path):
    job_id = _start(tuning_app, ready_file)
    tuning_app.test_cli_runner().invoke(args=["finetune", "status", job_id, "--watch", "--interval", "0"])
    tuned = stub.tuning.jobs[job_id]["fine_tuned_model"]
    app = stub_app(tmp_path / "writer", stub, SYNOPSIS_MODEL=tuned)
    try:
        client = app.test_client()
        slug = client.post("/api/pitches", json={"idea": "A mole becomes mayor of a city of cats."}).get_json()["slug"]
        drain(app)
        synopsis = [r.body for r in stub.requests_to("/chat/completions") if is_step("synopses")(r.body)]
        assert [body["model"] for body in synopsis] == [tuned]
        doc = client.get(f"/api/pitches/{slug}").get_json()
        assert doc["status"] == "done"
        assert {step["name"]: step["model"] for step in doc["steps"]}["synopsis"] == tuned
    finally:
        close_app(app)


def test_an_export_that_cannot_be_written_says_so_in_one_line(tuning_app, tmp_path):
    result = tuning_app.test_cli_runner().invoke(args=["finetune", "export", str(tmp_path / "no" / "such.jsonl")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith("Error: Could not write")
