"""English words: which parts of speech a word can be, its lemma and its inflections.

The open classes (nouns, verbs, adjectives) come from lemminflect's lemma and inflection tables,
which ship inside its wheel; tables.py reads them on first use (without importing lemminflect and
numpy), so a process that never writes offline never loads them. The closed classes (articles,
prepositions, pronouns, auxiliaries) are grammar, listed here.
"""

from __future__ import annotations

import functools
import re

from . import tables

ARTICLES = frozenset({"a", "an", "the"})
DETERMINERS = ARTICLES | frozenset(
    {
        "this",
        "that",
        "these",
        "those",
        "every",
        "each",
        "another",
        "some",
        "no",
        "any",
        "my",
        "your",
        "his",
        "her",
        "its",
        "our",
        "their",
    }
)
POSSESSIVES = {"his": "he", "her": "she", "their": "they", "its": "it"}
# fmt: off
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twin": 2, "twins": 2, "both": 2, "a pair of": 2,
           "several": 3, "many": 3, "hundred": 100, "thousand": 1000, "dozens": 12, "hundreds": 100, "thousands": 1000}
# fmt: on
NUMBER_WORDS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
PREPOSITIONS = frozenset(
    """of in on at to for from with by during into onto over under across through
without within near behind beyond between among against about around after before inside outside
above below beneath aboard along past since until toward towards like upon via""".split()
)
CONJUNCTIONS = frozenset({"and", "or", "but", "yet", "so", "nor"})
# fmt: off
SUBORDINATORS = frozenset({"when", "while", "after", "before", "as", "once", "if", "until", "because",
                           "although", "though", "since", "whenever"})
# fmt: on
RELATIVES = frozenset({"who", "that", "which", "whose", "whom", "where"})
# Question words: "knows why", "wonders how" end a clause; they are never the thing it is about.
WH_WORDS = frozenset({"why", "how", "what", "where", "when", "whether", "who", "whom", "which"})
# fmt: off
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "you", "i", "him", "her", "them", "us", "me",
                      "himself", "herself", "itself", "themselves", "anyone", "someone", "everyone",
                      "nobody", "everybody", "somebody", "anything", "something", "everything", "nothing"})
# fmt: on
MODALS = frozenset({"must", "can", "could", "will", "would", "shall", "should", "may", "might"})
BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "am"})
HAVE = frozenset({"has", "have", "had"})
PARTICLES = frozenset({"up", "down", "away", "out", "off", "back", "in", "over", "around", "along", "home"})
# fmt: off
ADVERBS = frozenset({"only", "never", "always", "accidentally", "suddenly", "secretly", "finally", "still",
                     "just", "even", "also", "soon", "forever", "again", "together", "now"})
# fmt: on
# Words lemminflect lists as nouns that are almost always something else at the head of an idea.
# fmt: off
_NOT_NOUNS = frozenset({"only", "last", "first", "other", "same", "own", "whole", "very", "full", "alone",
                        "awake", "lost", "final", "evil", "elderly", "deaf", "blind", "young"})
# fmt: on


def warm() -> None:
    """Load the lemma and inflection tables now rather than on the first pitch."""
    tables.load()


@functools.lru_cache(maxsize=4096)
def tags(word: str) -> dict[str, tuple[str, ...]]:
    """The parts of speech a word can be ("NOUN", "VERB", "ADJ", "ADV", "AUX"), each with its lemmas."""
    low = word.lower()
    if low in ARTICLES or low in PREPOSITIONS or low in PRONOUNS or low in CONJUNCTIONS:
        return {}
    found = tables.all_lemmas(low)
    if low in _NOT_NOUNS:
        found.pop("NOUN", None)
    if "-" in low and not found:
        # "time-travelling", "street-racing", "small-town": the last part decides.
        last = tags(low.rsplit("-", 1)[1])
        if "VERB" in last and low.endswith(("ing", "ed")):
            return {"ADJ": (low,)}
        return {k: (low.rsplit("-", 1)[0] + "-" + v[0],) for k, v in last.items() if k in ("NOUN", "ADJ")}
    return found


def can_be(word: str, pos: str) -> bool:
    """Whether the word can be this part of speech."""
    return pos in tags(word)


def is_known(word: str) -> bool:
    """Whether the lexicon knows the word at all."""
    return bool(tags(word)) or word.lower() in PREPOSITIONS | ARTICLES | PRONOUNS | CONJUNCTIONS


def lemma(word: str, pos: str) -> str:
    """The word's lemma as this part of speech, or the word itself."""
    found = tags(word).get(pos)
    return found[0] if found else word.lower()


def inflect(lemma_: str, tag: str) -> str:
    """The lemma inflected to a Penn tag (VBZ, VBG, VBD, VBN, VB, NNS), by the lexicon or by rule."""
    if lemma_ == "be":
        return {"VBZ": "is", "VBP": "are", "VBD": "was", "VBN": "been", "VBG": "being"}.get(tag, "be")
    if lemma_ == "have" and tag == "VBZ":
        return "has"
    if " " in lemma_ and tag == "NNS":  # "pizza restaurant": the last noun takes the plural
        head, last = lemma_.rsplit(" ", 1)
        return f"{head} {inflect(last, tag)}"
    if " " in lemma_:  # "take over": inflect the verb, keep the particle
        first, rest = lemma_.split(" ", 1)
        return f"{inflect(first, tag)} {rest}"
    if "-" in lemma_ and tag == "NNS":
        head, last = lemma_.rsplit("-", 1)
        return f"{head}-{inflect(last, tag)}"
    return tables.inflection(lemma_, tag) or _by_rule(lemma_, tag)


def _by_rule(word: str, tag: str) -> str:
    """English spelling rules, for words the tables do not list."""
    if tag in ("VBD", "VBN", "VBG") and re.search(r"(?:^|[^aeiou])[aeiou][bdgmnprt]$", word) and len(word) <= 4:
        word += word[-1]  # "plan", "planned"; "zap", "zapping"
    if tag in ("VBZ", "NNS"):
        if re.search(r"(s|x|z|ch|sh)$", word):
            return word + "es"
        return word[:-1] + "ies" if re.search(r"[^aeiou]y$", word) else word + "s"
    if tag == "VBG":
        return (word[:-1] if word.endswith("e") and not word.endswith("ee") else word) + "ing"
    if tag in ("VBD", "VBN"):
        return word + "d" if word.endswith("e") else word + "ed"
    return word


def plural(noun: str) -> str:
    """The plural of a singular noun, keeping its capital."""
    if noun.lower() in ("fish", "sheep", "deer", "aircraft", "police"):
        return noun
    form = inflect(noun.lower(), "NNS")
    return form[:1].upper() + form[1:] if noun[:1].isupper() else form


def singular(noun: str) -> str:
    """The singular of a plural noun (the noun itself otherwise)."""
    found = tags(noun).get("NOUN")
    if found and found[0] != noun.lower():
        return found[0]
    return noun.lower()


def is_plural_noun(word: str) -> bool:
    """Whether the word is a plural noun form ("sisters", "wolves", "children")."""
    low = word.lower()
    found = tags(low).get("NOUN")
    if not found:
        return low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 3
    return found[0] != low and low not in ("news", "series", "species")


def verb_forms(word: str) -> set[str]:
    """The Penn tags this verb form can be: VBZ for "trains", VBP and VB for "train", VBD for "trained"."""
    found = tags(word).get("VERB") or tags(word).get("AUX")
    if not found:
        return set()
    low, base = word.lower(), found[0]
    forms = set()
    for tag in ("VBZ", "VBD", "VBN", "VBG"):
        if inflect(base, tag) == low:
            forms.add(tag)
    if low == base or low in ("are", "were", "am"):
        forms |= {"VB", "VBP"}
    if low in ("is", "was", "has"):
        forms.add("VBZ")
    return forms


def article(phrase: str) -> str:
    """The phrase with "a" or "an" before it, by its sound."""
    written = phrase.split(" ", 1)[0]
    first = written.lower()
    vowel = first[:1] in "aeiou" and not first.startswith(("uni", "use", "usu", "eu", "one", "ufo"))
    vowel = vowel or first in ("honest", "hour", "heir", "honour", "honor")
    if written.isupper() and len(written) > 1:  # an acronym reads letter by letter: "an AI", "a UFO"
        vowel = written[0] in "AEFHILMNORSX"
    return f"{'an' if vowel else 'a'} {phrase}"
