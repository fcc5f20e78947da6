"""The pitch meeting through the real openai SDK against the local stub: structured output asked for with a JSON
schema, the whole history sent (and summarised past the budget), and the fallback for servers that refuse the
format or ignore it."""

from __future__ import annotations

import json

from helpers import drain, responder, stub_pitch
from openai_stub import Fault

from moviepitch.meeting import prompts

TITLE = "The Keeper's Last Laugh"
SUMMARY = "The writer wanted more jokes; the boss agreed and nothing is applied yet."
WRITTEN_UP = f"SUMMARY: A comic title\nREASON: It fits the new tone\nTITLE: {TITLE}"


def kind(body: dict) -> str:
    """Which call of the meeting a chat request is: turn, rewrite or summary (or a step of the chain)."""
    system = body["messages"][0]["content"]
    if system.startswith(prompts.SUMMARISE):
        return "summary"
    if system.startswith(prompts.REWRITE):
        return "rewrite"
    return "turn" if system.startswith(prompts.BOSS) else "chain"


def boss(body: dict) -> str:
    """The stub's Movie Boss: JSON when asked for it (a title when asked for one), plain words otherwise."""
    call = kind(body)
    if call == "summary":
        return SUMMARY
    if call == "rewrite":
        return WRITTEN_UP
    if call == "chain":
        return responder(body)
    asked = body["messages"][-1]["content"]
    reply = f"Noted: {asked.splitlines()[1]}. Let us make it funnier."
    if not body.get("response_format"):
        return reply
    proposal = {
        "summary": "A comic title",
        "reason": "It fits the new tone",
        "changes": {"title": TITLE, "synopsis": None, "cast": None, "image_prompt": None},
    }
    return json.dumps({"reply": reply, "proposal": proposal if "title" in asked else None})


def turns(stub) -> list[dict]:
    return [r.body for r in stub.requests_to("/chat/completions") if kind(r.body) == "turn"]


def say(app, client, slug: str, message: str):
    response = client.post(f"/api/pitches/{slug}/meeting", json={"message": message})
    assert response.status_code == 202
    drain(app)
    return client.get(f"/api/pitches/{slug}/meeting").get_json()


def test_a_turn_asks_for_structured_output_with_the_pitch_and_its_knobs(tmp_path, stub):
    stub.chat_responder = boss
    with stub_pitch(
        tmp_path,
        stub,
        {"idea": "A lighthouse keeper hears the lamp speak.", "frequency_penalty": 0.8, "presence_penalty": 0.5},
    ) as (app, client, slug):
        doc = say(app, client, slug, "Give it a funnier title")
        [body] = turns(stub)
        assert body["response_format"]["type"] == "json_schema"
        assert body["response_format"]["json_schema"]["strict"] is True
        assert list(body["response_format"]["json_schema"]["schema"]["properties"]) == ["reply", "proposal"]
        assert (body["frequency_penalty"], body["presence_penalty"]) == (0.8, 0.5)
        assert body["stream"] is True and body["max_tokens"] == prompts.MAX_TOKENS[1]
        system = body["messages"][0]["content"]
        assert "<pitch>" in system and "Nora Vale (Saoirse Ronan)" in system and "The Keeper's Light" in system
        assert body["messages"][1:] == [{"role": "user", "content": "<message>\nGive it a funnier title\n</message>"}]
        boss_message = doc["messages"][1]
        assert boss_message["content"] == "Noted: Give it a funnier title. Let us make it funnier."
        assert boss_message["proposals"][0]["parts"][0]["text"] == TITLE


def test_the_whole_conversation_goes_with_each_turn(tmp_path, stub):
    stub.chat_responder = boss
    with stub_pitch(tmp_path, stub) as (app, client, slug):
        for message in ("Is the lamp a ghost?", "Give it a funnier title", "What about the biologist?"):
            doc = say(app, client, slug, message)
        sent = turns(stub)[-1]["messages"][1:]
        stored = doc["messages"]
        assert [m["role"] for m in sent] == ["user", "assistant"] * 2 + ["user"]
        assert [m["content"] for m in sent[::2]] == [f"<message>\n{m['content']}\n</message>" for m in stored[::2]]
        assert sent[1]["content"] == stored[1]["content"]
        assert sent[3]["content"].startswith(stored[3]["content"]) and "(Proposed: A comic title." in sent[3]["content"]
        assert doc["summary"] is None


def test_past_the_budget_the_oldest_turns_are_summarised_never_dropped(tmp_path, stub):
    stub.chat_responder = boss
    with stub_pitch(tmp_path, stub, MEETING_HISTORY_TOKENS=90) as (app, client, slug):
        said = [f"Question number {n}: what if the lighthouse keeper had a secret twin sister?" for n in range(1, 6)]
        for message in said:
            doc = say(app, client, slug, message)
        summaries = [r.body for r in stub.requests_to("/chat/completions") if kind(r.body) == "summary"]
        assert summaries, "the history outgrew its budget, so the oldest turns were summarised"
        last = turns(stub)[-1]
        assert SUMMARY in last["messages"][0]["content"]
        # Every earlier message reached the model: whole in the last turn, or in a summary request.
        sent = json.dumps(last["messages"])
        summarised = json.dumps([body["messages"] for body in summaries])
        for message in said[:-1]:
            assert message in sent or message in summarised
        assert said[0] not in sent and said[-2] in sent and said[-1] in sent
        assert doc["summary"]["content"] == SUMMARY and doc["summary"]["source"] == "model"
        assert doc["summary"]["upto_id"] < doc["messages"][-2]["id"]


def test_a_server_that_refuses_the_format_gets_a_plain_reply_then_a_write_up(tmp_path, stub):
    stub.chat_responder = boss
    with stub_pitch(tmp_path, stub) as (app, client, slug):
        stub.script(
            "/chat/completions", Fault.unsupported_param("response_format"), when=lambda body: "response_format" in body
        )
        doc = say(app, client, slug, "Give it a funnier title")
        calls = [
            (kind(r.body), "response_format" in r.body)
            for r in stub.requests_to("/chat/completions")
            if kind(r.body) != "chain"
        ]
        assert calls == [("turn", True), ("turn", False), ("rewrite", False)]
        answer = doc["messages"][1]
        assert answer["content"] == "Noted: Give it a funnier title. Let us make it funnier."
        assert [p["parts"][0]["text"] for p in answer["proposals"]] == [TITLE]
        # The write-up saw the pitch, the owner's words and the boss's reply, as data.
        rewrite = [r.body for r in stub.requests_to("/chat/completions") if kind(r.body) == "rewrite"][0]
        assert "<reply>\nNoted: Give it a funnier title" in rewrite["messages"][1]["content"]
        # Remembered for the model: the next turn goes the plain way at once.
        stub.reset()
        stub.chat_responder = boss
        say(app, client, slug, "Anything else?")
        assert [(kind(r.body), "response_format" in r.body) for r in stub.requests_to("/chat/completions")] == [
            ("turn", False),
            ("rewrite", False),
        ]


def test_a_server_that_ignores_the_format_still_gets_its_change_written_up(tmp_path, stub):
    stub.chat_responder = lambda body: boss({**body, "response_format": None}) if kind(body) == "turn" else boss(body)
    with stub_pitch(tmp_path, stub) as (app, client, slug):
        doc = say(app, client, slug, "Give it a funnier title")
        answer = doc["messages"][1]
        assert answer["state"] == "done" and answer["content"].startswith("Noted:")
        assert answer["proposals"][0]["parts"][0]["text"] == TITLE
        assert [kind(r.body) for r in stub.requests_to("/chat/completions")][-2:] == ["turn", "rewrite"]


def test_a_turn_that_times_out_keeps_the_words_so_far(tmp_path, stub):
    stub.chat_responder = boss
    with stub_pitch(tmp_path, stub) as (app, client, slug):
        stub.script(
            "/chat/completions",
            Fault.dropped_stream('{"reply": "Well, I think the'),
            when=lambda body: kind(body) == "turn",
        )
        answer = say(app, client, slug, "Give it a funnier title")["messages"][1]
        assert answer["state"] == "failed" and "stopped answering" in answer["error"]
        assert answer["content"] == "Well, I think the"
