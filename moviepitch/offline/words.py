"""Small English helpers shared by the idea reader and the writers: tokens, plurals, articles."""

from __future__ import annotations

import re

# Words that end a noun phrase's core: "a retired astronaut who ..." stops at "who".
CUT_WORDS = frozenset({"of", "in", "at", "on", "with", "from", "who", "that", "which", "whose"})


def bare(token: str) -> str:
    """The token in lower case without surrounding punctuation or a trailing "'s"."""
    return token.lower().strip(",;:'\"()").removesuffix("'s")


def bare_words(text: str) -> list[str]:
    """The bare words of a text, in order."""
    return [bare(w) for w in re.findall(r"[a-z][a-z'-]*", text.lower())]


def has(lower: str, phrase: str) -> bool:
    """Whether the lower-case text holds the phrase as a word, allowing -s, -es, -ed and -ing."""
    return re.search(rf"\b{re.escape(phrase)}(?:s|es|ed|ing)?\b", lower) is not None


def plural(word: str) -> bool:
    """Whether the word looks like a plural noun (or a verb ending in -s)."""
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def singular(word: str) -> str:
    """The singular of a plural noun; other words unchanged."""
    if len(word) <= 3 or not plural(word):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-2] if word.endswith(("ches", "shes", "xes", "sses")) else word[:-1]


def core(phrase: str) -> list[str]:
    """The bare words of a noun phrase up to its first preposition or relative word."""
    words = [bare(w) for w in phrase.split()]
    cut = next((i for i, w in enumerate(words) if i and w in CUT_WORDS), len(words))
    return words[:cut]


def definite(phrase: str) -> str:
    """The phrase with "the" for its article: "a crew of pirates" gives "the crew of pirates"."""
    words = phrase.split()
    if words and words[0].lower() in ("a", "an"):
        words[0] = "the"
    elif words and words[0].lower() != "the":
        words.insert(0, "the")
    return " ".join(words)


def cap(text: str) -> str:
    """The text with its first letter capitalised and the rest untouched."""
    return text[:1].upper() + text[1:]


def an(word: str) -> str:
    """The word with "a" or "an" before it."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"
