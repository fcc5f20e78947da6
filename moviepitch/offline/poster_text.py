"""The poster description: what the painter paints, named plainly, in 40 to 90 words, with no names."""

from __future__ import annotations

from . import lexicon as lx
from .art import ArtPlan, art_for
from .fill import Chooser, cap, tidy
from .landscape import NAMED_SCENES, VEILED_LIGHTS, WEATHER_LINES, place_noun
from .plan import StoryPlan, rng_for
from .poster_scenes import (
    BEHIND,
    BETWEEN,
    COMPOSE,
    FINISH,
    LIGHTS,
    LOOMING,
    MOTIFS,
    NEARBY,
    OVER,
    PALETTE,
    SCENES,
)

# Nouns the painter shows by a sign of them: an orchestra by a guitar, a tournament by a trophy.
_SIGNS = {
    "guitar": "a guitar",
    "trophy": "a gleaming trophy",
    "cake": "a tall cake",
    "key": "a large old key",
    "cup": "a steaming cup",
    "crown": "a crown",
    "clock": "a ticking clock",
    "portal": "a glowing doorway",
    "mirror": "an ornate mirror",
    "machine": "a boxy machine",
    "pylon": "a line of pylons",
    "island": "a small island",
    "mountain": "a lone mountain",
    "tree": "a lone tree",
    "house": "a lone house",
    "ship": "a ship",
    "fish": "a great fish",
    "shopfront": "a lit shopfront",
    "bowling": "a bowling pin and ball",
}
# The noun itself is what a shape draws ("a bakery" is a shopfront); other nouns get the sign.
_ITSELF = {
    "guitar": {"guitar", "violin", "cello", "fiddle", "harp", "saxophone"},
    "trophy": {"trophy"},
    "cake": {"cake", "pizza"},
    "key": {"key"},
    "cup": {"coffee", "cup"},
    "crown": {"crown"},
    "clock": {"clock", "bomb"},
    "machine": {"typewriter", "jukebox", "radio", "television"},
    "pylon": {"pylon", "grid"},
    "portal": {"portal", "door", "doorway", "gate", "wardrobe"},
    "mirror": {"mirror"},
    "island": {"island"},
    "mountain": {"mountain"},
    "tree": {"tree", "plant"},
    "house": {"house", "mansion", "home", "farm"},
    "ship": {"ship", "boat", "barco", "bateau"},
    "fish": {"fish", "goldfish", "pez", "poisson"},
    "bowling": {"bowling"},
}
# Landmarks a scenery paints when the idea calls for them, and how the description names them.
_LANDMARKS = {
    ("ocean", "palms"): ("Palm trees lean over a low island.",),
    ("ocean", "lighthouse"): ("A lighthouse stands on the island.",),
    ("city", "tower"): ("A tall iron tower rises over the rooftops.",),
    ("castle", "dragon"): (
        "A dragon circles above the towers.",
        "High over the towers wheels a dragon.",
        "A dragon's wings spread over the castle.",
    ),
    ("arena", "tent"): ("A striped big top rises behind the stands.",),
    ("field", "saucer"): ("A flying saucer hovers in the sky.",),
    ("space", "saucer"): ("A flying saucer hangs above the ridge.",),
    ("desert", "domes"): ("Glass domes glow at the foot of the dunes.",),
    ("mountains", "wreck"): ("The wreck of a plane lies on the slope.",),
}


_ACRONYMS = {"ai": "AI", "ufo": "UFO", "ufos": "UFOs"}


def _named(noun: str, plural: bool) -> str:
    # A name ("Paris") takes no article; a noun phrase that starts with a letter ("T. rex skeleton") does.
    proper = noun[:1].isupper() and len(noun.split()[0].rstrip(".")) > 1
    noun = " ".join(_ACRONYMS.get(w, w) for w in noun.split())
    return noun if proper else f"the {lx.plural(noun) if plural else noun}"


def _same_noun(sign: str | None, words: list[str]) -> bool:
    """Whether the sign's noun is one of the motif's words (in the singular): "a boxy machine", "machines"."""
    if not sign:
        return False
    head = sign.lower().split()[-1]
    return head in words or head in {lx.singular(w) for w in words}


def thing_name(motif) -> str:
    """How the description names the painted thing: by its noun, or by the sign that shows it."""
    if motif is None:
        return "a lone house"
    words = motif.noun.lower().split()
    sign = _SIGNS.get(motif.shape)
    # A sign that already names the noun ("a boxy machine" for a machine) is never described by itself.
    itself = set(words) & _ITSELF.get(motif.shape, set()) or _same_noun(sign, words)
    named = lx.article(motif.noun) if motif.indefinite else _named(motif.noun, motif.plural)
    if sign and not itself and motif.shape not in ("shopfront", "ship"):
        return f"{sign} for {named}"
    return named


def write_image_prompt(plan: StoryPlan, variant: int = 1) -> str:
    """A 40-90 word poster description with no names and nothing written in it."""
    if plan.language in ("es", "fr"):
        from .romance_writer import write_image_prompt as foreign

        return foreign(plan, art_for(plan, variant))
    art = art_for(plan, variant)
    chooser = Chooser(rng_for(plan.idea, plan.seed, f"image{variant}"), plan.knobs)
    return describe(art, plan, chooser)


def describe(art: ArtPlan, plan: StoryPlan, chooser: Chooser) -> str:
    """The description of one poster plan: what the painter paints, and nothing it does not."""
    figures = art.figure_noun
    many = art.figure_count > 1 or figures.split()[0] in lx.NUMBERS
    thing = thing_name(art.thing)
    many_things = art.thing is not None and art.thing.plural and not thing.startswith(("a ", "an "))
    subject = plan.premise.subject
    crowd = _plural_of(figures)
    if plan.premise.mode == "group" and subject is not None:
        crowd = (
            f"the {subject.members} of the {subject.head}" if subject.members else f"the members of the {subject.core}"
        )
    place = place_noun(plan)
    named = NAMED_SCENES.get(place, {})
    scene = chooser.pick(
        named.get(art.terrain) or named.get(art.scenery) or SCENES.get(art.terrain) or SCENES[art.scenery]
    )
    facts = {
        "Figures": cap(figures),
        "s": "" if many else "s",
        "es": "" if many else "es",
        "scene": scene,
        "many": crowd,
        "Many_cap": cap(crowd),
        "one": _one_of(figures),
        "One_cap": cap(_one_of(figures)),
        "thing": thing,
        "Thing_cap": cap(thing),
        "figures": figures,
        "ts": "" if many_things else "s",
        "stands": "stand" if many_things else "stands",
        "rises": "rise" if many_things else "rises",
        "it": "them" if many_things else "it",
        "its": "their" if many_things else "its",
        "pair": figures if many else f"{figures} and a stranger",
        "Pair": cap(figures if many else f"{figures} and a stranger"),
    }
    c = art.palette_words
    colours = {"c0": c[0], "c1": c[1], "c2": c[2], "c3": c[3], "C0": cap(c[0]), "m0": art.moods[0], "m1": art.moods[1]}
    colours["a_c0"] = lx.article(c[0])  # "an inky black sky"
    framings = COMPOSE[art.composition]
    if named:  # the idea's own place is named in the scene, so the framing must have one
        framings = tuple(t for t in framings if "{scene}" in t) or framings
    parts = [chooser.template(framings, facts)]
    if art.composition == "object":
        parts.append(chooser.template(NEARBY, facts))
    elif art.composition == "heroes" and art.thing is not None:
        parts.append(chooser.template(MOTIFS, facts))
    elif art.composition == "facing" and art.thing is not None:
        parts.append(chooser.template(BETWEEN, facts))
    elif art.composition in ("close_up", "crowd") and art.shows_thing:
        parts.append(chooser.template(BEHIND, facts))
    if art.weather:
        parts.append(chooser.pick(WEATHER_LINES[art.weather]))
    for (scenery, mark), sentence in _LANDMARKS.items():
        if mark == art.figure:
            continue  # the heroes are the dragons: no other dragon circles above them
        if scenery == art.scenery and (mark in art.landmarks or mark == "dragon" and art.genre == "fantasy"):
            parts.append(chooser.pick(sentence))
    if art.looming:
        parts.append(chooser.pick(LOOMING).format(foe=art.looming))
    over = OVER.get(art.terrain) or OVER[art.scenery]
    veiled = art.weather in ("storm", "fog", "blizzard", "snow") and art.light in VEILED_LIGHTS
    lights = VEILED_LIGHTS[art.light] if veiled else LIGHTS[art.light]
    parts.append(chooser.template(lights, {"over": over, "weather": art.weather}))
    if plan.setting.from_idea and plan.setting.phrase[:1].isupper():
        parts.append(
            chooser.pick(("It is set {at} {p}.", "The place is {p}.", "Everything about the place says {p}.")).format(
                p=plan.setting.phrase, at=plan.setting.prep
            )
        )
    if plan.setting.era:
        parts.append(f"Everything about it says {plan.setting.era}.")
    parts.append(chooser.template(PALETTE, colours))
    if chooser.rng.random() < 0.6:
        parts.append(chooser.pick(FINISH))
    text = tidy(" ".join(p for p in parts if p))
    while len(text.split()) > 90 and len(parts) > 3:
        parts.pop(-2 if len(parts) > 4 else -1)
        text = tidy(" ".join(p for p in parts if p))
    return text


def _plural_of(figures: str) -> str:
    words = figures.split()
    if words and words[0] in ("a", "an", "the"):
        words = words[1:]
    return (
        " ".join(words[:-1] + [lx.plural(words[-1])]) if words and not lx.is_plural_noun(words[-1]) else " ".join(words)
    )


def _one_of(figures: str) -> str:
    if " and " in figures:  # "a hedgehog and a fox": the close-up shows the first of them
        figures = figures.split(" and ")[0]
    words = figures.split()
    if " of " in figures:  # a group: "a flock of parrots" shows its leader
        return f"the leader of {'the ' + figures.split(' ', 1)[1] if words[0] in lx.ARTICLES else figures}"
    if words and words[0] in lx.ARTICLES:
        return figures
    if words and (words[0] in lx.NUMBERS or lx.is_plural_noun(words[-1])):
        core = [w for w in words if w not in lx.NUMBERS]
        return (
            "one of " + " ".join(words)
            if words[0] in lx.NUMBERS
            else lx.article(" ".join(core[:-1] + [lx.singular(core[-1])]))
        )
    return figures
