"""The story plan: every decision about one pitch (genre, place, cast, palette, title), made once."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from . import wordbank as wb
from .idea import (
    as_clause, detect_genres, figure_of, genre_label, hero_of, landmarks_of, motif_of, palette_of,
    place_of, scenery_of, split_subject,
)
from .wordbank import GENRES, Genre
from .words import cap, core, definite, plural

# An idea left blank still gets a pitch; the writer refuses nothing.
_BLANK_IDEA = "A stranger arrives in a small town with a secret."


@dataclass(frozen=True)
class Character:
    """One role in the story and the invented performer who plays it."""

    name: str  # as first written: "Commander Mara Voss"
    short: str  # for later mentions: "Commander Voss" or "Mara"
    performer: str
    role: str  # hero, ally, antagonist or wildcard
    description: str
    pronoun: str  # "she" or "he"


@dataclass(frozen=True)
class StoryPlan:
    """Every decision about one pitch, made once so that all the writers agree."""

    idea: str
    seed: int
    genre: str
    genres: tuple[str, ...]
    label: str
    place: str  # "the fog-bound town of Greyhollow" or "Hawaii"
    place_name: str  # "Greyhollow"
    place_prep: str  # "in"
    place_from_idea: bool
    hero: str  # "a retired astronaut"
    clause: str  # the idea as a clause: "a retired astronaut discovers ..."
    subject: str  # the idea's own subject, "" when it has none
    predicate: str
    mode: str  # single, named, group, witness, target or notion: the hero and the idea's subject
    characters: tuple[Character, ...]
    palette_name: str
    palette: tuple[str, ...]  # sky top, sky middle, horizon, light, land, accent
    palette_words: tuple[str, ...]
    mood: tuple[str, ...]
    motif: str
    title: str
    scenery: str
    light: str
    landmarks: tuple[str, ...]
    figure: str  # human, dog, bird, robot or ghost
    figure_count: int
    art_seed: int

    @property
    def cast(self) -> list[tuple[str, str]]:
        """(character, performer) pairs, hero first."""
        return [(c.name, c.performer) for c in self.characters]

    def role(self, role: str) -> Character | None:
        """The character playing `role`, if there is one."""
        return next((c for c in self.characters if c.role == role), None)


def rng_for(idea: str, seed: int, salt: str = "") -> random.Random:
    """A random source fixed by the idea and seed (never Python's salted hash())."""
    key = f"{seed}:{idea.strip().lower()}" + (f":{salt}" if salt else "")
    return random.Random(int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big"))


def plan_story(idea: str, seed: int) -> StoryPlan:
    """Read the idea and decide genre, place, cast, palette and title."""
    rng = rng_for(idea, seed)
    text = " ".join(idea.split()).rstrip(".!? ") or _BLANK_IDEA.rstrip(".")
    lower = text.lower()
    genres = detect_genres(lower)
    genre = GENRES[genres[0]]
    subject, predicate = split_subject(text)
    mode, hero, hero_gender = hero_of(subject, predicate, genre, rng)
    place, place_name, prep, from_idea = place_of(text, lower, genre, rng)
    figure = figure_of(subject if mode in ("single", "group") else hero)
    palette_name, palette, palette_words = palette_of(genre, lower, rng)
    motif = motif_of(text if mode in ("witness", "target") else predicate, subject, place_name, rng)
    characters = _cast_of(rng, genre, mode, subject, hero, hero_gender, figure)
    return StoryPlan(
        idea=idea, seed=seed, genre=genre.key, genres=genres, label=genre_label(genres), place=place,
        place_name=place_name, place_prep=prep, place_from_idea=from_idea, hero=hero,
        clause=as_clause(text), subject=as_clause(subject), predicate=predicate, mode=mode,
        characters=characters, palette_name=palette_name, palette=palette,
        palette_words=palette_words, mood=tuple(rng.sample(genre.moods, 3)), motif=motif,
        title=_title_of(genre, motif, place_name, rng), scenery=scenery_of(lower, genre),
        light=genre.light, landmarks=landmarks_of(lower), figure=figure,
        figure_count=3 if mode == "group" else 2 if genre.key == "romance" else 1,
        art_seed=rng.getrandbits(32),
    )


def _title_case(text: str) -> str:
    small = {"of", "the", "and", "in", "over", "a", "an", "on", "or", "from"}
    return " ".join(w if i and w.lower() in small else cap(w) for i, w in enumerate(text.split()))


def _title_of(genre: Genre, motif: str, place_name: str, rng: random.Random) -> str:
    options = [_title_case(p.format(M=motif, P=place_name)) for p in genre.titles]
    fitting = [t for t in options if len(t.split()) <= 6]
    return rng.choice(fitting or [_title_case(f"the {motif}")])


def _cast_of(rng, genre, mode, subject, hero, hero_gender, figure) -> tuple[Character, ...]:
    roles = [("hero", hero), ("ally", rng.choice(genre.allies)),
             ("antagonist", _villain_of(rng, genre, mode, subject))]
    if rng.random() < 0.5:
        roles.append(("wildcard", rng.choice(genre.wildcards)))
    firsts = {"she": list(wb.HEROINE_NAMES), "he": list(wb.HERO_NAMES), "pet": list(wb.PET_NAMES)}
    performers = {"she": list(wb.PERFORMER_WOMEN), "he": list(wb.PERFORMER_MEN)}
    surnames, stage_names = list(wb.CHARACTER_SURNAMES), list(wb.PERFORMER_SURNAMES)
    for pool in (*firsts.values(), *performers.values(), surnames, stage_names):
        rng.shuffle(pool)
    honorific = wb.HONORIFICS.get(core(subject)[-1]) if mode in ("single", "group") else None
    named = subject.split() if mode == "named" else None
    cast = []
    for role, description in roles:
        pronoun = (hero_gender if role == "hero" else "") or rng.choice(("she", "he"))
        animal = role == "hero" and figure in ("dog", "bird") and mode in ("single", "group")
        first, last = firsts["pet" if animal else pronoun].pop(), surnames.pop()
        title = honorific if role == "hero" and honorific else ""
        name = " ".join(filter(None, (title, first, last)))
        short = f"{title} {last}" if title else first
        if role == "hero" and named:
            name, short = " ".join(named), named[0]
        performer = f"{performers[pronoun].pop()} {stage_names.pop()}"
        cast.append(Character(name, short, performer, role, description, pronoun))
    return tuple(cast)


def _villain_of(rng: random.Random, genre: Genre, mode: str, subject: str) -> str:
    words = core(subject)
    if mode not in ("witness", "target") or not set(words) & wb.VILLAIN_WORDS:
        return rng.choice(genre.villains)
    if words[-1] in wb.THINGS:
        return f"the mind behind {definite(as_clause(subject))}"
    if plural(words[-1]):
        return f"the ringleader of {definite(as_clause(subject))}"
    return f"{definite(' '.join(words))} behind it all"
