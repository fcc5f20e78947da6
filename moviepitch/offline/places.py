"""Where a story is set: a place the idea names, a place noun it uses, or one invented for the genre."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from .genres import Genre

# Places an idea may name that read best with their own preposition or article.
# fmt: off
_PREPOSITIONS = {"mars": "on", "the moon": "on", "venus": "on", "jupiter": "on", "the space station": "aboard",
                 "hawaii": "in", "the andes": "in", "earth": "on", "mercury": "on", "saturn": "on", "pluto": "on",
                 "neptune": "on", "uranus": "on", "the iss": "aboard", "the titanic": "aboard"}
# fmt: on
# fmt: off
PLACE_HEADS = ("Grey", "Raven", "Ash", "Marrow", "Kestrel", "Willow", "Amber", "Salt", "Thorn", "Copper",
               "Silver", "Brindle", "Fen", "Lark", "Gull", "Bramble", "Cinder", "Hollow", "Frost", "Wren",
               "Moth", "Elder", "Heron", "Tallow", "Juniper", "Quarry", "Otter", "Pike", "Rush", "Sorrel")
# fmt: on
# fmt: off
PLACE_TAILS = ("hollow", "moor", "wick", "haven", "mere", "port", "vale", "field", "cross", "reach", "bay",
               "combe", "ford", "stead", "by", "thorpe", "well", "water", "minster", "dale")
# fmt: on
# fmt: off
STATION_NAMES = ("Halcyon", "Tycho", "Vesta", "Kepler", "Arcadia", "Nyx", "Perihelion", "Io", "Meridian",
                 "Calypso", "Borealis", "Nadir")
# fmt: on
# Which painted landscape a setting calls for, checked in this order.
# fmt: off
SCENERY_WORDS = (
    ("desert", ("mars", "martian", "dune", "sahara", "desert", "desierto", "cowboy", "drought", "canyon")),
    ("space", ("space", "planet", "astronaut", "galaxy", "orbit", "moon", "station", "rocket", "alien", "venus",
               "jupiter", "saturn", "neptune", "pluto")),
    ("ocean", ("island", "surf", "pirate", "sea", "ocean", "beach", "lighthouse", "marine", "hawaii",
               "submarine", "boat", "shipwreck", "underwater", "kraken", "mermaid", "fisherman", "cruise",
               "fish", "harbour", "mar", "mer", "sirena", "atlantic", "pacific")),
    ("mountains", ("andes", "mountain", "avalanche", "snowboard", "himalaya", "alps", "climb", "plane", "ski",
                   "volcano", "glacier", "snow")),
    ("forest", ("forest", "woods", "jungle", "swamp")),
    ("house", ("ghost", "haunt", "house", "mansion", "hanté", "embrujad", "bed and breakfast")),
    ("castle", ("dragon", "castle", "kingdom", "wizard", "queen", "king", "royal", "knight")),
    ("arena", ("boxer", "tournament", "racing", "fight", "arena", "stadium", "circus", "competition",
               "hockey", "bowling", "luchadora", "wrestl", "funfair", "match")),
    ("city", ("paris", "tokyo", "city", "heist", "lawyer", "detective", "new york", "london", "gang", "thieves",
              "bank", "casino", "factory", "elevator", "las vegas", "new orleans", "traffic", "parking",
              "ciudad", "ville", "office", "internet", "hacker")),
    ("field", ("farm", "cornfield", "garden", "town", "village", "tree", "scarecrow", "field", "pueblo", "barn")),
)
# fmt: on


# Place nouns big enough to hold a whole story ("the whole of the town is talking").
TOWNLIKE = frozenset(
    """town city village island planet moon kingdom country world desert jungle forest valley
suburb colony station base farm ranch coast mountains sea ocean empire galaxy neighbourhood neighborhood
cornfield""".split()
)


@dataclass(frozen=True)
class Setting:
    """Where the story happens, as the writers mention it and the painter shows it."""

    phrase: str  # "Paris", "a small Ohio town", "the fog-bound town of Greyhollow"
    prep: str  # "in", "on", "aboard"
    name: str  # for later mentions: "Paris", "the town", "Greyhollow"
    from_idea: bool
    scenery: str  # city, mountains, ocean, house, castle, arena, field, space or desert
    spot: str = ""  # the idea's own place within it, with its preposition: "at the zoo"
    era: str = ""  # when, if a pitch meeting asked: "the 1920s", "the future"

    def is_named_by(self, phrase) -> bool:
        """Whether a noun phrase of the idea is this setting: "cross the desert" happens in the desert, and
        the desert is not the thing the story turns on."""
        return self.from_idea and bool(phrase.head) and self.phrase.lower().endswith(phrase.head.lower())

    @property
    def at(self) -> str:
        """The setting with its preposition (and its era): "in Paris", "in Paris in the 1920s"."""
        return f"{self.prep} {self.phrase}" + (f" in {self.era}" if self.era else "")


# The landscape a place noun of the idea calls for, by its head, else its modifiers ("ski resort").
PLACE_SCENERY = {
    **dict.fromkeys(
        "ski mountain mountains volcano glacier alps peak slope chalet cave mine valley".split(), "mountains"
    ),
    **dict.fromkeys(
        "harbour harbor port pier beach coast sea ocean island lighthouse ship boat cruise submarine "
        "shore bay lake yacht ferry".split(),
        "ocean",
    ),
    **dict.fromkeys(
        "museum bank office hospital nightclub casino skyscraper subway street apartment embassy "
        "courtroom prison mall skate police train".split(),
        "city",
    ),
    **dict.fromkeys("farm cornfield field orchard vineyard ranch garden meadow".split(), "field"),
    **dict.fromkeys("forest woods jungle swamp marsh".split(), "forest"),
    **dict.fromkeys("house mansion manor attic basement cellar cottage cabin".split(), "house"),
    **dict.fromkeys("castle palace kingdom".split(), "castle"),
    **dict.fromkeys("stadium arena rink gym circus funfair racetrack".split(), "arena"),
    **dict.fromkeys("space planet moon spaceship starship orbit colony".split(), "space"),
    **dict.fromkeys("desert oasis dune canyon".split(), "desert"),
}


def scenery_of(text: str, places: tuple[str, ...], nouns, genre: Genre) -> str:
    """The landscape the idea's own places call for (a ski resort is mountains, Lisbon a city), else its words'."""
    for phrase, head in nouns:
        words = [head.lower()] + [w.lower() for w in reversed(phrase.split()) if w.lower() != head.lower()]
        found = next((PLACE_SCENERY[w] for w in words if w in PLACE_SCENERY), None)
        if found:
            return found
    if places:
        found = scenery_for(places[0], None)
        return found or "city"  # a place the idea names and the painter has no landscape for: its streets
    found = scenery_for(text, genre)
    if found == "space" and not offworld(text):
        # Robots, rockets and portals are made on Earth unless the idea leaves it: a barn, or else streets.
        return scenery_for(text, None, skip="space") or "city"
    return found


# Words that take a story off this planet (the painter's space landscape, the genre's stations and orbits).
# Not "alien" (aliens land in Ohio), "station" (a train station), "rocket" (a farmer builds one in his barn) nor
# "comet" (it lands in a cornfield).
# fmt: off
_OFFWORLD = re.compile(
    r"\b(space|planet|astronaut|cosmonaut|galaxy|galactic|orbit|orbital|moon|lunar|asteroid|mars|"
    r"martian|venus|jupiter|saturn|spaceship|starship|spacecraft|space station)s?\b"
)
# fmt: on


def offworld(text: str) -> bool:
    """Whether the idea leaves Earth: an astronaut, a planet, the moon, a space station."""
    return bool(_OFFWORLD.search(text.lower()))


def scenery_for(text: str, genre: Genre | None, skip: str = "") -> str | None:
    """The landscape the idea's words call for (other than `skip`), else the genre's own (None without a genre)."""
    lower = text.lower()
    for scenery, words in SCENERY_WORDS:
        if scenery != skip and any(re.search(rf"\b{re.escape(w)}", lower) for w in words):
            return scenery
    return genre.scenery if genre is not None else None


# Places for a science-fiction idea that never leaves Earth (a robot nanny, a portal in a library).
EARTHBOUND = (
    ("in", "the desert observatory town of {name}"),
    ("in", "the lakeside research town of {name}"),
    ("in", "the company town of {name}"),
    ("in", "the near-future city of {name}"),
    ("in", "the university town of {name}"),
)


def invented(genre: Genre, rng: random.Random, earthbound: bool = False) -> tuple[str, str, str]:
    """(phrase, preposition, name) of a place made up for the genre (on Earth, when `earthbound`)."""
    name = rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)
    code = f"{rng.choice(STATION_NAMES)}-{rng.randint(2, 9)}"
    places = genre.places
    if genre.key == "scifi":  # on Earth, its towns; off it, its stations and colonies
        places = EARTHBOUND if earthbound else [p for p in genre.places if "{code}" in p[1]] or places
    prep, pattern = rng.choice(places)
    return pattern.format(name=name, code=code), prep, (code if "{code}" in pattern else name)


# Towns that a spot in the idea (a harbour, a ski resort) belongs in, by the spot's noun.
# fmt: off
TOWNS_FOR_SPOTS = (
    (("harbour", "harbor", "port", "lighthouse", "beach", "coast", "sea", "ocean", "aquarium", "pier", "boat",
      "ship", "cruise", "island", "shipwreck", "mermaid", "mermaids", "merman", "kraken", "pirate", "pirates",
      "sailor", "sailors", "fisherman", "whale", "shark", "sharks", "dolphin", "surf", "surfer", "surfers"),
     ("the harbour town of {name}", "the fishing port of {name}")),
    (("mountain", "mountains", "ski", "resort", "volcano", "glacier", "cave", "mine", "valley", "canyon"),
     ("the mountain town of {name}", "the alpine village of {name}")),
    (("farm", "cornfield", "field", "orchard", "vineyard", "ranch", "barn", "garden"),
     ("the farming valley of {name}", "the market town of {name}")),
    (("forest", "woods", "jungle", "swamp", "marsh"), ("the forest village of {name}", "the river town of {name}")),
    (("desert", "oasis"), ("the desert town of {name}",)),
    # "a small-town librarian": the idea's hero says where the story is.
    (("town",), ("the small town of {name}", "the sleepy town of {name}")),
)
# fmt: on
# Towns for the landscape an idea's words call for, where no spot of the idea says which.
SCENERY_TOWNS = {
    scenery: towns for heads, towns in TOWNS_FOR_SPOTS for scenery in [PLACE_SCENERY.get(heads[0])] if scenery
}
# Place nouns that name a world of their own, kept as the idea says them ("a planet", "the moon").
# fmt: off
_WORLDS = frozenset({"planet", "moon", "station", "galaxy", "colony", "base", "spaceship", "starship", "space",
                     "world", "kingdom", "empire", "country", "nation", "sea", "ocean", "desert", "jungle"})
# fmt: on


def setting_of(
    text: str, places: tuple[str, ...], nouns: list[tuple[str, str]], genre: Genre, rng: random.Random
) -> Setting:
    """The idea's named place, else its town (named), else a town that fits its spot, else an invented one."""
    scenery = scenery_of(text, places, nouns, genre)
    # A cornfield or a farm is a spot within a place, never a town to be named ("the cornfield of X").
    nouns = [(phrase, head) for phrase, head in nouns]
    spot = next(
        ((phrase, head) for phrase, head in nouns if not _townlike(phrase, head) or _spot_only(phrase, head)), None
    )
    spot_at = _at(*spot) if spot else ""
    if places:
        place = places[0]
        return Setting(place, _PREPOSITIONS.get(place.lower(), "in"), place, True, scenery, spot_at)
    towns = [n for n in nouns if (_townlike(*n) or n[1][:1].isupper()) and not _spot_only(*n)]
    # A base or a station on the moon is a spot on it: the world it is on is the setting.
    towns.sort(key=lambda n: n[1].lower() not in _SKY_WORLDS)
    if towns:
        phrase, head = towns[0]
        short = head if head[:1].isupper() else f"the {head.lower()}"
        prep = "on" if head.lower() in ("island", "moon", "planet", "farm", "ship", "boat", "train") else "in"
        prep = "aboard" if head.lower() in ("station", "spaceship", "starship", "submarine") else prep
        words = phrase.split()
        own = words[0].lower() in ("his", "her", "their", "its", "my", "our", "your")  # "her village": one with a name
        if (words[0].lower() in ("a", "an") or own) and head.lower() not in _WORLDS and not head[:1].isupper():
            # "a small Ohio town" becomes a town with a name: "the small Ohio town of Brindlewell".
            name = rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)
            return Setting(f"the {' '.join(words[1:])} of {name}", prep, name, True, scenery, spot_at)
        return Setting(phrase, prep, short, True, scenery, spot_at)
    words = (spot[0] if spot else text).lower().replace("-", " ").split()
    patterns = next((towns for heads, towns in TOWNS_FOR_SPOTS if any(w in heads for w in words)), None)
    if offworld(text) and not spot:
        patterns = None  # space pirates sail no harbour town: the genre's stations and colonies
    elif patterns is None:
        patterns = SCENERY_TOWNS.get(scenery_for(text, None) or "")  # a snowboarder's avalanche: the mountains
    if spot or patterns:
        patterns = patterns or ("the city of {name}", "the town of {name}")
        name = rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)
        return Setting(rng.choice(patterns).format(name=name), "in", name, False, scenery, spot_at)
    phrase, prep, name = invented(genre, rng, earthbound=not offworld(text))
    return Setting(phrase, prep, name, False, scenery)


# Worlds beyond this one, which hold any other place the idea names.
_SKY_WORLDS = frozenset({"moon", "planet", "mars", "space", "galaxy", "venus", "jupiter", "saturn"})
# Places a story can be set in that are no settlement: "a cornfield" is where it happens, not a named town.
_SPOT_ONLY = frozenset({"cornfield", "farm", "ranch", "field", "forest", "jungle", "woods"})


def _townlike(phrase: str, head: str) -> bool:
    """Whether a place noun holds a whole story: a town, the moon; a station only in space (not a train's)."""
    return head.lower() in TOWNLIKE and (head.lower() != "station" or offworld(phrase))


def _spot_only(phrase: str, head: str) -> bool:
    """Whether a place noun of the idea is a spot within a town ("a cornfield"), not a town of its own."""
    return head.lower() in _SPOT_ONLY and phrase.split()[0].lower() in ("a", "an")


def _at(phrase: str, head: str) -> str:
    """The idea's spot with its preposition and "the": "at the zoo", "in the vineyard", "on the pier"."""
    words = phrase.split()
    if words[0].lower() in ("a", "an", "the", "this", "that", "its", "his", "her", "their", "our", "my", "your"):
        words = words[1:]
    low = head.lower()
    if low in ("submarine", "spaceship", "starship", "ship", "train", "plane") or low == "station" and offworld(phrase):
        return f"aboard the {' '.join(words)}"
    prep = (
        "on"
        if low in ("pier", "ship", "boat", "beach", "coast", "farm", "ranch", "train", "bus", "island")
        else "in"
        if low
        in (
            "vineyard",
            "garden",
            "field",
            "cornfield",
            "orchard",
            "forest",
            "woods",
            "jungle",
            "desert",
            "kitchen",
            "house",
            "mansion",
            "sea",
            "ocean",
            "cave",
            "mine",
            "valley",
            "swamp",
            "marsh",
            "attic",
            "basement",
            "cellar",
            "elevator",
            "lift",
            "city",
            "space",
            "nation",
            "country",
            "kingdom",
            "empire",
            "world",
            "suburb",
            "neighbourhood",
            "neighborhood",
        )
        else "at"
    )
    return f"{prep} the {' '.join(words)}"
