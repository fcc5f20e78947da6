"""Relative clauses and agreement in an idea: where a "who", "that" or "where" clause ends and the idea's
own verb begins ("a village where nobody can lie elects a con artist"), and which verb agrees with what."""

from __future__ import annotations

from . import lexicon as lx
from .phrases import nounish


def agrees(word: str, plural: bool) -> bool:
    """Whether the word can be a finite verb for a subject of this number."""
    low = word.lower()
    if low in lx.MODALS:
        return True
    if low in lx.BE | lx.HAVE:
        return low in (("are", "were", "have", "had") if plural else ("is", "was", "has", "had"))
    forms = lx.verb_forms(low)
    return bool(forms & ({"VBP", "VBD"} if plural else {"VBZ", "VBD"}))


# Negated modals, written as one word: "a robot that can't lie".
NEGATED = frozenset(
    {
        "can't",
        "cannot",
        "won't",
        "doesn't",
        "don't",
        "didn't",
        "isn't",
        "aren't",
        "wasn't",
        "couldn't",
        "wouldn't",
        "shouldn't",
        "mustn't",
        "hasn't",
        "haven't",
    }
)


def main_after_relative(tokens: list[str], k: int, plural: bool) -> bool:
    """Whether a finite verb after a relative clause is the idea's main verb: "a village where nobody can
    lie elects a con artist" (a noun phrase or a preposition follows it), not the clause's object ("a
    detective who can smell lies investigates", where another verb follows)."""
    low = tokens[k].lower()
    nxt = tokens[k + 1].lower() if k + 1 < len(tokens) else ""
    if low in lx.MODALS and nounish(tokens[k - 1]) and "VB" in lx.verb_forms(nxt):
        return True  # "a knight who is afraid of horses must rescue a princess"
    if lx.can_be(low, "NOUN") and nxt in lx.MODALS:
        return False  # "a detective who can smell lies must ...": the modal is the idea's verb
    if (
        low in lx.MODALS
        or low in NEGATED
        or not agrees(low, plural)
        or not lx.verb_forms(low) & ({"VBP", "VBD"} if plural else {"VBZ", "VBD"})
        and low not in lx.BE | lx.HAVE
    ):
        return False
    prev, before = tokens[k - 1].lower(), tokens[k - 2].lower()
    if prev in lx.PREPOSITIONS and lx.can_be(low, "NOUN"):
        return False  # "a knight who is afraid of horses must ...": a preposition's noun, not a verb
    if lx.can_be(low, "NOUN") and lx.verb_forms(prev) and nxt.endswith("ing") and "VBG" in lx.verb_forms(nxt):
        return False  # "a teenager who can hear plants talking": the object of "hear", doing something
    # An adjective after "is" ("who is always late") says how the subject is; one after another verb
    # ("who sells hot dogs") describes the noun that follows it.
    predicative = before in lx.BE or before in lx.ADVERBS or "ADV" in lx.tags(before)
    if lx.can_be(low, "NOUN") and (
        prev in lx.DETERMINERS
        or lx.can_be(prev, "ADJ")
        and not lx.can_be(prev, "NOUN")
        and not lx.verb_forms(prev) & {"VBN", "VBD"}
        and not predicative
    ):
        return False
    if not nxt:  # "vampires who only drink oat milk": a last word after a noun is that noun's compound
        return not (lx.can_be(low, "NOUN") and nounish(tokens[k - 1]) and not lx.verb_forms(tokens[k - 1]))
    present = {"VBP"} if plural else {"VBZ"}
    return not (
        nxt not in lx.DETERMINERS
        and nxt not in lx.NUMBERS
        and nxt not in lx.PREPOSITIONS
        and nxt not in lx.PARTICLES
        and nxt not in lx.ADVERBS
        and lx.verb_forms(nxt) & present
    )


def agree_relatives(tokens: list[str]) -> list[str]:
    """Each "who"/"that" clause's verb agreeing with the noun it follows: "spies who plan", "a man who knows"."""
    out = list(tokens)
    for r, word in enumerate(tokens[1:-1], 1):
        if word.lower() not in ("who", "that", "which") or not nounish(tokens[r - 1]):
            continue
        v = r + 1
        while v < len(tokens) - 1 and tokens[v].lower() in lx.ADVERBS:
            v += 1
        low, forms = tokens[v].lower(), lx.verb_forms(tokens[v])
        if (
            low in lx.MODALS
            or not forms
            or "VBD" in forms
            or low in lx.BE | lx.HAVE
            and low not in ("is", "are", "has", "have")
        ):
            continue
        plural = plural_word(tokens[r - 1])
        base = lx.lemma(low, "VERB") if "VERB" in lx.tags(low) else lx.lemma(low, "AUX")
        if plural and "VBZ" in forms:
            out[v] = lx.inflect(base, "VBP") if base == "be" else base
        elif not plural and "VBZ" not in forms and forms & {"VBP"}:
            out[v] = lx.inflect(base, "VBZ")
    return out


def relative_as_clause(tokens: list[str]) -> tuple[list[str], int] | None:
    """A noun phrase whose relative clause says what it does, as a clause: "a man who knows too much"."""
    for r, word in enumerate(tokens[1:-1], 1):
        if word.lower() in ("who", "that", "which") and nounish(tokens[r - 1]):
            v = r + 1
            while v < len(tokens) - 1 and tokens[v].lower() in lx.ADVERBS:
                v += 1
            low = tokens[v].lower()
            if low in lx.MODALS or low in lx.BE | lx.HAVE or lx.verb_forms(low) & {"VBZ", "VBP", "VBD"}:
                clause = tokens[:r] + tokens[r + 1 :]
                plural = (
                    plural_word(tokens[r - 1]) and not group_of(tokens) and "of" not in [w.lower() for w in tokens[:r]]
                )
                if low in ("is", "are"):
                    clause[v - 1] = "are" if plural else "is"
                elif low not in lx.MODALS | lx.BE | lx.HAVE and "VBD" not in lx.verb_forms(low):
                    base = lx.lemma(low, "VERB")
                    clause[v - 1] = base if plural else lx.inflect(base, "VBZ")
                return clause, v - 1
            return None
    return None


def noun_before_verb(tokens: list[str], k: int, plural: bool) -> bool:
    """Whether a plural noun that could be a verb ("clowns") is followed by the verb that agrees ("inherits")."""
    if k + 1 >= len(tokens) or not lx.is_plural_noun(tokens[k]) or not lx.can_be(tokens[k], "NOUN"):
        return False
    nxt = tokens[k + 1].lower()
    after = tokens[k + 2].lower() if k + 2 < len(tokens) else ""
    if nxt in ("who", "that", "which") and after:
        # "a family of circus clowns that inherit": a verb is not followed by a relative pronoun and a verb.
        return after in lx.MODALS | lx.BE | lx.HAVE or after in NEGATED or bool(lx.verb_forms(after) & {"VBP", "VBD"})
    return (
        agrees(nxt, plural)
        and bool(lx.verb_forms(nxt) & {"VBZ", "VBD"})
        and (not after or after in lx.DETERMINERS | lx.PREPOSITIONS | lx.PARTICLES | lx.ADVERBS or after in lx.NUMBERS)
    )


def modifies_noun(tokens: list[str], k: int) -> bool:
    """Whether a word that could be a verb is a noun's modifier: "two rival ski instructors are trapped"."""
    if k + 2 >= len(tokens) or not lx.can_be(tokens[k], "NOUN") or not lx.can_be(tokens[k + 1], "NOUN"):
        return False
    return tokens[k + 2].lower() in lx.BE | lx.HAVE | lx.MODALS and tokens[k + 1].lower() not in lx.DETERMINERS


def group_of(tokens: list[str]) -> bool:
    """Whether the idea opens with a group of many: "a group of nuns", "the crew of pirates"."""
    from .nouns import GROUPS

    words = [w.lower() for w in tokens[:5]]
    return "of" in words and words.index("of") > 0 and words[words.index("of") - 1] in GROUPS


def plural_word(word: str) -> bool:
    """Whether a noun is plural; a name the lexicon does not know is one person, whatever its ending ("Holmes")."""
    if word[:1].isupper() and not lx.is_known(word):
        return False
    return lx.is_plural_noun(word)
