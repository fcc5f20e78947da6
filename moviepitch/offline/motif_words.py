"""Which drawing shows which noun: the poster painter's vocabulary, by lemma."""

from __future__ import annotations

import re

_SHAPES = {
    "penguin": "penguin", "dog": "dog", "puppy": "dog", "wolf": "wolf", "werewolf": "wolf", "fox": "wolf",
    "cat": "cat", "kitten": "cat", "chat": "cat", "gato": "cat", "parrot": "bird", "bird": "bird", "crow": "bird",
    "raven": "bird", "owl": "bird", "pigeon": "bird", "seagull": "bird", "duck": "bird", "chicken": "bird",
    "flock": "bird", "fish": "fish", "goldfish": "fish", "pez": "fish", "poisson": "fish", "shark": "whale",
    "whale": "whale", "dolphin": "whale", "kraken": "octopus", "octopus": "octopus", "squid": "octopus",
    "horse": "horse", "pony": "horse", "unicorn": "horse", "bear": "bear", "panda": "bear", "oso": "bear",
    "dinosaur": "dinosaur", "dragon": "dragon", "dragón": "dragon", "ghost": "ghost", "spirit": "ghost",
    "phantom": "ghost", "fantasma": "ghost", "fantôme": "ghost", "robot": "robot", "android": "robot",
    "ai": "robot", "cyborg": "robot", "alien": "alien", "martian": "alien", "extraterrestre": "alien",
    "astronaut": "astronaut", "vampire": "vampire", "vampiro": "vampire", "scarecrow": "scarecrow",
    "bakery": "shopfront", "shop": "shopfront", "bookshop": "shopfront", "bookstore": "shopfront",
    "cafe": "shopfront", "café": "shopfront", "restaurant": "shopfront", "diner": "shopfront",
    "hotel": "shopfront", "bank": "shopfront", "parlour": "shopfront", "parlor": "shopfront",
    "store": "shopfront", "salon": "shopfront", "pub": "shopfront", "library": "shopfront",
    "boulangerie": "shopfront", "panadería": "shopfront", "tienda": "shopfront", "breakfast": "shopfront",
    "house": "house", "mansion": "house", "home": "house", "castle": "castle", "palace": "castle",
    "kingdom": "castle", "tower": "tower", "lighthouse": "lighthouse", "circus": "tent", "funfair": "tent",
    "tent": "tent", "factory": "factory", "machine": "machine", "computer": "machine", "game": "machine",
    "arcade": "machine", "phone": "machine", "internet": "machine", "clock": "clock", "light": "traffic_light",
    "meter": "traffic_light", "plane": "plane", "car": "car", "taxi": "car", "bus": "bus", "submarine": "submarine",
    "ship": "ship", "boat": "ship", "barco": "ship", "bateau": "ship", "pirate": "ship", "train": "train",
    "rocket": "rocket", "spaceship": "rocket", "ufo": "saucer", "tree": "tree", "árbol": "tree", "arbre": "tree",
    "moon": "moon", "planet": "planet", "mountain": "mountain", "island": "island", "queen": "crown",
    "king": "crown", "crown": "crown", "reina": "crown", "reine": "crown", "rey": "crown", "roi": "crown",
    "cake": "cake", "coffee": "cup", "barista": "cup", "balloon": "balloon", "piano": "piano",
    "book": "book", "trophy": "trophy", "tournament": "trophy", "lottery": "trophy", "key": "key",
    "bowling": "bowling", "guitar": "guitar", "trumpet": "guitar", "trumpeter": "guitar", "drum": "guitar",
    "drummer": "guitar", "music": "guitar", "orchestra": "guitar", "symphony": "guitar", "mirror": "mirror",
    "portal": "portal", "oven": "portal", "mermaid": "fish", "sirena": "fish", "dinosaurio": "dinosaur",
    "desierto": "mountain", "tesoro": "key", "treasure": "key", "map": "key", "village": "house",
    "farm": "house", "cornfield": "tree", "garden": "tree", "plant": "tree", "hockey": "trophy",
    "wedding": "cake", "pizza": "cake", "tattoo": "shopfront", "elevator": "machine", "bomb": "clock",
    "surf": "island", "hawaii": "island", "avalanche": "mountain", "mona": "mirror",
    "heist": "key", "robbery": "key", "vault": "key", "tomato": "fruit", "apple": "fruit", "pumpkin": "fruit",
    "lemon": "fruit", "peach": "fruit", "volcano": "mountain",
}
MOTIF_WORDS: dict[str, str] = dict(_SHAPES)

# Extra shapes the painter's landscapes add when an idea mentions them.
_LANDMARKS = {"lighthouse": "lighthouse", "paris": "tower", "tokyo": "tower", "mars": "domes",
              "base": "domes", "dragon": "dragon", "island": "palms", "hawaii": "palms", "surf": "palms",
              "ghost": "house", "haunt": "house", "circus": "tent", "funfair": "tent", "alien": "saucer",
              "plane": "wreck"}


def landmarks_for(lower: str) -> tuple[str, ...]:
    """The landmarks (palms, lighthouse, tower ...) the idea's words call for."""
    return tuple(dict.fromkeys(mark for word, mark in _LANDMARKS.items()
                               if re.search(rf"\b{re.escape(word)}", lower)))
