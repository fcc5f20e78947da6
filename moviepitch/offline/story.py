"""The offline writers: the reply, synopsis, title, cast and image prompt, rendered from a story plan."""

from __future__ import annotations

import random

from . import wordbank as wb
from .plan import Character, StoryPlan, rng_for
from .wordbank import GENRES, Genre
from .words import CUT_WORDS, an, cap, core, definite, plural


# Sentence templates. Every first mention of a name follows a lowercase word or a comma,
# so a cast parser reading "Name (Performer)" never swallows a neighbouring capitalised word.
_INTROS = {
    "single": ("{hero} is {desc}{trait}{living}, until the day {pron} {pred}.",
               "Nobody{place_bit} pays much attention to {hero}, {desc}{trait}, until {pron} {pred}.",
               "For years, {hero} has been {desc}{trait}{place_bit}. Then {pron} {pred}."),
    "group": ("{hero} is {desc}, so when {subj} {pred}, {pron} is the one who has to keep the "
              "whole thing from falling apart{place_bit}.",
              "Nobody expects much from {hero}, {desc}, but when {subj} {pred}, {pron} suddenly "
              "finds {refl} in charge{place_bit}."),
    "witness": ("When {clause}, the only one who sees what is really going on is {hero}, "
                "{desc}{trait}{place_bit}.",
                "It starts when {clause}, and {hero}, {desc}{trait}, is caught right in the middle "
                "of it{place_bit}."),
    "named": ("For years, {hero} has been {desc}{place_bit}. Then {pron} {pred}.",
              "Everyone{place_bit} thinks they know {hero}, {desc}, until {pron} {pred}."),
    "notion": ("It all begins with {clause}, and {hero}, {desc}{trait}, is caught right in the middle "
               "of it{place_bit}.",
               "Nobody{place_bit} asked for {clause}, least of all {hero}, {desc}{trait}, but that "
               "is exactly what arrives."),
    "target": ("When {clause}, nobody expects that {head}, {hero}, to fight back{place_bit}.",
               "When {clause}, the plan has one flaw, because that {head}, {hero}, is far tougher "
               "than anyone imagined{place_bit}."),
}
_ALLIES = ("{hero_s} finds an unlikely partner in {who}, {desc}, and together they start asking "
           "the questions nobody else will.",
           "Help arrives in the unlikely shape of {who}, {desc}, and {pron} has reasons of {poss} own "
           "to get involved.",
           "Teaming up with {who}, {desc}, {hero_s} sets out to do the one thing everyone says is "
           "impossible.")
_VILLAINS = ("Standing in their way is {who}, {desc}, who will stop at nothing to stay in control.",
             "The trouble is {who}, {desc}, whose patience is running out fast.",
             "Pulling the strings is {who}, {desc}, and {pron} is always three steps ahead.")
_WILDCARDS = ("Then there is {who}, {desc}, whose loyalty nobody can quite pin down.",
              "Adding to the chaos is {who}, {desc}, who may turn out to be the key to everything.")
_CLOSERS = ("{moods}, this is {a_label} about {theme}.",
            "Equal parts {m1} and {m2}, it is {a_label} about {theme}, made for the biggest screen "
            "in town.",
            "{a_m1}, {m2} {label} about {theme}, it is the kind of story audiences will talk about "
            "long after the credits roll.")
_REPLIES = ("I love it, {story} is exactly the kind of {label} audiences will queue "
            "around the block for!",
            "Now we're talking: {spot} at the heart of {a_mood} {label}{place_bit} is pure "
            "box-office gold!",
            "Stop everything, because {spot} and the {motif} add up to a poster, a trailer and a "
            "franchise rolled into one!",
            "Brilliant, {spot}{place_bit} is the freshest thing to land on my desk all year, and it "
            "has {label} hit written all over it!")
_POSSESSIVE = {"she": "her", "he": "his"}
_REFLEXIVE = {"she": "herself", "he": "himself"}


def _place_bit(plan: StoryPlan, living: bool = False) -> str:
    if plan.place_from_idea and plan.place.lower() in plan.clause.lower():
        return ""
    return f"{', living' if living else ''} {plan.place_prep} {plan.place}"


def _billed(character: Character) -> str:
    return f"{character.name} ({character.performer})"


def _fill(template: str, plan: StoryPlan, **extra: str) -> str:
    hero = plan.characters[0]
    ally, villain = plan.role("ally"), plan.role("antagonist")
    facts = dict(hero=hero.short, ally=ally.short if ally else "an old friend",
                 villain=villain.short if villain else "the enemy", motif=plan.motif,
                 place_name=plan.place_name, pronoun=hero.pronoun,
                 possessive=_POSSESSIVE[hero.pronoun])
    return template.format(**{**facts, **extra})


def write_reply(plan: StoryPlan) -> str:
    """One enthusiastic movie-boss sentence about the idea."""
    rng = rng_for(plan.idea, plan.seed, "reply")
    spot = plan.subject or f"the {plan.motif}"
    place_bit = f" {plan.place_prep} {plan.place}" if plan.place_from_idea else ""
    if plan.place.lower() in spot.lower():
        place_bit = ""
    templates = [t for t in _REPLIES if "{motif}" not in t or plan.motif.lower() not in spot.lower()]
    story = f"a story {'about' if plan.mode == 'notion' else 'where'} {plan.clause}"
    return rng.choice(templates).format(story=story, label=plan.label, spot=spot,
                                        a_mood=an(plan.mood[0]), place_bit=place_bit,
                                        motif=plan.motif)


def write_synopsis(plan: StoryPlan) -> str:
    """Two or three paragraphs; each character's first mention carries the performer in brackets."""
    rng = rng_for(plan.idea, plan.seed, "synopsis")
    genre = GENRES[plan.genre]
    return "\n\n".join((_setup(plan, genre, rng), _conflict(plan, genre, rng),
                        _finale(plan, genre, rng)))


def _setup(plan: StoryPlan, genre: Genre, rng: random.Random) -> str:
    hero = plan.characters[0]
    plain = " who " not in plan.hero and len(plan.hero.split()) <= 5
    trait = f" {rng.choice(wb.HERO_TRAITS)}" if plain else ""
    head = core(plan.hero.removeprefix("the ").removesuffix(" at the centre of it all"))[-1]
    intro = rng.choice(_INTROS[plan.mode]).format(
        hero=_billed(hero), desc=plan.hero, trait=trait, living=_place_bit(plan, living=True),
        place_bit=_place_bit(plan), pron=hero.pronoun, refl=_REFLEXIVE[hero.pronoun],
        pred=plan.predicate, subj=_group_subject(plan), clause=plan.clause, head=head)
    return f"{cap(intro)} {_fill(rng.choice(genre.escalations), plan)}"


def _group_subject(plan: StoryPlan) -> str:
    # A numbered or plural group can be "they"; a flock or a crew keeps its singular verb.
    head = core(plan.subject)[-1] if plan.subject else ""
    return "they" if plural(head) and head not in wb.GROUP_NOUNS else definite(plan.subject)


def _conflict(plan: StoryPlan, genre: Genre, rng: random.Random) -> str:
    hero = plan.characters[0]
    sentences = []
    for role, templates in (("ally", _ALLIES), ("antagonist", _VILLAINS), ("wildcard", _WILDCARDS)):
        who = plan.role(role)
        if who:
            sentences.append(rng.choice(templates).format(
                who=_billed(who), desc=who.description, hero_s=hero.short, pron=who.pronoun,
                poss=_POSSESSIVE[who.pronoun]))
    sentences.append(_fill(rng.choice(genre.complications), plan))
    return " ".join(sentences)


def _finale(plan: StoryPlan, genre: Genre, rng: random.Random) -> str:
    m1, m2, m3 = plan.mood
    closer = rng.choice(_CLOSERS).format(
        moods=cap(f"{m1}, {m2} and {m3}"), m1=m1, m2=m2, a_m1=cap(an(m1)), label=plan.label,
        a_label=an(plan.label), theme=rng.choice(genre.themes))
    return f"{_fill(rng.choice(genre.climaxes), plan)} {closer}"


def write_title(plan: StoryPlan) -> str:
    """A catchy title of one to six words."""
    return plan.title


def write_cast(plan: StoryPlan) -> str:
    """One "Character: Performer" line per character."""
    return "\n".join(f"{c.name}: {c.performer}" for c in plan.characters)


_SCENES = {
    "space": "on a jagged alien ridge under a sky crowded with stars",
    "desert": "among rust-red dunes and flat-topped mesas",
    "mountains": "on a knife-edge ridge above layer after layer of misty mountains",
    "ocean": "on a wet shoreline above a glittering sea",
    "house": "on a barren hill before a lone crooked house with a single lit window",
    "castle": "on a cliff path below a towering castle, a winged shape circling its spires",
    "arena": "at the centre of a packed arena, the crowd a blur of tiny lights",
    "city": "on a rain-slick rooftop above a glowing skyline of lit windows",
    "field": "in a wide field of tall grass with a lone tree on the horizon",
}
_LANDMARKS = {
    "palms": "Palm silhouettes frame the view.",
    "lighthouse": "A lighthouse throws its beam across the water.",
    "tower": "A lattice tower rises above the rooftops.",
    "domes": "Glowing habitat domes crouch in the dust.",
    "saucer": "A hovering saucer pours a column of light onto the ground.",
    "wreck": "The broken tail of a crashed plane juts from the slope.",
    "tent": "A striped circus big top looms behind the crowd.",
}
_LIGHTS = {
    "planet": "A vast ringed planet fills the upper sky, its rim blazing with light.",
    "moon": "A swollen pale moon hangs low behind drifting mist, casting long shadows.",
    "sun": "A low sun flares across the horizon and pours warm light over everything.",
    "floodlights": "Banks of floodlights cut bright beams through the haze from above.",
}
_FINISHES = ("rich film grain and a soft vignette", "deep shadows and crisp rim light",
             "painterly texture and gentle atmospheric haze")


def write_image_prompt(plan: StoryPlan) -> str:
    """A 40-90 word poster description with no names and nothing written in it."""
    rng = rng_for(plan.idea, plan.seed, "image")
    many = plan.mode == "group" or plan.figure_count > 1
    figures = _figure_phrase(plan) + (" and a second figure leaning close" if plan.genre == "romance" else "")
    colours = plan.palette_words
    parts = [
        f"A cinematic portrait movie poster: {figures}, seen from behind as "
        f"{'dark silhouettes, stand' if many else 'a dark silhouette, stands'} {_SCENES[plan.scenery]}.",
        _LIGHTS[plan.light],
        f"The palette is {colours[0]}, {colours[1]} and {colours[2]} with touches of {colours[3]}, "
        f"and the mood is {plan.mood[0]} and {plan.mood[1]}.",
        f"Low camera angle, strong central composition, {rng.choice(_FINISHES)}.",
    ]
    parts[1:1] = [_LANDMARKS[m] for m in plan.landmarks if m in _LANDMARKS][:1]
    if plan.place_from_idea:
        parts.insert(1, f"The setting unmistakably evokes {plan.place}.")
    text = " ".join(parts)
    return text if len(text.split()) <= 90 else " ".join(parts[:-1])


def _figure_phrase(plan: StoryPlan) -> str:
    """Who stands on the poster, described by role only."""
    phrase = plan.subject if plan.mode in ("single", "group", "named") else plan.hero
    phrase = phrase.removesuffix(" at the centre of it all")
    words = phrase.split()
    cut = next((i for i, w in enumerate(words) if i and w.lower() in wb.RELATIVES), len(words))
    phrase = _strip_names(" ".join(words[:cut]))
    meaningful = [w for w in phrase.split() if w.lower() not in CUT_WORDS | wb.PLAIN_WORDS]
    return phrase if meaningful else "a lone figure"


def _strip_names(phrase: str) -> str:
    places = {p[1].lower() for p in wb.KNOWN_PLACES}
    return " ".join(w for w in phrase.split()
                    if not w[:1].isupper() or w.isupper() or w.lower().strip(",") in places)
