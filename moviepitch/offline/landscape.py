"""The poster's landscape and weather: which of a scenery's landscapes is painted, the weather an idea is
about, the idea's own place, and how the description names each of them."""

from __future__ import annotations

import random
import re

from . import lexicon as lx
from .plan import StoryPlan

# The landscapes a scenery can be painted as. The field is every quiet story's default, so it has the most:
# one landscape for every poster would make one phrase of every description.
TERRAINS = {
    "field": ("tree", "grass", "wheat", "meadow", "hedgerows", "lake", "hilltown"),
}


# Weather an idea can be about, by the word that names it (sky.py paints each).
WEATHER = ("comet", "storm", "fog", "blizzard", "snow", "blackout", "tide")
# A place noun the idea is about picks the field's landscape that shows it.
PLACE_TERRAINS = {"town": "hilltown", "village": "hilltown", "lake": "lake", "wheat": "wheat", "meadow": "meadow"}


def weather_of(text: str) -> str:
    """The first weather word of the idea ("After a storm knocks out the power grid"), or ""."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    return next((w for w in WEATHER if w in words or w + "s" in words), "")


def place_noun(plan: StoryPlan) -> str:
    """The idea's first noun, in the singular, when it is a place a scene can show ("a city of strangers")."""
    nouns = plan.premise.nouns
    return lx.singular(nouns[0].lower().split()[-1]) if nouns and nouns[0].split() else ""


def terrain_for(scenery: str, seed: int, variant: int, place: str = "") -> str:
    """The landscape of one poster: the one the idea's place calls for, else seeded by the pitch and the next
    one for each new poster."""
    options = TERRAINS.get(scenery, ("",))
    if place in PLACE_TERRAINS and PLACE_TERRAINS[place] in options:
        return PLACE_TERRAINS[place]
    return options[(random.Random(seed * 31 + 7).randrange(len(options)) + variant - 1) % len(options)]


# The weather an idea is about (WEATHER), named as the painter shows it.
WEATHER_LINES = {
    "comet": (
        "A comet streaks across the sky, its long tail blazing.",
        "A bright comet hangs in the sky, trailing fire.",
    ),
    "storm": (
        "A storm rages overhead, and lightning splits the sky.",
        "Rain lashes down as a storm breaks, lit by lightning.",
    ),
    "fog": ("A thick fog rolls in and swallows the distance.", "Fog lies in pale bands across the land."),
    "blizzard": ("A blizzard whirls snow across everything.", "Snow is driven sideways by a howling blizzard."),
    "snow": ("Snow falls thick and fast over everything.", "Big flakes of snow drift down through the light."),
    "blackout": ("It is a blackout, and not a single light shows anywhere.", "The blackout has put out every light."),
    "tide": ("The tide has gone far out, and wet sand shines.", "Far out, the tide has left the wet sand shining."),
}
# The light seen through weather (a sun behind a storm is no "honey-coloured light").
VEILED_LIGHTS = {
    "sun": (
        "A pale sun shows through the {weather} above {over}.",
        "Through the {weather}, the sun is a dim white disc.",
        "The sun is only a glow behind the {weather}.",
    ),
    "moon": (
        "A pale moon shows through the {weather} above {over}.",
        "Through the {weather}, the moon is a blurred white disc.",
    ),
}
# The idea's own place named in the scene, by the scenery that paints it ("a city of strangers").
NAMED_SCENES = {
    "city": {
        "city": (
            "before the skyline of a great city",
            "on a rooftop high above a sprawling city",
            "in a city street between tall buildings",
        )
    },
    "town": {
        "hilltown": ("below a little town on a far hill", "in the fields beneath a hilltop town"),
        "city": ("in the streets of a town of tall houses", "above the rooftops of a sleeping town"),
    },
    "village": {"hilltown": ("below a little village on a far hill", "in the fields beneath a hilltop village")},
    "ocean": {"ocean": ("on the shore of a dark ocean", "at the edge of an ocean that mirrors the sky")},
    "sea": {"ocean": ("on the shore of a calm sea", "at the edge of a sea that mirrors the sky")},
    "forest": {"forest": ("at the edge of a dark forest of pines", "in a clearing of a misty forest")},
    "desert": {"desert": ("in a desert of rust-red dunes", "on the cracked floor of a desert")},
}
