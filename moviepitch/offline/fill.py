"""Filling sentence templates from a pitch's facts, and choosing among templates.

Every choice a writer makes goes through a Chooser. Today it picks at random among the templates
whose slots the facts can fill, never the same one twice in a pitch; it is the one place where a
creativity setting (plainer or stranger picks) or a repetition penalty would weigh the options.
"""

from __future__ import annotations

import random
import string
from typing import Iterable, Mapping, Sequence

_FORMATTER = string.Formatter()
# Slots that are allowed to be empty (agreement endings, an optional place or trait).
_MAY_BE_EMPTY = frozenset({"s", "es", "s_plural", "place", "trait", "place_bit"})


def slots(template: str) -> set[str]:
    """The names a template fills."""
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name}


def cap(text: str) -> str:
    """The text with its first letter capitalised and the rest untouched."""
    return text[:1].upper() + text[1:]


def tidy(text: str) -> str:
    """One space between words, no space before punctuation, no doubled punctuation."""
    text = " ".join(text.split())
    for bad, good in ((" ,", ","), (" .", "."), (",,", ","), ("..", "."), (" '", "'"), (",.", "."),
                      (" :", ":"), (" ;", ";"), ("!.", "!"), ("?.", "?")):
        text = text.replace(bad, good)
    return text


class Chooser:
    """Picks templates and words for one pitch, reproducibly, without repeating itself."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def pick(self, options: Sequence[str]) -> str:
        """One of the options, preferring ones not used yet in this pitch."""
        fresh = [o for o in options if o not in self.used] or list(options)
        choice = self.rng.choice(fresh)
        self.used.add(choice)
        return choice

    def template(self, options: Iterable[str], facts: Mapping[str, str]) -> str:
        """A template whose every slot the facts fill (non-empty), filled; "" when none fits."""
        fitting = [t for t in options if all(facts.get(name) or (name in _MAY_BE_EMPTY and name in facts)
                                             for name in slots(t))]
        if not fitting:
            return ""
        return tidy(cap(self.pick(fitting).format_map(facts)))
