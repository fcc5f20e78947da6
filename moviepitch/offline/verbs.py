"""Verb phrases: the idea's predicate, re-inflected for the sentence it goes into.

"trains a hockey team of misfits" can become "train a hockey team of misfits" (after "to"),
"training a hockey team of misfits" (after "starts") or "trained a hockey team of misfits" (a title).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import lexicon as lx
from .phrases import PAIRS, NounPhrase, nounish, parse_noun_phrase

# Verbs that take another verb's gerund, and how the pair reads as a gerund itself.
# fmt: off
_ASPECT = {"start": "starting to {then}", "begin": "beginning to {then}", "continue": "continuing to {then}",
           "keep": "forever {ing}", "stop": "no longer {ing}", "try": "trying to {then}"}
# fmt: on
# What a modal becomes where a modal cannot stand: after "to", or as a gerund.
_MODAL_BASE = {"must": "have to", "can": "be able to", "could": "be able to"}
_MODAL_GERUND = {"must": "having to", "can": "being able to", "could": "being able to"}


@dataclass(frozen=True)
class VerbPhrase:
    """One verb with what follows it: "must win one last fight", goal "to save his family's bakery"."""

    verb: str  # the main verb as written: "win", "trains", "is"
    lemma: str  # "win", "train", "be"
    aux: str = ""  # "must", "is", "has" (the auxiliary before the main verb)
    adverb: str = ""  # "only", "accidentally"
    rest: tuple[str, ...] = ()  # the words after the verb, before the goal
    goal: str = ""  # "to save his family's bakery"
    object: NounPhrase | None = None

    @property
    def copula(self) -> bool:
        """Whether the verb is "to be" with no other verb ("is the only one awake")."""
        return self.lemma == "be" and not self.aux

    def render(self, form: str, plural: bool = False, goal: bool = True) -> str:
        """The phrase as "finite" (present tense), "base" (after "to"), "gerund" or "past"."""
        rest = list(self.rest)
        if (
            form == "gerund"
            and not self.aux
            and rest
            and rest[0].lower().endswith("ing")
            and "VBG" in lx.verb_forms(rest[0])
            and self.lemma in _ASPECT
        ):
            # "starts drifting" is "starting to drift" as a gerund, never "starting drifting".
            then = lx.lemma(rest[0], "VERB")
            lead = _ASPECT[self.lemma]
            words = [*([self.adverb] if self.adverb else []), *(lead.format(then=then, ing=rest[0]).split()), *rest[1:]]
            if goal and self.goal:
                words.append(self.goal)
            return " ".join(w for w in words if w).replace(" ,", ",").replace(" 's", "'s")
        words = [*self._verb_words(form, plural), *rest]
        if goal and self.goal:
            words.append(self.goal)
        return " ".join(w for w in words if w).replace(" ,", ",").replace(" 's", "'s")

    def _verb_words(self, form: str, plural: bool) -> list[str]:
        adverb = [self.adverb] if self.adverb else []
        aux = self.aux.lower()
        if aux in lx.MODALS:
            if form == "finite":
                return [aux, *adverb, self.verb]
            if form == "past":
                return [{"must": "had to", "can": "could", "will": "would"}.get(aux, aux), *adverb, self.verb]
            table = _MODAL_GERUND if form == "gerund" else _MODAL_BASE
            lead = table.get(aux, "")
            main = lx.inflect(self.lemma, "VBG") if form == "gerund" and not lead else self.verb
            return [lead, *adverb, main]
        if aux:  # "is guarded", "are stuck", "has lost"
            lemma = "be" if aux in lx.BE else "have"
            return [_form(lemma, form, plural), *adverb, self.verb]
        return [*adverb, _form(self.lemma, form, plural)]


def _form(lemma: str, form: str, plural: bool) -> str:
    if form == "finite":
        if lemma == "be":
            return "are" if plural else "is"
        return lx.inflect(lemma, "VBP" if plural else "VBZ") if not plural else lemma
    if form == "past":
        if lemma == "be":
            return "were" if plural else "was"
        return lx.inflect(lemma, "VBD")
    if form == "gerund":
        return lx.inflect(lemma, "VBG")
    return lemma


def _verb_start(tokens: list[str], k: int, plural: bool) -> bool:
    """Whether a verb phrase for the same subject starts at k ("and is terrified", "and only want")."""
    while k < len(tokens) and tokens[k].lower() in lx.ADVERBS:
        k += 1
    if k >= len(tokens):
        return False
    low = tokens[k].lower()
    if low in lx.MODALS:
        return True
    if low in lx.BE | lx.HAVE:
        return low in (("are", "were", "have") if plural else ("is", "was", "has"))
    if k + 1 >= len(tokens) and lx.can_be(low, "NOUN"):
        return False  # "a bed and breakfast": a noun ends the idea, not a verb
    return bool(lx.verb_forms(low) & ({"VBP"} if plural else {"VBZ"})) and not nounish(tokens[k - 1])


def parse_verb_phrase(tokens: list[str], start: int, plural: bool) -> tuple[tuple[VerbPhrase, ...], str]:
    """The verb phrases from `start` (joined by "and"), and any second clause ("and the survivors ...")."""
    phrases: list[VerbPhrase] = []
    k = start
    while k < len(tokens):
        phrase, k = _one_phrase(tokens, k, plural)
        phrases.append(phrase)
        if k < len(tokens) and tokens[k].lower() in ("and", "but") and _verb_start(tokens, k + 1, plural):
            k += 1
            continue
        break
    extra = " ".join(tokens[k:]).replace(" ,", ",").replace(" 's", "'s").strip(", ")
    return tuple(phrases), extra


def _one_phrase(tokens: list[str], k: int, plural: bool) -> tuple[VerbPhrase, int]:
    aux = adverb = ""
    low = tokens[k].lower()
    if low in lx.MODALS | lx.BE | lx.HAVE and k + 1 < len(tokens):
        j = k + 1
        while j < len(tokens) and tokens[j].lower() in lx.ADVERBS | {"not"}:
            j += 1
        nxt = tokens[j].lower() if j < len(tokens) else ""
        forms = lx.verb_forms(nxt)
        modal_verb = low in lx.MODALS and forms & {"VB"}
        aux_verb = low in lx.BE and forms & {"VBN", "VBG"} or low in lx.HAVE and forms & {"VBN"}
        if modal_verb or aux_verb:
            aux, adverb = tokens[k], " ".join(tokens[k + 1 : j])
            k = j
    elif low in lx.ADVERBS:
        adverb = tokens[k]
        k += 1
    verb = tokens[k]
    lemma = lx.lemma(verb, "AUX" if verb.lower() in lx.BE | lx.HAVE | lx.MODALS else "VERB")
    end = _phrase_end(tokens, k + 1, plural)
    rest = tokens[k + 1 : end]
    # "teaches a parrot to sing": the infinitive says what the parrot is to do, not why the hero acts.
    goal_at = None if lemma in _CONTROL else _goal_start(rest)
    goal = " ".join(rest[goal_at:]).replace(" 's", "'s") if goal_at is not None else ""
    rest = rest[:goal_at] if goal_at is not None else rest
    if goal and (found := _discovery(goal.split())):
        # "returns home to find her village has forgotten her" is what awaits, not what she wants.
        rest, goal = [*rest, *found], ""
    obj = None
    rest = _with_that(rest) if lemma in _THAT_VERBS else rest
    # "discovers that every book rewrites history": a clause, not an object.
    if (
        rest
        and rest[0].lower() != "that"
        and (rest[0].lower() in lx.DETERMINERS or rest[0].lower() in lx.NUMBERS or nounish(rest[0]))
    ):
        found, _ = parse_noun_phrase(rest, 0, greedy=False)
        obj = found if found.head else None
    return VerbPhrase(verb=verb, lemma=lemma, aux=aux, adverb=adverb, rest=tuple(rest), goal=goal, object=obj), end


# Verbs that take a clause for their object ("discovers her garden is growing").
# fmt: off
_THAT_VERBS = frozenset({"discover", "realise", "realize", "learn", "find", "think", "believe", "know", "notice",
                         "decide", "suspect", "fear", "claim", "prove", "announce", "say", "insist", "hear", "see",
                         "understand", "remember", "forget", "dream", "hope", "wish", "swear", "pretend"})
# fmt: on


def _with_that(rest: list[str]) -> list[str]:
    """A clause after the verb gets its "that": "discovers that her garden is growing", "realise that they are"."""
    if not rest or rest[0].lower() in ("that", "to") or rest[0].lower() in lx.PREPOSITIONS:
        return rest
    phrase, end = parse_noun_phrase(rest, 0, greedy=False)
    if rest[0].lower() in lx.PRONOUNS and rest[0].lower() not in ("him", "her", "them", "me", "us", "it"):
        end = 1
    elif not phrase.head:
        return rest
    nxt = rest[end].lower() if end < len(rest) else ""
    if nxt in lx.BE | lx.HAVE | lx.MODALS or lx.verb_forms(nxt) & {"VBZ", "VBD"} and not lx.can_be(nxt, "NOUN"):
        return ["that", *rest]
    return rest


def _phrase_end(tokens: list[str], k: int, plural: bool) -> int:
    """Where this verb phrase stops: before "and" + another verb or another clause."""
    for j in range(k, len(tokens)):
        if tokens[j].lower() in ("and", "but") and j + 1 < len(tokens):
            if f"{tokens[j - 1]} and {tokens[j + 1]}".lower() in PAIRS:
                continue  # "run a bed and breakfast": one thing, not a second verb
            if _verb_start(tokens, j + 1, plural) or _starts_clause(tokens, j + 1):
                return j - (tokens[j - 1] == ",")
    return len(tokens)


# Pronouns that can start a second clause: "... and nobody can agree on who took it".
# fmt: off
_SUBJECT_PRONOUNS = frozenset({"nobody", "everyone", "everybody", "someone", "somebody", "no-one", "he", "she",
                               "they", "it", "we", "i", "you", "nothing", "everything", "something"})
# fmt: on


def _starts_clause(tokens: list[str], k: int) -> bool:
    """Whether a new subject and its verb start at k ("the survivors must walk", "nobody can agree")."""
    if tokens[k].lower() in _SUBJECT_PRONOUNS and k + 1 < len(tokens):
        nxt = tokens[k + 1].lower()
        return nxt in lx.MODALS | lx.BE | lx.HAVE or bool(lx.verb_forms(nxt) & {"VBZ", "VBP", "VBD"})
    j = k
    while j < len(tokens) and j - k < 6:
        low = tokens[j].lower()
        if (
            j > k
            and nounish(tokens[j - 1])
            and (low in lx.MODALS | lx.BE | lx.HAVE or lx.verb_forms(low) & {"VBZ", "VBP", "VBD"})
        ):
            return True
        if low in lx.PREPOSITIONS or low == ",":
            return False
        j += 1
    return False


# Verbs whose object takes its own infinitive: "teach a parrot to sing", "convince a ghost to leave".
# fmt: off
_CONTROL = frozenset({"teach", "ask", "convince", "persuade", "force", "help", "allow", "tell", "train", "invite",
                      "dare", "beg", "hire", "order", "trick", "bribe", "challenge", "encourage", "want"})
# fmt: on
_FINDS = frozenset({"find", "discover", "learn", "realise", "realize"})


def _discovery(goal: list[str]) -> list[str] | None:
    """A "to find" that a clause follows, as "only to find that ..."; None for a real goal ("to find a cure")."""
    if len(goal) < 4 or goal[1].lower() not in _FINDS:
        return None
    said = goal[2:]
    if said[0].lower() == "that":
        said = said[1:]
    elif not any(w.lower() in lx.BE | lx.HAVE | lx.MODALS or lx.verb_forms(w) & {"VBZ", "VBD"} for w in said[1:]):
        return None
    return ["only", "to", goal[1], "that", *said]


def _goal_start(rest: list[str]) -> int | None:
    """Where a purpose clause starts: "to learn to surf" after "move to Hawaii"."""
    for j in range(1, len(rest) - 1):
        prev = rest[j - 1]
        if (
            rest[j].lower() == "to"
            and "VB" in lx.verb_forms(rest[j + 1])
            and (nounish(prev) or prev.lower() in lx.PARTICLES)
        ):
            return j
    return None
