"""The offline writer in a pitch meeting (issue 16): it reads the request, re-plans the pitch with every change so
far and answers as the Movie Boss, in the JSON shape a remote model returns through structured output."""

from __future__ import annotations

import json
import re

import pytest

from moviepitch.chain.cast import from_brackets
from moviepitch.offline import plan_story
from moviepitch.offline.art import LOOKS
from moviepitch.offline.meeting.asks import read_asks
from moviepitch.offline.meeting.passage import sentences
from moviepitch.providers.base import TextRequest
from moviepitch.providers.offline_provider import OfflineProvider

THRILLER = "A detective who can smell lies investigates a murder at a perfume factory."
BALLERINA = "A retired ballerina trains a hockey team of misfits."
PROVIDER = OfflineProvider()


def _pitch(idea: str, seed: int = 0) -> dict:
    """The pitch as the app shows it: every part written by the offline provider."""
    context = {"idea": idea, "seed": seed}
    parts = {
        task: PROVIDER.text(TextRequest(task, [], context=context)).text
        for task in ("title", "synopsis", "image_prompt", "cast")
    }
    parts["cast"] = [
        {"character": line.split(": ")[0], "actor": line.split(": ")[1]} for line in parts["cast"].splitlines()
    ]
    return parts


def _meet(
    message: str,
    idea: str = THRILLER,
    pitch: dict | None = None,
    applied=(),
    passage=None,
    alternatives: int = 1,
    seed: int = 0,
    messages=(),
    **knobs,
) -> dict:
    context = {
        "idea": idea,
        "seed": seed,
        "pitch": pitch or _pitch(idea, seed),
        "message": message,
        "passage": passage,
        "applied": list(applied),
        "alternatives": alternatives,
        **knobs,
    }
    result = PROVIDER.text(TextRequest("meeting", list(messages), context=context))
    assert result.model == "offline-writer" and result.usage == {}
    return json.loads(result.text)


def _applied(pitch: dict, proposal: dict) -> dict:
    return {**pitch, **proposal["changes"]}


@pytest.mark.parametrize(
    "message, expected",
    [
        ("make it a heist comedy", [("genre", "heist comedy")]),
        ("more like a horror film", [("genre", "horror film")]),
        ("Turn it into a sci-fi thriller", [("genre", "sci-fi thriller")]),
        ("darker", [("tone", "dark")]),
        ("lighter, please", [("tone", "light")]),
        ("funnier", [("tone", "funny")]),
        ("make it for kids", [("tone", "family")]),
        ("more romantic", [("tone", "romantic")]),
        ("set it in Tokyo", [("setting", "Tokyo")]),
        ("in the 1920s", [("setting", "")]),
        ("put it on Mars", [("setting", "mars")]),
        ("cast someone younger as the lead", [("cast", "younger")]),
        ("make the hero a woman", [("cast", "she")]),
        ("add a dog", [("cast", "add")]),
        ("shorter", [("length", "short")]),
        ("can you make it longer?", [("length", "long")]),
        ("a punchier title", [("title", "punchy")]),
        ("a funnier title", [("title", "playful")]),
        ("a darker poster", [("look", "dark")]),
        ("more colourful", [("look", "bright")]),
        (
            "Make it a darker heist comedy set in Tokyo, and shorter",
            [("genre", "heist comedy"), ("tone", "dark"), ("setting", "Tokyo"), ("length", "short")],
        ),
        (
            "set it in new york in the 1980s and give it a punchier title",
            [("setting", "New York"), ("title", "punchy")],
        ),
        ("Can you make it rhyme?", []),
        ("I love it!", []),
        ("what happens at the end?", []),
        ("", []),
    ],
)
def test_the_request_parser_reads_each_kind_of_change(message, expected):
    assert [(a.kind, a.value) for a in read_asks(message)] == expected


def test_the_parser_keeps_the_details_it_needs():
    (genre,) = read_asks("make it a heist comedy")
    assert genre.genres == ("comedy", "thriller") and genre.style == "heist" and not genre.blend
    assert read_asks("add some horror")[0].blend
    assert read_asks("in the 1920s")[0].era == "the 1920s"
    assert read_asks("set it in new york in the 1980s")[0].era == "the 1980s"
    assert read_asks("give the hero a talking parrot")[0].detail == "talking parrot"
    assert read_asks("make them all women")[0].everyone
    assert read_asks('Call it "Night Shift"')[0].detail == "Night Shift"


def test_the_answer_has_the_structured_output_shape():
    answer = _meet("make it a heist comedy")
    assert set(answer) == {"reply", "proposal"} and 1 <= len(_sentences(answer["reply"])) <= 3
    proposal = answer["proposal"]
    assert set(proposal) == {"summary", "reason", "changes"}
    assert proposal["summary"] and "\n" not in proposal["summary"] and proposal["reason"]
    assert set(proposal["changes"]) <= {"title", "synopsis", "cast", "image_prompt"}
    three = _meet("make it a heist comedy", alternatives=3)
    assert set(three) == {"reply", "proposals"} and len(three["proposals"]) == 3


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


@pytest.mark.parametrize(
    "message, parts",
    [
        ("make it a heist comedy", {"synopsis", "title", "image_prompt", "cast"}),  # a comedy's own side characters
        ("make it darker", {"synopsis"}),
        ("make it for kids", {"synopsis"}),
        ("make it scarier", {"synopsis"}),
        ("set it in Tokyo", {"synopsis", "image_prompt"}),
        ("cast someone younger as the lead", {"synopsis", "cast"}),
        ("add a dog", {"synopsis", "cast"}),
        ("shorter", {"synopsis", "cast"}),
        ("longer", {"synopsis"}),
        ("a punchier title", {"title"}),
        ("a darker poster", {"image_prompt"}),
        ("more colourful", {"image_prompt"}),
    ],
)
def test_each_kind_of_change_rewrites_its_parts(message, parts):
    pitch = _pitch(BALLERINA)
    proposal = _meet(message, BALLERINA, pitch)["proposal"]
    assert set(proposal["changes"]) == parts
    for part, text in proposal["changes"].items():
        assert text != pitch[part]
    if "synopsis" in proposal["changes"]:  # the app reads the cast from the brackets: they must agree
        cast = proposal["changes"].get("cast", pitch["cast"])
        assert from_brackets(proposal["changes"]["synopsis"]) == cast


def test_what_each_change_writes():
    pitch = _pitch(BALLERINA)
    words = len(pitch["synopsis"].split())
    assert "heist comedy" in _meet("make it a heist comedy", BALLERINA, pitch)["proposal"]["changes"]["synopsis"]
    assert "Tokyo" in _meet("set it in Tokyo", BALLERINA, pitch)["proposal"]["changes"]["synopsis"]
    assert "1920s" in _meet("set it in the 1920s", BALLERINA, pitch)["proposal"]["changes"]["synopsis"]
    assert len(_meet("shorter", BALLERINA, pitch)["proposal"]["changes"]["synopsis"].split()) < words * 0.85
    assert len(_meet("longer", BALLERINA, pitch)["proposal"]["changes"]["synopsis"].split()) > words * 1.1
    younger = _meet("cast someone younger as the lead", BALLERINA, pitch)
    lead = pitch["cast"][0]
    new_lead = younger["proposal"]["changes"]["cast"][0]
    assert new_lead["character"] == lead["character"] and new_lead["actor"] != lead["actor"]
    assert new_lead["actor"] in younger["reply"]
    dog = _meet("add a dog", BALLERINA, pitch)["proposal"]["changes"]
    assert len(dog["cast"]) == len(pitch["cast"]) + 1 and "dog" in dog["synopsis"]
    title = _meet("a punchier title", BALLERINA, pitch)["proposal"]["changes"]["title"]
    assert len(title.split()) <= 3
    dark = _meet("a darker poster", BALLERINA, pitch)["proposal"]["changes"]["image_prompt"]
    assert any(word in dark for _, _, palette in LOOKS["dark"] for word in palette)


def test_making_the_hero_a_man_changes_name_pronouns_and_performer():
    pitch = _pitch(BALLERINA)
    changes = _meet("make the hero a man", BALLERINA, pitch)["proposal"]["changes"]
    hero = changes["cast"][0]
    assert hero["character"] != pitch["cast"][0]["character"]
    first = hero["character"].split()[0]
    for sentence in sentences(changes["synopsis"]):
        if first in sentence and not re.search(r"Cleo|Fitz|Talia", sentence):
            assert not re.search(r"\b(?:she|her|herself)\b", sentence), sentence
    assert "ballerina" not in changes["synopsis"]


def test_several_changes_in_one_message():
    pitch = _pitch(BALLERINA)
    answer = _meet("Make it a darker heist comedy set in Tokyo, and shorter", BALLERINA, pitch)
    changes = answer["proposal"]["changes"]
    assert "Tokyo" in changes["synopsis"] and changes["title"] != pitch["title"]
    assert len(changes["synopsis"].split()) < len(pitch["synopsis"].split())
    assert "Tokyo" in answer["reply"] and "darker" in answer["reply"]


@pytest.mark.parametrize("message", ["Can you make it rhyme?", "What happens at the end?", "Translate it into Klingon"])
def test_a_request_it_cannot_do_says_so_and_what_it_can(message):
    answer = _meet(message)
    assert answer["proposal"] is None
    assert "genre" in answer["reply"] and "make it darker" in answer["reply"]
    assert _meet(message, alternatives=3)["proposals"] == []


def test_asking_for_what_the_pitch_already_is_proposes_nothing():
    answer = _meet("make it a thriller")
    assert answer["proposal"] is None and "already" in answer["reply"]


def test_a_chain_of_two_applied_changes_keeps_the_first():
    pitch = _pitch(THRILLER)
    assert "thriller" in plan_story(THRILLER, 0).label
    first = _meet("make it a heist comedy", THRILLER, pitch)["proposal"]
    after_first = _applied(pitch, first)
    second = _meet("set it in Tokyo", THRILLER, after_first, applied=["make it a heist comedy"])["proposal"]
    synopsis = second["changes"]["synopsis"]
    assert "Tokyo" in synopsis and "heist comedy" in synopsis
    assert "title" not in second["changes"]  # the heist comedy's title stands
    # Only what the setting touches changed: the heist's own beat is still there.
    heist_beats = [s for s in sentences(first["changes"]["synopsis"]) if re.search(r"rehearsal|vault|safecracker", s)]
    assert heist_beats and all(s in synopsis for s in heist_beats)
    # And nothing is lost when the chain goes on.
    third = _meet(
        "shorter", THRILLER, _applied(after_first, second), applied=["make it a heist comedy", "set it in Tokyo"]
    )["proposal"]
    assert "Tokyo" in third["changes"]["synopsis"] and "heist comedy" in third["changes"]["synopsis"]


@pytest.mark.parametrize("message", ["make it darker", "set it in Tokyo", "make it a heist comedy", "make it for kids"])
def test_a_passage_changes_that_sentence_and_leaves_every_other_byte_identical(message):
    pitch = _pitch(THRILLER)
    old = sentences(pitch["synopsis"])
    changed_any = 0
    for passage in old:
        answer = _meet(message, THRILLER, pitch, passage=passage)
        if answer["proposal"] is None:
            continue
        changes = answer["proposal"]["changes"]
        assert set(changes) == {"synopsis"}
        new = changes["synopsis"]
        before, after = pitch["synopsis"].split(passage)
        assert new.startswith(before) and new.endswith(after)  # every other sentence, byte for byte
        rewritten = new[len(before) : len(new) - len(after)]
        assert rewritten != passage and len(sentences(rewritten)) == 1
        assert re.findall(r"\([^()]*\)", rewritten) == re.findall(r"\([^()]*\)", passage)
        changed_any += 1
    assert changed_any >= len(old) - 1


def test_a_passage_under_a_setting_change_names_the_new_place():
    pitch = _pitch(THRILLER)
    passage = next(s for s in sentences(pitch["synopsis"]) if "Tallowwick" in s or "city of" in s)
    changes = _meet("set it in Tokyo", THRILLER, pitch, passage=passage)["proposal"]["changes"]
    assert "Tokyo" in changes["synopsis"].replace(pitch["synopsis"].split(passage)[0], "")


def test_a_passage_it_cannot_find_or_change_alone_is_declined():
    pitch = _pitch(THRILLER)
    assert _meet("make it darker", THRILLER, pitch, passage="A sentence that is not there.")["proposal"] is None
    passage = sentences(pitch["synopsis"])[2]
    answer = _meet("make the hero a man", THRILLER, pitch, passage=passage)
    assert answer["proposal"] is None and "every sentence" in answer["reply"]


def test_three_alternatives_are_genuinely_different():
    pitch = _pitch(BALLERINA)
    for message in ("make it a heist comedy", "a punchier title", "make it darker", "add a dog", "set it in Tokyo"):
        answer = _meet(message, BALLERINA, pitch, alternatives=3)
        proposals = answer["proposals"]
        assert len(proposals) == 3, message
        assert len({json.dumps(p["changes"], sort_keys=True) for p in proposals}) == 3
        assert len({p["summary"] for p in proposals}) == 3, [p["summary"] for p in proposals]
    heist = _meet("make it a heist comedy", BALLERINA, pitch, alternatives=3)["proposals"]
    assert len({p["changes"]["title"] for p in heist}) == 3
    three_passages = _meet(
        "make it darker", THRILLER, _pitch(THRILLER), alternatives=3, passage=sentences(_pitch(THRILLER)["synopsis"])[1]
    )["proposals"]
    assert len({p["changes"]["synopsis"] for p in three_passages}) == len(three_passages) >= 2


def test_an_applied_alternative_is_rebuilt_as_the_one_chosen():
    pitch = _pitch(BALLERINA)
    second = _meet("make it a heist comedy", BALLERINA, pitch, alternatives=3)["proposals"][1]
    shown = _applied(pitch, second)
    again = _meet(
        "set it in Tokyo", BALLERINA, shown, applied=[{"message": "make it a heist comedy", "alternative": 2}]
    )["proposal"]["changes"]["synopsis"]
    beat = next(s for s in sentences(second["changes"]["synopsis"]) if s not in pitch["synopsis"] and "vault" in s)
    assert beat in again


def test_the_answer_is_deterministic_for_its_context_and_varies_between_turns():
    first = _meet("make it darker and set it in the 1920s")
    assert _meet("make it darker and set it in the 1920s") == first
    replies = {_meet("make it darker", applied=["make it funnier"] * k)["reply"] for k in range(4)}
    assert len(replies) >= 3


def test_the_boss_does_not_open_the_same_way_twice_in_a_meeting():
    first = _meet("make it darker")["reply"]
    opener = first.split(".")[0].split("!")[0]
    history = [{"role": "user", "content": "make it darker"}, {"role": "assistant", "content": first}]
    assert not _meet("set it in Tokyo", messages=history)["reply"].startswith(opener)


def test_knobs_reach_the_meeting():
    plain = _meet("make it a heist comedy", temperature=0.2)["proposal"]["changes"]["synopsis"]
    wild = _meet("make it a heist comedy", temperature=1.6)["proposal"]["changes"]["synopsis"]
    assert plain != wild


def test_spanish_pitches_take_what_their_writer_can_do_and_say_what_it_cannot():
    idea = "Tres amigas abren una librería en Buenos Aires."
    pitch = _pitch(idea)
    moved = _meet("set it in Tokyo", idea, pitch)["proposal"]["changes"]["synopsis"]
    assert "en Tokyo" in moved and "Buenos Aires" not in moved
    assert _meet("add a dog", idea, pitch)["proposal"] is None


def test_the_meeting_answer_streams_like_any_text():
    seen: list[str] = []
    context = {"idea": THRILLER, "seed": 0, "message": "make it darker"}
    result = PROVIDER.text(TextRequest("meeting", [], context=context), on_delta=seen.append)
    assert seen[-1] == result.text and all(b.startswith(a) for a, b in zip(seen, seen[1:]))
    assert json.loads(result.text)["proposal"]["changes"]["synopsis"]
