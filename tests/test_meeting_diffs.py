"""The meeting's text work: word diffs, sentences, a change kept to one passage, and reading the boss's answers."""

from __future__ import annotations

import pytest

from moviepitch.meeting import diffs, proposals

SYNOPSIS = (
    "Vera Lund (Cate Blanchett) cracks safes. She is retired!\n\n"
    'But Milo (Dev Patel) calls. "One last job." The vault waits…'
)
PITCH = {
    "idea": "A safecracker comes out of retirement.",
    "title": "The Last Vault",
    "synopsis": SYNOPSIS,
    "cast": [{"character": "Vera Lund", "actor": "Cate Blanchett"}, {"character": "Milo", "actor": "Dev Patel"}],
    "image_prompt": "A vault door glowing in the dark.",
}
VERSIONS = {"title": 1, "synopsis": 2, "cast": 1, "image_prompt": 1}


@pytest.mark.parametrize("text", [SYNOPSIS, "", "One.", "No end mark", "A.\n\nB!  C?\n", "Dr. Who. Ms. Marvel."])
def test_sentences_join_back_to_the_text(text):
    assert "".join(diffs.sentences(text)) == text


def test_a_word_diff_reads_in_phrases_and_joins_back():
    diff = diffs.word_diff("She is retired and calm.", "She is bored stiff and calm today.")
    # "and calm", two words between two changes, reads as part of one change rather than as scraps.
    assert diff == [
        {"op": "same", "text": "She is "},
        {"op": "del", "text": "retired and calm"},
        {"op": "ins", "text": "bored stiff and calm today"},
        {"op": "same", "text": "."},
    ]
    old = "".join(run["text"] for run in diff if run["op"] != "ins")
    new = "".join(run["text"] for run in diff if run["op"] != "del")
    assert (old, new) == ("She is retired and calm.", "She is bored stiff and calm today.")
    assert diffs.word_diff("same", "same") == [{"op": "same", "text": "same"}]
    long = diffs.word_diff(
        "One two three four five six seven eight nine ten eleven twelve.",
        "One two three four five six seven eight nine ten eleven twelve!",
    )
    assert diffs.compact(long, context=2) == [
        {"op": "gap", "text": "…"},
        {"op": "same", "text": "eleven twelve"},
        {"op": "del", "text": "."},
        {"op": "ins", "text": "!"},
    ]


@pytest.mark.parametrize(
    "selected, expected",
    [
        ("She is retired", (1, 2)),
        ("is  retired!", (1, 2)),  # any spaces match
        ("safes. She", (0, 2)),  # across a boundary: both sentences
        ("One last job", (3, 4)),
        ("not in it", None),
        ("   ", None),
    ],
)
def test_a_selection_grows_to_whole_sentences(selected, expected):
    assert diffs.passage_span(SYNOPSIS, selected) == expected


def test_a_change_is_kept_to_its_passage_whatever_else_the_model_rewrote():
    span = diffs.passage_span(SYNOPSIS, "She is retired")
    rewritten = SYNOPSIS.replace("She is retired!", "She swore she was done for good!").replace("cracks", "opens")
    changed = diffs.confine(SYNOPSIS, rewritten, span)
    assert changed == SYNOPSIS.replace("She is retired!", "She swore she was done for good!")
    start = SYNOPSIS.index("She is retired!")
    assert changed[:start] == SYNOPSIS[:start]
    assert changed.endswith(SYNOPSIS[start + len("She is retired!") :])


def test_a_passage_rewritten_past_recognition_changes_nothing_and_a_cut_one_goes():
    span = diffs.passage_span(SYNOPSIS, "She is retired")
    assert diffs.confine(SYNOPSIS, "Something else entirely.", span) == SYNOPSIS
    assert diffs.confine(SYNOPSIS, SYNOPSIS.replace("She is retired!\n\n", ""), span) == SYNOPSIS.replace(
        "She is retired!\n\n", ""
    )


@pytest.mark.parametrize(
    "partial, reply",
    [
        ('{"reply": "Love', "Love"),
        ('{"reply": "Love it, \\"kid\\"', 'Love it, "kid"'),
        ('{"reply": "Caf\\u00e', "Caf"),  # an escape still arriving is left out
        ('{"reply": "Done.", "proposal": null}', "Done."),
        ('{"rep', ""),
        ("Plain words from a server that ignores the format", "Plain words from a server that ignores the format"),
    ],
)
def test_the_reply_is_read_out_of_a_json_answer_as_it_streams(partial, reply):
    assert proposals.reply_so_far(partial) == reply


@pytest.mark.parametrize(
    "text",
    ['```json\n{"reply": "Hi", "proposal": null}\n```', 'Sure! {"reply": "Hi", "proposal": null} Hope that helps.'],
)
def test_a_json_answer_is_found_in_fences_or_prose(text):
    assert proposals.answer_json(text)["reply"] == "Hi"


@pytest.mark.parametrize("text", ["Hi there", '{"proposal": null}', "[1, 2]"])
def test_an_answer_without_the_shape_is_unreadable(text):
    with pytest.raises(proposals.Unreadable):
        proposals.answer_json(text)


def proposal(**changes):
    return {"summary": "A change", "reason": "Why not.", "changes": changes}


def test_a_proposal_keeps_only_what_really_changes_with_what_it_was():
    found = proposals.checked_proposals(
        {"reply": "", "proposal": proposal(title="The Great Bungle", synopsis=SYNOPSIS, image_prompt=None, cast=None)},
        PITCH,
        VERSIONS,
        None,
    )
    assert found == [
        {
            "summary": "A change",
            "reason": "Why not.",
            "changes": {"title": "The Great Bungle"},
            "base": {"title": {"version": 1, "text": "The Last Vault"}},
        }
    ]


@pytest.mark.parametrize(
    "changes",
    [
        {"title": "<b>Bold</b>"},  # markup is not a title
        {"title": "Top Gun"},  # the worked example's title
        {"synopsis": "Too short."},
        {"image_prompt": ""},
        {"cast": [{"character": "", "actor": "Nobody"}]},
        {"title": "The Last Vault"},  # no change at all
    ],
)
def test_unusable_or_unchanged_parts_make_no_proposal(changes):
    assert proposals.checked_proposals({"reply": "", "proposal": proposal(**changes)}, PITCH, VERSIONS, None) == []


def test_a_new_actor_is_put_in_the_synopsis_brackets_too():
    cast = [{"character": "Vera Lund", "actor": "Florence Pugh"}, {"character": "Milo", "actor": "Dev Patel"}]
    [found] = proposals.checked_proposals({"reply": "", "proposal": proposal(cast=cast)}, PITCH, VERSIONS, None)
    assert found["changes"]["synopsis"] == SYNOPSIS.replace("(Cate Blanchett)", "(Florence Pugh)")
    assert found["changes"]["cast"] == cast


def test_a_poster_description_names_nobody():
    [found] = proposals.checked_proposals(
        {
            "reply": "",
            "proposal": proposal(image_prompt="Vera Lund laughs beside a cartoon vault in bright morning light."),
        },
        PITCH,
        VERSIONS,
        None,
    )
    assert "Vera" not in found["changes"]["image_prompt"]


def test_a_passage_proposal_changes_that_passage_alone():
    rewritten = SYNOPSIS.replace("She is retired!", "She is bored stiff!").replace("The vault waits…", "Ha.")
    [found] = proposals.checked_proposals(
        {"reply": "", "proposal": proposal(synopsis=rewritten, title="Other")}, PITCH, VERSIONS, "She is retired!"
    )
    assert found["changes"] == {"synopsis": SYNOPSIS.replace("She is retired!", "She is bored stiff!")}


def test_three_alternatives_are_kept_apart_and_alike_ones_once():
    answer = {
        "reply": "Three ways.",
        "proposals": [
            proposal(title="One Way"),
            proposal(title="Two Ways"),
            proposal(title="One Way"),
            proposal(title="Four"),
        ],
    }
    found = proposals.checked_proposals(answer, PITCH, VERSIONS, None)
    assert [p["changes"]["title"] for p in found] == ["One Way", "Two Ways"]


def test_the_fallback_rewrite_is_read_from_its_labelled_lines():
    text = (
        "SUMMARY: Make it a heist comedy\nREASON: Comedy sells\nTITLE: The Great Bungle\n"
        "SYNOPSIS: A crew of bunglers (Jack Black) plans the heist of the century, and it all goes wrong.\n"
        "CAST:\nThe Leader: Jack Black\nPOSTER: A cartoon vault door bursting open in confetti."
    )
    answer = proposals.rewrite_answer(text)
    assert answer["proposals"][0]["changes"]["title"] == "The Great Bungle"
    assert answer["proposals"][0]["changes"]["cast"] == [{"character": "The Leader", "actor": "Jack Black"}]
    assert proposals.rewrite_answer("NO CHANGE.") == {"reply": "", "proposals": []}
    three = proposals.rewrite_answer("OPTION 1\nTITLE: A\n\nOPTION 2\nTITLE: B\nOPTION 3\nTITLE: C")
    assert [p["changes"]["title"] for p in three["proposals"]] == ["A", "B", "C"]


def test_the_cast_is_shown_one_member_a_line():
    assert proposals.shown_text("cast", PITCH["cast"]) == "Vera Lund: Cate Blanchett\nMilo: Dev Patel"
    assert proposals.shown_text("title", None) == ""
