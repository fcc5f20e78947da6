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
from .idea_beats import idea_beat, object_facts
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
_PARTNER_LINKS = (", and ", " and ")


def write_synopsis(plan: StoryPlan) -> str:
    """Two or three paragraphs; each character's first mention carries the performer in brackets."""
    rng = rng_for(plan.idea, plan.seed, "synopsis")
    chooser = Chooser(rng, plan.knobs)
    verb = plan.premise.predicate[0] if plan.premise.predicate else None
    # The goal is said once: inside the idea's clause, in a sentence of its own, or in the middle.
    goal_at = rng.choice(("clause", "sentence", "middle")) if verb is not None and verb.goal else "clause"
    facts = hero_facts(plan, rng, goal=goal_at == "clause")
    facts["goal_at"] = goal_at
    facts.update(object_facts(plan))
    facts.update(_lead(plan, rng))
    trait = rng.choice(beats.TRAITS) if plan.knobs.usual else chooser.pick(beats.TRAITS)
    facts["trait"] = trait.format(them=facts["them"]) if _plain(plan) else ""
    opening = _opening(plan, chooser, facts)
    conflict = _conflict(plan, chooser, facts)
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
            grams = {tuple(words[i:i + 5]) for i in range(len(words) - 4)}
            if grams & seen and "(" not in sentence:
                continue
            seen |= grams
            kept.append(sentence)
        kept_paragraphs.append(" ".join(kept))
    return [p for p in kept_paragraphs if p]


def _plain(plan: StoryPlan) -> bool:
    """Whether the lead's description is short enough to take a trait after it."""
    lead = plan.heroes[0]
    return len(plan.heroes) == 1 and lead.description and len(lead.description.split()) <= 4 \
        and " who " not in lead.description


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
            number = lx.NUMBER_WORDS[len(named)] if len(named) < len(lx.NUMBER_WORDS) else ""
            desc = f"{number} {subject.text('', number=False)}".strip()
        elif subject is not None:
            desc = subject.text()
        else:
            desc = premise.subject_text
        return {"lead": lead.rstrip(","), "desc": desc}
    if len(heroes) > 1:  # "a retired firefighter and his dog"
        parts = [f"{billed(h)}, {h.description}" for h in heroes]
        return {"lead": rng.choice(_PARTNER_LINKS).join([", ".join(parts[:-1]), parts[-1]]) + ",",
                "desc": ""}
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
        intros = beats.GROUP_INTROS
    elif mode == "villain":
        intros = beats.VILLAIN_INTROS
    elif premise.predicate:
        intros = beats.WITNESS_INTROS
    else:
        intros = beats.THING_INTROS
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


def _conflict(plan: StoryPlan, chooser: Chooser, facts: dict[str, str]) -> str:
    sentences = [chooser.template(beats.ALLIES, facts), chooser.template(beats.VILLAINS, facts)]
    if plan.role("wildcard"):
        sentences.append(chooser.template(beats.WILDCARDS, facts))
    # Short names from here on: the brackets belong to first mentions only.
    facts.update(ally=facts.get("ally_short", "an old friend"), villain=facts.get("villain_short", "the enemy"))
    facts["heroes_with_ally"] = joined([h.short for h in plan.heroes] + [facts["ally"]])
    genres = plan.genres
    beat = idea_beat(plan, chooser, facts, facts["goal_at"] == "middle")
    if beat:
        sentences.append(beat)
    knobs = plan.knobs
    if knobs.strange:  # high creativity: a turn nobody expects
        sentences.append(chooser.template(beats.TWISTS, facts, lean=False))
    if knobs.moves_on > 0:  # new places and threads, each in a few words
        sentences.append(chooser.template(beats.DETOURS, {**facts, "place2": _elsewhere(plan, chooser)}))
        sentences.append(chooser.pick(beats.SIDE_BEATS))
    # The genre's expected complication: always in a plain pitch, never beside the idea's own beat when the
    # story keeps to one thread.
    if knobs.plain or knobs.moves_on > 0 or not beat or not knobs.moves_on and \
            (not plan.role("wildcard") and chooser.rng.random() < 0.4):
        sentences.append(chooser.template(
            genre_beats.COMPLICATIONS[genres[-1] if len(genres) > 1 else genres[0]], facts))
    return " ".join(s for s in sentences if s)


def _elsewhere(plan: StoryPlan, chooser: Chooser) -> str:
    """A second place for the story to move on to, never the first one."""
    from .places import PLACE_HEADS, PLACE_TAILS
    name = plan.setting.name
    while name == plan.setting.name:
        name = chooser.rng.choice(PLACE_HEADS) + chooser.rng.choice(PLACE_TAILS)
    return name


def _ending(plan: StoryPlan, chooser: Chooser, facts: dict[str, str]) -> str:
    facts["theme"] = chooser.pick(genre_beats.THEMES[plan.genre])
    climax = chooser.template(genre_beats.CLIMAXES[plan.genre], facts)
    closer = chooser.template(beats.CLOSERS[plan.tone], facts)
    return f"{climax} {closer}"


def write_cast(plan: StoryPlan) -> str:
    """One "Character: Performer" line per character."""
    return "\n".join(f"{c.name}: {c.performer}" for c in plan.characters)
