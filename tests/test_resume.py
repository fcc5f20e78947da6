"""Failures that lose nothing: retry, interruption, refusals, regeneration and versions."""

from __future__ import annotations

from datetime import timedelta

from fakes import SYNOPSIS, ScriptedProvider, png_bytes
from sqlalchemy import select

from moviepitch.chain import pipeline
from moviepitch.providers import ModerationResult, ProviderError
from moviepitch.storage.models import Pitch
from moviepitch.storage.records import Staleness
from moviepitch.vocab import FINISHED, RETRYABLE


def make(store, provider, idea="A heist in a neon city."):
    return store.create_pitch(idea, "owner-1", provider.name, {}, seed=1)


def backdate_heartbeat(store, slug, seconds):
    """Pretend the last heartbeat came `seconds` earlier than it did."""
    with store.session.begin() as s:
        pitch = s.scalar(select(Pitch).where(Pitch.slug == slug))
        pitch.heartbeat_at -= timedelta(seconds=seconds)


def test_retry_resumes_from_the_failed_step_and_never_reruns_finished_ones(store):
    provider = ScriptedProvider(image=[ProviderError("The AI service had a problem on its side."), png_bytes()])
    slug = make(store, provider)
    assert pipeline.run_pitch(store, provider, slug) == "partial"
    before = store.view(slug)

    assert store.reopen(before.id, RETRYABLE)
    assert pipeline.run_pitch(store, provider, slug) == "done"

    after = store.view(slug)
    assert provider.tasks().count("synopsis") == 1 and provider.tasks().count("poster") == 2
    for part in ("reply", "synopsis", "title", "cast", "image_prompt"):
        assert after.outputs[part] == before.outputs[part], part
    assert after.poster_version == 1 and after.error is None


def test_a_finished_pitch_cannot_be_retried(store):
    provider = ScriptedProvider()
    slug = make(store, provider)
    pipeline.run_pitch(store, provider, slug)
    assert not store.reopen(store.pitch_id(slug), RETRYABLE)


def test_a_job_whose_process_died_becomes_interrupted_and_resumes_to_done(store):
    provider = ScriptedProvider()
    slug = make(store, provider)
    pitch_id = store.pitch_id(slug)
    # A runner claims it, writes the reply, and dies without a word.
    assert store.claim(pitch_id, "dead-runner")
    store.start_step(pitch_id, "reply")
    store.write_output(pitch_id, "reply", "Love it!")
    store.finish_step(pitch_id, "reply")
    store.start_step(pitch_id, "synopsis")

    grace = Staleness(running=30, queued=300)
    assert not store.interrupt_if_stale(slug, grace)  # still fresh
    backdate_heartbeat(store, slug, 31)
    assert store.interrupt_if_stale(slug, grace)
    view = store.view(slug)
    assert view.status == "interrupted" and view.steps["synopsis"].state == "failed"
    assert "Interrupted" in view.steps["synopsis"].error
    assert not store.heartbeat(pitch_id, "dead-runner")  # the dead runner lost its claim

    assert store.reopen(pitch_id, RETRYABLE)
    assert pipeline.run_pitch(store, provider, slug) == "done"
    assert "reply" not in provider.tasks()  # finished before the crash, kept
    assert store.view(slug).text("reply") == "Love it!"


def test_a_queued_pitch_no_runner_took_is_interrupted_after_its_grace(store):
    provider = ScriptedProvider()
    slug = make(store, provider)
    grace = Staleness(running=30, queued=120)
    backdate_heartbeat(store, slug, 60)
    assert not store.interrupt_if_stale(slug, grace)
    backdate_heartbeat(store, slug, 61)
    assert store.interrupt_if_stale(slug, grace)
    # Resuming claims it atomically: the late original job and the resumed one cannot both run.
    assert pipeline.run_pitch(store, provider, slug) == "done"
    assert pipeline.run_pitch(store, provider, slug) is None
    assert provider.tasks().count("synopsis") == 1


def test_a_runner_that_lost_its_claim_stops_at_the_next_step(store):
    provider = ScriptedProvider()
    slug = make(store, provider)

    def synopsis(request):
        # Meanwhile the pitch was declared interrupted and taken over by another runner.
        pitch_id = store.pitch_id(slug)
        store.interrupt(pitch_id)
        assert store.claim(pitch_id, "new-runner")
        return SYNOPSIS

    provider.answers["synopsis"] = synopsis
    assert pipeline.run_pitch(store, provider, slug, heartbeat_interval=0.01) is None
    assert "poster" not in provider.tasks()


def test_a_flagged_idea_is_refused_and_no_synopsis_is_paid_for(store):
    provider = ScriptedProvider(moderation=ModerationResult(True, ("violence",)))
    slug = make(store, provider)
    assert pipeline.run_pitch(store, provider, slug) == "refused"
    view = store.view(slug)
    assert "synopsis" not in provider.tasks()
    assert "flagged by the content check (violence)" in view.error
    assert view.steps["synopsis"].state == "skipped"


def test_a_refused_poster_is_rewritten_more_safely_once_and_then_painted(store):
    refusal = ProviderError("The image service refused this poster description.", kind="refused")
    provider = ScriptedProvider(
        {
            "image_prompt": "A gunman with a bloody knife in an alley.",
            "safer_image_prompt": "A figure with a knife in a rainy alley.",
        },
        image=[refusal, png_bytes()],
    )
    slug = make(store, provider)
    assert pipeline.run_pitch(store, provider, slug) == "done"
    view = store.view(slug)
    assert view.outputs["image_prompt"].version == 2
    assert view.text("image_prompt") == "A figure with a key in a rainy alley."  # scrubbed too
    posters = [c.request.prompt for c in provider.calls if c.task == "poster"]
    assert "knife" not in posters[1] and posters[1].endswith("There should be no text in this image.")


def test_a_poster_refused_twice_fails_only_the_poster(store):
    refusal = ProviderError("refused", kind="refused")
    provider = ScriptedProvider(image=refusal)
    slug = make(store, provider)
    assert pipeline.run_pitch(store, provider, slug) == "partial"
    view = store.view(slug)
    assert "refused to paint this poster" in view.steps["poster"].error
    assert "Try another poster" in view.steps["poster"].error
    assert view.text("synopsis") and view.text("title")


def test_partial_posters_are_kept_as_one_preview_overwritten(store):
    seen = []
    provider = ScriptedProvider(partials=3)
    slug = make(store, provider)
    original = store.save_preview

    def spy(pitch_id, webp, index):
        original(pitch_id, webp, index)
        seen.append((index, store.view(slug).preview_index))

    store.save_preview = spy
    pipeline.run_pitch(store, provider, slug)
    assert seen == [(0, 0), (1, 1), (2, 2)]
    assert store.preview(slug) is None  # gone once the poster is saved
    assert store.view(slug).preview_index is None


def test_regenerating_keeps_old_versions_and_reruns_only_what_follows(store):
    titles = iter(["First Title", "Second Title"])
    provider = ScriptedProvider({"title": lambda request: next(titles)})
    slug = make(store, provider)
    pipeline.run_pitch(store, provider, slug)
    pitch_id = store.pitch_id(slug)

    assert store.reopen(pitch_id, FINISHED, ("title",))
    assert pipeline.run_pitch(store, provider, slug) == "done"
    view = store.view(slug)
    assert [v.body for v in view.versions["title"]] == ["First Title", "Second Title"]
    assert view.text("title") == "Second Title"
    assert provider.tasks().count("synopsis") == 1 and provider.tasks().count("poster") == 1

    assert store.choose(pitch_id, "title", 1)
    assert store.view(slug).text("title") == "First Title"
    assert not store.choose(pitch_id, "title", 9)


def test_a_new_synopsis_reruns_everything_downstream(store):
    provider = ScriptedProvider()
    slug = make(store, provider)
    pipeline.run_pitch(store, provider, slug)
    assert store.reopen(store.pitch_id(slug), FINISHED, ("synopsis", "title", "cast", "image_prompt", "poster"))
    pipeline.run_pitch(store, provider, slug)
    view = store.view(slug)
    assert view.outputs["synopsis"].version == 2 and view.poster_version == 2
    assert len(view.versions["poster"]) == 2
    assert provider.tasks().count("reply") == 1
    variants = [c.request.context["story_variant"] for c in provider.calls if c.task == "title"]
    assert variants == [1, 2]


def test_a_running_pitch_cannot_be_regenerated(store):
    provider = ScriptedProvider()
    slug = make(store, provider)
    assert not store.reopen(store.pitch_id(slug), FINISHED, ("title",))
