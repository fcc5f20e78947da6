"""What a pitch's text says beyond its parts: the cast as a list, its tagline, and the versions a share card is
drawn from. Plain functions of a PitchView, for the pages, the exports and the command line alike."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .storage.records import PitchView


def cast_of(view: PitchView) -> list[dict[str, str]]:
    """The current cast as a list of {character, actor}."""
    body = view.text("cast")
    return json.loads(body) if body else []


def card_version(view: PitchView) -> str:
    """What the card is drawn from: the synopsis (its tagline), title and poster versions on show."""
    shown = [view.outputs.get(part) for part in ("synopsis", "title", "poster")]
    return "-".join(str(output.version if output else 0) for output in shown)


def tagline(view: PitchView) -> str:
    """The first sentence or two of the synopsis, for cards and descriptions."""
    synopsis = " ".join(view.text("synopsis").split())
    sentences = re.split(r"(?<=[.!?])\s+", synopsis)
    text = ""
    for sentence in sentences:
        if len(text) + len(sentence) > 200:
            break
        text = f"{text} {sentence}".strip()
    return text or synopsis[:200] or view.idea
