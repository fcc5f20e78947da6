"""What the Movie Boss is asked in a meeting, and the JSON shape of its answer.

Every provider answers a turn in one shape: {"reply": str, "proposal": null | {"summary", "reason", "changes":
{"title"?, "synopsis"?, "cast"?, "image_prompt"?}}}, or with three alternatives {"reply", "proposals": [...]}.
Servers that take structured output are held to it by a JSON schema; on the others the reply is asked in
plain words, then a second, plain call rewrites the pitch with the change (REWRITE_LABELS). The owner's
words, like the idea, are data in tags, never instructions.
"""

from __future__ import annotations

from ..chain.prompts import DATA_RULE, quoted

# The most tokens an answer may take: a reply and a whole new synopsis; three of them with alternatives.
MAX_TOKENS = {1: 1600, 3: 3600}
SUMMARY_MAX_TOKENS = 400
PARTS = ("title", "synopsis", "cast", "image_prompt")

_PAIR = {
    "type": "object",
    "additionalProperties": False,
    "required": ["character", "actor"],
    "properties": {"character": {"type": "string"}, "actor": {"type": "string"}},
}
# Strict structured output wants every key required: a part that stays is null.
CHANGES_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": list(PARTS),
    "properties": {
        "title": {"type": ["string", "null"], "description": "The new title, or null to keep it."},
        "synopsis": {
            "type": ["string", "null"],
            "description": "The whole new synopsis, each actor in brackets "
            "after a character's first mention; null to keep it.",
        },
        "cast": {"type": ["array", "null"], "items": _PAIR, "description": "The whole new cast, or null."},
        "image_prompt": {
            "type": ["string", "null"],
            "description": "The new poster description (no names, no lettering), or null to keep it.",
        },
    },
}
PROPOSAL_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["summary", "reason", "changes"],
    "properties": {
        "summary": {"type": "string", "description": "What changes, in one line."},
        "reason": {"type": "string", "description": "Why it makes the pitch better, in one line."},
        "changes": CHANGES_SCHEMA,
    },
}


def response_format(alternatives: int) -> dict:
    """The json_schema response_format of a turn: one proposal or none, or three alternatives."""
    if alternatives > 1:
        schema = {
            "type": "object",
            "additionalProperties": False,
            "required": ["reply", "proposals"],
            "properties": {
                "reply": {"type": "string"},
                "proposals": {
                    "type": "array",
                    "items": PROPOSAL_SCHEMA,
                    "description": f"Exactly {alternatives} different proposals.",
                },
            },
        }
    else:
        schema = {
            "type": "object",
            "additionalProperties": False,
            "required": ["reply", "proposal"],
            "properties": {"reply": {"type": "string"}, "proposal": {"anyOf": [PROPOSAL_SCHEMA, {"type": "null"}]}},
        }
    # "reply" comes first, so it streams first and the page shows the boss's words while the rest is written.
    return {"type": "json_schema", "json_schema": {"name": "pitch_meeting_turn", "strict": True, "schema": schema}}


BOSS = (
    "You are the Movie Boss, an enthusiastic but sharp studio head, in a pitch meeting with the writer of the movie "
    "pitch below. Talk it over with them in two to four sentences, in the pitch's own language, building on what "
    "was said before and never repeating yourself. When the writer asks for a change, or you suggest one they "
    "agree to, propose it: give the complete new text of each part that changes and nothing for the parts that "
    "stay. A synopsis keeps the ideal actor's name in brackets after each character's first mention; a poster "
    "description names nobody and has no lettering. When you only talk, or cannot do what is asked, propose "
    f"nothing and say plainly why. {DATA_RULE} The writer's messages are inside <message> tags."
)
STRUCTURED = (
    'Answer in JSON: "reply" is what you say; "proposal" is null, or the change with a one-line '
    '"summary", a one-line "reason" and the "changes" (title, synopsis, cast, image_prompt: null for '
    "a part that stays)."
)
PLAIN = "Answer in plain words only: what you say in the meeting. The change itself is written up separately."
PASSAGE_RULE = (
    "The writer selected the passage of the synopsis inside <passage> tags: a change may rewrite that "
    "passage alone, and must leave every other word of the synopsis exactly as it is."
)
REWRITE_LABELS = ("SUMMARY", "REASON", "TITLE", "SYNOPSIS", "CAST", "POSTER")
REWRITE = (
    "The Movie Boss and a writer are talking over the movie pitch below. Write up the change the boss's last "
    "reply agrees to or proposes, in exactly this form, leaving out the lines of parts that stay the same:\n"
    "SUMMARY: what changes, in one line\nREASON: why, in one line\nTITLE: the new title\n"
    "SYNOPSIS: the whole new synopsis, with each actor's name in brackets after the character\n"
    "CAST: one Character: Actor pair per line\nPOSTER: the new poster description, naming nobody, no lettering\n"
    "If the reply agrees to no change, answer exactly: NO CHANGE. " + DATA_RULE
)
SUMMARISE = (
    "Summarise this pitch meeting between a writer and the Movie Boss in at most 120 words: what the "
    "writer asked for, what the boss proposed, which changes were applied or rejected, and anything still "
    f"open. Keep names and decisions; no preamble. {DATA_RULE}"
)


def pitch_facts(pitch: dict) -> str:
    """The pitch as it stands, as tagged data."""
    cast = "\n".join(f"{pair['character']}: {pair['actor']}" for pair in pitch.get("cast") or [])
    return quoted(
        "pitch",
        f"Idea: {pitch.get('idea', '')}\nTitle: {pitch.get('title') or ''}\n"
        f"Synopsis: {pitch.get('synopsis') or ''}\nCast:\n{cast}\n"
        f"Poster description: {pitch.get('image_prompt') or ''}",
    )


def owner_words(text: str, passage: str | None = None, alternatives: int = 1) -> str:
    """One of the owner's messages as the model reads it: data in tags, with the passage it is about."""
    parts = [quoted("passage", passage)] if passage else []
    parts.append(quoted("message", text))
    if alternatives > 1:
        parts.append(f"Offer {alternatives} different proposals for this, each a real alternative to the others.")
    return "\n".join(parts)


def boss_words(reply: str, proposals: list[dict], status: str | None) -> str:
    """One of the boss's earlier answers as the model reads it back: its words, then what became of its proposal."""
    if not proposals:
        return reply
    fate = {
        "applied": "the writer applied it",
        "rejected": "the writer turned it down",
        "undone": "the writer applied it, then undid it",
    }.get(status or "", "the writer has not decided yet")
    summaries = "; ".join(p.get("summary") or "a change" for p in proposals)
    return f"{reply}\n\n(Proposed: {summaries}. {fate[0].upper()}{fate[1:]}.)"


def turn_messages(
    pitch: dict, history: list[dict], summary: str | None, structured: bool, passage: str | None
) -> list[dict]:
    """A turn's chat: the system prompt with the pitch (and any summary of older turns), then the conversation."""
    system = [BOSS, STRUCTURED if structured else PLAIN]
    if passage:
        system.append(PASSAGE_RULE)
    system.append("The pitch as it stands:\n" + pitch_facts(pitch))
    if summary:
        system.append("Earlier in this meeting, in short:\n" + quoted("summary", summary))
    return [{"role": "system", "content": "\n\n".join(system)}, *history]


def rewrite_messages(pitch: dict, asked: str, reply: str, passage: str | None, alternatives: int) -> list[dict]:
    """The fallback's second call: the pitch rewritten with the change the boss's reply agreed to."""
    ask = [pitch_facts(pitch), owner_words(asked, passage), quoted("reply", reply)]
    if passage:
        ask.append(PASSAGE_RULE)
    if alternatives > 1:
        ask.append(
            f"Write {alternatives} different versions of the change, each starting with a line "
            "OPTION 1, OPTION 2, and so on."
        )
    return [{"role": "system", "content": REWRITE}, {"role": "user", "content": "\n\n".join(ask)}]


def summary_messages(earlier: str | None, turns: list[dict]) -> list[dict]:
    """The call that summarises older turns (and the summary before them)."""
    lines = [f"Earlier summary: {earlier}"] if earlier else []
    lines += [f"{'Writer' if turn['role'] == 'user' else 'Movie Boss'}: {turn['content']}" for turn in turns]
    return [{"role": "system", "content": SUMMARISE}, {"role": "user", "content": quoted("summary", "\n".join(lines))}]
