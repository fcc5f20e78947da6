"""Reading a one-line idea: its genres, subject and hero, place, motif, scenery and figure."""

from __future__ import annotations

import random
import re

from . import wordbank as wb
from .wordbank import GENRES, Genre
from .words import bare, bare_words, core, definite, has, plural, singular

# "In Berlin, two spies ..." : a scene-setting opener that comes before the subject.
_OPENER = re.compile(r"^(?:in|on|at|during|after|before|one day|when|while)\b[^,]{0,60},\s*", re.I)
_FAMOUS_HEROES = ("a legend everybody thinks they know", "a household name with a secret or two")
_DETERMINERS = frozenset({"a", "an", "the", "her", "his", "their", "its", "every", "another", "one",
                          "my", "our", "your", "this", "these", "those"})
_PHRASE_ENDS = frozenset({"of", "in", "at", "on", "with", "from", "to", "for", "by", "during", "into",
                          "over", "under", "before", "after", "where", "when", "while", "using",
                          "as", "than", "and", "or", "but", "she", "he", "they", "it", "we", "you",
                          "them", "him", "us"}) | wb.VERBS | wb.RELATIVES | _DETERMINERS
_COMPOUNDS = frozenset(kw for g in GENRES.values() for kw in g.keywords if " " in kw)


def detect_genres(lower: str) -> tuple[str, ...]:
    """The one or two genres whose keywords the idea uses most, earliest first; drama by default."""
    scored = []
    for order, genre in enumerate(GENRES.values()):
        hits = [m.start() for kw in genre.keywords
                for m in re.finditer(rf"\b{re.escape(kw)}(?:s|es|ed|ing)?\b", lower)]
        if hits:
            scored.append((-len(hits), min(hits), order, genre.key))
    ranked = [key for *_, key in sorted(scored)][:2]
    return tuple(ranked) or ("drama",)


def genre_label(genres: tuple[str, ...]) -> str:
    """The genre as written in prose: "mind-bending thriller" for a thriller with a sci-fi streak."""
    primary = GENRES[genres[0]]
    return f"{GENRES[genres[1]].flavour} {primary.label}" if len(genres) > 1 else primary.label


def split_subject(text: str) -> tuple[str, str]:
    """(subject, predicate) of the idea; the subject is "" when the idea has none."""
    opener = _OPENER.match(text)
    tokens = text[opener.end() if opener else 0:].split()
    for i in range(1, min(len(tokens), 11)):
        word = bare(tokens[i])
        if word in wb.RELATIVES:
            main = next((k for k in range(i + 2, len(tokens)) if bare(tokens[k]) in wb.VERBS), None)
            return (" ".join(tokens[:main]), " ".join(tokens[main:])) if main else ("", text)
        if word in wb.VERBS or _looks_like_verb(tokens, i):
            return " ".join(tokens[:i]), " ".join(tokens[i:])
    return "", text


def _looks_like_verb(tokens: list[str], i: int) -> bool:
    """An unlisted verb: a lowercase -s word after a proper name ("Holmes retires") or before "to"."""
    word = tokens[i].strip(",")
    if not word.islower() or not plural(word) or i < 2:
        return False
    return tokens[i - 1][:1].isupper() or (i + 1 < len(tokens) and tokens[i + 1].lower() == "to")


def as_clause(text: str) -> str:
    """The text ready to follow a lowercase word, its first word lowered unless it is a name."""
    first, _, rest = text.partition(" ")
    # Keep "AI", "Paris" and "Sherlock Holmes" capitalised; lower "A", "The" and "Pirates".
    proper = rest[:1].isupper() and first.lower() not in ("a", "an", "the")
    keep = proper or (len(first) > 1 and first.isupper()) or first.lower() in (p[0] for p in wb.KNOWN_PLACES)
    return text if keep or not first else f"{first[0].lower()}{first[1:]} {rest}".strip()


def _is_name(phrase: str) -> bool:
    words = phrase.split()
    return 1 <= len(words) <= 3 and all(w[:1].isupper() and not w.isupper() for w in words) \
        and words[0].lower() not in ("a", "an", "the")


def _gender_in(text: str) -> str:
    words = set(bare_words(text))
    return "she" if words & wb.SHE_WORDS else "he" if words & wb.HE_WORDS else ""


def hero_of(subject: str, predicate: str, genre: Genre, rng: random.Random) -> tuple[str, str, str]:
    """(mode, description, gender) of the hero: the idea's subject, one of its group, or someone new."""
    words = core(subject)
    head = words[-1] if words else ""
    if not subject and not set(bare_words(predicate)) & wb.VERBS:
        return "notion", rng.choice(genre.heroes), ""
    if _is_name(subject):
        return "named", rng.choice(_FAMOUS_HEROES), _gender_in(subject + " " + predicate)
    if not subject or head in wb.THINGS or set(words) & wb.VILLAIN_WORDS:
        target = re.search(rf"\b(?:a|an)\s+((?:[\w-]+\s+){{0,2}}(?:{'|'.join(sorted(wb.PERSON_WORDS))}))\b",
                           predicate)
        if target and set(words) & wb.VILLAIN_WORDS:
            return "target", f"the {target.group(1)} at the centre of it all", _gender_in(target.group(1))
        return "witness", rng.choice(genre.heroes), ""
    clause = as_clause(subject)
    if words[0] in wb.NUMBERS:
        rank = rng.choice(wb.COMPARATIVES if words[0] == "two" else wb.SUPERLATIVES)
        return "group", f"the {rank} of {definite(clause)}", _gender_in(subject)
    if head in wb.GROUP_NOUNS:
        return "group", f"the ringleader of {clause}", _gender_in(subject)
    if plural(head) and words[0] not in ("a", "an"):
        return "group", f"the {rng.choice(wb.SUPERLATIVES)} of {definite(clause)}", ""
    return "single", clause, _gender_in(subject + " " + predicate)


def place_of(text: str, lower: str, genre: Genre, rng: random.Random) -> tuple[str, str, str, bool]:
    """(place, place name, preposition, named in the idea): a place the idea names, or an invented one."""
    for match, written, prep in wb.KNOWN_PLACES:
        if has(lower, match):
            return written, written, prep, True
    named = re.search(r"\b(?:in|to|on|at|from|near|across)\s+((?:the\s+)?[A-Z][a-z][\w'-]*"
                      r"(?:\s+[A-Z][\w'-]*)*)", text)
    if named:
        return named.group(1), named.group(1), "in", True
    name = rng.choice(wb.PLACE_HEADS) + rng.choice(wb.PLACE_TAILS)
    code = f"{rng.choice(wb.STATION_NAMES)}-{rng.randint(2, 9)}"
    setting = next(((p, pat) for word, p, pat in wb.SETTING_PLACES if has(lower, word)), None)
    prep, pattern = setting or rng.choice(genre.places)
    return pattern.format(name=name, code=code), (code if "{code}" in pattern else name), prep, False


def figure_of(phrase: str) -> str:
    """The silhouette the phrase calls for: human, dog, bird, robot, ghost or astronaut."""
    return next((wb.FIGURE_WORDS[w] for w in bare_words(phrase) if w in wb.FIGURE_WORDS), "human")


def palette_of(genre: Genre, lower: str, rng: random.Random):
    """(name, six colours, four colour words): one of the genre's palettes, or red dust for Mars."""
    if has(lower, "mars"):  # the red planet overrides any genre's sky
        return ("Red Dust", ("#1a0603", "#6e1f0e", "#e0703a", "#ffe1b0", "#1c0704", "#7fd6ff"),
                ("rust red", "burnt orange", "dusty gold", "ice blue"))
    return rng.choice(genre.palettes)


def motif_of(text: str, subject: str, place_name: str, rng: random.Random) -> str:
    """The thing the story turns on: a proper name, a telling noun, an acronym, or "secret"."""
    proper = re.search(r"\b(?:the\s+)([A-Z][a-z]+(?:\s+[A-Z][a-z]+)+)", text)
    if proper and proper.group(1) not in place_name:
        return proper.group(1)
    acronym = re.search(r"\b([A-Z]{2,4})\b", text)
    strong = {kw for g in GENRES.values() for kw in g.keywords} | wb.THINGS
    skip = wb.PLAIN_WORDS | wb.VERBS | wb.PERSON_WORDS | wb.VILLAIN_WORDS | set(bare_words(place_name))
    heads = [w for w in _noun_heads(text) if w not in skip and len(w) > 2]
    ranked = sorted(dict.fromkeys(heads), key=lambda w: singular(w) not in strong and w not in strong)
    ranked += [acronym.group(1)] if acronym else []
    # Loose words only when the idea has no noun phrases to offer.
    ranked = ranked or [w for w in bare_words(text) + core(subject)[1:] if w not in skip
                        and len(w) > 2 and not w.endswith(("ly", "ing", "ed"))]
    ranked = [w for w in ranked if len(w) <= 20]
    return singular(rng.choice(ranked[:2])) if ranked else "secret"


def _noun_heads(text: str) -> list[str]:
    """The last word of each phrase that starts with a determiner: "her garden" gives garden."""
    tokens = [bare(t) for t in re.findall(r"[A-Za-z][\w'-]*", text)]
    heads = []
    for i, token in enumerate(tokens):
        if token in _DETERMINERS:
            j = i + 1
            while j < len(tokens) and j - i <= 4 and tokens[j] not in _PHRASE_ENDS:
                j += 1
            if j > i + 2 and f"{tokens[j - 2]} {tokens[j - 1]}" in _COMPOUNDS:
                heads.append(f"{tokens[j - 2]} {tokens[j - 1]}")
            elif j > i + 1:
                heads.append(tokens[j - 1])
    return heads


def scenery_of(lower: str, genre: Genre) -> str:
    """The poster's backdrop: the first scenery the idea's words call for, else the genre's own."""
    return next((s for s, words in wb.SCENERY_WORDS if any(has(lower, w) for w in words)),
                genre.scenery)


def landmarks_of(lower: str) -> tuple[str, ...]:
    """The poster's landmarks (palms, lighthouse, tower ...) that the idea's words call for."""
    return tuple(dict.fromkeys(mark for word, mark in wb.LANDMARK_WORDS.items() if has(lower, word)))
