"""New titles in a pitch meeting: punchier, more playful, simply another, one the person names, or one that
fits a new genre; never the title already on show."""

from __future__ import annotations

import re

from .. import lexicon as lx
from ..plan import StoryPlan, rng_for
from ..titles import GENRE_PATTERNS, PLAYFUL_PATTERNS, candidates, make_title, title_case, title_noun
from .asks import Ask


def new_title(plan: StoryPlan, ask: Ask, angle: int = 0) -> str:
    """The title a title request asks for; `angle` takes the next one along for another alternative."""
    current = plan.title
    if ask.value == "exact":
        words = re.sub(r"[<>{}\[\]*_`#\"\u201c\u201d]", "", ask.detail).split()[:7]
        return title_case(" ".join(words)) if words else current
    if plan.language != "en" or plan.premise.mode == "quoted":
        options = candidates(plan)
    elif ask.value == "playful":
        options = _playful(plan)
    elif ask.value == "punchy":
        # The shortest titles first: three words or fewer, then the next shortest, so three alternatives exist.
        options = sorted(_own(plan), key=lambda t: (len(t.split()) > 3, len(t.split()), len(t)))
    else:
        options = _own(plan) + _playful(plan)
    return _pick([t for t in dict.fromkeys(options) if t != current], angle) or current


# Titles that say the style a meeting asked for.
STYLE_TITLES = {
    "heist": ("The Great {Noun} Heist", "The {Noun} Job", "{Noun} Heist", "Steal the {Noun}"),
    "mystery": ("The {Noun} Mystery", "Who Took the {Noun}?", "The Case of the {Noun}"),
    "western": ("A Fistful of {Nouns}", "The {Noun} Kid", "High Noon for the {Noun}"),
    "musical": ("{Noun}! The Musical", "Sing, {Noun}, Sing", "The {Noun} Song"),
}


def genre_title(plan: StoryPlan, current: str, angle: int = 0) -> str:
    """A title for a plan whose genre changed, from the new genre's (or style's) patterns; never the one on
    show."""
    if plan.language != "en" or plan.premise.mode == "quoted":  # titles in the idea's own language and style
        return _pick([t for t in candidates(plan) if t != current], angle) or current
    noun = title_noun(plan) or plan.premise.main_noun
    style = plan.extras.get("style")
    own = [title_case(p.format(Noun=noun, Nouns=lx.plural(noun))) for p in STYLE_TITLES.get(style, ())] if noun else []
    own += [title_case(p.format(Noun=noun, Nouns=lx.plural(noun))) for p in GENRE_PATTERNS[plan.genre]] if noun else []
    first = make_title(plan, rng_for(plan.idea, plan.seed, f"title:{plan.label}"))
    options = [t for t in dict.fromkeys(own + [first] + candidates(plan)) if t != current and len(t.split()) <= 7]
    return _pick(options, angle) or current


def _own(plan: StoryPlan) -> list[str]:
    found = candidates(plan)
    noun = title_noun(plan) or plan.premise.main_noun
    if noun:
        found.append(title_case(f"The {noun}"))
    return found


def _playful(plan: StoryPlan) -> list[str]:
    noun = title_noun(plan) or plan.premise.main_noun or "stranger"
    found = [title_case(p.format(Noun=noun, Nouns=lx.plural(noun))) for p in PLAYFUL_PATTERNS]
    rng = rng_for(plan.idea, plan.seed, "playful")
    rng.shuffle(found)
    return [t for t in found if len(t.split()) <= 7]


def _pick(options: list[str], angle: int) -> str:
    return options[angle % len(options)] if options else ""
