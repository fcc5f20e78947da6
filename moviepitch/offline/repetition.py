"""How often a synopsis says the same thing, as the frequency penalty asks.

Above zero, the heroes' names give way now and then to what they are ("the surgeon", "the
stuntwomen"), so a name is not the most repeated word of the pitch; below zero, a catchphrase comes
back at the end of each paragraph, as one does in a film.
"""

from __future__ import annotations

import re

from . import beats
from . import lexicon as lx
from .fill import Chooser, cap
from .plan import StoryPlan


def repetition(plan: StoryPlan, chooser: Chooser, facts: dict[str, str], paragraphs: list[str]) -> list[str]:
    """The paragraphs with names varied (a positive frequency penalty) or a catchphrase recurring (a negative one)."""
    penalty = plan.knobs.repeats
    if penalty > 0:
        return _varied_names(plan, paragraphs)
    if penalty < 0:
        return _with_catchphrase(plan, chooser, facts, paragraphs, penalty)
    return paragraphs


def epithet(plan: StoryPlan) -> str:
    """What the heroes are, for a mention that is not their name: "the surgeon", "the three stuntwomen"; "" if
    the idea does not say."""
    heroes, subject = plan.heroes, plan.premise.subject
    if len(heroes) > 1:
        if subject is None or not subject.head or not subject.plural or plan.premise.mode != "many":
            return ""
        return f"the {subject.head.lower()}"
    if plan.premise.mode == "lead" and subject is not None and subject.head and not subject.proper:
        return f"the {subject.head.lower()}"  # "a firefighter afraid of fire" is "the firefighter"
    words = re.split(r" (?:who|with|whose|that|in|on|at|of|from)\b", heroes[0].description)[0].split()
    if not words or words[0].lower() not in ("a", "an", "the"):
        return ""
    noun = next((w for w in reversed(words[1:]) if lx.can_be(w, "NOUN")), "")
    return f"the {noun.lower()}" if noun else ""


def _varied_names(plan: StoryPlan, paragraphs: list[str]) -> list[str]:
    """Every other later mention of the heroes by what they are rather than by name."""
    name = (
        ", ".join(h.short for h in plan.heroes[:-1]) + (" and " if len(plan.heroes) > 1 else "") + plan.heroes[-1].short
    )
    other = epithet(plan)
    if not other or len(plan.heroes) > 1 and len({h.short for h in plan.heroes}) < len(plan.heroes):
        return paragraphs
    seen = 0
    result = []
    for paragraph in paragraphs:

        def swap(match: re.Match) -> str:
            nonlocal seen
            seen += 1
            if seen < 2 or seen % 2:  # the first mention after the introduction keeps the name
                return match.group(0)
            start = match.start() == 0 or paragraph[max(match.start() - 2, 0) : match.start()].strip() in (
                ".",
                "!",
                "?",
            )
            return cap(other) if start else other

        # A later mention: the short name not followed by a surname or the performer's brackets.
        pattern = rf"(?<![\w(]){re.escape(name)}(?![\w(]| \()"
        result.append(re.sub(pattern, swap, paragraph))
    return result


def _with_catchphrase(
    plan: StoryPlan, chooser: Chooser, facts: dict[str, str], paragraphs: list[str], penalty: float
) -> list[str]:
    """A catchphrase said once as the heroes' motto, then again at the end of the later paragraphs."""
    phrase = chooser.pick(beats.CATCHPHRASES[plan.tone])
    motto = chooser.template(beats.MOTTOS, {**facts, "catchphrase": phrase})
    again = f"\u201c{phrase}\u201d"
    result = [f"{paragraphs[0]} {motto}"]
    for k, paragraph in enumerate(paragraphs[1:], 1):
        echo = k == len(paragraphs) - 1 or penalty <= -1.0
        result.append(f"{paragraph} {again}" if echo else paragraph)
    return result


def repeated_words(text: str) -> int:
    """How many content words a text uses more than once (names and brackets aside): the frequency penalty's
    measure."""
    from .fill import content_words

    words = [
        w for w in content_words(re.sub(r"\([^()]*\)", "", text)) if not lx.is_known(w) or lx.tags(w)
    ]  # every word the writer wrote, names included
    return sum(1 for w in set(words) if words.count(w) > 1)
