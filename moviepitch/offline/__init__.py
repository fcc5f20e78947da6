"""The built-in writer and poster painter, for using MoviePitch without a key or a network."""

from __future__ import annotations

from .characters import Character
from .painter import paint_poster
from .plan import StoryPlan, plan_story
from .writers import write_cast, write_image_prompt, write_reply, write_synopsis, write_title


def warm() -> None:
    """Load the lexicon and the language model now, so the first pitch is as quick as the rest."""
    import gc

    from . import language, lexicon, nouns

    lexicon.warm()
    language.warm()
    nouns.warm()
    # The lexicon is some million small objects that never die: left to the collector, every full
    # collection walks them all and stalls whichever pitch is being written (tens of milliseconds).
    gc.collect()
    gc.freeze()


__all__ = [
    "Character",
    "StoryPlan",
    "paint_poster",
    "plan_story",
    "warm",
    "write_cast",
    "write_image_prompt",
    "write_reply",
    "write_synopsis",
    "write_title",
]
