"""A change to one sentence of the synopsis ("Change this"): that sentence rewritten under the request, the
rest byte for byte as it is on show.

The writer knows which template wrote each sentence (the Chooser's trace), so the sentence is written
again from the same bank of templates, with the changed plan's facts: the villain's sentence stays a
villain's sentence, now darker, or in Tokyo. Its first mentions (the performers in brackets) stay.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .. import beats, genre_beats, idea_beats
from ..fill import cap, fills, tidy
from ..plan import StoryPlan
from ..story import write_synopsis

_BRACKETS = re.compile(r"\([^()]*\)")


def _banks() -> dict[str, tuple[str, str]]:
    """Each synopsis template and its bank: the bank's name, and for a table of banks the genre or tone
    ("ESCALATIONS", "thriller")."""
    found: dict[str, tuple[str, str]] = {}
    for module in (beats, idea_beats, genre_beats):
        for name, value in vars(module).items():
            if not name.isupper():
                continue
            banks = value.items() if isinstance(value, dict) else [("", value)]
            for key, bank in banks:
                if isinstance(bank, tuple) and all(isinstance(t, str) for t in bank):
                    found.update((t, (name, key if isinstance(key, str) else "")) for t in bank)
    return found


BANKS = _banks()


def sentences(text: str) -> list[str]:
    """The sentences of a text, as they are written in it."""
    return [s for s in re.split(r"(?<=[.!?])\s+|(?<=[.!?][\u201d\"])\s+", text.strip()) if s]


def rewrite(
    current: StoryPlan, changed: StoryPlan, passage: str, takes: int = 1, markers: tuple[str, ...] = ()
) -> list[str]:
    """Up to `takes` different rewrites of the passage (a sentence of the current synopsis) under the changed
    plan, those naming a marker (the new place, the new genre) first; [] when the passage is not one the
    writer wrote, or nothing else fits it."""
    target = " ".join(passage.split())
    old_trace: list = []
    write_synopsis(current, old_trace)
    found = next(((t, text, facts) for t, text, facts in old_trace if target in " ".join(text.split())), None)
    if found is None or found[0] not in BANKS:
        return []
    template, text, facts = found
    at = next((k for k, s in enumerate(sentences(text)) if " ".join(s.split()) == target), 0)
    name, key = BANKS[template]
    new_trace: list = []
    write_synopsis(replace(changed, characters=current.characters), new_trace)
    own = next(((t, f) for t, _, f in new_trace if BANKS.get(t, ("", ""))[0] == name), None)
    if own is not None:  # the changed plan writes this beat from its own bank: its genre's, its tone's
        key = BANKS[own[0]][1]
    new_facts = own[1] if own else facts
    options = ([own[0]] if own else []) + [t for t, bank in BANKS.items() if bank == (name, key) and t != template]
    brackets = set(_BRACKETS.findall(target))
    rewrites: list[str] = []
    for option in dict.fromkeys(options):
        # The new plan's facts (its place, its label), but the old sentence's people, so first mentions stay.
        candidate = _filled(option, {**new_facts, **{k: v for k, v in facts.items() if k in _NAMES}})
        if candidate is None:
            continue
        parts = sentences(candidate)
        sentence = parts[min(at, len(parts) - 1)]
        if (
            set(_BRACKETS.findall(sentence)) == brackets
            and " ".join(sentence.split()) != target
            and sentence not in rewrites
        ):
            rewrites.append(sentence)
    rewrites.sort(key=lambda line: not any(m and m in line for m in markers))  # stable: the beat's own first
    return rewrites[:takes]


# Facts that name people: the sentence keeps the ones it had, so its first mentions stay first mentions.
_NAMES = frozenset({"lead", "heroes", "ally", "villain", "wildcard", "companion", "heroes_with_ally", "desc"})


def _filled(template: str, facts: dict) -> str | None:
    """The template filled, or None when the facts lack one of its slots."""
    return tidy(cap(template.format_map(facts))) if fills(template, facts) else None


def replaced(synopsis: str, passage: str, sentence: str) -> str:
    """The synopsis with the passage, and only the passage, replaced by the new sentence."""
    return synopsis.replace(passage.strip(), sentence, 1)
