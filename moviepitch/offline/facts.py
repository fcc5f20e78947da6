"""The facts an English template can use, built once from the plan: names, pronouns, the idea's parts."""

from __future__ import annotations

import random
import re

from . import lexicon as lx
from .characters import Character
from .fill import cap
from .genres import GENRES, TONE_MOODS, tone_of
from .nouns import LOOSE_MODIFIERS, VAGUE
from .plan import StoryPlan
from .recast import BEING

_PRONOUNS = {
    "she": ("she", "her", "her", "herself"),
    "he": ("he", "him", "his", "himself"),
    "they": ("they", "them", "their", "themselves"),
}


def billed(character: Character) -> str:
    """A character's first mention: the name with the performer in brackets."""
    return f"{character.name} ({character.performer})"


def joined(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def hero_facts(plan: StoryPlan, rng: random.Random, goal: bool = True) -> dict[str, str]:
    """Pronouns, agreement and names for the heroes, and the idea's parts rebuilt for them."""
    heroes = plan.heroes
    plural = len(heroes) > 1
    they, them, their, themselves = _PRONOUNS["they" if plural else heroes[0].pronoun]
    setting = plan.setting
    facts = {
        "heroes": joined([h.short for h in heroes]),
        "heroes_listed": ", ".join(h.short for h in heroes),  # for a list that goes on: "A, B, C, Zeb and ..."
        "they": they,
        "them": them,
        "their": their,
        "themselves": themselves,
        "They": cap(they),
        "Their": cap(their),
        "are": "are" if plural else "is",
        "have": "have" if plural else "has",
        "do": "do" if plural else "does",
        "were": "were" if plural else "was",
        "s": "" if plural else "s",
        "es": "" if plural else "es",
        "s_plural": "s" if plural else "",
        "tell": "tell" if plural else "tells",
        "place_name": setting.name,
        # Only a story that leaves Earth has a mission control and an orbit to mention.
        "space": "yes" if setting.scenery == "space" else "",
        "at_place_name": f"{_prep_of_name(setting)} {setting.name}",
        "label": plan.label,
        "a_label": lx.article(plan.label),
        "day": rng.choice(
            (
                "Tuesday",
                "Monday morning",
                "afternoon",
                "Thursday",
                "wet Sunday",
                "autumn morning",
                "winter evening",
                "summer day",
            )
        ),
    }
    # A tone the pitch meeting set (darker, for kids) brings its own moods; else the genre's.
    pool = TONE_MOODS[plan.tone] if plan.tone != tone_of(plan.genres) else GENRES[plan.genre].moods
    # Never "a gothic, gothic drama": a mood the genre's label already says is left out.
    pool = tuple(m for m in pool if m not in plan.label.split()) or pool
    moods = plan.knobs.sample(rng, pool, 2)
    facts.update(mood=moods[0], mood2=moods[1], a_mood=lx.article(moods[0]), A_mood=cap(lx.article(moods[0])))
    for role in ("ally", "antagonist", "wildcard", "companion"):
        character = plan.role(role)
        key = "villain" if role == "antagonist" else role
        if character is not None:
            c_they, _, c_their, _ = _PRONOUNS[character.pronoun]
            if not any(w in character.description.split() for w in ("who", "whose", "that", "which")):
                facts[f"{key}_plain"] = "yes"
            facts.update(
                {
                    key: billed(character),
                    f"{key}_desc": character.description,
                    f"{key}_they": c_they,
                    f"{key}_are": "are" if c_they == "they" else "is",
                    f"{key}_s": "" if c_they == "they" else "s",
                    f"{key}_their": c_their,
                    f"{key}_short": character.short,
                }
            )
    facts.update(_idea_facts(plan, plural, goal))
    return facts


def _prep_of_name(setting) -> str:
    """The preposition for the setting's short name: "at Vesta-5" (the research outpost Vesta-5), but "in Ashby"
    for "a crumbling estate outside Ashby", whose preposition is the estate's."""
    words = setting.phrase.split()
    before = words[-len(setting.name.split()) - 1].lower() if len(words) > len(setting.name.split()) else ""
    own = setting.phrase.endswith(setting.name) and before not in ("outside", "above", "below", "near", "beyond")
    return setting.prep if own else "in"


def _idea_facts(plan: StoryPlan, plural: bool, goal: bool) -> dict[str, str]:
    """The idea's predicate (with its goal or without), object and thing, inflected to agree with the heroes."""
    premise, setting = plan.premise, plan.setting
    facts: dict[str, str] = {}
    if premise.predicate:
        group_plural = plural or premise.mode in ("many", "group")
        verb = premise.predicate[0]
        facts["acts"] = premise.action("finite", group_plural, goal)
        facts["to_act"] = "to " + premise.action("base", group_plural, goal)
        facts["base_act"] = premise.action("base", group_plural, goal)
        facts["acting"] = premise.action("gerund", group_plural, goal)
        facts["doing"] = _short(verb.render("gerund", group_plural, goal=False))
        facts["goal"] = verb.goal
        if not verb.aux and verb.lemma != "be":
            facts["plain"] = "yes"  # "about to train" reads well; "about to have to win" does not
        if premise.mode == "group" and premise.subject is not None:
            facts["acts_group"] = premise.action("finite", premise.subject.plural)
        if verb.object is not None and verb.object.head and verb.object.det not in lx.PRONOUNS:
            facts["object"] = verb.object.text("the", tail=False)
    subject = premise.subject
    verb = premise.predicate[0] if premise.predicate else None
    if (
        premise.mode not in ("witness", "villain")
        and verb is not None
        and verb.object is not None
        and verb.lemma not in BEING
        and verb.object.lemma not in LOOSE_MODIFIERS
        and verb.object.head
        and verb.object.det not in lx.PRONOUNS
        and verb.object.kind == "thing"
        and verb.object.lemma not in VAGUE
        and not setting.is_named_by(verb.object)
    ):
        facts["thing"] = verb.object.text("the" if verb.object.det in ("a", "an", "") else None, tail=False)
    if subject is not None and subject.head:
        if not subject.tail:  # "space pirates with big ideas"; never "grandmothers on a road trip with big ideas"
            facts["untailed"] = "yes"
        if premise.mode in ("witness", "villain"):
            facts["thing"] = subject.text(
                "the" if subject.det in ("a", "an", "") and not subject.proper and not subject.plural else None
            )
        facts["it"] = "them" if subject.plural else "it"
        facts["are_it"] = "are" if subject.plural else "is"
        if premise.predicate:
            own = subject.text()
            facts["Event"] = cap(f"{own} {premise.action('finite', subject.plural)}")
            if subject.det in ("a", "an"):  # mid-sentence only when rebuilt: "the moon files ..."
                facts["event"] = f"{subject.text('the')} {premise.action('finite', subject.plural)}"
    if facts.get("thing"):
        many = _plural_thing(premise, verb)
        facts.update(
            thing_s="" if many else "s",
            thing_is="are" if many else "is",
            thing_was="were" if many else "was",
            thing_has="have" if many else "has",
            thing_it="them" if many else "it",
            becomes="become" if many else "becomes",
            thing_itself="themselves" if many else "itself",
        )
    # The hero's own words say where too: "three grandmothers on a road trip to Las Vegas".
    own = subject.text() if subject is not None and subject.head else ""
    mentioned = " ".join([own, *(facts.get(k, "") for k in ("acts", "thing", "event"))]).lower()
    # "the mining town of Gullminster" is the idea's "a mining town", already said by "rolls into a mining town".
    core = re.sub(r"^the ", "", setting.phrase.lower().split(" of ")[0])
    said = setting.from_idea and (
        setting.phrase.lower() in mentioned
        or f" {core}" in f" {mentioned}"
        and setting.phrase.lower().startswith("the ")
        and " of " in setting.phrase
    )
    facts["place"] = (f"in {setting.era}" if setting.era else "") if said else setting.at
    if setting.name.lower() not in facts.get("acts", "").lower():
        facts["place_unsaid"] = "yes"  # "Las Vegas will never be the same when they open a bank in Las Vegas"
    facts["opener"] = premise.reading.opener if premise.reading else ""
    return facts


def _plural_thing(premise, verb) -> bool:
    """Whether the thing the story turns on is many: the subject of a witness idea ("werewolves"), else the object."""
    if premise.mode in ("witness", "villain") and premise.subject is not None:
        return premise.subject.plural
    return verb is not None and verb.object is not None and verb.object.plural


def _short(gerund_phrase: str) -> str:
    """A gerund phrase cut before its first relative clause or second preposition."""
    words = gerund_phrase.split()
    cut = len(words)
    preps = 0
    for i, w in enumerate(words[1:], 1):
        if w.lower() in lx.RELATIVES:
            cut = i
            break
        if w.lower() in lx.PREPOSITIONS - {"of"}:
            preps += 1
            if preps == 2 or i > 5:
                cut = i
                break
    return " ".join(words[:cut])
