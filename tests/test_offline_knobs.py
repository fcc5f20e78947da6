"""The knobs as the offline writer reads them: creativity, frequency penalty and presence penalty (issue 15)."""

from __future__ import annotations

import math
import re

import pytest
from test_offline import IDEAS, _sentences

from moviepitch.chain.cast import from_brackets
from moviepitch.offline import (
    beats,
    genre_beats,
    idea_beats,
    plan_story,
    write_image_prompt,
    write_reply,
    write_synopsis,
    write_title,
)
from moviepitch.offline.knobs import Knobs
from moviepitch.offline.repetition import repeated_words
from moviepitch.providers.base import TextRequest
from moviepitch.providers.offline_provider import OfflineProvider

SEEDS = range(2)
IDEA = "A retired ballerina trains a hockey team of misfits."


def _banks() -> list[tuple[str, tuple[str, ...]]]:
    """Every bank of synopsis templates, each listed plainest first."""
    found = [
        (name, value)
        for module in (beats, idea_beats)
        for name, value in vars(module).items()
        if name.isupper()
        and isinstance(value, tuple)
        and value
        and all(isinstance(t, str) for t in value)
        and any("{" in t for t in value)
    ]
    for table in ("ESCALATIONS", "COMPLICATIONS", "CLIMAXES"):
        found += [(f"{table}.{genre}", value) for genre, value in getattr(genre_beats, table).items()]
    return found + [(f"CLOSERS.{tone}", value) for tone, value in beats.CLOSERS.items()]


def _pattern(template: str) -> re.Pattern:
    """A template as a pattern that finds it filled in: each slot is any words within a sentence."""
    parts, at = [], 0
    for slot in re.finditer(r"\{[^{}]*\}", template):
        parts.append(re.escape(template[at : slot.start()]))
        parts.append("" if slot.group(0).endswith(":.0}") else "[^.!?]*?")  # {plain:.0} writes nothing
        at = slot.end()
    return re.compile("(?i)" + "".join(parts) + re.escape(template[at:]))


FORMS = [(name, index, len(bank), _pattern(template)) for name, bank in _banks() for index, template in enumerate(bank)]


def _forms(synopsis: str) -> list[tuple[str, int, int]]:
    """The (bank, place in its bank, bank size) of each template the synopsis was written from."""
    text = " ".join(synopsis.split())
    return [(name, index, size) for name, index, size, pattern in FORMS if pattern.search(text)]


def _synopses(**knobs) -> list[str]:
    return [write_synopsis(plan_story(idea, seed, Knobs(**knobs))) for idea in IDEAS for seed in SEEDS]


@pytest.mark.parametrize(
    "context, expected",
    [
        ({}, Knobs()),
        ({"temperature": 0.2, "frequency_penalty": 1.5, "presence_penalty": -1}, Knobs(0.2, 1.5, -1.0)),
        ({"temperature": "1.6", "frequency_penalty": None}, Knobs(1.6)),
        ({"temperature": 9, "frequency_penalty": -7, "presence_penalty": 3}, Knobs(2.0, -2.0, 2.0)),
        ({"temperature": "hot", "frequency_penalty": True, "presence_penalty": float("nan")}, Knobs()),
    ],
)
def test_knobs_are_read_from_the_request_context(context, expected):
    assert Knobs.from_context(context) == expected


@pytest.mark.parametrize("knobs", [Knobs(0.9), Knobs(0.6), Knobs(1.2), Knobs(1.0, 0.2, -0.2)])
def test_middle_values_write_exactly_the_usual_pitch(knobs):
    for idea in IDEAS[:5]:
        usual, knobbed = plan_story(idea, 1), plan_story(idea, 1, knobs)
        for write in (write_synopsis, write_reply, write_title, write_image_prompt):
            assert write(knobbed) == write(usual)


@pytest.mark.parametrize(
    "knobs",
    [
        Knobs(0.2),
        Knobs(1.6),
        Knobs(None, 1.5),
        Knobs(None, -1.5),
        Knobs(None, None, 1.5),
        Knobs(None, None, -1.5),
        Knobs(1.8, -2.0, 2.0),
    ],
)
def test_knobs_are_deterministic_and_keep_the_pitch_s_people(knobs):
    for idea in IDEAS[:4]:
        first, again, usual = plan_story(idea, 2, knobs), plan_story(idea, 2, knobs), plan_story(idea, 2)
        assert write_synopsis(first) == write_synopsis(again) and first.title == again.title
        assert [c.name for c in first.heroes] == [c.name for c in usual.heroes]


def test_three_creativity_levels_give_three_visibly_different_pitches():
    for idea in IDEAS[:6]:
        pitches = [
            (write_synopsis(p), p.title, p.label) for p in (plan_story(idea, 0, Knobs(c)) for c in (0.2, 0.9, 1.6))
        ]
        assert len({synopsis for synopsis, _, _ in pitches}) == 3
    titles = {plan_story(idea, 0, Knobs(c)).title for idea in IDEAS for c in (0.2, 0.9, 1.6)}
    assert len(titles) >= 2 * len(IDEAS)


def test_low_creativity_takes_the_most_common_sentence_forms_and_high_creativity_twists():
    plain_share, twists = {}, {}
    for creativity in (0.2, 0.9, 1.6):
        found = [form for synopsis in _synopses(creativity=creativity) for form in _forms(synopsis)]
        ranked = [index < 2 for name, index, size in found if size > 2 and name != "TWISTS"]
        plain_share[creativity] = sum(ranked) / len(ranked)
        twists[creativity] = sum(name == "TWISTS" for name, _, _ in found)
    assert plain_share[0.2] >= 0.8 and plain_share[1.6] <= 0.4, plain_share
    assert plain_share[0.2] > plain_share[0.9] > plain_share[1.6]
    assert twists[0.2] == twists[0.9] == 0 and twists[1.6] >= len(IDEAS), twists


def test_creativity_changes_the_genre_blend_the_ally_and_the_title():
    plain = [plan_story(idea, 0, Knobs(0.2)) for idea in IDEAS]
    strange = [plan_story(idea, 0, Knobs(1.6)) for idea in IDEAS]
    assert all(len(p.genres) == 1 for p in plain)
    assert all(len(p.genres) == 2 for p in strange)
    from moviepitch.offline.characters import STRANGE_ALLIES
    from moviepitch.offline.titles import PLAYFUL_PATTERNS

    assert sum(p.role("ally").description in STRANGE_ALLIES for p in strange) >= len(IDEAS) // 2
    playful = [re.escape(t).replace(r"\{Noun\}", ".+").replace(r"\{Nouns\}", ".+") for t in PLAYFUL_PATTERNS]
    assert all(any(re.fullmatch(f"(?i){pattern}", p.title) for pattern in playful) for p in strange)
    assert all(len(p.title.split()) <= 5 for p in plain)


def test_the_frequency_penalty_changes_how_many_words_repeat():
    repeats = {penalty: sum(repeated_words(s) for s in _synopses(frequency=penalty)) for penalty in (-1.5, None, 1.5)}
    assert repeats[1.5] < repeats[None] < repeats[-1.5], repeats


def test_a_negative_frequency_penalty_brings_a_catchphrase_back():
    synopsis = write_synopsis(plan_story(IDEA, 0, Knobs(None, -1.5)))
    phrase = re.search("\u201c([^\u201d]+)\u201d", synopsis).group(1)
    assert phrase in beats.CATCHPHRASES[plan_story(IDEA, 0).tone]
    assert all(phrase in paragraph for paragraph in synopsis.split("\n\n"))


def test_a_positive_frequency_penalty_calls_the_hero_by_what_she_is_now_and_then():
    plan = plan_story(IDEA, 3, Knobs(None, 1.5))
    assert "the ballerina" in write_synopsis(plan).lower()


def test_the_presence_penalty_changes_how_many_people_places_and_beats_there_are():
    counts = {}
    for penalty in (-1.5, None, 1.5):
        plans = [plan_story(idea, seed, Knobs(presence=penalty)) for idea in IDEAS for seed in SEEDS]
        middles = [write_synopsis(p).split("\n\n")[1] for p in plans]
        # A second place comes in a detour beat, which names it.
        detours = [any(name == "DETOURS" for name, _, _ in _forms(m)) for m in middles]
        counts[penalty] = (
            sum(len(p.characters) for p in plans),
            sum(len(_sentences(m)) for m in middles),
            sum(detours),
        )
    assert counts[1.5][0] > counts[None][0] > counts[-1.5][0], counts
    assert counts[1.5][1] > counts[None][1] > counts[-1.5][1], counts
    assert counts[1.5][2] == len(IDEAS) * len(SEEDS) and counts[None][2] == counts[-1.5][2] == 0


@pytest.mark.parametrize(
    "knobs", [Knobs(0.2), Knobs(0.9), Knobs(1.6), Knobs(2.0, 2.0, 2.0), Knobs(0.0, -2.0, -2.0), Knobs(1.6, -1.5, 1.5)]
)
def test_every_knobbed_pitch_still_passes_the_suite_s_own_checks(knobs):
    for idea in IDEAS:
        plan = plan_story(idea, 1, knobs)
        synopsis = write_synopsis(plan)
        assert 2 <= len(synopsis.split("\n\n")) <= 3
        assert 80 <= len(synopsis.split()) <= 240, len(synopsis.split())
        sentences = _sentences(synopsis)
        assert all(s[0].isupper() or s[0] == "\u201c" for s in sentences)
        assert len(sentences) == len(set(sentences)) or knobs.repeats < 0  # a catchphrase may recur
        assert [(c["character"], c["actor"]) for c in from_brackets(synopsis)] == plan.cast
        for _name, performer in plan.cast:
            assert synopsis.count(f"({performer})") == 1
        typed = idea.rstrip(".").lower()
        assert all(re.sub(r"\s*\([^()]*\)", "", s).lower().find(typed) <= 0 for s in sentences)
        reply = write_reply(plan)
        assert reply.endswith("!") and not re.search(r"[{}]", synopsis + reply)
        assert 1 <= len(plan.title.split()) <= 7 and 25 <= len(write_image_prompt(plan).split()) <= 90


def test_the_provider_reads_the_knobs_from_the_context():
    provider = OfflineProvider()

    def synopsis(**knobs) -> str:
        return provider.text(TextRequest("synopsis", [], context={"idea": IDEA, "seed": 4, **knobs})).text

    assert synopsis() == synopsis(temperature=0.9) == synopsis(temperature="warm")
    assert synopsis(temperature=1.6) != synopsis() != synopsis(temperature=0.2)
    assert synopsis(frequency_penalty=-1.5) != synopsis() != synopsis(presence_penalty=1.5)


def test_knob_weights_favour_the_plain_end_when_low_and_the_strange_end_when_high():
    low, high, usual = Knobs(0.2), Knobs(1.6), Knobs()
    assert low.weight(0) > 20 * low.weight(1) and high.weight(1) > 10 * high.weight(0)
    assert usual.weight(0) == usual.weight(1) == 1 and usual.usual and not low.usual
    assert math.isclose(Knobs(None, 1.0).weight(0.5, overlap=2), math.exp(-2))
