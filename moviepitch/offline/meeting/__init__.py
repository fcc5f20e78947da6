"""The offline writer in a pitch meeting: the Movie Boss's answer to a message, with a proposal to apply.

The answer has the shape a remote model returns through structured output:
{"reply": "...", "proposal": null or {"summary", "reason", "changes": {title?, synopsis?, cast?, image_prompt?}}},
or {"reply": "...", "proposals": [three proposals]} when three alternatives are asked for. It is
deterministic for the context, and rebuilt each turn from the idea with every applied change.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ..fill import Chooser
from ..plan import StoryPlan, rng_for
from . import voice
from .asks import read_asks
from .passage import replaced, rewrite
from .proposals import apply_all, proposal, rebuild, shown_parts

__all__ = ["answer", "answer_json"]
# Changes a single sentence cannot take: they change who someone is in every sentence.
_WHOLE_PITCH = ("she", "he", "swap", "add")


def answer(base: StoryPlan, context: Mapping[str, Any], history: Sequence[Mapping[str, str]] = ()) -> dict[str, Any]:
    """The boss's answer to the context's message about the pitch planned as `base` (the idea's own plan)."""
    message = str(context.get("message") or "")[:500]
    applied = context.get("applied") or ()
    three = _whole(context.get("alternatives"), 1) >= 3
    current = rebuild(base, applied)
    variant = max(_whole(context.get("poster_variant"), 1), 1)
    shown = shown_parts(current, context.get("pitch"), variant)
    chooser = Chooser(rng_for(base.idea, base.seed, f"meeting:{len(applied)}:{message}"), base.knobs)
    for turn in history:  # the boss does not open the same way twice in one meeting
        if turn.get("role") == "assistant":
            chooser.used.update(o for o in voice.OPENERS + voice.CLOSERS if o in str(turn.get("content", "")))
            chooser.remember(str(turn.get("content", "")))
    asks = read_asks(message)
    key = "proposals" if three else "proposal"
    if not asks:
        return {"reply": voice.cannot(chooser), key: [] if three else None}
    if base.language in ("es", "fr") and any(a.kind == "cast" and a.value in _WHOLE_PITCH for a in asks):
        return {
            "reply": "I can recast a Spanish or French pitch, but not change who its heroes are or add "
            "someone yet: try a new genre, tone, setting or length.",
            key: [] if three else None,
        }
    passage = str(context.get("passage") or "").strip()
    sentence_asks = [a for a in asks if a.kind not in ("title", "look")]
    if passage and sentence_asks:
        return _passage_answer(asks, current, shown, passage, chooser, key, three)
    if three:  # three different takes; a take that changes nothing new makes way for the next
        found = _distinct([proposal(asks, current, shown, variant, angle) for angle in range(6)], 3)
    else:
        found = [card for card in [proposal(asks, current, shown, variant)] if card is not None]
    if not found:
        return {"reply": voice.already(asks, apply_all(current, asks)), key: [] if three else None}
    new = apply_all(current, asks)
    text = voice.reply(asks, new, chooser, count=len(found) if three else 1)
    return {"reply": text, key: found if three else found[0]}


def answer_json(base: StoryPlan, context: Mapping[str, Any], history: Sequence[Mapping[str, str]] = ()) -> str:
    """The answer as the JSON text a model's structured output would be."""
    return json.dumps(answer(base, context, history), ensure_ascii=False)


def _passage_answer(asks, current: StoryPlan, shown, passage: str, chooser: Chooser, key: str, three: bool) -> dict:
    """Only the selected sentence changes; every other sentence stays byte for byte."""
    synopsis = str(shown["synopsis"])
    if any(a.kind == "cast" and a.value in _WHOLE_PITCH for a in asks):
        return {
            "reply": "That changes who someone is in every sentence, so I can't do it to one line: ask me "
            "without selecting a sentence.",
            key: [] if three else None,
        }
    if passage not in synopsis:
        return {
            "reply": "I can't find that sentence in the synopsis as it stands. Select it again and tell me "
            "what to change.",
            key: [] if three else None,
        }
    sentence_asks = [a for a in asks if a.kind not in ("title", "look")]
    changed = apply_all(current, sentence_asks)
    if any(a.kind == "cast" for a in sentence_asks):  # a new face for the lead: only the brackets change
        return _recast_line(asks, current, changed, synopsis, passage, chooser, key, three)
    markers = (
        (changed.setting.name, changed.setting.era, changed.label)
        if changed.label != current.label or changed.setting != current.setting
        else ()
    )
    lines = rewrite(current, changed, passage, 3 if three else 1, markers)
    if not lines:
        return {
            "reply": "I can't rework that sentence on its own. Try asking without selecting it, or pick another line.",
            key: [] if three else None,
        }
    cards = []
    for k, line in enumerate(lines):
        cards.append(
            {
                "summary": voice.summary(sentence_asks, changed, k if three else None).rstrip(".")
                + " in the selected sentence.",
                "reason": voice.reason(sentence_asks, changed),
                "changes": {"synopsis": replaced(synopsis, passage, line)},
            }
        )
    text = voice.reply(sentence_asks, changed, chooser, count=len(cards) if three else 1)
    return {"reply": text, key: cards if three else cards[0]}


def _recast_line(asks, current, changed, synopsis, passage, chooser, key, three) -> dict:
    lead = current.heroes[0]
    if f"({lead.performer})" not in passage:
        return {
            "reply": f"That sentence doesn't introduce {lead.short}. Select the one with {lead.performer} in "
            "brackets, or ask without selecting one.",
            key: [] if three else None,
        }
    cards = []
    for angle in range(3 if three else 1):
        take = apply_all(current, [a for a in asks if a.kind == "cast"], angle).heroes[0]
        line = passage.replace(f"({lead.performer})", f"({take.performer})")
        cast = [
            {"character": c.name, "actor": take.performer if c.name == lead.name else c.performer}
            for c in current.characters
        ]
        cards.append(
            {
                "summary": f"Cast {take.performer} as {lead.name}.",
                "reason": voice.reason(asks, changed),
                "changes": {"synopsis": replaced(synopsis, passage, line), "cast": cast},
            }
        )
    text = voice.reply([a for a in asks if a.kind == "cast"], changed, chooser, len(cards) if three else 1)
    return {"reply": text, key: cards if three else cards[0]}


def _distinct(found: list, count: int) -> list:
    """The first `count` proposals that differ from each other in what they change."""
    kept: list = []
    for card in found:
        if card is not None and all(card["changes"] != other["changes"] for other in kept):
            kept.append(card)
        if len(kept) == count:
            break
    return kept


def _whole(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
