"""Titles made from the idea's own nouns, in title case (Spanish and French ones in sentence case)."""

from __future__ import annotations

import random

from . import lexicon as lx
from .motif_words import MOTIF_WORDS
from .nouns import LOOSE_MODIFIERS, VAGUE
from .premise import Premise

# fmt: off
_SMALL = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "vs.", "from",
                    "with", "by", "de", "la", "el", "le", "les", "los", "las", "du", "des", "y", "et", "en"})
# fmt: on
GENRE_PATTERNS = {
    "comedy": ("Operation {Noun}", "The Great {Noun} Caper", "{Noun} Trouble", "{Nouns} Behaving Badly"),
    "horror": ("Don't Feed the {Noun}", "The {Noun} Under the Stairs", "{Noun} Night", "The {Noun} Knows"),
    "thriller": ("The {Noun} Job", "Dead {Noun}", "{Noun} Down", "The {Noun} Protocol"),
    "scifi": ("{Noun} Zero", "Signal from the {Noun}", "{Noun} Drift", "The {Noun} Paradox"),
    "fantasy": ("The {Noun} and the Crown", "Keeper of the {Noun}", "The {Noun} Oath", "A {Noun} of Embers"),
    "sports": ("{Noun} Season", "One Last {Noun}", "{Nouns} on Ice", "The {Noun} Comeback"),
    "adventure": ("Beyond the {Noun}", "The {Noun} Trail", "{Noun} Expedition", "Edge of the {Noun}"),
    "romance": ("Falling for the {Noun}", "The {Noun} Between Us", "Summer of the {Noun}", "Love and the {Noun}"),
    "drama": ("The Quiet {Noun}", "After the {Noun}", "What the {Noun} Knew", "A {Noun} for Winter"),
}


# Titles for a pitch written with high creativity: a wink at the audience.
# fmt: off
PLAYFUL_PATTERNS = ("{Noun}, Actually", "Attack of the {Nouns}", "The {Noun} Situation", "{Noun} Fever",
                    "My Big Fat {Noun}", "Honey, Where's the {Noun}?", "Everything Is {Noun}", "{Nouns} Gone Wild",
                    "The Unbelievable {Noun}", "{Noun} Party")
# fmt: on


def title_case(text: str) -> str:
    """Title case: every word capitalised except short function words inside the title."""
    words = text.split()
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        if low in ("vs", "vs."):
            out.append("vs.")  # "Pirates vs. Ninjas"
        elif 0 < i < len(words) - 1 and low in _SMALL:
            out.append(low)
        elif "-" in word:
            out.append("-".join(p[:1].upper() + p[1:] for p in word.split("-")))
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


def candidates(plan) -> list[str]:
    """Every title the idea's words support, before choosing."""
    premise: Premise = plan.premise
    subject = premise.subject
    found: list[str] = []
    if premise.mode == "quoted" or premise.language != "en":
        return _foreign(premise)  # already in the language's own title style
    verbs = {w.lower() for vp in premise.predicate for w in (vp.verb, vp.aux) if w}
    if subject is not None and subject.head:
        core = subject.core
        if premise.reading.shape == "phrase" and len(premise.text.split()) <= 6:
            found.append(premise.text)
        if not subject.plural and subject.kind != "group":
            found.append(f"The {core}")
        elif subject.plural:
            found.append(core if len(core.split()) > 1 else f"The {core}")
        verb = premise.predicate[0] if premise.predicate else None
        obj = verb.object if verb is not None else None
        concrete = (
            obj is not None
            and obj.head
            and obj.det not in lx.PRONOUNS
            and obj.lemma not in VAGUE
            and (obj.kind != "thing" or obj.lemma in MOTIF_WORDS)
        )
        if concrete and premise.reading.recast != "passive":
            if obj.kind in ("person", "creature"):  # "Chef vs. Kraken"; never "Hitman vs. Shop"
                found.append(
                    f"{subject.head} vs. {lx.plural(verb.object.lemma) if verb.object.plural else verb.object.head}"
                )
            elif not subject.plural:  # "The Hitman and the Flower Shop"
                found.append(f"The {subject.head} and the {obj.core}")
            if len(verb.object.text(tail=False).split()) >= 2:
                found.append(
                    verb.object.text(tail=True)
                    if len(verb.object.text().split()) <= 5
                    else verb.object.text(tail=False)
                )
        if premise.places and subject.kind in ("person", "creature") and f"in {premise.places[0]}" in premise.text:
            place = premise.places[0]
            found.append(f"{lx.article(subject.core) if not subject.plural else core} in {place}")
            found.append(f"{lx.plural(subject.head) if not subject.plural else subject.head} of {place}")
    noun = title_noun(plan)
    if noun:
        for pattern in GENRE_PATTERNS[plan.genre]:
            found.append(pattern.format(Noun=noun, Nouns=lx.plural(noun)))
    found = [t for t in found if _nominal(t, verbs)]
    return [title_case(t) for t in dict.fromkeys(found) if 1 <= len(t.split()) <= 7]


def title_noun(plan) -> str:
    """The noun genre patterns are made from: the thing the story turns on, rather than its hero ("Beyond the
    Balloon", not "Beyond the Firefighter"); "" when the idea has none a title can use."""
    from .places import TOWNLIKE

    premise, subject = plan.premise, plan.premise.subject
    if premise.mode == "quoted" or premise.language != "en":
        return ""
    verbs = {w.lower() for vp in premise.predicate for w in (vp.verb, vp.aux) if w}
    nouns = [_loose(n) for n in premise.nouns if n]
    nouns = [
        n
        for n in nouns
        if n
        and len(n) > 2
        and n == n.lower()
        and _nominal(n, verbs)
        and n.split()[-1] not in _RELATIONAL
        and n.split()[-1] not in TOWNLIKE
        and f" {n.split()[-1].capitalize()}" not in premise.text
        and f"next {n}" not in premise.text.lower()  # "next door to a police station" has no door in it
        and n not in _NOT_TITLE_NOUNS
    ]  # not a name ("Tokyo")
    # A noun said only inside a relative clause ("where the residents speak their names") is a detail.
    lower = premise.text.lower()
    cut = min((lower.find(f" {w} ") for w in ("who", "which", "where", "whose") if f" {w} " in lower), default=-1)
    main = [n for n in nouns if cut < 0 or lower.find(n.split()[-1]) < cut] or nouns
    others = [n for n in main if subject is None or n != subject.lemma]
    return (others or main or [""])[0]


# Adjectives standing for people ("letters to the dead"): no title is "A Dead for Winter".
_NOT_TITLE_NOUNS = frozenset({"dead", "living", "poor", "rich", "young", "old", "blind", "deaf", "wicked", "brave"})


def _loose(noun: str) -> str:
    """The noun without modifiers that only point: "same street" is "street"."""
    return " ".join(w for w in noun.split() if w not in LOOSE_MODIFIERS)


# Nouns that only point at another ("the eve of a wedding"): no title is about them.
# fmt: off
_RELATIONAL = frozenset({"eve", "end", "edge", "middle", "night", "day", "morning", "evening", "rest", "top",
                         "bottom", "side", "front", "back", "part", "kind", "sort", "way", "lot", "number", "one",
                         "time", "life", "head", "heart", "name", "sense", "world"})
# fmt: on


def _nominal(text: str, verbs: set[str]) -> bool:
    """Whether a title is made of nouns and their words only: none of the idea's verbs, nothing that is
    only a verb ("Signal from the Moon Starts Drifting Away" is not)."""
    for word in text.replace("vs.", "").replace(",", " ").split():
        low = word.lower()
        if low in verbs or low in lx.MODALS or low in lx.BE or low in lx.HAVE:
            return False
        found = lx.tags(low)
        if (
            found
            and not found.keys() & {"NOUN", "ADJ"}
            and low not in _SMALL
            and low not in lx.DETERMINERS
            and low not in lx.NUMBERS
            and low not in lx.PREPOSITIONS
            and not word[:1].isupper()
            or lx.verb_forms(low) & {"VBZ", "VBD"}
            and "NOUN" not in found
            and "ADJ" not in found
        ):
            return False
    return True


def _foreign(premise: Premise) -> list[str]:
    """Titles for an idea in Spanish or French from its nouns; for another language, its first noun-like words."""
    if premise.language in ("es", "fr"):
        from .romance import articled_nouns
        from .romance_titles import romance_titles

        return romance_titles(articled_nouns(premise.text, premise.language), premise.language)
    return [premise.text] if len(premise.text.split()) <= 6 else []


def make_title(plan, rng: random.Random) -> str:
    """One title for the plan: from the idea's words when they make one, else a genre pattern; the plainest
    at low creativity, a playful one at high."""
    options = candidates(plan)
    if not options:  # an idea with no noun a title can use: the hero's own noun
        noun = (plan.premise.main_noun or plan.heroes[0].description or "stranger").split()[-1]
        return title_case(f"The {noun}")
    if plan.knobs.plain:  # straightforward: the idea's own words, two to four of them if it has them
        return next((t for t in options if 2 <= len(t.split()) <= 4), options[0])
    noun = title_noun(plan) or plan.premise.main_noun
    if plan.knobs.strange and noun:
        playful = [title_case(p.format(Noun=noun, Nouns=lx.plural(noun))) for p in PLAYFUL_PATTERNS]
        return rng.choice([t for t in playful if len(t.split()) <= 7] or options)
    # The idea's own words first: genre patterns only make up the numbers.
    patterned = {
        title_case(p.format(Noun=n, Nouns=lx.plural(n)))
        for p in GENRE_PATTERNS[plan.genre]
        for n in plan.premise.nouns
        if n
    }
    own = [t for t in options if t not in patterned]
    pool = own if own and rng.random() < 0.75 else options
    # Two to five words make the best titles; a bare noun or a long phrase now and then.
    weights = [3 if 2 <= len(t.split()) <= 5 else 1 for t in pool]
    return rng.choices(pool, weights)[0]
