"""The poster's plan: what is painted (the idea's nouns as motifs), how it is framed, in which colours.

The painter paints it and the poster description describes it, so the two always agree. A new
poster of the same pitch (variant 2, 3 ...) takes the next composition in the plan's rotation, so
it is framed differently, not merely re-seeded.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from . import lexicon as lx
from . import nouns as nouns_of
from .genres import GENRES
from .landscape import PLACE_TERRAINS, TERRAINS, place_noun, terrain_for, weather_of
from .motif_words import MOTIF_WORDS, landmarks_for
from .plan import StoryPlan

# Compositions, and which suit how many heroes the story has.
COMPOSITIONS = ("heroes", "close_up", "crowd", "object", "facing", "landscape")
_FIGURES = {"person": "human", "creature": "creature"}
_MARS = (
    "Red Dust",
    ("#1a0603", "#6e1f0e", "#e0703a", "#ffe1b0", "#1c0704", "#7fd6ff"),
    ("rust red", "burnt orange", "dusty gold", "ice blue"),
)


@dataclass(frozen=True)
class Motif:
    """One thing painted on the poster: the noun as the idea says it, and the drawing that shows it."""

    noun: str  # "penguin", "vending machine", "bakery"
    shape: str  # the painter's drawing: "penguin", "machine", "shopfront"
    plural: bool = False
    indefinite: bool = False  # named as "an overdue book" (the idea said "every overdue book"), not "the ..."


@dataclass(frozen=True)
class ArtPlan:
    """Everything the painter and the poster description share."""

    seed: int
    genre: str
    composition: str
    motifs: tuple[Motif, ...]  # the idea's things, the main one first
    figure: str  # what the heroes look like: human, or a motif shape ("penguin", "dog")
    figure_noun: str  # the heroes as the description names them: "two elderly sisters"
    figure_count: int
    pronoun: str  # the lead's, for the outline of a person
    hat: bool
    scenery: str
    light: str
    landmarks: tuple[str, ...]
    palette_name: str
    palette: tuple[str, ...]  # sky top, sky middle, horizon, light, land, accent
    palette_words: tuple[str, ...]
    moods: tuple[str, ...]
    looming: str = ""  # a villain the idea names, painted as a giant shadow: "the evil genius"
    thing: Motif | None = None  # the one motif painted beside or instead of the heroes
    terrain: str = ""  # which of the scenery's landscapes is painted: "wheat", "lake" ...
    weather: str = ""  # the weather the idea is about, painted and named: "comet", "fog", "blackout"
    main_thing: bool = False  # the thing is what the idea is about: every composition shows it

    @property
    def shows_thing(self) -> bool:
        """Whether the composition paints the thing (a crowd and a close-up show only the heroes)."""
        framed = ("heroes", "facing", "object", "landscape") + (("close_up", "crowd") if self.main_thing else ())
        return self.thing is not None and self.composition in framed

    @property
    def shows_figures(self) -> bool:
        """Whether the composition paints the heroes (a landscape shows the thing alone)."""
        return self.composition != "landscape"


# Palettes for a look asked for in a pitch meeting, whatever the genre.
LOOKS = {
    "dark": GENRES["horror"].palettes + GENRES["thriller"].palettes,
    "bright": GENRES["comedy"].palettes + GENRES["adventure"].palettes + GENRES["romance"].palettes,
}


def motifs_of(plan: StoryPlan) -> tuple[Motif, ...]:
    """The idea's nouns that the painter can draw: the main noun, the other nouns, then the hero's own
    modifiers (the lighthouse of a lighthouse keeper is a prop; the kraken he adopts is the story)."""
    premise = plan.premise
    nouns = list(premise.nouns)
    main = premise.main_noun
    if main in nouns:
        nouns.remove(main)
    nouns.sort(key=lambda noun: bool(main) and noun.split()[-1] == main)
    found = []
    for noun in [main, *nouns]:
        noun = _with_dropped_head(noun, premise.text)
        words = noun.lower().replace("-", " ").split()
        if not _noun_phrase(words, premise.text.lower(), main):
            continue  # "returns home": the idea's verb, read as a noun
        indefinite = bool(words) and words[0] in _QUANTIFIERS
        if indefinite:  # "every overdue book" is painted as one, and named "an overdue book"
            words = words[1:]
            noun = " ".join(noun.split()[1:])
        # The head decides ("vending machine"), else a modifier ("hockey team" shows hockey).
        if any(w in lx.NUMBERS for w in words):
            continue  # "a thousand kilometres": a distance, not a thing to paint
        shape = MOTIF_WORDS.get(noun.lower())
        if shape is None:
            word = next((w for w in reversed(words) if w in MOTIF_WORDS or lx.singular(w) in MOTIF_WORDS), None)
            shape = MOTIF_WORDS.get(word or "") or MOTIF_WORDS.get(lx.singular(word or ""))
            # A short phrase reads best whole ("bowling alley"); a long one by the painted word.
            verbal = any(
                lx.verb_forms(w) & {"VBG", "VBD"} and not lx.can_be(w, "NOUN") and not lx.can_be(w, "ADJ")
                for w in words[:-1]
            )  # "world using ai" is no name for a painted thing
            noun = noun if not words or (word == words[-1] or len(words) <= 2) and not verbal else (word or noun)
            if word and word != words[-1] and nouns_of.kind_of(lx.singular(words[-1])) == "person":
                noun = " ".join(words[: words.index(word) + 1])  # "a hotel doorman" is no thing: his hotel is
        if shape and all(m.shape != shape for m in found):
            subject = premise.subject
            # "Killer tomatoes" are painted, and named, as many.
            many = noun == main and subject is not None and subject.plural and premise.mode == "witness"
            found.append(Motif(noun, shape, many, indefinite))
    return tuple(found[:3])


# Determiners a noun phrase may bring from the idea, which the poster never puts "the" before.
_QUANTIFIERS = frozenset({"every", "each", "any", "some", "no", "all", "another"})


def _noun_phrase(words: list[str], text: str, main: str) -> bool:
    """Whether the words are a noun phrase, not a verb phrase the reading took for one: a phrase whose first word
    is a finite verb right after the idea's subject ("a soldier returns home") is the idea's verb."""
    if not words:
        return False
    first = words[0]
    finite = lx.verb_forms(first) & {"VBZ", "VBD"}
    return not (finite and len(words) > 1 and main and re.search(rf"\b{re.escape(main.lower())}s? {first}\b", text))


def _with_dropped_head(noun: str, text: str) -> str:
    """The noun with the drawable noun the idea puts right after it, when the reading left it off ("a haunted
    karaoke bar" read as "haunted karaoke")."""
    after = re.search(rf"\b{re.escape(noun)} (of )?([a-z]+)\b", text) if noun else None
    if after and lx.singular(after.group(2)) in MOTIF_WORDS:  # "a family of bears" read as "family"
        return f"{noun} {after.group(1) or ''}{after.group(2)}"
    return noun


def hero_nouns(plan: StoryPlan) -> set[str]:
    """The nouns that name the heroes ("cat" for "a stray cat"), which the poster paints as its figures."""
    premise = plan.premise
    subject = premise.subject
    if premise.mode not in ("lead", "many", "group") or subject is None or not subject.head:
        return set()
    found = {subject.lemma.lower()} | {p.lemma.lower() for p in premise.reading.partners}
    if subject.members:
        found.add(lx.singular(subject.members.split()[-1]))
    return found


def thing_of(plan: StoryPlan, motifs: tuple[Motif, ...], hero_shape: str) -> Motif | None:
    """The motif painted beside or instead of the heroes: never the heroes themselves."""
    heroes = hero_nouns(plan)
    place = place_noun(plan)
    if place in PLACE_TERRAINS and PLACE_TERRAINS[place] in TERRAINS.get(plan.setting.scenery, ()):
        heroes.add(place)  # the village is the landscape already: no lone house stands in for it as well
    return next((m for m in motifs if m.shape != hero_shape and m.noun.lower().split()[-1] not in heroes), None)


def rotation(plan: StoryPlan, hero_shape: str) -> list[str]:
    """The compositions that suit the story, in the order new posters take them."""
    count = len(plan.heroes)
    has_thing = thing_of(plan, motifs_of(plan), hero_shape) is not None
    options = ["heroes"]
    if count >= 3 or plan.premise.mode == "group":
        options = ["crowd", "heroes"]
    elif count == 2:
        options = ["heroes", "facing"]
    if plan.genre == "romance" and count == 1:
        options.append("facing")
    options.append("close_up")
    if has_thing:
        options.insert(1, "object")
    if plan.premise.mode == "witness" and has_thing:
        options.append("landscape")  # the heroes are left out only when the idea is about a thing
    return options


def art_for(plan: StoryPlan, variant: int = 1) -> ArtPlan:
    """The poster plan for one version of the poster."""
    rng = random.Random(plan.art_seed)
    genre = GENRES[plan.genre]
    motifs = motifs_of(plan)
    premise = plan.premise
    heroes = plan.heroes
    lead = heroes[0]
    hero_shape = "human"
    if lead.creature and premise.subject is not None:
        hero_shape = MOTIF_WORDS.get(premise.subject.lemma, "creature")
        if premise.mode == "group" and premise.subject.members:
            hero_shape = MOTIF_WORDS.get(premise.subject.members.split()[-1].rstrip("s"), "creature")
    order = rotation(plan, hero_shape)
    start = rng.randrange(len(order))
    if premise.mode == "witness" and motifs:  # the thing is the star: it comes first
        order, start = ["object"] + [o for o in order if o != "object"], 0
    composition = order[(start + variant - 1 + plan.extras.get("turn", 0)) % len(order)]
    thing = thing_of(plan, motifs, hero_shape)
    name, palette, words = _MARS if "mars" in premise.text.lower() else genre.palettes[rng.randrange(2)]
    look = plan.extras.get("look")
    if look in LOOKS:  # the poster's look a pitch meeting asked for: darker, or more colourful
        name, palette, words = LOOKS[look][(rng.randrange(2) + plan.extras.get("angle", 0)) % len(LOOKS[look])]
    return ArtPlan(
        seed=plan.art_seed + 7919 * (variant - 1),
        genre=plan.genre,
        composition=composition,
        motifs=motifs,
        figure=hero_shape,
        figure_noun=_figure_noun(plan),
        figure_count=min(len(heroes), 4) or 1,
        pronoun=lead.pronoun,
        hat=any(w in lead.description for w in ("cowboy", "detective", "pirate", "captain")),
        scenery=plan.setting.scenery,
        # A ringed planet hangs only over a story that leaves Earth; a robot nanny's city has its moon.
        light="moon" if genre.light == "planet" and plan.setting.scenery != "space" else genre.light,
        landmarks=landmarks_for(premise.text.lower()),
        palette_name=name,
        palette=palette,
        palette_words=words,
        moods=tuple(plan.knobs.sample(rng, genre.moods, 2)),
        looming=_looming(plan),
        thing=thing,
        terrain=terrain_for(plan.setting.scenery, plan.art_seed, variant, place_noun(plan)),
        weather=weather_of(premise.text) if plan.language == "en" else "",
        main_thing=thing is not None and _is_main(plan, thing),
    )


def _is_main(plan: StoryPlan, thing: Motif) -> bool:
    """Whether the thing is one of the idea's own nouns ("A cursed violin", "befriends a T. rex skeleton"), not
    a word of the hero's description (the farm of "a shy farm boy")."""
    premise = plan.premise
    words = thing.noun.lower().split()
    nouns = {noun.lower() for noun in premise.nouns}
    return premise.main_noun.lower() in words or thing.noun.lower() in nouns


def _looming(plan: StoryPlan) -> str:
    """The idea's villain, when it names one, as the description calls its shadow."""
    foe = plan.premise.foe
    if foe is None or plan.language != "en":
        return ""
    return foe.text("the", tail=False)


def _figure_noun(plan: StoryPlan) -> str:
    """How the description names the heroes: by what the idea calls them, never by name."""
    premise, heroes = plan.premise, plan.heroes
    subject = premise.subject
    if premise.language != "en" or subject is None or premise.mode in ("witness", "villain", "quoted"):
        description = heroes[0].description
        return _no_clause(description) if description else "a lone figure"
    if premise.mode == "group":
        return subject.text(tail=False) + (f" of {subject.members}" if subject.members else "")
    if premise.mode == "many":
        if (subject.count or 0) > len(heroes):
            return subject.text("", tail=False)  # all seven firefighters, though four are cast
        return subject.counted(len(heroes), tail=False)
    parts = [subject.text("a" if subject.det in ("a", "an") else None, tail=False)]
    parts += [p.text(tail=False) for p in premise.reading.partners]
    return " and ".join(parts)


def _no_clause(text: str) -> str:
    for cut in (" who ", " with ", " whose ", " that "):
        text = text.split(cut)[0]
    return text
