"""The pitch meeting's conversation: turns stored and answered in the background, kept across requests and
browsers of the same owners, one at a time, counted in the budget, with the pitch's knobs and its history."""

from __future__ import annotations

import threading
from datetime import timedelta

import meeting_script
import pytest
from fakes import ScriptedProvider
from helpers import close_app, csrf_token, drain, make_app, submit_idea
from sqlalchemy import select, update

from moviepitch.providers import ProviderError
from moviepitch.storage.meeting import INTERRUPTED
from moviepitch.storage.models import MeetingMessage, UsageEntry, utcnow

IDEA = "A retired safecracker is pulled back for one last job."


@pytest.fixture
def provider():
    return ScriptedProvider({"meeting": meeting_script.answer})


def made(client, app, idea: str = IDEA) -> str:
    """A finished pitch made through the form by this browser: its slug."""
    response = submit_idea(client, idea)
    assert response.status_code == 303
    drain(app)
    return response.headers["Location"].rsplit("/", 1)[-1]


def say(client, app, slug: str, message: str, **fields):
    """Send the boss a message through the JSON API and wait for the answer; the response."""
    response = client.post(f"/api/pitches/{slug}/meeting", json={"message": message, **fields})
    drain(app)
    return response


def meeting(client, slug: str, **headers) -> dict:
    response = client.get(f"/api/pitches/{slug}/meeting", headers=headers)
    assert response.status_code == 200
    return response.get_json()


def test_a_message_is_answered_in_the_background_with_a_proposal(client, app, provider):
    slug = made(client, app)
    response = client.post(f"/api/pitches/{slug}/meeting", json={"message": "Make it a heist comedy"})
    assert response.status_code == 202
    body = response.get_json()
    assert body["message"]["content"] == "Make it a heist comedy" and body["answer"]["state"] in (
        "queued",
        "writing",
        "done",
    )
    drain(app)
    doc = meeting(client, slug)
    owner, boss = doc["messages"]
    assert (owner["role"], boss["role"], boss["state"], doc["busy"]) == ("user", "assistant", "done", False)
    assert boss["content"].startswith("A heist comedy?")
    [proposal] = boss["proposals"]
    assert proposal["summary"] == "Make it a heist comedy" and boss["proposal_status"] == "open"
    parts = {part["part"]: part for part in proposal["parts"]}
    assert set(parts) == {"title", "synopsis"}
    assert parts["title"]["diff"] == [
        {"op": "same", "text": "The "},
        {"op": "del", "text": "Last Vault"},
        {"op": "ins", "text": "Great Bungle"},
    ]
    # Structured output is asked for; the request carries the turn as data, the owner's words among it.
    [call] = [call for call in provider.calls if call.task == "meeting"]
    assert call.request.response_format["type"] == "json_schema"
    assert call.request.context["message"] == "Make it a heist comedy"
    assert "<message>\nMake it a heist comedy\n</message>" in call.request.messages[-1]["content"]


def test_the_conversation_persists_across_requests_and_the_owners_browsers(client, app, provider):
    slug = made(client, app)
    assert say(client, app, slug, "What do you make of the nephew?").status_code == 202
    assert say(client, app, slug, "Make it a heist comedy").status_code == 202
    # Another browser joins through the edit link and finds the meeting where it was, and carries it on.
    store = app.extensions["moviepitch"].store
    secret = store.new_edit_link(store.pitch_id(slug))
    other = app.test_client()
    assert other.post(f"/p/{slug}/edit/{secret}", data={"csrf_token": csrf_token(other)}).status_code == 303
    page = other.get(f"/p/{slug}").get_data(as_text=True)
    assert "What do you make of the nephew?" in page and "Make it a heist comedy" in page and 'id="meeting"' in page
    assert [m["content"] for m in meeting(other, slug)["messages"]] == [
        m["content"] for m in meeting(client, slug)["messages"]
    ]
    assert say(other, app, slug, "And a darker ending?").status_code == 202
    assert [m["content"] for m in meeting(client, slug)["messages"]][-2] == "And a darker ending?"
    # Each turn sent the whole conversation before it, in order, with the boss's proposal and what became of it.
    last = [call for call in provider.calls if call.task == "meeting"][-1].request.messages
    said = [message["content"] for message in last[1:]]
    assert "What do you make of the nephew?" in said[0] and "Make it a heist comedy" in said[2]
    assert said[3].startswith("A heist comedy?") and "The writer has not decided yet" in said[3]
    assert "And a darker ending?" in said[4] and len(said) == 5


def test_an_api_token_holds_the_meeting_of_its_pitches(client, app):
    created = client.post("/api/pitches", json={"idea": IDEA}).get_json()
    drain(app)
    api = app.test_client()  # no cookie: the token alone
    bearer = {"Authorization": f"Bearer {created['owner_token']}"}
    response = api.post(
        f"/api/pitches/{created['slug']}/meeting", json={"message": "Make it a heist comedy"}, headers=bearer
    )
    assert response.status_code == 202
    drain(app)
    assert meeting(api, created["slug"], **bearer)["messages"][1]["proposals"]
    # A token alone, with no JSON body, is enough for the twins that take none.
    message_id = meeting(api, created["slug"], **bearer)["messages"][1]["id"]
    assert api.post(f"/api/pitches/{created['slug']}/meeting/{message_id}/reject", headers=bearer).status_code == 200


def test_one_turn_at_a_time(client, app, provider):
    slug = made(client, app)
    gate = threading.Event()
    provider.answers["meeting"] = lambda request: (gate.wait(30), meeting_script.answer(request))[1]
    assert client.post(f"/api/pitches/{slug}/meeting", json={"message": "First"}).status_code == 202
    second = client.post(f"/api/pitches/{slug}/meeting", json={"message": "Second"})
    assert second.status_code == 409 and "still answering" in second.get_json()["error"]["message"]
    assert meeting(client, slug)["busy"] is True
    gate.set()
    drain(app)
    assert say(client, app, slug, "Second").status_code == 202
    assert [m["content"] for m in meeting(client, slug)["messages"] if m["role"] == "user"] == ["First", "Second"]


def test_a_failed_turn_keeps_what_was_said_and_the_meeting_goes_on(client, app, provider):
    slug = made(client, app)
    provider.answers["meeting"] = ProviderError(
        "The AI service took too long to answer.", kind="timeout", partial='{"reply": "Well, I'
    )
    say(client, app, slug, "Make it a heist comedy")
    boss = meeting(client, slug)["messages"][1]
    assert (boss["state"], boss["error"]) == ("failed", "The AI service took too long to answer.")
    provider.answers["meeting"] = meeting_script.answer
    assert say(client, app, slug, "Make it a heist comedy").status_code == 202
    assert meeting(client, slug)["messages"][-1]["state"] == "done"


def test_a_turn_whose_runner_went_quiet_shows_as_interrupted(client, app):
    slug = made(client, app)
    store = app.extensions["moviepitch"].store
    _, answer = store.start_turn(store.pitch_id(slug), "Hello?", None, 1)  # never started
    with store.session.begin() as s:
        s.execute(
            update(MeetingMessage).where(MeetingMessage.id == answer).values(updated_at=utcnow() - timedelta(hours=1))
        )
    boss = meeting(client, slug)["messages"][-1]
    assert (boss["state"], boss["error"]) == ("failed", INTERRUPTED)
    assert say(client, app, slug, "Hello again").status_code == 202


def test_the_meeting_waits_for_a_pitch_being_made(client, app):
    slug = made(client, app)
    store = app.extensions["moviepitch"].store
    assert store.reopen(store.pitch_id(slug), ("done",), ("title",))  # queued again, not started
    response = client.post(f"/api/pitches/{slug}/meeting", json={"message": "Hello"})
    assert response.status_code == 409 and "once the pitch is finished" in response.get_json()["error"]["message"]


def test_turns_are_counted_in_their_own_daily_budget(tmp_path):
    app = make_app(tmp_path, ScriptedProvider({"meeting": meeting_script.answer}), DAILY_TURNS=1)
    try:
        client = app.test_client()
        slug = made(client, app)
        assert say(client, app, slug, "One").status_code == 202
        refused = say(client, app, slug, "Two")
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
        # New pitches have a budget of their own.
        assert submit_idea(client, "Another idea entirely, for a new pitch.").status_code == 303
    finally:
        close_app(app)


def test_the_pitch_knobs_and_model_reach_the_meeting(client, app, provider):
    created = client.post(
        "/api/pitches", json={"idea": IDEA, "frequency_penalty": 0.8, "presence_penalty": 0.6, "temperature": 1.2}
    ).get_json()
    drain(app)
    say(client, app, created["slug"], "Make it a heist comedy")
    request = [call for call in provider.calls if call.task == "meeting"][0].request
    assert (request.frequency_penalty, request.presence_penalty, request.temperature) == (0.8, 0.6, 1.2)
    assert request.context["frequency_penalty"] == 0.8 and request.model == provider.text_model


def test_what_a_turn_used_counts_toward_the_pitch_and_the_ledger(client, app):
    slug = made(client, app)
    before = client.get(f"/api/pitches/{slug}").get_json()["usage"]
    say(client, app, slug, "Make it a heist comedy")
    after = client.get(f"/api/pitches/{slug}").get_json()["usage"]
    assert after["input_tokens"] == before["input_tokens"] + 10
    store = app.extensions["moviepitch"].store
    with store.session() as s:
        steps = s.scalars(select(UsageEntry.step).where(UsageEntry.pitch_id == store.pitch_id(slug))).all()
    assert steps.count("meeting") == 1


def test_earlier_applied_changes_go_with_each_turn_as_data(client, app, provider):
    slug = made(client, app)
    say(client, app, slug, "Make it a heist comedy")
    boss = meeting(client, slug)["messages"][1]
    assert client.post(f"/api/pitches/{slug}/meeting/{boss['id']}/apply", json={}).status_code == 200
    drain(app)
    say(client, app, slug, "Now three titles please", alternatives=3)
    context = [call for call in provider.calls if call.task == "meeting"][-1].request.context
    assert context["alternatives"] == 3
    assert context["pitch"]["title"] == meeting_script.HEIST_TITLE
    assert context["applied"] == [
        {
            "message": "Make it a heist comedy",
            "reply": boss["content"],
            "summary": "Make it a heist comedy",
            "changes": context["applied"][0]["changes"],
            "alternative": 1,
            "passage": None,
        }
    ]
    assert context["applied"][0]["changes"]["title"] == meeting_script.HEIST_TITLE


class StreamingBoss(ScriptedProvider):
    """Streams its meeting answer in three pieces, and reads the boss's message after each."""

    def __init__(self):
        super().__init__({"meeting": meeting_script.answer})
        self.store, self.slug, self.seen = None, None, []

    def text(self, request, on_delta=None):
        if request.task != "meeting":
            return super().text(request, on_delta)
        answer = meeting_script.answer(request)
        pitch_id = self.store.pitch_id(self.slug)
        for end in (len('{"reply": "A heist'), len('{"reply": "A heist comedy? Now'), len(answer)):
            on_delta(answer[:end])
            self.seen.append(self.store.conversation(pitch_id)[-1].content)
        return super().text(request)


def test_the_reply_streams_into_the_boss_message_as_it_is_written(tmp_path):
    boss = StreamingBoss()
    app = make_app(tmp_path, boss)
    try:
        client = app.test_client()
        slug = made(client, app)
        boss.store, boss.slug = app.extensions["moviepitch"].store, slug
        say(client, app, slug, "Make it a heist comedy")
        # The first words are saved the moment they come; later ones at most every quarter second.
        assert boss.seen[0] == "A heist"
        assert boss.seen[1] in ("A heist", "A heist comedy? Now")
        assert meeting(client, slug)["messages"][1]["content"].startswith("A heist comedy? Now you're talking")
    finally:
        close_app(app)


def test_a_model_that_cannot_summarise_gets_a_summary_made_of_the_messages(tmp_path):
    provider = ScriptedProvider(
        {"meeting": meeting_script.answer, "meeting_summary": ProviderError("The offline writer cannot write that.")}
    )
    app = make_app(tmp_path, provider, MEETING_HISTORY_TOKENS=60)
    try:
        client = app.test_client()
        slug = made(client, app)
        said = [f"Thought number {n}: the nephew should have a pet parrot that talks too much." for n in range(4)]
        for message in said:
            assert say(client, app, slug, message).status_code == 202
        doc = meeting(client, slug)
        assert doc["summary"]["source"] == "extract" and doc["messages"][-1]["state"] == "done"
        assert "The writer asked: “Thought number 0" in doc["summary"]["content"]
        last = [call for call in provider.calls if call.task == "meeting"][-1].request.messages
        assert "Thought number 0" in last[0]["content"]  # in the summary, in the system prompt
        assert said[-1] in last[-1]["content"]
    finally:
        close_app(app)
