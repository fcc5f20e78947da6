"""What comes before an idea's subject: "When the internet goes down forever,", "In a city without music,",
"After losing his memory," or "Stranded on Mars,", and how an opener with no subject of its own gets one."""

from __future__ import annotations

from . import lexicon as lx
from .phrases import NounPhrase


def split_opener(tokens: list[str]) -> tuple[str, str, list[str]]:
    """Take off "When the internet goes down forever," or "In a city without music," before the subject."""
    first = tokens[0].lower()
    if first == "once" and len(tokens) > 2 and tokens[1].lower() in ("a", "an", "the") and "," in tokens[:8]:
        # "Once a famous chef, an old man ..." says what the subject was: "an old man who was once a famous chef".
        cut = tokens.index(",")
        if cut + 2 < len(tokens) and tokens[cut + 1].lower() in ("he", "she"):
            # "Once a famous magician, she now drives a taxi": the hero is "a former famous magician".
            return "", "", ["a", "former", *tokens[2:cut], *tokens[cut + 2 :]]
        if cut + 1 < len(tokens):
            return " ".join(tokens[1:cut]), "former", tokens[cut + 1 :]
    # A participle opens a time, not a place: "Hiding from the mob," is "while hiding from the mob".
    participle = first == "having" or "VBG" in lx.verb_forms(first) and not lx.can_be(first, "NOUN")
    state = _states(tokens)
    if "," in tokens[:14] and (
        first in lx.SUBORDINATORS or first in lx.PREPOSITIONS or first == "one" or participle or state
    ):
        cut = tokens.index(",")
        if cut + 1 < len(tokens):
            words = tokens[:cut]
            if participle:
                words = ["after" if first == "having" else "while", *words]
            elif state:  # "Stranded on Mars," says how the subject is: "when an astronaut is stranded on Mars"
                words = ["when", "is", *words]
            opener = " ".join([words[0].lower()] + words[1:])
            timely = first in lx.SUBORDINATORS or first in _TIME_PREPOSITIONS or participle or state
            return opener, "when" if timely else "place", tokens[cut + 1 :]
    return "", "", tokens


def _states(tokens: list[str]) -> bool:
    """Whether the idea opens with how its subject is: "Stranded on Mars, an astronaut ...", "Alone on the moon,
    a farmer ...", "Newly divorced, a dentist ..." (an adjective or a past participle, a comma, a noun phrase)."""
    if "," not in tokens[:14]:
        return False
    words = [w.lower() for w in tokens[: tokens.index(",") + 2]]
    first = words[1] if "ADV" in lx.tags(words[0]) and len(words) > 3 and "ADJ" not in lx.tags(words[0]) else words[0]
    # "Stuck in a time loop,": a participle before a preposition describes, though "stuck" can be a noun.
    participle = "VBN" in lx.verb_forms(first) and len(words) > 2 and words[words.index(first) + 1] in lx.PREPOSITIONS
    described = (
        (lx.can_be(first, "ADJ") or "VBN" in lx.verb_forms(first))
        and (not lx.can_be(first, "NOUN") or participle)
        and first not in lx.DETERMINERS
        and first not in lx.SUBORDINATORS
        and first not in lx.PREPOSITIONS
    )
    after = words[-1]
    name = tokens[len(words) - 1][:1].isupper() and not lx.is_known(after)
    return described and (after in lx.DETERMINERS or after in lx.NUMBERS or name)


# Prepositions that open a time, not a place: "During a blizzard,".
_TIME_PREPOSITIONS = frozenset({"during", "after", "before", "since", "until", "throughout"})


def own_subject(opener: str, subject: NounPhrase) -> str:
    """An opener with a participle given the idea's subject, so it dangles no more: "after losing his
    memory" becomes "after a chef loses his memory"; "after having won" becomes "after a janitor has won"."""
    words = opener.split()
    if len(words) < 2 or not subject.head:
        return opener
    verb = words[1].lower()
    plural = subject.plural
    if verb == "is" and len(words) > 2:  # a state: "when an astronaut is stranded on Mars"
        finite = ["are" if plural else "is"]
        rest = words[2:]
    elif verb == "having" and len(words) > 2:
        finite = ["have" if plural else "has", *words[2:3]]
        rest = words[3:]
    elif "VBG" in lx.verb_forms(verb) and "VERB" in lx.tags(verb):
        base = lx.lemma(verb, "VERB")
        finite = [base if plural else lx.inflect(base, "VBZ")]
        rest = words[2:]
    else:
        return opener
    return " ".join([words[0], subject.text(tail=False), *finite, *rest])
