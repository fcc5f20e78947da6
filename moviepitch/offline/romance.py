"""Reading a Spanish or French idea: its subject (with gender and number) and its predicate, as written.

The writer keeps the idea's own words for the predicate and only ever puts it after a subject of
the same person and number, so no verb needs conjugating: "Un pescador gallego encuentra una
sirena" becomes "Xosé Lamas, un pescador gallego, encuentra una sirena ...".
"""

from __future__ import annotations

import re

from .premise import Premise

# fmt: off
_ARTICLES = {
    "es": {"un": ("he", 1), "una": ("she", 1), "el": ("he", 1), "la": ("she", 1), "los": ("he", 3),
           "las": ("she", 3), "unos": ("he", 3), "unas": ("she", 3), "dos": ("", 2), "tres": ("", 3),
           "cuatro": ("", 4)},
    "fr": {"un": ("he", 1), "une": ("she", 1), "le": ("he", 1), "la": ("she", 1), "les": ("", 3),
           "des": ("", 3), "deux": ("", 2), "trois": ("", 3), "quatre": ("", 4), "l'": ("", 1)},
}
# fmt: on
# Nouns whose gender differs from their article's, or that have no article to tell.
# fmt: off
_SHE = {"abuela", "hermanas", "madre", "reina", "chica", "mujer", "niña", "grand-mère", "sœurs", "soeurs",
        "mère", "reine", "fille", "femme", "pianiste_f", "boulangère", "sirena", "monja", "religieuse"}
# fmt: on
# fmt: off
_HE = {"abuelo", "hermanos", "padre", "rey", "chico", "hombre", "niño", "pescador", "grand-père", "frères",
       "père", "roi", "garçon", "homme"}
# fmt: on
# Verbs a predicate can start with, by ending: -a/-e (Spanish third person), -ent/-e/-it (French).
_VERB_ENDINGS = {
    "es": re.compile(r"^(?:se\s+)?\w+(?:a|e|an|en|ó|ió)$"),
    "fr": re.compile(r"^(?:se\s+|s')?\w+(?:e|ent|it|ont|ait|ient|oit|ut)$"),
}
# fmt: off
_CREATURES = {"perro", "gato", "dragón", "pingüino", "sirena", "fantasma", "robot", "chat", "chien", "dragon",
              "pingouin", "manchot", "fantôme", "extraterrestre", "alien", "vampiro", "vampire", "lobo",
              "loup", "oso", "ours", "pájaro", "oiseau", "caballo", "cheval", "pez", "poisson"}
# fmt: on
# fmt: off
_BEFORE_NOUN = {"jeune", "vieux", "vieille", "petit", "petite", "grand", "grande", "dernier", "dernière", "mejor",
                "último", "última", "viejo", "vieja", "nuevo", "nueva", "pequeño", "pequeña", "gran", "bon", "bonne",
                "beau", "belle"}
# fmt: on
_GROUPS = {"familia", "banda", "equipo", "grupo", "famille", "bande", "équipe", "groupe"}


def read_romance(text: str, language: str) -> Premise:
    """The subject and predicate of a Spanish or French idea, with the subject's gender and number."""
    words = text.split()
    articles = _ARTICLES[language]
    first = words[0].lower() if words else ""
    gender, count = articles.get(first, ("", 1))
    verb_at = next((i for i in range(1, min(len(words), 9)) if _looks_like_verb(words, i, language)), None)
    if verb_at is not None and words[verb_at - 1].lower() in ("qui", "que"):
        # "une sorcière qui a peur du noir ouvre ...": the relative clause's verb, then the idea's own.
        verb_at = next((i for i in range(verb_at + 2, len(words)) if _looks_like_verb(words, i, language)), verb_at)
    if verb_at is None:
        return Premise(
            text=text,
            language=language,
            mode="lead",
            hero_gender=gender or "he",
            subject_text=_lower_first(text),
            predicate_text="",
            nouns=tuple(_nouns(words, articles)),
        )
    subject = " ".join(words[:verb_at])
    # The head noun comes before its complement: "amies" in "trois amies d'enfance", "abuela de Sevilla".
    core = words[1:verb_at]
    cut = next(
        (
            i
            for i, w in enumerate(core)
            if i and (w.lower() in _OF or w.lower().startswith("d'") or w.lower() in ("qui", "que"))
        ),
        len(core),
    )
    head = next((w.lower() for w in reversed(core[:cut]) if w.lower() not in articles), first)
    nouns = _nouns(words, articles)
    if head in _SHE or any(w.lower() in _SHE for w in words[:verb_at]):
        gender = "she"
    elif head in _HE:
        gender = "he"
    elif not gender:
        gender = _gender_by_ending(head, language)
    plural = (
        count > 1
        or head.endswith("s")
        and first in ("los", "las", "les", "des", "unos", "unas", "dos", "deux", "tres", "trois")
    )
    count = max(count, 2) if plural else 1
    # "un chat parisien": the animal may come before its adjective.
    kind = (
        "creature"
        if any(w.lower().rstrip("s") in _CREATURES or w.lower() in _CREATURES for w in core[:cut])
        else "person"
    )
    mode = "group" if head in _GROUPS else "many" if plural else "lead"
    return Premise(
        text=text,
        language=language,
        mode=mode,
        hero_count=min(count, 4),
        hero_gender=gender,
        member_kind=kind,
        subject_text=_lower_first(subject),
        predicate_text=" ".join(words[verb_at:]).rstrip(".!?"),
        nouns=tuple(nouns),
        lemmas=frozenset(w.lower().strip(".,") for w in words),
    )


# Person nouns whose ending says a woman ("amigas", "boulangère") or a man ("amigos", "boulanger").
_SHE_ENDINGS = {
    "es": re.compile(r"(?:a|as|ora|oras)$"),
    "fr": re.compile(r"(?:euse|rice|ière|ienne|enne|onne|esse|ette|ée|ie|ine|ère|ve)s?$"),
}
_HE_ENDINGS = {"es": re.compile(r"(?:o|os|or|ores)$"), "fr": re.compile(r"(?:eur|ier|ien|on|ais|ois|ant|er|if|et)s?$")}
# Spanish nouns in -a that name a man or anyone: "el dentista", "el poeta", "el guía".
# fmt: off
_EITHER = {"dentista", "artista", "pianista", "taxista", "periodista", "astronauta", "policía", "guía", "poeta",
           "atleta", "deportista", "turista", "pirata", "camarada", "colega", "dentistas", "artistas", "pianistes",
           "astronaute", "astronautes", "pianiste", "artiste", "artistes", "journaliste", "élève", "élèves", "guide"}
# fmt: on


_OF = frozenset({"de", "del", "du", "des", "en", "à", "con", "sin", "avec", "sans"})


def _gender_by_ending(noun: str, language: str) -> str:
    """she or he by a person noun's ending, when no article or word says it; "" when it cannot tell."""
    if noun in _EITHER:
        return ""
    if _SHE_ENDINGS[language].search(noun):
        return "she"
    if _HE_ENDINGS[language].search(noun):
        return "he"
    return ""


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _looks_like_verb(words: list[str], i: int, language: str) -> bool:
    word = words[i].lower().strip(",.")
    if word in ("se", "s'") and i + 1 < len(words):
        return True
    if word in ("es", "está", "son", "est", "sont", "va", "vont", "tiene", "a", "ont", "hace", "fait"):
        return True
    previous = words[i - 1].lower()
    if (
        previous in _ARTICLES[language]
        or previous in ("de", "du", "del", "en", "à", "y", "et")
        or previous in _BEFORE_NOUN
    ):
        return False
    if not (_VERB_ENDINGS[language].match(word) and i >= 2 and len(word) > 3):
        return False
    # "un boulanger timide tombe": of two verb-like words after the noun, the first is its adjective.
    following = words[i + 1].lower().strip(",.") if i + 1 < len(words) else ""
    after_noun = words[i - 2].lower() in _ARTICLES[language] or words[i - 2].lower() in _BEFORE_NOUN
    return not (
        after_noun
        and following
        and following not in _ARTICLES[language]
        and len(following) > 3
        and _VERB_ENDINGS[language].match(following)
    )


def _nouns(words: list[str], articles: dict) -> list[str]:
    """Words right after an article: the idea's nouns (adjectives before a noun are skipped)."""
    return list(dict.fromkeys(noun for _, _, noun in _articled(words, articles)))


def _articled(words: list[str], articles: dict) -> list[tuple[str, str, str]]:
    """(article or possessive, adjective before the noun, noun) for each noun after an article."""
    found = []
    for i, word in enumerate(words[:-1]):
        low = word.lower()
        if low.startswith(("l'", "d'")) and len(low) > 2:  # "l'hôtel": the article is part of the word
            rest = low[2:].strip(".,")
            if rest in articles:  # "d'une astronaute"
                found.append((rest, "", words[i + 1].strip(".,").lower()))
            elif low.startswith("l'"):
                found.append(("l'", "", rest))
        elif low in articles or low in ("su", "sus", "son", "sa", "ses", "mi", "mon", "ma", "leur"):
            adjective, nxt = "", words[i + 1].strip(".,").lower()
            if nxt in _BEFORE_NOUN and i + 2 < len(words):
                adjective, nxt = nxt, words[i + 2].strip(".,").lower()
            found.append((low, adjective, nxt))
    return found


def articled_nouns(text: str, language: str) -> list[tuple[str, str, str]]:
    """The idea's nouns with the article (or possessive) and adjective it gives them."""
    return [t for t in _articled(text.split(), _ARTICLES[language]) if t[2]]
