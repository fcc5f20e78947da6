"""The CLI: `flask pitch` in the foreground, and `flask db`."""

from __future__ import annotations

import pytest
from fakes import ScriptedProvider
from helpers import close_app, make_app, submit_idea

from moviepitch.providers import ProviderError


def test_pitch_prints_progress_title_cast_and_permalink(runner, app):
    result = runner.invoke(args=["pitch", "A cowboy wakes up in modern-day Tokyo.", "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert "Synopsis done" in result.output and "Poster done" in result.output
    # A full link an operator can click, on the address `flask run` serves by default.
    slug = result.output.strip().splitlines()[-1].removeprefix("Permalink: http://127.0.0.1:5000/p/")
    view = app.extensions["moviepitch"].store.view(slug)
    assert view.status == "done" and view.seed == 3
    assert view.text("title") in result.output


def test_the_same_seed_gives_the_same_pitch(runner):
    def summary():
        # The lines after the progress (whose order varies: steps run side by side).
        output = runner.invoke(args=["pitch", "A cursed video game.", "--seed", "5"]).output
        return output.split("\n\n", 1)[1].splitlines()[:-1]

    first = summary()
    assert len(first) >= 3 and first == summary()


def test_a_bad_idea_is_refused(runner):
    result = runner.invoke(args=["pitch", "x"])
    assert result.exit_code == 2 and "between 3 and 300" in result.output


@pytest.mark.parametrize(
    "provider", [ScriptedProvider({"synopsis": ProviderError("The AI service could not be reached.")})]
)
def test_a_failed_pitch_exits_non_zero_with_the_reason(runner, provider):
    result = runner.invoke(args=["pitch", "A boxer must win one last fight."])
    assert result.exit_code == 1
    assert "The AI service could not be reached." in result.output
    assert "ended failed" in result.output


def test_pitch_spends_the_daily_budget_like_the_web(tmp_path):
    app = make_app(tmp_path, DAILY_PITCHES=2)
    try:
        runner = app.test_cli_runner()
        assert runner.invoke(args=["pitch", "A cowboy wakes up in modern-day Tokyo."]).exit_code == 0
        assert submit_idea(app.test_client(), "A cursed video game.").status_code == 303
        result = runner.invoke(args=["pitch", "A boxer must win one last fight."])
        assert result.exit_code == 1
        assert "Today's budget of new pitches is spent" in result.output
        assert "Permalink" not in result.output
    finally:
        close_app(app)


def test_db_current_names_the_revision(runner):
    from moviepitch.storage.db import head_revision

    result = runner.invoke(args=["db", "current"])
    assert result.exit_code == 0 and f"Database is up to date (revision {head_revision()})" in result.output
