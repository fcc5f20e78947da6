"""The middle of the synopsis: who helps, who stands in the way, and what happens, as the plan asks.

The idea's own beat comes first; then what the knobs add (a twist, a detour, side beats) and what a
pitch meeting changed (a style's beat, an angle's beat, a companion, a shorter or longer telling);
the genre's stock complication fills in where the story has room for it.
"""

from __future__ import annotations

from . import beats, genre_beats
from .facts import joined
from .fill import Chooser
from .idea_beats import idea_beat
from .plan import StoryPlan


def middle(plan: StoryPlan, chooser: Chooser, facts: dict[str, str]) -> str:
    """The second paragraph: ally, villain, the others, and the beats between them."""
    short, long = plan.length == "short", plan.length == "long"
    sentences = [chooser.template(beats.ALLIES, facts), chooser.template(beats.VILLAINS, facts)]
    if plan.role("wildcard") and not short:
        sentences.append(chooser.template(beats.WILDCARDS, facts))
    # Short names from here on: the brackets belong to first mentions only.
    facts.update(ally=facts.get("ally_short", "an old friend"), villain=facts.get("villain_short", "the enemy"))
    facts["heroes_with_ally"] = joined([h.short for h in plan.heroes] + [facts["ally"]])
    if plan.role("companion"):
        sentences.append(chooser.template(beats.COMPANIONS, facts))
    beat = idea_beat(plan, chooser, facts, facts["goal_at"] == "middle")
    if beat:
        sentences.append(beat)
    sentences += _meeting_beats(plan, chooser, facts)
    if short:
        return " ".join(s for s in sentences if s)
    knobs = plan.knobs
    if knobs.strange or plan.extras.get("twist"):  # high creativity, or a meeting's "add a twist"
        sentences.append(chooser.template(beats.TWISTS, facts, lean=False))
    if knobs.moves_on > 0:  # new places and threads, each in a few words
        sentences.append(chooser.template(beats.DETOURS, {**facts, "place2": _elsewhere(plan, chooser)}))
        sentences.append(chooser.pick(beats.SIDE_BEATS))
    # The genre's expected complication: always in a plain or a long pitch, never beside the idea's own beat
    # when the story keeps to one thread.
    if (
        long
        or knobs.plain
        or knobs.moves_on > 0
        or not beat
        or not knobs.moves_on
        and (not plan.role("wildcard") and chooser.rng.random() < 0.4)
    ):
        genres = plan.genres
        sentences.append(
            chooser.template(genre_beats.COMPLICATIONS[genres[-1] if len(genres) > 1 else genres[0]], facts)
        )
    return " ".join(s for s in sentences if s)


def _meeting_beats(plan: StoryPlan, chooser: Chooser, facts: dict[str, str]) -> list[str]:
    """The beats a pitch meeting asked for: the style's own (a heist's vault) and the chosen angle's."""
    found = []
    style = plan.extras.get("style")
    if style in genre_beats.STYLES:
        found.append(chooser.template(genre_beats.STYLES[style][2], facts))
    angle = plan.extras.get("angle")
    if angle is not None:
        takes = genre_beats.ANGLES.get(style or plan.genre) or genre_beats.ANGLES[plan.genre]
        found.append(chooser.template((takes[angle % len(takes)][1],), facts))
    return found


def _elsewhere(plan: StoryPlan, chooser: Chooser) -> str:
    """A second place for the story to move on to, never the first one."""
    from .places import PLACE_HEADS, PLACE_TAILS

    name = plan.setting.name
    while name == plan.setting.name:
        name = chooser.rng.choice(PLACE_HEADS) + chooser.rng.choice(PLACE_TAILS)
    return name
