"""A pitch meeting's changes, applied to the story plan: its genre, tone, setting, people, length, title and look.

Each change replaces fields of the plan (the plan keeps genre, tone, setting, heroes and length as fields
for this) and leaves the rest alone, so a chain of changes builds up: a heist comedy moved to Tokyo stays
a heist comedy. `angle` picks one of several takes on the same change, for "three alternatives".
"""

from __future__ import annotations

import re
from dataclasses import replace

from .. import lexicon as lx
from .. import names
from ..characters import Character, build_cast, carry_names
from ..genres import GENRES, label_of, tone_of
from ..nouns import gender_of_noun, kind_of
from ..places import Setting, scenery_of
from ..plan import StoryPlan, rng_for
from .asks import KNOWN_PLACES, Ask

# A tone asked for, as the genres it brings in (+) or sends away (-), and the tone the pitch then takes.
_TONE_GENRES = {
    "dark": ("-comedy", "+thriller"),
    "scary": ("-comedy", "+horror"),
    "light": ("-horror", "-thriller", "+comedy"),
    "funny": ("+comedy",),
    "romantic": ("+romance",),
    "serious": ("-comedy",),
    "epic": ("+adventure",),
    "tense": ("+thriller",),
    "family": ("-horror", "-thriller", "+comedy"),
}
# A genre a tone sends away, when it was the only one: what takes its place (for kids, a thriller is an adventure).
_INSTEAD = {"comedy": "drama", "horror": "fantasy", "thriller": "drama"}
_INSTEAD_FOR_FAMILIES = {"horror": "fantasy", "thriller": "adventure"}
_TONE_OF = {
    "dark": "dark",
    "scary": "dark",
    "light": "light",
    "funny": "light",
    "romantic": "warm",
    "serious": "warm",
    "epic": "epic",
    "tense": "tense",
    "family": "family",
}
# Takes on a darker or lighter story, for three alternatives: the genre that carries it.
_TONE_TAKES = {
    "dark": ("thriller", "horror", "drama"),
    "scary": ("horror", "thriller", "horror"),
    "light": ("comedy", "adventure", "romance"),
    "funny": ("comedy", "comedy", "comedy"),
}
# A hero made a woman or a man: the words of the role that say so.
_SWAPS = dict(
    pair
    for a, b in (
        ("man", "woman"),
        ("boy", "girl"),
        ("king", "queen"),
        ("prince", "princess"),
        ("brother", "sister"),
        ("father", "mother"),
        ("grandfather", "grandmother"),
        ("son", "daughter"),
        ("uncle", "aunt"),
        ("monk", "nun"),
        ("husband", "wife"),
        ("fisherman", "fisherwoman"),
        ("cowboy", "cowgirl"),
        ("waiter", "waitress"),
        ("actor", "actress"),
        ("widower", "widow"),
        ("wizard", "witch"),
        ("groom", "bride"),
        ("brothers", "sisters"),
        ("men", "women"),
        ("boys", "girls"),
        ("kings", "queens"),
        ("his", "her"),
        ("him", "her"),
        ("himself", "herself"),
        ("he", "she"),
        ("policeman", "policewoman"),
        ("businessman", "businesswoman"),
    )
    for pair in ((a, b), (b, a))
)
_SWAPS.update({"ballerina": "ballet dancer", "nun": "monk", "stuntwoman": "stuntman", "strongwoman": "strongman"})
# A companion added for each take: how the description starts.
_COMPANION_WORDS = {"creature": ("loyal old", "very small", "three-legged"), "person": ("", "retired", "young")}
AGES = {
    "younger": ("a newcomer in her early twenties", "a newcomer in his early twenties"),
    "older": ("a veteran in her sixties", "a veteran in his sixties"),
    "recast": ("", ""),
}


def apply(plan: StoryPlan, ask: Ask, angle: int = 0) -> StoryPlan:
    """The plan with one change made; `angle` (0, 1, 2 ...) picks a take on it."""
    changed = {
        "genre": _genre,
        "tone": _tone,
        "setting": _setting,
        "cast": _cast,
        "length": _length,
        "title": _title,
        "look": _look,
        "twist": _twist,
    }[ask.kind](plan, ask, angle)
    if ask.kind in ("genre", "tone") and angle:
        changed = replace(changed, extras={**changed.extras, "angle": angle})
    return changed


def _with(plan: StoryPlan, **extras) -> dict:
    merged = {**plan.extras, **extras}
    return {k: v for k, v in merged.items() if v not in (None, "")}


def relabel(plan: StoryPlan, genres: tuple[str, ...], style: str = "", label: str = "") -> StoryPlan:
    """The plan with new genres: its tone, label and the side characters the genres' banks supply follow."""
    tone = tone_of(genres)
    if style and not label:
        label = f"{style} {GENRES[genres[0]].label}"
    if plan.tone == "family" or plan.extras.get("family"):
        tone, label = "family", f"family {label or label_of(genres)}"
    changed = replace(plan, genres=genres, tone=tone, extras=_with(plan, label=label, style=style))
    if genres[0] == plan.genre:
        return changed  # the same leading genre: the same people
    return replace(changed, characters=_side_characters(changed))


def _side_characters(plan: StoryPlan) -> tuple[Character, ...]:
    """The heroes and any companion as they are; ally, villain and wildcard drawn again from the genre's banks
    (unless the idea named them), keeping their names wherever the part stays the same kind of person."""
    premise = plan.premise
    drawn = build_cast(
        premise,
        GENRES[plan.genre],
        rng_for(plan.idea, plan.seed, f"cast:{plan.genre}"),
        plan.setting.scenery,
        plan.knobs,
    )
    old_side = {c.role: c for c in plan.characters if c.role in ("ally", "antagonist", "wildcard")}
    side = []
    for character in drawn:
        if character.role == "hero":
            continue
        from_idea = (
            character.role == "ally"
            and premise.costar is not None
            or character.role == "antagonist"
            and premise.foe is not None
        )
        side.append(old_side.get(character.role, character) if from_idea else character)
    heroes = [c for c in plan.characters if c.role == "hero"]
    others = [c for c in plan.characters if c.role == "companion"]
    cast = carry_names(tuple(heroes + side + others), plan.characters)
    taken = {c.name for c in cast}
    return cast if len(taken) == len(cast) else tuple(heroes + list(old_side.values()) + others)


def _genre(plan: StoryPlan, ask: Ask, angle: int) -> StoryPlan:
    genres = ask.genres
    if ask.blend and genres[0] not in plan.genres:
        genres = (plan.genre, genres[0])
    label = ask.value if ask.style or len(genres) > 1 and not ask.blend else ""
    return relabel(plan, genres, ask.style, label if label != label_of(genres) else "")


def _tone(plan: StoryPlan, ask: Ask, angle: int) -> StoryPlan:
    genres = list(plan.genres)
    moves = list(_TONE_GENRES[ask.value])
    if angle and ask.value in _TONE_TAKES:  # another take: another genre carries the darker or lighter story
        moves = [m for m in moves if m[0] == "-"] + [f"+{_TONE_TAKES[ask.value][angle % 3]}"]
    for move in moves:
        key = move[1:]
        if move[0] == "-" and key in genres and len(genres) > 1:
            genres.remove(key)
        elif move[0] == "-" and key in genres:
            genres = [(_INSTEAD_FOR_FAMILIES if ask.value == "family" else _INSTEAD).get(key, key)]
        elif move[0] == "+" and key not in genres:
            genres = [genres[0], key]
    style = plan.extras.get("style", "")
    family = ask.value == "family"
    changed = replace(plan, extras=_with(plan, family=family or None))
    changed = relabel(changed, tuple(genres), style)
    return replace(changed, tone=_TONE_OF[ask.value])


def _setting(plan: StoryPlan, ask: Ask, angle: int) -> StoryPlan:
    old = plan.setting
    if not ask.value:  # only the era changes
        return replace(plan, setting=replace(old, era=ask.era or old.era))
    known = KNOWN_PLACES.get(ask.value.lower())
    if known:
        phrase, prep, name = known
    else:
        phrase = name = ask.value
        from ..places import _PREPOSITIONS

        prep = _PREPOSITIONS.get(phrase.lower(), "in")
    scenery = scenery_of(phrase, (phrase,) if phrase[:1].isupper() else (), [], GENRES[plan.genre])
    setting = Setting(phrase, prep, name, True, scenery, old.spot, ask.era or old.era)
    premise = plan.premise
    if old.from_idea and premise.places:  # "opens a bakery in Paris" is now "... in Tokyo"
        premise = _relocated(premise, premise.places[0], phrase)
    elif premise.reading is None:  # Spanish or French: "abren una librería en Buenos Aires"
        named = re.search(
            r"\b(?:en|à|a|dans|au)\s+([A-ZÁÉÍÓÚÑ][\w'-]*(?:\s+[A-ZÁÉÍÓÚÑ][\w'-]*)*)", premise.predicate_text
        )
        if named:
            premise = replace(premise, predicate_text=premise.predicate_text.replace(named.group(1), name))
    title = plan.title.replace(old.name, name) if old.from_idea and old.name in plan.title else plan.title
    return replace(plan, setting=setting, premise=premise, title=title, extras=_with(plan, placed=True))


def _relocated(premise, old: str, new: str):
    """The premise with the idea's place words replaced by the new place's."""
    reading = premise.reading
    if reading is None:
        return premise
    old_words, new_words = old.split(), new.split()

    def swap(words: tuple[str, ...]) -> tuple[str, ...]:
        words = list(words)
        for k in range(len(words) - len(old_words) + 1):
            if words[k : k + len(old_words)] == old_words:
                return tuple(words[:k] + new_words + words[k + len(old_words) :])
        return tuple(words)

    predicate = tuple(replace(vp, rest=swap(vp.rest), goal=vp.goal.replace(old, new)) for vp in reading.predicate)
    reading = replace(
        reading,
        predicate=predicate,
        extra=reading.extra.replace(old, new),
        places=tuple(new if p == old else p for p in reading.places),
    )
    return replace(premise, reading=reading, places=tuple(new if p == old else p for p in premise.places))


def _cast(plan: StoryPlan, ask: Ask, angle: int) -> StoryPlan:
    rng = rng_for(plan.idea, plan.seed, f"meeting:{ask.value}:{ask.detail}:{angle}:{len(plan.characters)}")
    taken = {c.performer for c in plan.characters}
    heroes = [c for c in plan.characters if c.role == "hero"]
    if ask.value in AGES:
        lead = heroes[0]
        performer = names.performer(rng, lead.pronoun, taken)
        characters = tuple(replace(c, performer=performer) if c is lead else c for c in plan.characters)
        return replace(plan, characters=characters, extras=_with(plan, performer_note=ask.value))
    if ask.value == "add":
        return replace(plan, characters=plan.characters + (_companion(plan, ask.detail, rng, angle, taken),))
    chosen = heroes if ask.everyone else heroes[:1]
    characters = list(plan.characters)
    for hero in chosen:
        pronoun = {"swap": "he" if hero.pronoun == "she" else "she"}.get(ask.value, ask.value)
        if pronoun != hero.pronoun:
            characters[characters.index(hero)] = _regendered(hero, pronoun, rng, {c.name for c in characters}, taken)
    if characters == list(plan.characters):
        return plan
    return replace(plan, characters=tuple(characters), premise=_regendered_premise(plan.premise, characters[0].pronoun))


# Titles that go with a first name and say who wears them: "Sister Mara" becomes "Brother Tomas".
_TITLES = {
    "Queen": "King",
    "King": "Queen",
    "Princess": "Prince",
    "Prince": "Princess",
    "Sister": "Brother",
    "Brother": "Sister",
}
_PLAIN_TITLES = {
    "Commander",
    "Captain",
    "Detective",
    "Mayor",
    "Chef",
    "Dr",
    "Professor",
    "Sheriff",
    "Judge",
    "Father",
    "Maestro",
}


def _regendered(hero: Character, pronoun: str, rng, names_taken: set[str], taken: set[str]) -> Character:
    """The hero as a woman (or a man): a first name and a performer to match, the role's words swapped."""
    parts = hero.name.split()
    titled = parts[0] in _TITLES or parts[0] in _PLAIN_TITLES
    name, short = hero.name, hero.short
    if hero.creature or titled or hero.name != hero.short:  # a name the idea gave ("Sherlock Holmes") stays
        old_first = parts[1] if titled else parts[0]
        first = names.first_name(rng, pronoun, hero.creature, {n.split()[-1] for n in names_taken} | {old_first})
        new_parts = [_TITLES.get(parts[0], parts[0])] + parts[1:] if titled else list(parts)
        new_parts[1 if titled else 0] = first
        name = " ".join(new_parts)
        short = " ".join(_TITLES.get(w, first if w == old_first else w) for w in hero.short.split())
    description = " ".join(
        _SWAPS.get(w, w) if pronoun == "she" and w in _SHE_FROM or pronoun == "he" and w in _HE_FROM else w
        for w in hero.description.split()
    )
    return replace(
        hero,
        name=name,
        short=short,
        pronoun=pronoun,
        description=description,
        performer=names.performer(rng, pronoun, taken),
    )


_SHE_FROM = {a for a, b in _SWAPS.items() if gender_of_noun(b) == "she" or b in ("her", "herself", "she")}
_HE_FROM = {a for a, b in _SWAPS.items() if gender_of_noun(b) == "he" or b in ("his", "him", "himself", "he")} | {
    "ballerina"
}


def _regendered_premise(premise, pronoun: str):
    """The idea's own words for the hero (its subject, "his family's bakery") in the hero's new gender."""
    reading = premise.reading
    if reading is None:
        return replace(premise, hero_gender=pronoun)
    source = _SHE_FROM if pronoun == "she" else _HE_FROM

    def words(tokens):
        out = []
        for k, w in enumerate(tokens):
            low = w.lower()
            if low == "her" and pronoun == "he":  # "her garden" is "his garden"; "meets her" is "meets him"
                nxt = tokens[k + 1] if k + 1 < len(tokens) else ""
                out.append("his" if nxt and lx.can_be(nxt, "NOUN") or lx.can_be(nxt, "ADJ") else "him")
            else:
                out.append(_SWAPS[low] if low in source else w)
        return tuple(out)

    subject = reading.subject
    if subject is not None and subject.head:
        subject = replace(subject, head=words((subject.head,))[0], modifiers=words(subject.modifiers))
    predicate = tuple(
        replace(vp, rest=words(vp.rest), goal=" ".join(words(tuple(vp.goal.split())))) for vp in reading.predicate
    )
    return replace(premise, hero_gender=pronoun, reading=replace(reading, subject=subject, predicate=predicate))


def _companion(plan: StoryPlan, who: str, rng, angle: int, taken: set[str]) -> Character:
    """Someone the meeting adds: "a dog" becomes Biscuit, a loyal old dog."""
    head = who.split()[-1]
    kind = "creature" if kind_of(lx.singular(head)) == "creature" else "person"
    words = _COMPANION_WORDS[kind][angle % 3]
    description = lx.article(f"{words} {who}".strip() if len(who.split()) == 1 else who)
    pronoun = gender_of_noun(lx.singular(head)) or rng.choice(("she", "he"))
    used = {c.name.split()[0] for c in plan.characters}
    first = names.first_name(rng, pronoun, kind == "creature", used, plan.language)
    name = first if kind == "creature" else f"{first} {names.character_surname(rng, plan.language)}"
    return Character(
        name, first, names.performer(rng, pronoun, taken), "companion", description, pronoun, kind == "creature"
    )


def _length(plan: StoryPlan, ask: Ask, angle: int) -> StoryPlan:
    order = ("short", "standard", "long")
    at = order.index(plan.length)
    at = max(at - 1, 0) if ask.value == "short" else min(at + 1, 2)
    characters = plan.characters
    if order[at] == "short":  # a short synopsis has no room for a wildcard, so the cast has none either
        characters = tuple(c for c in characters if c.role != "wildcard")
    return replace(plan, length=order[at], characters=characters, extras=_with(plan, draw=angle or None))


def _title(plan: StoryPlan, ask: Ask, angle: int) -> StoryPlan:
    from .titling import new_title

    return replace(plan, title=new_title(plan, ask, angle))


def _look(plan: StoryPlan, ask: Ask, angle: int) -> StoryPlan:
    if ask.value == "new":
        return replace(plan, extras=_with(plan, turn=plan.extras.get("turn", 0) + 1 + angle))
    return replace(plan, extras=_with(plan, look=ask.value, angle=angle or None))


def _twist(plan: StoryPlan, ask: Ask, angle: int) -> StoryPlan:
    return replace(plan, extras=_with(plan, twist=True, twist_take=angle or None))
