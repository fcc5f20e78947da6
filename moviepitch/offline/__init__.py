"""The built-in writer and poster painter, for using MoviePitch without a key or a network."""

from __future__ import annotations

from .painter import paint_poster
from .plan import Character, StoryPlan, plan_story
from .story import write_cast, write_image_prompt, write_reply, write_synopsis, write_title

__all__ = [
    "Character", "StoryPlan", "paint_poster", "plan_story", "write_cast", "write_image_prompt",
    "write_reply", "write_synopsis", "write_title",
]
