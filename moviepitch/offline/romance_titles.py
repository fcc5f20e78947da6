"""Spanish and French titles: the idea's nouns with the right article, in sentence case.

Spanish and French titles capitalise only their first word and names ("La vieille dame et le
dragon"), and the article agrees with the noun: the idea's own article says the noun's gender and
number; a noun after a possessive ("son grenier") goes by its ending.
"""

from __future__ import annotations

import re

_DEFINITE = {
    "es": {("m", 1): "el", ("f", 1): "la", ("m", 2): "los", ("f", 2): "las"},
    "fr": {("m", 1): "le", ("f", 1): "la", ("m", 2): "les", ("f", 2): "les"},
}
# What the idea's article says: gender (m, f or "" to look at the noun) and number.
_SAYS = {
    "es": {
        "un": ("m", 1),
        "el": ("m", 1),
        "una": ("f", 1),
        "la": ("f", 1),
        "unos": ("m", 2),
        "los": ("m", 2),
        "unas": ("f", 2),
        "las": ("f", 2),
        "dos": ("", 2),
        "tres": ("", 2),
        "cuatro": ("", 2),
        "su": ("", 1),
        "sus": ("", 2),
        "mi": ("", 1),
    },
    "fr": {
        "un": ("m", 1),
        "le": ("m", 1),
        "une": ("f", 1),
        "la": ("f", 1),
        "les": ("", 2),
        "des": ("", 2),
        "deux": ("", 2),
        "trois": ("", 2),
        "quatre": ("", 2),
        "son": ("m", 1),
        "mon": ("m", 1),
        "sa": ("f", 1),
        "ma": ("f", 1),
        "ses": ("", 2),
        "leur": ("", 1),
        "l'": ("", 1),
    },
}
_SPANISH_MASCULINE_A = {
    "día",
    "mapa",
    "problema",
    "planeta",
    "cometa",
    "tema",
    "idioma",
    "sistema",
    "drama",
    "fantasma",
    "poema",
    "clima",
    "piloto",
}
_OF = {
    "es": {"el": "del", "la": "de la", "los": "de los", "las": "de las"},
    "fr": {"le": "du", "la": "de la", "les": "des", "l'": "de l'"},
}
_PATTERNS = {
    "es": (
        "{the} {noun}",
        "{the} {noun} y {the2} {noun2}",
        "El secreto {of} {noun}",
        "La última noche {of} {noun}",
        "{noun_cap} para siempre",
    ),
    "fr": (
        "{the} {noun}",
        "{the} {noun} et {the2} {noun2}",
        "Le secret {of} {noun}",
        "La dernière nuit {of} {noun}",
        "Un été avec {the} {noun}",
    ),
}


def _gender(noun: str, language: str) -> str:
    """m or f by the noun's ending, when no article says it."""
    word = noun.lower()
    if language == "es":
        if word in _SPANISH_MASCULINE_A:
            return "m"
        return "f" if re.search(r"(?:as?|ción|ciones|dad|dades|tad|tud|umbre)$", word) else "m"
    if re.search(r"(?:age|ment|eau|isme|oir|ier|on)s?$", word) and not word.endswith(("tion", "sion")):
        return "m"
    return "f" if re.search(r"(?:tion|sion|ité|ette|ure|ance|ence|ie|e)s?$", word) else "m"


def _the(article: str, noun: str, language: str) -> str:
    gender, count = _SAYS[language].get(article, ("", 1))
    gender = gender if gender and article not in ("son", "mon") else _gender(noun, language)
    the = _DEFINITE[language][(gender, count)]
    if language == "fr" and count == 1 and re.match(r"[aeiouyàâéèêëîïôûùh]", noun, re.I):
        return "l'"
    return the


def romance_titles(articled: list[tuple[str, str, str]], language: str) -> list[str]:
    """Titles in sentence case from the idea's (article, adjective, noun) triples."""
    found = []
    phrases = []
    for article, adjective, noun in articled[:3]:
        words = " ".join(filter(None, [adjective, noun]))
        the = _the(article, adjective or noun, language)
        phrases.append((the, words))
    if not phrases:
        return []
    (the, noun), *rest = phrases
    the2, noun2 = rest[0] if rest else ("", "")
    for pattern in _PATTERNS[language]:
        if "{noun2}" in pattern and not noun2:
            continue
        of = _OF[language].get(the, "de " + the)
        text = pattern.format(the=the, noun=noun, the2=the2, noun2=noun2, of=of, noun_cap=noun.capitalize())
        text = text.replace("l' ", "l'").replace("de l'", "de l'")
        found.append(text[:1].upper() + text[1:])
    return found
