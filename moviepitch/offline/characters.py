"""The cast: the heroes the idea names (as many as it says), an ally, an antagonist, maybe a wildcard."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace

from . import lexicon as lx
from . import names
from .genres import Genre
from .knobs import USUAL, Knobs
from .nouns import gender_of_noun
from .premise import Premise

# Titles a hero's job earns in front of the name, and whether they go with the first name.
HONORIFICS = {
    "astronaut": ("Commander", False),
    "captain": ("Captain", False),
    "detective": ("Detective", False),
    "mayor": ("Mayor", False),
    "chef": ("Chef", False),
    "doctor": ("Dr", False),
    "professor": ("Professor", False),
    "sheriff": ("Sheriff", False),
    "judge": ("Judge", False),
    "queen": ("Queen", True),
    "king": ("King", True),
    "nun": ("Sister", True),
    "monk": ("Brother", True),
    "priest": ("Father", False),
    "conductor": ("Maestro", False),
    "princess": ("Princess", True),
    "prince": ("Prince", True),
    "pirate": ("Captain", False),
}


# Allies from outside any genre, for a pitch written with high creativity.
STRANGE_ALLIES = (
    "a fortune-telling goat with a criminal record",
    "a ghost who only haunts on weekends",
    "a nine-year-old chess prodigy who speaks in riddles",
    "a disgraced weather presenter",
    "a talking crow who owes everyone money",
    "a wedding singer on the run",
    "an android who dreams of stand-up comedy",
    "a nun who once drove getaway cars",
    "a beekeeper who claims to be from the future",
    "a retired stuntman with one working knee",
    "a lighthouse keeper who collects lost umbrellas",
    "a sleepwalking locksmith",
    "an opera singer with stage fright",
    "a mime who finally has something to say",
    "a retired astronaut who now sells ice cream",
)
# How a hero the idea names by name is described.
_NAMED = (
    "a legend in certain circles",
    "a name everyone seems to know",
    "a local legend with a past",
    "a celebrity nobody has seen in years",
)
# Jobs whose title a noun in front of them changes: a dog show judge, a train conductor, a tree doctor.
_COMPOUND_HEADS = frozenset({"judge", "conductor", "doctor"})


@dataclass(frozen=True)
class Character:
    """One role in the story and the invented performer who plays it."""

    name: str  # as first written: "Commander Mara Voss"
    short: str  # for later mentions: "Commander Voss" or "Mara"
    performer: str
    role: str  # hero, ally, antagonist or wildcard
    description: str  # "a retired ballerina"; "" when a group sentence describes the heroes
    pronoun: str  # "she" or "he"
    creature: bool = False


def _pronoun_in(text: str, rng: random.Random) -> str:
    words = re.findall(r"[a-z-]+", text.lower())
    for word in words:
        found = (
            "she"
            if word in ("her", "she", "herself")
            else "he"
            if word in ("his", "he", "himself")
            else gender_of_noun(word)
        )
        if found:
            return found
    return rng.choice(("she", "he"))


def _partner_specs(premise: Premise, rng: random.Random) -> list[tuple[str, str, str, bool, str]]:
    """A hero spec for each coordinated subject ("a trumpeter and a mime"): as the idea words them."""
    return [
        ("hero", p.text(), p.gender or _pronoun_in(p.text(), rng), p.kind == "creature", p.lemma)
        for p in premise.reading.partners
    ]


def build_cast(
    premise: Premise, genre: Genre, rng: random.Random, scenery: str = "", knobs: Knobs = USUAL
) -> tuple[Character, ...]:
    """The characters, heroes first; names and performers invented and unique within the pitch."""
    specs: list[tuple[str, str, str, bool, str]] = []  # role, description, pronoun, creature, head noun
    subject, mode = premise.subject, premise.mode
    used: set[int] = set()
    if mode == "lead" and subject is not None:
        bare = not subject.det and not subject.plural and not subject.proper and not subject.number
        # A hero the idea calls by name ("Sherlock Holmes") is described, not named twice.
        own = (
            rng.choice(_NAMED) if subject.proper else subject.text("a" if subject.det in ("a", "an") or bare else None)
        )
        specs.append(
            ("hero", own, premise.hero_gender or rng.choice(("she", "he")), subject.kind == "creature", subject.lemma)
        )
        specs.extend(_partner_specs(premise, rng))
    elif mode in ("many", "group") and subject is not None:
        for _ in range(premise.hero_count - len(premise.reading.partners)):
            specs.append(
                (
                    "hero",
                    "",
                    premise.hero_gender or rng.choice(("she", "he")),
                    premise.member_kind == "creature",
                    subject.lemma,
                )
            )
        specs.extend(_partner_specs(premise, rng))
    elif mode in ("lead", "many", "group") and premise.reading is None:  # Spanish and French ideas
        for _ in range(premise.hero_count):
            specs.append(
                (
                    "hero",
                    premise.subject_text,
                    premise.hero_gender or rng.choice(("she", "he")),
                    premise.member_kind == "creature",
                    "",
                )
            )
    elif mode == "villain" and premise.costar is not None and premise.costar.kind == "person":
        costar = premise.costar
        specs.append(
            (
                "hero",
                f"the {costar.core} in question",
                costar.gender or _pronoun_in(costar.text(), rng),
                False,
                costar.lemma,
            )
        )
        used.add(id(costar))
    else:
        lead = _fitting(genre.heroes, premise, scenery, rng, knobs, _said(specs))
        specs.append(("hero", lead, _pronoun_in(lead, rng), False, ""))
    costar = premise.costar
    if costar is not None and id(costar) not in used and premise.mode != "villain":
        specs.append(
            ("ally", costar.text(), costar.gender or rng.choice(("she", "he")), costar.kind == "creature", costar.lemma)
        )
    else:
        # High creativity brings a surprising ally from outside the genre.
        ally = _fitting(STRANGE_ALLIES if knobs.strange else genre.allies, premise, scenery, rng, knobs, _said(specs))
        specs.append(("ally", ally, _pronoun_in(ally, rng), False, ""))
    foe = premise.foe
    if foe is not None:
        foe_text = foe.text("the") if mode == "villain" and foe.plural else foe.text()
        if mode == "villain" and foe.plural:
            foe_text = f"the ringleader of {foe_text}"
        specs.append(
            ("antagonist", foe_text, foe.gender or rng.choice(("she", "he")), foe.kind == "creature", foe.lemma)
        )
    else:
        villain = _fitting(genre.villains, premise, scenery, rng, knobs, _said(specs))
        specs.append(("antagonist", villain, _pronoun_in(villain, rng), False, ""))
    if premise.language == "en" and _wildcard(len(specs), rng, knobs):
        wildcard = _fitting(genre.wildcards, premise, scenery, rng, knobs, _said(specs))
        specs.append(("wildcard", wildcard, _pronoun_in(wildcard, rng), False, ""))
    return _named(specs, premise, rng)


# Where an animal side character can turn up: on land, out of doors.
_ANIMAL_SCENERY = frozenset({"field", "mountains", "house", "desert", "castle", "forest"})
_PLAIN = frozenset(
    """a an the who whose with of in on at to for from and that which is are has have his her
their its own one two all any never always""".split()
)


_SPACEFARING = re.compile(r"space|mission|off-world|astronom|telescope|orbit")


def _wildcard(count: int, rng: random.Random, knobs: Knobs) -> bool:
    """Whether a wildcard joins: half the time in a small cast; always when the presence penalty moves the
    story on to new people, never when it keeps to one thread."""
    if knobs.moves_on:
        return knobs.moves_on > 0
    return count <= 3 and rng.random() < 0.5


def _fitting(
    options: tuple[str, ...],
    premise: Premise,
    scenery: str,
    rng: random.Random,
    knobs: Knobs = USUAL,
    taken: tuple[str, ...] = (),
) -> str:
    """A side character from the genre's bank that fits the idea: no role the idea already gives someone
    (no teacher ally when the hero becomes a teacher), no second of a job the cast has (two night-shift
    security guards), and no stray goat at sea."""
    said = {w[:5] for w in premise.lemmas if len(w) > 3}
    jobs = {job_of(t) for t in taken if t}

    def fits(option: str) -> bool:
        words = [w for w in re.findall(r"[a-z]+", option.lower()) if w not in _PLAIN]
        if any(w[:5] in said for w in words if len(w) > 3) or job_of(option) in jobs:
            return False
        if scenery != "space" and _SPACEFARING.search(option):
            return False  # a robot nanny's story stays on Earth: no mission engineer, no space agency
        return (
            not _is_creature(option, animals_only=True)
            or scenery in _ANIMAL_SCENERY
            and premise.member_kind != "creature"
        )

    fitting = [o for o in options if fits(o)] or list(options)
    if knobs.usual:
        return rng.choice(fitting)
    last = max(len(options) - 1, 1)  # banks list their plainest people first
    return rng.choices(fitting, [knobs.weight(options.index(o) / last) for o in fitting])[0]


def _said(specs: list[tuple[str, str, str, bool, str]]) -> tuple[str, ...]:
    """The descriptions the cast has so far."""
    return tuple(description for _, description, *_ in specs)


def job_of(description: str) -> str:
    """The noun a description names someone by: "guard" for "a night-shift security guard who hums"."""
    core = re.split(r",| who | whose | with | that | from | in | of | on ", f"{description} ")[0].split()
    return core[-1].lower() if core else ""


# Side characters that are no person, so they go by one name as animals do: "Glint, an enchanted mirror".
_NON_HUMAN = frozenset({"mirror", "hologram", "voice", "app"})


def _is_creature(description: str, animals_only: bool = False) -> bool:
    """Whether a bank's description names an animal ("a goat that follows everyone home"), or else a thing
    with a voice ("an enchanted mirror")."""
    from .nouns import CREATURES

    words = re.findall(r"[a-z]+", description.lower())[:4]
    return any(word in CREATURES or not animals_only and word in _NON_HUMAN for word in words)


# Beings with a person's first and last name (a young witch is no "Gumbo"), for all WordNet files them apart.
_NAMED_LIKE_PEOPLE = frozenset(
    {
        "witch",
        "vampire",
        "werewolf",
        "mermaid",
        "merman",
        "elf",
        "fairy",
        "angel",
        "ghost",
        "sorceress",
        "warlock",
        "giant",
    }
)


def _named(specs, premise: Premise, rng: random.Random) -> tuple[Character, ...]:
    taken_names: set[str] = set()
    taken_performers: set[str] = set()
    cast = []
    subject = premise.subject
    for index, (role, description, pronoun, creature, head) in enumerate(specs):
        creature = creature or (role != "hero" and not head and _is_creature(description))
        performer = names.performer(rng, pronoun, taken_performers)
        if index == 0 and subject is not None and subject.proper and premise.mode == "lead":
            name = short = subject.text()
        elif creature and head not in _NAMED_LIKE_PEOPLE:
            name = short = names.first_name(rng, pronoun, True, taken_names)
        else:
            first = names.first_name(rng, pronoun, False, taken_names, premise.language)
            last = names.character_surname(rng, premise.language)
            # Three or more heroes with one title read as a roll call ("Commander A, Commander B, Commander C").
            titled = role == "hero" and sum(spec[0] == "hero" for spec in specs) <= 2
            honorific, by_first = HONORIFICS.get(head, ("", False)) if titled else ("", False)
            if (
                head in _COMPOUND_HEADS
                and subject is not None
                and any(lx.can_be(m, "NOUN") and not lx.can_be(m, "ADJ") for m in subject.modifiers)
            ):
                honorific = ""  # a dog show judge is no judge of a court, a train conductor no maestro
            if honorific:
                # "Detective Una Rookfell, a detective": where the description names the job, the full name
                # goes without the title, and later mentions ("Detective Rookfell") keep it.
                named = head in description.lower().split()
                name = f"{first} {last}" if named else f"{honorific} {first} {last}"
                short = f"{honorific} {first}" if by_first else f"{honorific} {last}"
            else:
                name, short = f"{first} {last}", first
        cast.append(Character(name, short, performer, role, description, pronoun, creature))
    return tuple(cast)


def carry_names(cast: tuple[Character, ...], base: tuple[Character, ...]) -> tuple[Character, ...]:
    """The cast with the names and performers of `base` wherever a part is the same kind of person (the same
    role, place among the heroes, pronoun and kind), so another take on a story keeps its people."""

    def key(character: Character, index: int) -> tuple:
        return character.role, index if character.role == "hero" else 0, character.pronoun, character.creature

    known = {key(c, i): c for i, c in enumerate(base)}
    taken = {c.name for c in cast}
    carried = []
    for index, character in enumerate(cast):
        old = known.get(key(character, index))
        if old is not None and (old.name not in taken or old.name == character.name):
            taken.add(old.name)
            character = replace(character, name=old.name, short=old.short, performer=old.performer)
        carried.append(character)
    if len({c.name for c in carried}) < len(carried) or len({c.performer for c in carried}) < len(carried):
        return cast  # a carried name met one of the new ones: keep the new cast as it was made
    return tuple(carried)
