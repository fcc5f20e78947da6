"""Sentences for the middle of the synopsis drawn from the idea itself: its object, its goal, its spot.

A genre's stock complications fit any story of that genre; these fit only this one, so the middle of
a pitch about a nightclub is about the nightclub. Slots: {the_object} (the idea's object, a thing),
{obj_is} {obj_s} (agreement with it), {goal} ("to see the ocean"), {spot} ("at the zoo"), and the
heroes' pronouns and names from facts.py.
"""

from __future__ import annotations

from . import lexicon as lx
from .fill import Chooser, cap
from .nouns import LOOSE_MODIFIERS as _DROP
from .nouns import VAGUE as _VAGUE
from .plan import StoryPlan
from .recast import BEING as _BEING

# Verbs that make their object the heroes' own: they open it, find it, inherit it.
# fmt: off
_HAVING = frozenset({"open", "inherit", "find", "adopt", "buy", "win", "steal", "build", "start", "run", "catch",
                     "discover", "rob", "own", "invent", "create", "hatch", "rescue", "save", "take", "make"})
# fmt: on

HAVING_BEATS = (
    "Everyone {at_place_name} wants a piece of {the_object}.",
    "It turns out that {the_object} {obj_has} a long history, and that history has enemies.",
    "Keeping {the_object} out of the wrong hands soon becomes a full-time job.",
    "Within a month, {the_object} {obj_has} a waiting list, a rival and a very angry neighbour.",
)
OBJECT_BEATS = (
    "Soon {the_object} {obj_is} the talk of {place_name}, and not everyone is pleased about it.",
    "Word of {the_object} travels fast, and the wrong people start paying attention.",
    "{The_object} turn{obj_s} out to be the easy part; the people around {them_obj} are another matter.",
)
GOAL_BEATS = (
    "Every attempt {goal} ends in a new disaster, each one more public than the last.",
    "Nobody else believes that {they} can find a way {goal}, so {they} {are} more determined than ever.",
    "The plan {goal} looks simple on paper and falls apart the moment it meets {place_name}.",
    "Time and again the chance {goal} slips away, and each time the price of trying goes up.",
)
# The idea's object when it is someone: "three orphaned penguins".
COMPANION_BEATS = (
    "Looking after {the_object} soon turns out to be a full-time job.",
    "{The_object} {obj_have} ideas of {obj_their} own, and none of them are helpful.",
    "Nobody warned {them} how much trouble {the_object} could be.",
)
SPOT_BEATS = (
    "Nobody {spot} can keep a secret for long, and this one is no exception.",
    "Before long, everyone {spot} has taken a side.",
    "Life {spot} was never quiet, but it has never been this loud.",
    "{Spot}, every night brings a new problem, and every morning brings a new rumour.",
)


def object_facts(plan: StoryPlan) -> dict[str, str]:
    """The idea's object, when it is a concrete thing, with its agreement: {the_object}, {obj_is} ..."""
    premise = plan.premise
    verb = premise.predicate[0] if premise.predicate else None
    obj = verb.object if verb is not None else None
    if (
        obj is None
        or not obj.head
        or obj.det in lx.PRONOUNS
        or obj.lemma in _VAGUE
        or obj.proper
        or premise.mode in ("witness", "villain")
        or verb.lemma in _BEING
        or plan.setting.is_named_by(obj)
    ):
        return {}
    if obj.kind != "thing":
        if premise.costar is obj or not obj.plural:
            return {}  # a single someone the heroes meet is the ally already
        text = f"the {obj.text('', tail=False)}"
        return {
            "the_companions": text,
            "the_object": text,
            "The_object": cap(text),
            "obj_have": "have",
            "obj_their": "their",
        }
    if obj.number:
        return {}
    words = [w for w in obj.core.split() if w.lower() not in _DROP]
    if not words:
        return {}
    det = obj.det if obj.det in ("his", "her", "their") else "the"
    text = " ".join([det, *words] + ([obj.tail] if obj.tail and len(obj.tail.split()) <= 3 else []))
    plural = obj.plural
    facts = {
        "the_object": text,
        "The_object": cap(text),
        "obj_is": "are" if plural else "is",
        "obj_s": "" if plural else "s",
        "obj_has": "have" if plural else "has",
        "them_obj": "them" if plural else "it",
    }
    if verb.lemma in _HAVING:
        facts["having"] = "yes"
    return facts


def idea_beat(plan: StoryPlan, chooser: Chooser, facts: dict[str, str], goal_here: bool) -> str:
    """One sentence from the idea's own parts, or "" when the idea gives none to build on."""
    banks = []
    if facts.get("the_companions"):
        banks.append(COMPANION_BEATS)
    elif facts.get("the_object"):
        banks.append(HAVING_BEATS + OBJECT_BEATS if facts.get("having") else OBJECT_BEATS)
    if goal_here and facts.get("goal"):
        banks = [GOAL_BEATS]  # the goal, when it was kept for the middle, comes first
    if plan.setting.spot:
        banks.append(SPOT_BEATS)
    if not goal_here:
        chooser.rng.shuffle(banks)
    for bank in banks:
        sentence = chooser.template(bank, {**facts, "spot": plan.setting.spot, "Spot": cap(plan.setting.spot)})
        if sentence:
            return sentence
    return ""
