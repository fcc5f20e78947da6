"""The offline writer holds the pitch meeting: it answers a turn (task "meeting") in the turn's JSON shape, from the
request and the pitch, not with fixed text, and its proposals apply like any other.

These run against the real OfflineProvider.
"""

from __future__ import annotations

import pytest
from helpers import drain, submit_idea

from moviepitch.chain import cast
from moviepitch.meeting import diffs, proposals
from moviepitch.providers import OfflineProvider, TextRequest

IDEA = "A detective hunts a killer through a city where it never stops raining."
KNOBS = {"temperature": None, "frequency_penalty": None, "presence_penalty": None}


@pytest.fixture
def pitch() -> dict:
    """A pitch the offline writer wrote, as the chain writes it (the cast from the synopsis's brackets)."""
    writer, context = OfflineProvider(), {"idea": IDEA, "seed": 7}

    def write(task: str) -> str:
        return writer.text(TextRequest(task, [], context=context)).text

    context["synopsis"] = write("synopsis")
    return {
        **context,
        "title": write("title"),
        "image_prompt": write("image_prompt"),
        "cast": cast.from_brackets(context["synopsis"]) or cast.from_lines(write("cast")),
    }


def turn(pitch: dict, message: str, passage: str | None = None, alternatives: int = 1, applied=()) -> dict:
    """One meeting turn of the offline writer: its answer, as JSON."""
    context = {
        "idea": pitch["idea"],
        "seed": pitch["seed"],
        "pitch": {part: pitch[part] for part in ("title", "synopsis", "cast", "image_prompt")},
        "message": message,
        "passage": passage,
        "applied": list(applied),
        "alternatives": alternatives,
        **KNOBS,
    }
    chat = [{"role": "system", "content": "meeting"}, {"role": "user", "content": message}]
    return proposals.answer_json(OfflineProvider().text(TextRequest("meeting", chat, context=context)).text)


def checked(pitch: dict, answer: dict, passage: str | None = None) -> list[dict]:
    versions = {"title": 1, "synopsis": 1, "cast": 1, "image_prompt": 1}
    return proposals.checked_proposals(
        answer, {part: pitch[part] for part in ("idea", "title", "synopsis", "cast", "image_prompt")}, versions, passage
    )


@pytest.mark.parametrize(
    "message",
    [
        "Make it a heist comedy",
        "Make it lighter",
        "Make it for kids",
        "Set it in Tokyo",
        "Cast someone younger as the lead",
        "Make it shorter",
    ],
)
def test_each_kind_of_request_gets_a_proposal_with_a_real_change(pitch, message):
    answer = turn(pitch, message)
    assert answer["reply"].strip()
    [proposal] = checked(pitch, answer)
    assert proposal["changes"], "the proposal changes something"
    assert proposal["summary"]


def test_a_setting_a_length_and_a_cast_are_what_was_asked(pitch):
    [tokyo] = checked(pitch, turn(pitch, "Set it in Tokyo"))
    assert "Tokyo" in tokyo["changes"]["synopsis"]
    [shorter] = checked(pitch, turn(pitch, "Make it shorter"))
    assert len(shorter["changes"]["synopsis"]) < len(pitch["synopsis"])
    [younger] = checked(pitch, turn(pitch, "Cast someone younger as the lead"))
    assert "cast" in younger["changes"] or "synopsis" in younger["changes"]


def test_the_answers_follow_the_request_not_fixed_text(pitch):
    heist, tokyo = turn(pitch, "Make it a heist comedy"), turn(pitch, "Set it in Tokyo")
    assert heist["proposal"]["changes"] != tokyo["proposal"]["changes"]
    assert turn(pitch, "Make it a heist comedy") == heist  # the same request, the same answer


def test_a_change_applied_earlier_stays_in_the_next_proposal(pitch):
    # The meeting sends each applied change as the turn's "applied" entries (meeting/turns.py).
    heist = {
        "message": "Make it a heist comedy",
        "reply": "",
        "summary": "",
        "changes": {},
        "alternative": 1,
        "passage": None,
    }
    plain, after_heist = turn(pitch, "Set it in Tokyo"), turn(pitch, "Set it in Tokyo", applied=[heist])
    assert "Tokyo" in after_heist["proposal"]["changes"]["synopsis"]
    assert "comedy" in after_heist["proposal"]["changes"]["synopsis"].lower()
    assert "comedy" not in plain["proposal"]["changes"]["synopsis"].lower()


@pytest.mark.parametrize(
    "message", ["Email this pitch to my agent in Los Angeles", "Make it darker"]
)  # the rainy-city killer is a horror thriller already
def test_it_says_plainly_when_it_cannot(pitch, message):
    answer = turn(pitch, message)
    assert answer["proposal"] is None and answer["reply"].strip()


def test_three_alternatives_are_three_different_proposals(pitch):
    answer = turn(pitch, "Give it a new title", alternatives=3)
    assert len(checked(pitch, answer)) == 3


def test_a_passage_change_stays_in_its_passage(pitch):
    first, sentence, *rest = diffs.sentences(pitch["synopsis"])
    [proposal] = checked(pitch, turn(pitch, "Make this darker", passage=sentence.strip()), passage=sentence.strip())
    changed = proposal["changes"]["synopsis"]
    assert changed != pitch["synopsis"] and changed.startswith(first) and changed.endswith("".join(rest))


def test_the_offline_meeting_applies_like_any_other(client, app):
    response = submit_idea(client, IDEA)
    slug = response.headers["Location"].rsplit("/", 1)[-1]
    drain(app)
    assert client.post(f"/api/pitches/{slug}/meeting", json={"message": "Make it a heist comedy"}).status_code == 202
    drain(app)
    boss = client.get(f"/api/pitches/{slug}/meeting").get_json()["messages"][1]
    assert boss["state"] == "done" and boss["proposals"]
    assert client.post(f"/api/pitches/{slug}/meeting/{boss['id']}/apply", json={}).status_code == 200
    drain(app)
    doc = client.get(f"/api/pitches/{slug}").get_json()
    assert doc["status"] == "done"
    changed = [part for part in ("title", "synopsis") if len(doc["versions"][part]) == 2]
    assert changed and all(doc["versions"][part][1]["message_id"] == boss["id"] for part in changed)
