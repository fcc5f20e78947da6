"""The story plan: every decision about one pitch, made once, in fields the writers read.

Genre, tone, setting, heroes, length and story shape are explicit fields, so a later change
("make it a heist comedy", "set it in Tokyo", "shorter") can replace one and re-write the pitch
from the changed plan; writers decide nothing the plan already decided.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field

from .characters import Character, build_cast, carry_names
from .genres import GENRES, label_of, tone_of
from .knobs import USUAL, Knobs
from .language import detect
from .places import Setting, setting_of
from .premise import Premise, for_hero, read_premise
from .reading import clean

# An idea left blank still gets a pitch; the writer refuses nothing.
BLANK_IDEA = "A stranger arrives in a small town with a secret"
SHAPES = ("inciting", "ordinary_world", "in_medias_res", "countdown", "two_worlds")


@dataclass(frozen=True)
class StoryPlan:
    """Every decision about one pitch, made once so that all the writers agree."""

    idea: str
    seed: int
    language: str  # en, es, fr, or another language's code (then English around the quoted idea)
    premise: Premise  # what the idea says, in parts
    genres: tuple[str, ...]  # one or two genre keys, the first leading
    tone: str  # light, warm, dark, tense, bright or epic
    setting: Setting
    characters: tuple[Character, ...]  # the heroes first, then ally, antagonist, wildcard
    length: str = "standard"  # "short" or "standard"
    shape: str = "inciting"  # the order the synopsis tells things in
    title: str = ""
    art_seed: int = 0
    knobs: Knobs = USUAL  # creativity and the penalties, as the person set them
    # What the pitch meeting changed that no field above holds: "style" (a kind of story within the genre,
    # "heist"), "look" (the poster's: "dark" or "bright"), "angle" (which take on a change), "era" ...
    extras: dict = field(default_factory=dict, compare=False)

    @property
    def genre(self) -> str:
        """The leading genre's key."""
        return self.genres[0]

    @property
    def label(self) -> str:
        """The genre as written in prose: "horror-comedy" (a style the meeting asked for names it: "heist comedy")."""
        return self.extras.get("label") or label_of(self.genres)

    @property
    def heroes(self) -> tuple[Character, ...]:
        """The leads, one or more."""
        return tuple(c for c in self.characters if c.role == "hero")

    @property
    def cast(self) -> list[tuple[str, str]]:
        """(character, performer) pairs, heroes first."""
        return [(c.name, c.performer) for c in self.characters]

    def role(self, role: str) -> Character | None:
        """The first character playing `role`, if there is one."""
        return next((c for c in self.characters if c.role == role), None)


def rng_for(idea: str, seed: int, salt: str = "") -> random.Random:
    """A random source fixed by the idea and seed (never Python's salted hash())."""
    key = f"{seed}:{idea.strip().lower()}" + (f":{salt}" if salt else "")
    return random.Random(int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big"))


# Keywords that vote only in their verb's sense: a hero who trains is sporty, a train conductor is not.
VERB_SENSES = frozenset({"train", "trains"})


# Compounds whose first word would vote for the wrong genre: a monster truck rally is no horror film.
NEUTRAL_COMPOUNDS = ("monster truck", "killer whale", "ghost writer", "blood bank", "blood orange", "shadow cabinet")


ROYAL_TITLES = frozenset({"king", "queen", "prince", "princess", "royal"})


def detect_genres(premise: Premise) -> tuple[str, ...]:
    """The one or two genres whose keywords the idea uses most, earliest first; drama by default."""
    words, lower = premise.lemmas, f" {premise.text.lower()} "
    if premise.places:  # the queen of England reigns in a real place: no fairy tale for her title alone
        words = words - ROYAL_TITLES
    for compound in NEUTRAL_COMPOUNDS:
        first = compound.split()[0]
        if f" {compound}" in lower and lower.count(first) == 1:
            words = words - {first}
    verbs = {vp.lemma for vp in premise.predicate} | {vp.verb.lower() for vp in premise.predicate}
    scored = []
    for order, genre in enumerate(GENRES.values()):
        hits = sum(
            1
            for kw in genre.keywords
            if (kw in verbs if kw in VERB_SENSES else kw in words if " " not in kw else f" {kw}" in lower)
        )
        if hits:
            scored.append((-hits, order, genre.key))
    ranked = [key for *_, key in sorted(scored)][:2]
    return tuple(ranked) or ("drama",)


# Genres a high creativity blends into a single-genre idea, most surprising first.
BLENDS = {
    "drama": ("scifi", "horror", "fantasy"),
    "comedy": ("horror", "scifi", "thriller"),
    "horror": ("comedy", "romance"),
    "thriller": ("comedy", "fantasy", "scifi"),
    "scifi": ("romance", "comedy", "horror"),
    "fantasy": ("thriller", "comedy"),
    "sports": ("fantasy", "scifi", "comedy"),
    "adventure": ("horror", "comedy", "fantasy"),
    "romance": ("scifi", "horror", "thriller"),
}


def plan_story(idea: str, seed: int, knobs: Knobs = USUAL) -> StoryPlan:
    """Read the idea and decide genre, tone, setting, cast, shape and title."""
    from .titles import make_title  # the title reads the finished plan

    rng = rng_for(idea, seed)
    text = clean(idea) or BLANK_IDEA
    language = detect(text)
    premise = read_premise(text, language)
    genres = knobbed_genres(detect_genres(premise), knobs, rng_for(idea, seed, "blend"))
    genre = GENRES[genres[0]]
    setting = setting_of(text, premise.places, premise.place_nouns, genre, rng)
    state = rng.getstate()
    characters = build_cast(premise, genre, rng, setting.scenery, knobs)
    if not knobs.usual:  # the same people as the usual take, wherever the knobs kept their parts
        usual = random.Random()
        usual.setstate(state)
        characters = carry_names(characters, build_cast(premise, genre, usual, setting.scenery))
    heroes = [c for c in characters if c.role == "hero"]
    premise = for_hero(premise, "they" if len(heroes) > 1 else heroes[0].pronoun)
    plan = StoryPlan(
        idea=idea,
        seed=seed,
        language=language,
        premise=premise,
        genres=genres,
        tone=tone_of(genres),
        setting=setting,
        characters=characters,
        shape=rng.choice(SHAPES),
        art_seed=rng.getrandbits(32),
        knobs=knobs,
    )
    return _with_title(plan, make_title(plan, rng_for(idea, seed, "title")))


def knobbed_genres(genres: tuple[str, ...], knobs: Knobs, rng: random.Random) -> tuple[str, ...]:
    """The idea's genres as creativity leaves them: one plain genre when low, a surprising blend when high."""
    if knobs.plain:
        return genres[:1]
    if knobs.strange and len(genres) == 1:
        return genres[0], rng.choice(BLENDS[genres[0]])
    return genres


def _with_title(plan: StoryPlan, title: str) -> StoryPlan:
    from dataclasses import replace

    return replace(plan, title=title)
