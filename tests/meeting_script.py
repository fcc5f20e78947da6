"""The Movie Boss as a script, for meeting tests: it answers a turn from its context (the pitch, the owner's
message, a passage), in the shape every provider answers a turn in (meeting/prompts.py)."""

from __future__ import annotations

import json
import re

from moviepitch.meeting import diffs

HEIST_OPENING = "A crew of lovable bunglers plans the heist of the century."
HEIST_TITLE = "The Great Bungle"
DARKER = "That night, every light in the city goes out."


def heist(synopsis: str) -> str:
    """The synopsis as a heist comedy: a new first sentence, and a punchline at the end."""
    first = diffs.sentences(synopsis)[0].rstrip()
    return synopsis.replace(first, HEIST_OPENING, 1).rstrip() + " Everything goes hilariously wrong."


def boss(context: dict) -> dict:
    """The answer to one turn: talk, a heist comedy, three titles, or a darker passage."""
    pitch, message = context["pitch"], context["message"].lower()
    if context.get("passage"):
        return {
            "reply": "Darker it is, just there.",
            "proposal": {
                "summary": "Darken that passage",
                "reason": "A shadow before the finale.",
                "changes": {"synopsis": pitch["synopsis"].replace(context["passage"], DARKER)},
            },
        }
    if context.get("alternatives", 1) > 1:
        return {
            "reply": "Three titles to choose from.",
            "proposals": [
                {"summary": f"Call it {title}", "reason": "Punchier.", "changes": {"title": title}}
                for title in ("Vault Face", "Safe Bet", "Lock Stock")
            ],
        }
    if "heist comedy" in message:
        return {
            "reply": "A heist comedy? Now you're talking: bunglers, a vault, pratfalls.",
            "proposal": {
                "summary": "Make it a heist comedy",
                "reason": "Comedy travels, and heists sell.",
                "changes": {"synopsis": heist(pitch["synopsis"]), "title": HEIST_TITLE},
            },
        }
    return {
        "reply": f"Interesting. Tell me more about “{re.sub(r'[<>]', '', context['message'])[:40]}”.",
        "proposal": None,
    }


def answer(request) -> str:
    """A ScriptedProvider answer for the task "meeting"."""
    return json.dumps(boss(request.context))
