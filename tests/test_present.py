"""How a pitch is shown: short poster alt text, the line of work in progress, the poster's note."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from moviepitch.storage.records import OutputView, PitchView, StepView
from moviepitch.web.views.present import ALT_MAX, doing_now, poster_alt, poster_note, short_description

STEP_NAMES = ("check", "reply", "synopsis", "title", "cast", "image_prompt", "poster")
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def view(status="done", steps=None, outputs=None) -> PitchView:
    """A pitch with every step in `steps` state (done by default) and the given current outputs."""
    states = {name: "done" for name in STEP_NAMES} | (steps or {})
    return PitchView(
        id=1,
        slug="abcdefghij",
        idea="An idea.",
        owner_id="o",
        status=status,
        seed=0,
        provider="offline",
        models={},
        usage={},
        error=None,
        created_at=NOW,
        started_at=NOW,
        finished_at=None,
        revision=1,
        steps={name: StepView(name, state, None, None, NOW, None) for name, state in states.items()},
        outputs={part: OutputView(part, 1, body, True, meta) for part, (body, meta) in (outputs or {}).items()},
    )


@pytest.mark.parametrize(
    "description, short",
    [
        # A lead-in naming the picture goes; the first sentence stays.
        (
            "A cinematic portrait movie poster: a retired astronaut, seen from behind as a dark silhouette, stands "
            "on a jagged alien ridge. Low camera angle, 35mm lens, strong central composition.",
            "A retired astronaut, seen from behind as a dark silhouette, stands on a jagged alien ridge",
        ),
        # The first clause, up to a semicolon or a dash.
        (
            "A fighter jet tears across a blazing orange sunset sky above an aircraft carrier; in the foreground "
            "a pilot in mirrored aviator sunglasses.",
            "A fighter jet tears across a blazing orange sunset sky above an aircraft carrier",
        ),
        ("a lone lighthouse on black rocks — shot on a wide lens at dusk", "A lone lighthouse on black rocks"),
        # Too long: cut at the last comma that keeps enough, else at a word, saying so with an ellipsis.
        (
            "A lighthouse on black rocks under a violet storm sky heavy with rain and lightning over a sea of broken "
            "glass waves, its beam cutting through the rain towards a small boat.",
            "A lighthouse on black rocks under a violet storm sky heavy with rain and lightning over a sea of broken "
            "glass waves",
        ),
        ("Wide shot: " + "word " * 60, "Wide shot: " + " ".join(["word"] * 22) + "…"),
    ],
)
def test_a_poster_description_shortens_to_what_is_shown(description, short):
    assert short_description(description) == short
    assert len(short) <= ALT_MAX + 1


def test_the_poster_alt_describes_the_poster_on_show_or_names_the_title():
    painted = "A red door in a white wall, seen at dawn. Camera notes: 50mm, f/2."
    shown = view(
        outputs={
            "poster": ("", {"prompt": painted + " There should be no text in this image."}),
            "image_prompt": ("A newer description, not yet painted.", {}),
            "title": ("Door", {}),
        }
    )
    assert poster_alt(shown) == "Poster: A red door in a white wall, seen at dawn"
    assert poster_alt(view(outputs={"title": ("Door", {})})) == "Poster for Door"
    assert poster_alt(view()) == "Movie poster"


@pytest.mark.parametrize(
    "status, steps, outputs, doing",
    [
        ("queued", {name: "waiting" for name in STEP_NAMES}, (), "Waiting for a free writer…"),
        ("running", {"check": "running", "reply": "running"}, (), "The Movie Boss is reading your idea…"),
        # Of steps running together, the one that takes longest to watch.
        ("running", {"title": "running", "cast": "running", "image_prompt": "running"}, (), "Imagining the poster…"),
        ("running", {"poster": "running"}, (), "Painting the poster…"),
        ("running", {"poster": "running"}, ("poster",), "Painting a new poster…"),
        ("running", {"title": "running"}, ("title",), "Finding a new title…"),
    ],
)
def test_the_line_of_work_in_progress_says_what_is_being_made(status, steps, outputs, doing):
    assert doing_now(view(status, steps, {part: ("x", {}) for part in outputs})) == doing


@pytest.mark.parametrize(
    "status, poster_step, has_poster, note",
    [
        ("running", "waiting", False, "The poster comes last."),
        ("running", "running", False, "Painting the poster…"),
        ("running", "running", True, "Painting a new poster…"),
        ("running", "waiting", True, "A new poster comes last."),  # a new synopsis remakes the poster too
        ("running", "done", True, None),  # a new title leaves the poster alone
        ("done", "done", True, None),
        # A finished pitch without a poster says what happened to the step (issue 12).
        ("partial", "failed", False, "No poster. The pitch stopped before this step ran."),
    ],
)
def test_the_poster_frame_says_what_is_happening_to_it(status, poster_step, has_poster, note):
    outputs = {"poster": ("", {})} if has_poster else {}
    assert poster_note(view(status, {"poster": poster_step}, outputs)) == note
