"""The knobs a person can turn (creativity, frequency and presence penalties), as the offline writer reads them.

A model samples its words; the offline writer chooses its templates, words, beats and side characters.
The same knobs steer those choices: creativity tilts every choice towards the plain end of a bank
(banks list their plainest options first) or towards the strange end, and adds a genre blend, a twist
and a surprising ally when it is high; the frequency penalty counts the words a pitch has used and
avoids them (or, below zero, repeats them and lets a catchphrase recur); the presence penalty brings
in more, shorter beats, places and people (or, below zero, stays on the idea's one thread). Values
in the middle write exactly what the writer writes with no knobs at all.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Creativity between these writes as usual; penalties closer to zero than this have no effect.
USUAL_CREATIVITY = (0.6, 1.2)
DEAD_ZONE = 0.3
LOW_CREATIVITY, HIGH_CREATIVITY = 0.5, 1.3


@dataclass(frozen=True)
class Knobs:
    """Creativity (temperature, 0 to 2) and the frequency and presence penalties (-2 to 2); None: as usual."""

    creativity: float | None = None
    frequency: float | None = None
    presence: float | None = None

    @classmethod
    def from_context(cls, context: Mapping[str, Any]) -> Knobs:
        """The knobs a text request carries in its context ("temperature", "frequency_penalty", "presence_penalty")."""
        return cls(
            _number(context.get("temperature"), 0.0, 2.0),
            _number(context.get("frequency_penalty"), -2.0, 2.0),
            _number(context.get("presence_penalty"), -2.0, 2.0),
        )

    @property
    def tilt(self) -> float:
        """How far choices lean to the strange end of a bank (positive) or the plain end (negative); 0 as usual."""
        c = self.creativity
        low, high = USUAL_CREATIVITY
        if c is None or low <= c <= high:
            return 0.0
        return -(1 + 4 * (low - c) / low) if c < low else 1 + 4 * (c - high) / (2 - high)

    @property
    def plain(self) -> bool:
        """Creativity low enough for a plain, conventional pitch."""
        return self.creativity is not None and self.creativity <= LOW_CREATIVITY

    @property
    def strange(self) -> bool:
        """Creativity high enough for twists, a genre blend and a surprising ally."""
        return self.creativity is not None and self.creativity >= HIGH_CREATIVITY

    @property
    def repeats(self) -> float:
        """The frequency penalty where it has an effect, else 0."""
        return _live(self.frequency)

    @property
    def moves_on(self) -> float:
        """The presence penalty where it has an effect, else 0."""
        return _live(self.presence)

    @property
    def usual(self) -> bool:
        """Whether the knobs change nothing: the writer's own choices, word for word."""
        return not self.tilt and not self.repeats and not self.moves_on

    def weight(self, rank: float, overlap: int = 0, opening_used: bool = False, words: int = 0) -> float:
        """How much to favour an option at `rank` (0 the bank's plainest, 1 its strangest) that shares `overlap`
        words with what the pitch has said, starts the way an earlier sentence did, and is `words` long."""
        tilt = self.tilt
        # Low creativity favours a bank's first options steeply; high creativity favours the two thirds past its
        # plainest options alike, so strange pitches do not all take the same strangest option.
        score = 2 * tilt * rank if tilt < 0 else 3 * tilt * min(rank, 1 / 3)
        score -= self.repeats * (overlap + 2 * opening_used)
        if words and self.moves_on:
            score -= 0.3 * self.moves_on * math.log(max(words, 1))  # moving on: short beats; staying: long ones
        return math.exp(max(min(score, 30.0), -30.0))

    def sample(self, rng, options, k: int) -> list:
        """k different options, as rng.sample picks them, or leaning plain or strange by their rank."""
        options = list(options)
        if not self.tilt:
            return rng.sample(options, k)
        last = max(len(options) - 1, 1)
        pool, chosen = list(options), []
        for _ in range(min(k, len(pool))):
            pick = rng.choices(pool, [self.weight(options.index(o) / last) for o in pool])[0]
            pool.remove(pick)
            chosen.append(pick)
        return chosen


USUAL = Knobs()


def _live(value: float | None) -> float:
    return value if value is not None and abs(value) >= DEAD_ZONE else 0.0


def _number(value: Any, low: float, high: float) -> float | None:
    """The value as a number within [low, high]; None when it is missing or not a number."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if math.isnan(number):
        return None
    return min(max(number, low), high)
