"""Reading the cast, character by actor, out of model text."""

from __future__ import annotations

import re

# A character name: up to four capitalised words, then the actor in brackets.
_BRACKETED = re.compile(r"((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)\s*\(([^()\n]{2,60})\)")
# Capitalised words that start sentences rather than names.
# fmt: off
_LEADING = {
    "a", "an", "the", "but", "and", "when", "as", "while", "meanwhile", "after", "before",
    "then", "now", "so", "yet", "with", "together", "soon", "until", "if", "in", "on", "at",
    "his", "her", "their", "its", "our", "young", "old", "dr.",
}
# fmt: on
_LINE = re.compile(r"^\s*(?:[-*•]|\d+[.)])?\s*(.+?)\s*(?::|—|–| - )\s*(.+?)\s*$")


def _looks_like_actor(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 5 and text[0].isupper() and not any(ch.isdigit() for ch in text)


def _trim_character(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].lower() in _LEADING:
        words.pop(0)
    return " ".join(words).strip(" ,;:")


def _dedupe(pairs) -> list[dict[str, str]]:
    seen, cast = set(), []
    for character, actor in pairs:
        key = character.lower()
        if character and actor and key not in seen:
            seen.add(key)
            cast.append({"character": character, "actor": actor})
    return cast


def from_brackets(synopsis: str) -> list[dict[str, str]]:
    """Pairs of character and actor where the synopsis names the actor in brackets."""
    pairs = []
    for match in _BRACKETED.finditer(synopsis):
        character, actor = _trim_character(match.group(1)), match.group(2).strip()
        if _looks_like_actor(actor):
            pairs.append((character, actor))
    return _dedupe(pairs)


def from_lines(text: str) -> list[dict[str, str]]:
    """Pairs from lines such as "Maverick: Tom Cruise"."""
    pairs = []
    for line in text.splitlines():
        match = _LINE.match(line.replace("**", ""))
        if match and _looks_like_actor(match.group(2).strip()):
            pairs.append((match.group(1).strip(), match.group(2).strip()))
    return _dedupe(pairs)
