"""The English synopsis and cast list, written from the story plan.

Each character's first mention carries the performer in brackets, right after the name, and comes
after a lower-case word or a comma, so the app's cast reader never takes a neighbouring capitalised
word for part of a name.
"""

from __future__ import annotations

import re

from . import beats, genre_beats
from . import lexicon as lx
from .facts import billed, hero_facts, joined
from .fill import Chooser, cap
from .idea_beats import object_facts
from .middle import middle
from .plan import StoryPlan, rng_for
from .repetition import repetition

_PAIR_INTROS = (
    "{lead} {acts}, and nothing {place} will ever be quite the same.",
    "When {lead} {acts}, it is supposed to be a quiet week {place}.",
    "One ordinary {day} {place}, {lead} {acts}.",
    "Nobody {place} saw it coming: {lead} {acts}.",
)
_QUOTED_INTROS = (
    "The premise, in its author's own words: \u201c{quote}\u201d. At its centre is {lead}, {desc}.",
    "\u201c{quote}\u201d: that is the whole idea, and {lead}, {desc}, is about to live it.",
    "It begins with a line in another language, \u201c{quote}\u201d, and with {lead}, {desc}, who is "
    "about to find out what it means.",
)
# "Bram, a boy, and Nib, his robot dog, cross ...": without the comma, "a boy and Nib" reads as one.
_PARTNER_LINKS = (", and ",)


def write_synopsis(plan: StoryPlan, trace: list | None = None) -> str:
    """Two or three paragraphs; each character's first mention carries the performer in brackets. `trace`, if
    given, collects each sentence with the template and facts it was written from."""
    draw = plan.extras.get("draw")  # another telling of the same plan, for a pitch meeting's alternatives
    rng = rng_for(plan.idea, plan.seed, f"synopsis:{draw}" if draw else "synopsis")
    chooser = Chooser(rng, plan.knobs)
    chooser.trace = trace
    chooser.brevity = 3.0 if plan.length == "short" else 0.0
    verb = plan.premise.predicate[0] if plan.premise.predicate else None
    # The goal is said once: inside the idea's clause, in a sentence of its own, or in the middle.
    goal_at = rng.choice(("clause", "sentence", "middle")) if verb is not None and verb.goal else "clause"
    facts = hero_facts(plan, rng, goal=goal_at == "clause")
    facts["goal_at"] = goal_at
    facts.update(object_facts(plan))
    facts.update(_lead(plan, rng))
    # "a detective with amnesia" takes no second "with ...": a trait's first word is not the description's.
    traits = [t for t in beats.TRAITS if t.split()[0] not in facts.get("desc", "").split()] or beats.TRAITS
    trait = rng.choice(traits) if plan.knobs.usual else chooser.pick(traits)
    facts["trait"] = trait.format(them=facts["them"]) if _plain(plan) else ""
    opening = _opening(plan, chooser, facts)
    conflict = middle(plan, chooser, facts)
    ending = _ending(plan, chooser, facts)
    paragraphs = [opening, conflict, ending] if plan.length != "short" else [opening, f"{conflict} {ending}"]
    return "\n\n".join(repetition(plan, chooser, facts, _without_repeats(paragraphs)))


def _without_repeats(paragraphs: list[str]) -> list[str]:
    """The paragraphs less any sentence that repeats five words in a row of an earlier one (names aside)."""
    seen: set[tuple[str, ...]] = set()
    kept_paragraphs = []
    for paragraph in paragraphs:
        kept = []
        for sentence in re.split(r"(?<=[.!?])\s+", paragraph):
            words = re.findall(r"[\w'-]+", re.sub(r"\([^()]*\)", "", sentence).lower())
            grams = {tuple(words[i : i + 5]) for i in range(len(words) - 4)}
            if grams & seen and "(" not in sentence:
                continue
            seen |= grams
            kept.append(sentence)
        kept_paragraphs.append(" ".join(kept))
    return [p for p in kept_paragraphs if p]


def _plain(plan: StoryPlan) -> bool:
    """Whether the lead's description is short enough to take a trait after it."""
    lead = plan.heroes[0]
    return (
        len(plan.heroes) == 1
        and lead.description
        and len(lead.description.split()) <= 4
        and " who " not in lead.description
    )


def _lead(plan: StoryPlan, rng) -> dict[str, str]:
    """The heroes' first mention and description, by how the idea names them."""
    heroes, premise = plan.heroes, plan.premise
    subject = premise.subject
    if premise.mode in ("many", "group") and len(heroes) > 1:
        named = [h for h in heroes if not h.description]
        partners = [h for h in heroes if h.description]
        lead = joined([billed(h) for h in named] + [f"{billed(p)}, {p.description}," for p in partners])
        if subject is not None and premise.mode == "many" and (subject.count or 0) > len(named):
            # "Seven tired firefighters" stay seven, though only a few of them are named and cast.
            return {"lead": lead.rstrip(","), "desc": subject.text(""), "some": lx.NUMBER_WORDS[len(named)]}
        if subject is not None and premise.mode == "many":
            desc = subject.counted(len(named))
        elif subject is not None:
            desc = subject.text()
        else:
            desc = premise.subject_text
        return {"lead": lead.rstrip(","), "desc": desc}
    if len(heroes) > 1:  # "a retired firefighter and his dog"
        parts = [f"{billed(h)}, {h.description}" for h in heroes]
        return {"lead": rng.choice(_PARTNER_LINKS).join([", ".join(parts[:-1]), parts[-1]]) + ",", "desc": ""}
    return {"lead": billed(heroes[0]), "desc": heroes[0].description}


def _opening(plan: StoryPlan, chooser: Chooser, facts: dict[str, str]) -> str:
    premise = plan.premise
    mode = premise.mode
    sentences = []
    if premise.reading and premise.reading.opener_kind == "when":
        sentences.append(chooser.template(beats.OPENER_LEADS, facts))
    if mode == "quoted":
        facts["quote"] = premise.text
        intros = _QUOTED_INTROS
    elif mode == "lead" and len(plan.heroes) > 1:
        intros = _PAIR_INTROS
    elif mode == "lead":
        intros = beats.LEAD_INTROS if premise.predicate else beats.LEAD_PHRASES
    elif mode == "many" and facts.get("some"):
        intros = beats.COUNTED_INTROS if premise.predicate else beats.COUNTED_PHRASES
    elif mode == "many":
        intros = beats.MANY_INTROS if premise.predicate else beats.MANY_PHRASES
    elif mode == "group":
        intros = beats.GROUP_INTROS if premise.predicate else beats.GROUP_PHRASES
    elif mode == "villain":
        intros = beats.VILLAIN_INTROS
    elif premise.predicate:
        intros = beats.WITNESS_INTROS
    else:
        intros = beats.THING_INTROS
    if plan.extras.get("placed"):  # a place the meeting moved the story to is named from the start
        intros = tuple(t for t in intros if "{place" in t) or intros
    if sentences and re.search(r"\b[A-Z][\w'-]*\.$", sentences[-1]):
        # "... in the Andes. Quentin Rush (Performer)": a cast reader would take "Andes." for part of the name.
        intros = tuple(t for t in intros if not t.startswith("{lead}")) or intros
    sentences.append(chooser.template(intros, facts) or chooser.template(beats.THING_INTROS, facts))
    extra = premise.reading.extra if premise.reading else ""
    if extra:
        sentences.append(cap(extra.removeprefix("and ").removeprefix("but ")) + ".")
    if facts.get("goal") and facts["goal_at"] == "sentence":
        sentences.append(chooser.template(beats.GOALS, facts))
    sentences.append(chooser.template(genre_beats.ESCALATIONS[plan.genre], facts))
    return " ".join(s for s in sentences if s)


def _ending(plan: StoryPlan, chooser: Chooser, facts: dict[str, str]) -> str:
    facts["theme"] = chooser.pick(genre_beats.THEMES[plan.genre])
    turn = chooser.template(beats.LONG_BEATS, facts) if plan.length == "long" else ""
    climax = chooser.template(genre_beats.CLIMAXES[plan.genre], facts)
    closers = beats.CLOSERS[plan.tone]
    if plan.extras.get("label"):  # a genre the meeting asked for is named, not left to chance
        closers = tuple(c for c in closers if "label}" in c) or closers
    closer = chooser.template(closers, facts)
    return " ".join(s for s in (turn, climax, closer) if s)


def write_cast(plan: StoryPlan) -> str:
    """One "Character: Performer" line per character."""
    return "\n".join(f"{c.name}: {c.performer}" for c in plan.characters)
