"""The premise: what the idea says about who the story is about, in parts the writers and painter use."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import lexicon as lx
from .nouns import MONSTERS
from .phrases import NounPhrase
from .reading import Reading, read_idea, tokens_of
from .recast import BEING, recast
from .verbs import VerbPhrase

# Adjectives that make the idea's subject the story's villain.
# fmt: off
VILLAIN_WORDS = frozenset({"evil", "corrupt", "wicked", "crooked", "sinister", "murderous", "vengeful",
                           "tyrannical", "ruthless", "mad", "rogue"})
# fmt: on
# fmt: off
FOE_NOUNS = frozenset({"enemy", "rival", "villain", "nemesis", "assassin", "killer", "tyrant", "dictator",
                       "warlord", "landlord", "king", "emperor", "bully", "boss"})
# fmt: on


@dataclass(frozen=True)
class Premise:
    """The idea in parts: who it is about (the mode), how many, their gender, and what they do."""

    text: str
    language: str
    mode: str  # lead, many, group, witness, villain or quoted
    reading: Reading | None = None  # English ideas only
    hero_count: int = 1
    hero_gender: str = ""  # she, he or "" when the idea does not say
    member_kind: str = "person"  # person or creature: what the heroes are
    costar: NounPhrase | None = None  # a creature or person the heroes meet: "a baby kraken"
    foe: NounPhrase | None = None  # a villain the idea names
    places: tuple[str, ...] = ()
    place_nouns: tuple[tuple[str, str], ...] = ()  # (phrase, head noun) of place noun phrases
    lemmas: frozenset[str] = frozenset()
    nouns: tuple[str, ...] = ()  # the idea's nouns (lemmas), in order
    # For Spanish and French ideas, read without a lexicon: the subject and predicate as written.
    subject_text: str = ""
    predicate_text: str = ""

    @property
    def subject(self) -> NounPhrase | None:
        """The idea's subject noun phrase (English)."""
        return self.reading.subject if self.reading else None

    @property
    def predicate(self) -> tuple[VerbPhrase, ...]:
        """The idea's verb phrases (English)."""
        return self.reading.predicate if self.reading else ()

    @property
    def main_noun(self) -> str:
        """The noun the idea is about: its subject's head, else its first noun."""
        subject = self.subject
        if subject is not None and subject.head and subject.kind != "group":
            return subject.lemma
        if subject is not None and subject.members:
            return lx.singular(subject.members.split()[-1])
        return self.nouns[0] if self.nouns else ""

    def action(self, form: str, plural: bool, goal: bool = True) -> str:
        """The predicate in a form ("finite", "base", "gerund", "past"), every verb phrase joined by "and"."""
        parts = [vp.render(form, plural, goal) for vp in self.predicate]
        return " and ".join(parts)


def read_premise(text: str, language: str) -> Premise:
    """Read the idea; an idea in a language the writer does not speak is kept whole, to be quoted."""
    if language in ("es", "fr"):
        from .romance import read_romance

        return read_romance(text, language)
    if language != "en":
        return Premise(text=text, language=language, mode="quoted", lemmas=frozenset(), nouns=())
    reading = recast(read_idea(text))
    subject = reading.subject
    words = [w.lower() for w in tokens_of(text) if w not in (",", "'s")]
    lemmas = set(words)
    for w in words:
        for found in lx.tags(w).values():
            lemmas.update(found)
    # Each noun phrase's noun with its modifiers ("hockey team", "vending machine"), the subject's as its lemma.
    nouns = tuple(dict.fromkeys(_noun_of(p, p is subject) for p in reading.nouns if p.head and not p.proper))
    mode, count, member_kind = _mode(reading)
    chaser = _chaser(reading)
    costar = _costar(reading, chaser)
    foe = _foe(reading, subject if mode == "villain" else None) or chaser
    from .nouns import is_place

    goals = " ".join(vp.goal for vp in reading.predicate).lower()
    places = [
        *reading.settings,
        *(
            p
            for p in reading.nouns
            if p.head
            and not p.proper
            and is_place(p.lemma)
            and f" {p.head.lower()}" not in f" {goals}"
            and not _acted_on_world(reading, p)
        ),
    ]
    if reading.opener_kind == "when":  # "When the power fails on the moon, ...": the moon is the idea's place too
        from .reading import settings_in

        places += settings_in(tokens_of(reading.opener))
    place_nouns = tuple(dict.fromkeys((p.text(tail=False), p.head) for p in places))
    if reading.opener_kind == "place":
        from .phrases import parse_noun_phrase

        where, _ = parse_noun_phrase(tokens_of(reading.opener)[1:], 0, greedy=False)
        opened = (
            (where.text(tail=False), where.head)
            if where.head
            else (reading.opener.split(" ", 1)[1], reading.opener.split()[-1])
        )
        place_nouns = (opened,) + place_nouns
    return Premise(
        text=text,
        language="en",
        mode=mode,
        reading=reading,
        hero_count=count,
        hero_gender=_gender(reading, mode),
        member_kind=member_kind,
        costar=costar,
        foe=foe,
        places=reading.places,
        place_nouns=place_nouns,
        lemmas=frozenset(lemmas),
        nouns=nouns,
    )


# Verbs that take their heroes to the world they name ("reach the moon"); any other verb acts on it from here.
_VISITS = frozenset(
    "reach visit explore colonize colonise land orbit cross rule invade terraform settle leave escape return "
    "travel fly live work move".split()
)
_SKY = frozenset({"moon", "sun", "planet", "earth", "world", "sky", "star", "galaxy"})


def _acted_on_world(reading, phrase) -> bool:
    """Whether a world is the object the idea acts on, not where it happens: "makes the moon disappear"."""
    return phrase.lemma.lower() in _SKY and any(
        vp.object == phrase and vp.lemma not in _VISITS for vp in reading.predicate
    )


# Nouns that point at another: "the eve of a royal wedding" is about the wedding.
_POINTING = frozenset({"eve", "end", "edge", "middle", "heart", "rest", "top", "bottom", "side", "day", "night"})


def _noun_of(phrase, is_subject: bool) -> str:
    """A noun phrase's noun with its modifiers ("hockey team"); the one it points at ("royal wedding")."""
    if phrase.lemma in _POINTING and phrase.tail.startswith("of "):
        from .phrases import parse_noun_phrase

        inner, _ = parse_noun_phrase(phrase.tail.split()[1:], 0, greedy=False)
        if inner.head:
            phrase = inner
    return phrase.lemma if is_subject else " ".join([*phrase.modifiers, phrase.lemma])


_OWN = {
    "he": {"its": "his", "itself": "himself"},
    "she": {"its": "her", "itself": "herself"},
    "they": {"its": "their", "itself": "themselves"},
}


def for_hero(premise: Premise, pronoun: str) -> Premise:
    """The premise with the idea's "its" and "itself" for its hero made his, her or their, to agree."""
    reading = premise.reading
    if (
        reading is None
        or reading.recast == "passive"
        or premise.mode not in ("lead", "many", "group")
        or premise.member_kind != "creature"
        and reading.subject is not None
        and reading.subject.kind != "creature"
    ):
        return premise
    table = _OWN[pronoun]

    def own(words: str) -> str:
        return " ".join(table.get(w.lower(), w) for w in words.split())

    predicate = tuple(
        replace(vp, rest=tuple(table.get(w.lower(), w) for w in vp.rest), goal=own(vp.goal)) for vp in reading.predicate
    )
    return replace(premise, reading=replace(reading, predicate=predicate, extra=own(reading.extra)))


def _mode(reading: Reading) -> tuple[str, int, str]:
    """How the heroes come from the idea: (mode, how many heroes, person or creature)."""
    subject = reading.subject
    if subject is None or not subject.head:
        return "witness", 1, "person"
    kind = subject.kind
    if set(m.lower() for m in subject.modifiers) & VILLAIN_WORDS and kind in ("person", "group"):
        return "villain", 1, "person"
    if reading.shape == "phrase" and kind == "creature" and subject.lemma in MONSTERS:
        return "witness", 1, "person"  # "Werewolves": the monsters are the threat, not the heroes
    if kind == "group":
        members = subject.members
        member_kind = "creature" if members and _kind(members) == "creature" else "person"
        return "group", 3, member_kind
    if kind in ("person", "creature"):
        partners = len(reading.partners)
        if subject.plural:
            count = subject.count or (2 if len(subject.head) % 2 else 3)
            return "many", min(count, 4) + partners, kind
        return "lead", 1 + partners, kind
    return "witness", 1, "person"


def _kind(phrase: str) -> str:
    from .nouns import kind_of

    return kind_of(lx.singular(phrase.split()[-1]))


def _gender(reading: Reading, mode: str) -> str:
    """she or he when the idea's words say so: the subject's noun, or "her"/"his" referring to it."""
    subject = reading.subject
    if subject is None or mode in ("witness", "villain"):
        return ""
    if subject.gender:
        return subject.gender
    if subject.plural or mode == "group":
        return ""
    rest = " ".join([subject.tail] + [vp.render("finite") for vp in reading.predicate])
    rest += " " + " ".join(p.text() for p in reading.partners) + " " + reading.opener
    # "discovers he can pause time" says so as plainly as "his": the hero is the one the clause is about.
    found = re.search(r"\b(she|her|herself|he|his|himself|him)\b", rest.lower())
    if found:
        return "she" if found.group(1).startswith(("she", "her")) else "he"
    return ""


def _costar(reading: Reading, chaser: NounPhrase | None) -> NounPhrase | None:
    """The first creature or person the verb phrases meet ("a baby kraken", "a talking fish"), never the one
    chasing the hero."""
    for vp in reading.predicate:
        if vp.lemma in BEING:
            continue
        tokens = list(vp.rest)
        for k, word in enumerate(tokens):
            # "his mother" is the hero's own: a second character, as the idea says.
            own = word.lower() in ("his", "her", "their") and reading.recast != "passive"
            # "works as a hotel doorman": the hero's own job, not a second person.
            if (word.lower() in ("a", "an", "the", "another", "every") or own) and (
                k == 0 or tokens[k - 1].lower() not in lx.RELATIVES | {"as"}
            ):
                from .phrases import parse_noun_phrase

                phrase, _ = parse_noun_phrase(tokens, k, greedy=False)
                if (
                    phrase.head
                    and not phrase.plural
                    and phrase.kind in ("creature", "person")
                    and phrase.lemma not in FOE_NOUNS
                    and not _thing_here(vp, tokens, k, phrase)
                    and phrase != chaser
                ):
                    return phrase  # a foe ("hunts a killer", "her worst enemy") is the antagonist, and one
    return None


# Verbs whose object is made, bought or run: "opens a diner", "builds a toaster" (WordNet's first sense of
# "diner" and "toaster" is a person; the idea's is a place and a thing).
# fmt: off
_MAKES = frozenset({"open", "build", "buy", "run", "own", "inherit", "invent", "make", "cook", "bake", "fix",
                    "repair", "start", "found", "sell", "steal", "rob", "serve", "order", "win", "design", "paint"})
# fmt: on
# fmt: off
_WHERE = frozenset({"at", "in", "on", "inside", "into", "under", "near", "behind", "beneath", "above", "across",
                    "to", "from", "of", "through"})
# fmt: on


def _thing_here(vp: VerbPhrase, tokens: list[str], k: int, phrase: NounPhrase) -> bool:
    """Whether a noun WordNet could read as a person is a place or a thing here: the object of a verb that makes
    or runs things, or of a place preposition ("at the bottom of the Pacific"), unless the lexicon knows it as a
    person or a creature (a chef, a robot)."""
    from .nouns import kind_of_word

    if phrase.proper and phrase.det == "the":
        return True  # "the Pacific", "the Andes": a named place, never a person
    if kind_of_word(phrase.lemma) in ("person", "creature") or phrase.proper and not lx.is_known(phrase.head):
        return False
    prep = tokens[k - 1].lower() if k else ""
    return prep in _WHERE or (k == 0 and vp.lemma in _MAKES)


def _foe(reading: Reading, villain: NounPhrase | None) -> NounPhrase | None:
    """A villain the idea names: its villainous subject, or an enemy in the verb phrase."""
    if villain is not None:
        return villain
    being = any(vp.lemma in BEING for vp in reading.predicate)
    for phrase in reading.nouns:
        if phrase is not reading.subject and phrase.lemma in FOE_NOUNS and not being:
            return phrase
    return None


# Passive verbs whose agent is against the hero: "is chased by a talking parrot".
_HOSTILE = frozenset(
    {
        "chase",
        "hunt",
        "haunt",
        "follow",
        "stalk",
        "pursue",
        "attack",
        "kidnap",
        "blackmail",
        "frame",
        "curse",
        "threaten",
        "bully",
        "sue",
        "arrest",
        "betray",
        "rob",
        "trap",
    }
)


def _chaser(reading: Reading) -> NounPhrase | None:
    """Whoever a passive hostile verb names after "by": the one the hero is up against."""
    from .phrases import parse_noun_phrase

    for vp in reading.predicate:
        rest = [w.lower() for w in vp.rest]
        if vp.aux.lower() in lx.BE and vp.lemma in _HOSTILE and "by" in rest:
            phrase, _ = parse_noun_phrase(list(vp.rest), rest.index("by") + 1, greedy=False)
            if phrase.head and phrase.kind in ("person", "creature"):
                return phrase
    return None
