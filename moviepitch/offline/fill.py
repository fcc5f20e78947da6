"""Filling sentence templates from a pitch's facts, and choosing among templates.

Every choice a writer makes goes through a Chooser. It picks at random among the templates whose
slots the facts can fill, never the same one twice in a pitch, and it is where the knobs weigh the
options (knobs.py): creativity leans on each bank's order (plainest first), the frequency penalty
on the words already written, the presence penalty on length.
"""

from __future__ import annotations

import collections
import random
import re
import string
from collections.abc import Iterable, Mapping, Sequence

from .knobs import USUAL, Knobs

_FORMATTER = string.Formatter()
# Slots that are allowed to be empty (agreement endings, an optional place or trait).
_MAY_BE_EMPTY = frozenset({"s", "es", "s_plural", "place", "trait", "place_bit", "ally_s"})


def slots(template: str) -> set[str]:
    """The names a template fills."""
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name}


def fills(template: str, facts: Mapping[str, str]) -> bool:
    """Whether the facts fill every slot of the template (non-empty, except the slots that may be empty)."""
    return all(facts.get(name) or (name in _MAY_BE_EMPTY and name in facts) for name in slots(template))


def cap(text: str) -> str:
    """The text with its first letter capitalised and the rest untouched."""
    return text[:1].upper() + text[1:]


def tidy(text: str) -> str:
    """One space between words, no space before punctuation, no doubled punctuation."""
    text = " ".join(text.split())
    for bad, good in (
        (" ,", ","),
        (" .", "."),
        (",,", ","),
        ("..", "."),
        (" '", "'"),
        (",.", "."),
        (" :", ":"),
        (" ;", ";"),
        ("!.", "!"),
        ("?.", "?"),
    ):
        text = text.replace(bad, good)
    return text


class Chooser:
    """Picks templates and words for one pitch, reproducibly, without repeating itself, as the knobs lean."""

    def __init__(self, rng: random.Random, knobs: Knobs = USUAL):
        self.rng = rng
        self.knobs = knobs
        self.used: set[str] = set()
        self.said: collections.Counter = collections.Counter()  # content words written so far
        self.openings: set[str] = set()  # first words of sentences written so far
        # (template, sentence, facts) of each sentence written, when a caller wants to know (the pitch
        # meeting's sentence-level changes); None otherwise.
        self.trace: list[tuple[str, str, dict]] | None = None
        self.brevity = 0.0  # above zero, shorter options are favoured (a short synopsis asked for)

    def pick(self, options: Sequence[str], remember: bool = True, lean: bool = True) -> str:
        """One of the options, preferring ones not used yet in this pitch (and, with knobs, plainer or stranger
        ones, ones that repeat fewer words, or shorter ones)."""
        fresh = [o for o in options if o not in self.used] or list(options)
        if self.knobs.usual and not self.brevity:
            choice = self.rng.choice(fresh)
        else:
            last = max(len(options) - 1, 1)
            rank = {o: i / last if lean else 0.5 for i, o in enumerate(options)}
            weights = [
                self.knobs.weight(rank.get(o, 0.5), self._overlap(o), self._opening(o) in self.openings, len(o.split()))
                * len(o.split()) ** -self.brevity
                for o in fresh
            ]
            choice = self.rng.choices(fresh, weights)[0]
        self.used.add(choice)
        if remember:
            self.remember(_FORMATTER_FIELDS.sub("", choice))
        return choice

    def remember(self, text: str) -> None:
        """Count the words of a written sentence, so later choices can avoid (or echo) them."""
        if self.knobs.repeats:
            self.said.update(content_words(text))
            self.openings.update(_opening(s) for s in re.split(r"(?<=[.!?])\s+", text) if s)

    def _overlap(self, option: str) -> int:
        if not self.knobs.repeats:
            return 0
        return sum(1 for w in set(content_words(_FORMATTER_FIELDS.sub("", option))) if self.said[w])

    def _opening(self, option: str) -> str:
        return _opening(option) if self.knobs.repeats else ""

    def template(self, options: Iterable[str], facts: Mapping[str, str], lean: bool = True) -> str:
        """A template whose every slot the facts fill (non-empty), filled; "" when none fits. `lean`: whether
        creativity leans on the bank's order (plainest first); a bank of equals (twists) does not."""
        fitting = [t for t in options if fills(t, facts)]
        if not fitting:
            return ""
        chosen = self.pick(fitting, remember=False, lean=lean)
        text = tidy(cap(chosen.format_map(facts)))
        self.remember(text)
        if self.trace is not None:
            self.trace.append((chosen, text, dict(facts)))
        return text


_FORMATTER_FIELDS = re.compile(r"\{[^{}]*\}")
_STOP = frozenset(
    """that this with from they their them there then than have been were what when where which while
into onto over about after before every never always only just even still also much many more most some such
very will would could should must your into upon it's its""".split()
)


def content_words(text: str) -> list[str]:
    """The words of a text that carry meaning (four letters or more, not a function word), in lower case."""
    return [w for w in re.findall(r"[a-z][a-z'-]{3,}", text.lower()) if w not in _STOP]


def _opening(sentence: str) -> str:
    words = re.findall(r"[A-Za-z']+", sentence)
    return words[0].lower() if words else ""
