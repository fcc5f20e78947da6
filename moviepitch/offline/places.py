"""Where a story is set: a place the idea names, a place noun it uses, or one invented for the genre."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from .genres import Genre

# Places an idea may name that read best with their own preposition or article.
_PREPOSITIONS = {"mars": "on", "the moon": "on", "venus": "on", "jupiter": "on", "the space station": "aboard",
                 "hawaii": "in", "the andes": "in"}
PLACE_HEADS = ("Grey", "Raven", "Ash", "Marrow", "Kestrel", "Willow", "Amber", "Salt", "Thorn", "Copper",
               "Silver", "Brindle", "Fen", "Lark", "Gull", "Bramble", "Cinder", "Hollow", "Frost", "Wren",
               "Moth", "Elder", "Heron", "Tallow", "Juniper", "Quarry", "Otter", "Pike", "Rush", "Sorrel")
PLACE_TAILS = ("hollow", "moor", "wick", "haven", "mere", "port", "vale", "field", "cross", "reach", "bay",
               "combe", "ford", "stead", "by", "thorpe", "well", "water", "minster", "dale")
STATION_NAMES = ("Halcyon", "Tycho", "Vesta", "Kepler", "Arcadia", "Nyx", "Perihelion", "Io", "Meridian",
                 "Calypso", "Borealis", "Nadir")
# Which painted landscape a setting calls for, checked in this order.
SCENERY_WORDS = (
    ("desert", ("mars", "martian", "dune", "sahara", "desert", "desierto", "cowboy", "drought", "canyon")),
    ("space", ("space", "planet", "astronaut", "galaxy", "orbit", "moon", "station", "rocket", "alien")),
    ("ocean", ("island", "surf", "pirate", "sea", "ocean", "beach", "lighthouse", "marine", "hawaii",
               "submarine", "boat", "shipwreck", "underwater", "kraken", "mermaid", "fisherman", "cruise",
               "fish", "harbour", "mar", "mer", "sirena")),
    ("mountains", ("andes", "mountain", "avalanche", "snowboard", "himalaya", "alps", "climb", "plane")),
    ("house", ("ghost", "haunt", "house", "mansion", "hanté", "embrujad", "bed and breakfast")),
    ("castle", ("dragon", "castle", "kingdom", "wizard", "queen", "king", "royal", "knight")),
    ("arena", ("boxer", "tournament", "racing", "fight", "arena", "stadium", "circus", "competition",
               "hockey", "bowling", "luchadora", "wrestl", "funfair", "match")),
    ("city", ("paris", "tokyo", "city", "heist", "lawyer", "detective", "new york", "london", "gang", "thieves",
              "bank", "casino", "factory", "elevator", "las vegas", "new orleans", "traffic", "parking",
              "ciudad", "ville", "office", "internet", "hacker")),
    ("field", ("farm", "cornfield", "garden", "town", "village", "tree", "scarecrow", "field", "pueblo")),
)


# Place nouns big enough to hold a whole story ("the whole of the town is talking").
TOWNLIKE = frozenset("""town city village island planet moon kingdom country world desert jungle forest valley
suburb colony station base farm ranch coast mountains sea ocean empire galaxy neighbourhood neighborhood
cornfield""".split())


@dataclass(frozen=True)
class Setting:
    """Where the story happens, as the writers mention it and the painter shows it."""

    phrase: str  # "Paris", "a small Ohio town", "the fog-bound town of Greyhollow"
    prep: str  # "in", "on", "aboard"
    name: str  # for later mentions: "Paris", "the town", "Greyhollow"
    from_idea: bool
    scenery: str  # city, mountains, ocean, house, castle, arena, field, space or desert

    @property
    def at(self) -> str:
        """The setting with its preposition: "in Paris"."""
        return f"{self.prep} {self.phrase}"


def scenery_for(text: str, genre: Genre) -> str:
    """The landscape the idea's words call for, else the genre's own."""
    lower = text.lower()
    for scenery, words in SCENERY_WORDS:
        if any(re.search(rf"\b{re.escape(w)}", lower) for w in words):
            return scenery
    return genre.scenery


def invented(genre: Genre, rng: random.Random) -> tuple[str, str, str]:
    """(phrase, preposition, name) of a place made up for the genre."""
    name = rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)
    code = f"{rng.choice(STATION_NAMES)}-{rng.randint(2, 9)}"
    prep, pattern = rng.choice(genre.places)
    return pattern.format(name=name, code=code), prep, (code if "{code}" in pattern else name)


def setting_of(text: str, places: tuple[str, ...], nouns: list[tuple[str, str]], genre: Genre,
               rng: random.Random) -> Setting:
    """The idea's named place, else its first place noun phrase, else an invented place."""
    scenery = scenery_for(places[0], genre) if places and scenery_for(places[0], genre) != genre.scenery \
        else scenery_for(text, genre)
    if places:
        place = places[0]
        return Setting(place, _PREPOSITIONS.get(place.lower(), "in"), place, True, scenery)
    nouns = [n for n in nouns if n[1].lower() in TOWNLIKE or n[1][:1].isupper()]
    if nouns:
        phrase, head = nouns[0]
        short = head if head[:1].isupper() else f"the {head.lower()}"
        prep = "on" if head.lower() in ("island", "moon", "planet", "farm", "ship", "boat", "train") else "in"
        prep = "aboard" if head.lower() in ("station", "spaceship", "starship", "submarine") else prep
        return Setting(phrase, prep, short, True, scenery)
    phrase, prep, name = invented(genre, rng)
    return Setting(phrase, prep, name, False, scenery)
