"""Reading the boss's answer: the reply (also while it streams) and the proposals, checked against the pitch.

A proposal keeps only the parts that really change, each cleaned and checked as the chain checks its own
answers, and what each part was when it was proposed ({"base": {part: {"version", "text"}}}), so its diff can be
shown and a stale one refused. A proposal about a passage changes that passage of the synopsis and nothing else.
"""

from __future__ import annotations

import json
import re

from ..chain import answers
from ..chain import cast as cast_reading
from ..providers import ProviderError
from . import diffs
from .prompts import PARTS, REWRITE_LABELS

LABELS = {"title": "Title", "synopsis": "Synopsis", "cast": "Cast", "image_prompt": "Poster description"}
MOST_PROPOSALS = 3
# Bounds on what a proposal may hold (characters; cast members).
SYNOPSIS_CHARS = (40, 4000)
POSTER_CHARS = (10, 1500)
LINE_CHARS = 300
CAST_SIZE = 12
_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.IGNORECASE)
_REPLY_START = re.compile(r'"reply"\s*:\s*"')
_STRING_BODY = re.compile(r'(?:[^"\\]|\\.)*', re.DOTALL)
_LOOSE_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{0,3})?$")
_OPTION = re.compile(r"^\W*OPTION\s*\d+\W*$", re.IGNORECASE | re.MULTILINE)
_LABEL = re.compile(rf"^[\s*#_]*({'|'.join(REWRITE_LABELS)})[\s*_]*:\s*", re.IGNORECASE | re.MULTILINE)


class Unreadable(ValueError):
    """The answer is not the JSON object a turn asks for."""


def answer_json(text: str) -> dict:
    """The answer's JSON object (also when wrapped in a code fence or a sentence); Unreadable otherwise."""
    text = _FENCE.sub("", text.strip())
    for candidate in (text, text[text.find("{") : text.rfind("}") + 1]):
        try:
            answer = json.loads(candidate, strict=False)
        except ValueError:
            continue
        if isinstance(answer, dict) and isinstance(answer.get("reply"), str):
            return answer
    raise Unreadable("the answer is not the JSON asked for")


def reply_so_far(text: str) -> str:
    """The reply of an answer still arriving: the "reply" string of its JSON as far as it goes, or the text itself
    when the answer is not JSON (a server that ignores the format)."""
    if not text.lstrip().startswith(("{", "`")):
        return text
    start = _REPLY_START.search(text)
    if start is None:
        return ""
    body = _LOOSE_ESCAPE.sub("", _STRING_BODY.match(text, start.end()).group(0))
    try:
        return json.loads(f'"{body}"', strict=False)
    except ValueError:
        return ""


def checked_proposals(answer: dict, pitch: dict, versions: dict[str, int], passage: str | None) -> list[dict]:
    """The answer's proposals that change something, checked (at most three, no two alike)."""
    raw = answer.get("proposals") if isinstance(answer.get("proposals"), list) else [answer.get("proposal")]
    kept: list[dict] = []
    for item in raw[:MOST_PROPOSALS]:
        proposal = checked(item, pitch, versions, passage)
        if proposal is not None and all(proposal["changes"] != other["changes"] for other in kept):
            kept.append(proposal)
    return kept


def checked(item, pitch: dict, versions: dict[str, int], passage: str | None) -> dict | None:
    """One proposal, cleaned and checked; None when nothing usable in it changes the pitch."""
    if not isinstance(item, dict) or not isinstance(item.get("changes"), dict):
        return None
    raw = {part: item["changes"].get(part) for part in (("synopsis",) if passage else PARTS)}
    changes = {}
    for part, value in raw.items():
        value = _part(part, value, pitch, passage)
        if value is not None and value != pitch.get(part):
            changes[part] = value
    if "cast" in changes and "synopsis" not in changes:
        # The synopsis names each actor in brackets: a new actor there too, or the two would disagree.
        recast = _recast(pitch.get("synopsis") or "", pitch.get("cast") or [], changes["cast"])
        if recast != pitch.get("synopsis"):
            changes["synopsis"] = recast
    if not changes:
        return None
    return {
        "summary": _line(item.get("summary")) or "A change to the pitch",
        "reason": _line(item.get("reason")),
        "changes": changes,
        "base": {part: {"version": versions.get(part), "text": pitch.get(part)} for part in changes},
    }


def _line(value) -> str:
    return " ".join(answers.clean(value).split())[:LINE_CHARS] if isinstance(value, str) else ""


def _part(part: str, value, pitch: dict, passage: str | None):
    """A part's new value, cleaned as the chain cleans that part; None when it is missing or unusable."""
    if part == "cast":
        return _cast(value)
    if not isinstance(value, str) or not value.strip():
        return None
    if part == "title":
        try:
            return answers.title_from(value, pitch.get("idea", ""))
        except ProviderError:
            return None
    text = answers.clean(value)
    low, high = SYNOPSIS_CHARS if part == "synopsis" else POSTER_CHARS
    if not low <= len(text) <= high or answers.echoes_example(text, pitch.get("idea", "")):
        return None
    if part == "image_prompt":
        return answers.without_names(text, _names(pitch))
    if passage:
        current = pitch.get("synopsis") or ""
        span = diffs.passage_span(current, passage)
        return diffs.confine(current, text, span) if span else None
    return text


def _cast(value) -> list[dict[str, str]] | None:
    if not isinstance(value, list):
        return None
    pairs = [
        (
            " ".join(answers.clean(str(item.get("character", ""))).split())[:80],
            " ".join(answers.clean(str(item.get("actor", ""))).split())[:80],
        )
        for item in value[:CAST_SIZE]
        if isinstance(item, dict)
    ]
    cast = [{"character": character, "actor": actor} for character, actor in pairs if character and actor]
    return cast or None


def _names(pitch: dict) -> set[str]:
    pairs = [*(pitch.get("cast") or []), *cast_reading.from_brackets(pitch.get("synopsis") or "")]
    return {name for pair in pairs for name in (pair["character"], pair["actor"])}


def _recast(synopsis: str, old: list[dict], new: list[dict]) -> str:
    """The synopsis with each recast character's actor changed in its brackets."""
    actors = {pair["character"]: pair["actor"] for pair in old}
    for pair in new:
        before = actors.get(pair["character"])
        if before and before != pair["actor"]:
            synopsis = synopsis.replace(f"({before})", f"({pair['actor']})")
    return synopsis


def rewrite_answer(text: str) -> dict:
    """The fallback's rewrite (labelled lines, OPTION blocks for alternatives) in the turn's JSON shape."""
    text = answers.clean(text)
    if not _LABEL.search(text) and re.sub(r"\W", "", text).upper().startswith("NOCHANGE"):
        return {"reply": "", "proposals": []}
    blocks = [block for block in _OPTION.split(text) if _LABEL.search(block)]
    return {"reply": "", "proposals": [_labelled(block) for block in blocks[:MOST_PROPOSALS]]}


def _labelled(block: str) -> dict:
    pieces = _LABEL.split(block)
    sections = {label.upper(): value.strip() for label, value in zip(pieces[1::2], pieces[2::2])}
    changes = {
        "title": sections.get("TITLE"),
        "synopsis": sections.get("SYNOPSIS"),
        "cast": cast_reading.from_lines(sections["CAST"]) if sections.get("CAST") else None,
        "image_prompt": sections.get("POSTER"),
    }
    return {"summary": sections.get("SUMMARY", ""), "reason": sections.get("REASON", ""), "changes": changes}


def shown_text(part: str, value) -> str:
    """A part's value as text to show and compare (a cast as one "Character: Actor" line each)."""
    if part == "cast":
        return "\n".join(f"{pair['character']}: {pair['actor']}" for pair in value or [])
    return value or ""
