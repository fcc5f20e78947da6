"""Titles made from the idea's own nouns and verbs, in title case."""

from __future__ import annotations

import random

from . import lexicon as lx
from .motif_words import MOTIF_WORDS
from .premise import Premise

_SMALL = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "vs.", "from",
                    "with", "by", "de", "la", "el", "le", "les", "los", "las", "du", "des", "y", "et", "en"})
_GENRE_PATTERNS = {
    "comedy": ("Operation {Noun}", "The Great {Noun} Caper", "{Noun} Trouble", "{Nouns} Behaving Badly"),
    "horror": ("Don't Feed the {Noun}", "The {Noun} Under the Stairs", "{Noun} Night", "The {Noun} Knows"),
    "thriller": ("The {Noun} Job", "Dead {Noun}", "{Noun} Down", "The {Noun} Protocol"),
    "scifi": ("{Noun} Zero", "Signal from the {Noun}", "{Noun} Drift", "The {Noun} Paradox"),
    "fantasy": ("The {Noun} and the Crown", "Keeper of the {Noun}", "The {Noun} Oath", "A {Noun} of Embers"),
    "sports": ("{Noun} Season", "One Last {Noun}", "{Nouns} on Ice", "The {Noun} Comeback"),
    "adventure": ("Beyond the {Noun}", "The {Noun} Trail", "{Noun} Expedition", "Edge of the {Noun}"),
    "romance": ("Falling for the {Noun}", "The {Noun} Between Us", "Summer of the {Noun}", "{Noun}, Actually"),
    "drama": ("The Quiet {Noun}", "After the {Noun}", "What the {Noun} Knew", "A {Noun} for Winter"),
}


def title_case(text: str) -> str:
    """Title case: every word capitalised except short function words inside the title."""
    words = text.split()
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        if 0 < i < len(words) - 1 and low in _SMALL:
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
        return _foreign(premise)
    if subject is not None and subject.head:
        core = subject.core
        if premise.reading.shape == "phrase" and len(premise.text.split()) <= 6:
            found.append(premise.text)
        if not subject.plural and subject.kind != "group":
            found.append(f"The {core}")
        elif subject.plural:
            found.append(core if len(core.split()) > 1 else f"The {core}")
        verb = premise.predicate[0] if premise.predicate else None
        if verb is not None and not subject.plural and not verb.aux and not verb.goal and len(verb.rest) <= 4 \
                and subject.kind != "group":
            found.append(f"The {subject.head} Who {verb.render('past')}")
        concrete = verb is not None and verb.object is not None and verb.object.head and \
            verb.object.det not in lx.PRONOUNS and (verb.object.kind != "thing" or verb.object.lemma in MOTIF_WORDS)
        if concrete:
            found.append(f"{subject.head} vs. {lx.plural(verb.object.lemma) if verb.object.plural else verb.object.head}")
            if len(verb.object.text(tail=False).split()) >= 2:
                found.append(verb.object.text(tail=True) if len(verb.object.text().split()) <= 5
                             else verb.object.text(tail=False))
        if verb is not None and len(verb.render("gerund", goal=False).split()) <= 4 and not verb.aux:
            found.append(verb.render("gerund", goal=False))
        if premise.places:
            place = premise.places[0]
            found.append(f"{lx.article(subject.core) if not subject.plural else core} in {place}")
            found.append(f"{lx.plural(subject.head) if not subject.plural else subject.head} of {place}")
    nouns = [n for n in premise.nouns if n and len(n) > 2 and not n[:1].isupper()]
    if nouns:
        # The thing the story turns on, rather than its hero: "Beyond the Balloon", not "Beyond the Firefighter".
        others = [n for n in nouns if subject is None or n != subject.lemma]
        noun = others[0] if others else nouns[0]
        for pattern in _GENRE_PATTERNS[plan.genre]:
            found.append(pattern.format(Noun=noun, Nouns=lx.plural(noun)))
    return [title_case(t) for t in dict.fromkeys(found) if 1 <= len(t.split()) <= 7]


def _foreign(premise: Premise) -> list[str]:
    nouns = [n for n in premise.nouns if len(n) > 2]
    words = premise.text.split()
    found = [premise.text] if len(words) <= 5 else []
    if nouns:
        article = {"es": "El", "fr": "Le"}.get(premise.language, "The")
        found.append(f"{article} {nouns[0]}" if premise.language in ("es", "fr") else nouns[0])
    found.append(" ".join(words[:4]) if len(words) > 4 else premise.text)
    return [title_case(t) for t in dict.fromkeys(found) if t]


def make_title(plan, rng: random.Random) -> str:
    """One title for the plan: from the idea's words when they make one, else a genre pattern."""
    options = candidates(plan)
    if not options:
        return "Untitled"
    # The idea's own words first: genre patterns only make up the numbers.
    own = [t for t in options if not any(t.startswith(p.split("{")[0]) and p.split("{")[0]
                                             for p in _GENRE_PATTERNS[plan.genre])]
    pool = own if own and rng.random() < 0.75 else options
    # Two to five words make the best titles; a bare noun or a long phrase now and then.
    weights = [3 if 2 <= len(t.split()) <= 5 else 1 for t in pool]
    return rng.choices(pool, weights)[0]
