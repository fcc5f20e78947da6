"""One entry point per part of the pitch, whatever language the idea is in."""

from __future__ import annotations

from .plan import StoryPlan
from .poster_text import write_image_prompt as _english_image_prompt
from .replies import write_reply
from .story import write_cast
from .story import write_synopsis as _english_synopsis


def write_synopsis(plan: StoryPlan, trace: list | None = None) -> str:
    """The synopsis, in Spanish or French for ideas in those languages, else in English (`trace`: see story.py)."""
    if plan.language in ("es", "fr"):
        from .romance_writer import write_synopsis as foreign

        return foreign(plan)
    return _english_synopsis(plan, trace)


def write_title(plan: StoryPlan) -> str:
    """A title of one to seven words, from the idea's own nouns, in title case."""
    return plan.title


def write_image_prompt(plan: StoryPlan, variant: int = 1) -> str:
    """The poster description of a poster version, with no names and nothing written in it."""
    return _english_image_prompt(plan, variant)


__all__ = ["write_cast", "write_image_prompt", "write_reply", "write_synopsis", "write_title"]
