"""Noun phrases: "a retired ballerina", "three dogs", "a flock of parrots in a trench coat"."""

from __future__ import annotations

from dataclasses import dataclass

from . import lexicon as lx
from .nouns import gender_of_noun, kind_of

_STOPS = lx.PREPOSITIONS | lx.RELATIVES | lx.CONJUNCTIONS | lx.SUBORDINATORS | {",", "'s", "to", "vs", "versus"}


def nounish(word: str) -> bool:
    """Whether the word can head a noun phrase: a noun, a name, or a word the lexicon does not know."""
    low = word.lower()
    if (
        not word
        or low in _STOPS
        or low in lx.DETERMINERS
        or low in lx.PRONOUNS
        or low in lx.MODALS
        or low in lx.WH_WORDS
        or low in lx.NUMBERS
        and low not in ("twin", "twins")
    ):
        return False
    if low in lx.BE | lx.HAVE | lx.ADVERBS | lx.PARTICLES - {"home"}:
        return False
    found = lx.tags(word)
    return "NOUN" in found or not found or word[:1].isupper() and "ADJ" not in found


@dataclass(frozen=True)
class NounPhrase:
    """A noun phrase, in the parts a sentence can be rebuilt from."""

    det: str = ""  # "a", "the", "three", "her"; "" for a bare noun
    possessor: str = ""  # "a farmer" in "a farmer's scarecrow"
    modifiers: tuple[str, ...] = ()  # "retired" in "a retired ballerina"
    head: str = ""  # the noun as written: "sisters"
    tail: str = ""  # what follows the noun: "of misfits", "who can smell lies"
    count: int | None = None  # 2 for "two sisters"
    number: str = ""  # the number as written: "two"
    # What the clause makes of a noun WordNet files first as a thing: "person" for "an aging rock star
    # moves back in with his mother", "creature" for "a sloth enters a contest" (see nouns.agent_kind).
    agent: str = ""

    @property
    def lemma(self) -> str:
        """The head noun in the singular, lower case unless it is a name."""
        if self.proper:
            return self.head
        return lx.singular(self.head) if self.plural else self.head.lower()

    @property
    def plural(self) -> bool:
        """Whether the phrase names more than one."""
        if self.count is not None:
            return self.count > 1
        return lx.is_plural_noun(self.head) and not self.proper

    @property
    def proper(self) -> bool:
        """Whether the phrase is a name ("Sherlock Holmes")."""
        words = [*self.modifiers, self.head]
        return (
            bool(self.head)
            and not self.det
            and all(w[:1].isupper() for w in words)
            and not lx.can_be(self.head, "NOUN")
        )

    @property
    def core(self) -> str:
        """The modifiers and the noun, with no article: "retired ballerina"."""
        return " ".join(
            w
            if w[:1].isupper()
            and (w.isupper() or not lx.can_be(w, "ADJ") or w != w.title())
            and not self._sentence_start(w)
            else w.lower()
            for w in [*self.modifiers, self.head]
        )

    def _sentence_start(self, word: str) -> bool:
        # The idea's first word is capitalised for the sentence, not because it is a name.
        first = (self.modifiers or (self.head,))[0]
        return word is first and not self.det and lx.is_known(word) and not word.isupper()

    @property
    def kind(self) -> str:
        """person, creature, group or thing."""
        if self.proper:
            return "person"
        return self.agent or kind_of(self.lemma, self.modifiers)

    @property
    def gender(self) -> str:
        """she, he or "" by what the words say."""
        for word in (self.head, *self.modifiers):
            found = gender_of_noun(lx.singular(word))
            if found:
                return found
        return ""

    @property
    def members(self) -> str:
        """Who a group is made of: "parrots" for "a flock of parrots"; "" when the tail says nothing."""
        words = self.tail.split()
        # "a heist crew made entirely of golden retrievers", "a band made up of robots"
        if len(words) >= 3 and words[0] in ("made", "composed", "formed"):
            words = words[words.index("of") :] if "of" in words[1:4] else words
        if len(words) >= 2 and words[0] == "of":
            rest = [w for w in words[1:] if w.lower() not in lx.DETERMINERS]
            cut = next((i for i, w in enumerate(rest) if w.lower() in _STOPS), len(rest))
            return " ".join(rest[:cut])
        return ""

    def counted(self, count: int, tail: bool = True) -> str:
        """The phrase with a number word for `count` of them: "three monks"; "twin sisters" are two already."""
        number = lx.NUMBER_WORDS[count] if count < len(lx.NUMBER_WORDS) else ""
        if "twin" in (m.lower() for m in self.modifiers):
            number = ""
        return f"{number} {self.text('', tail=tail, number=False)}".strip()

    def text(self, article: str | None = None, tail: bool = True, number: bool = True) -> str:
        """The phrase as written, with its own article or the one given ("the", "a", "")."""
        det = self.det if article is None else article
        body = f"{self.number} {self.core}" if number and self.number else self.core
        if self.possessor:
            body = f"{self.possessor}'s {body}"
            det = ""  # "the world's worst magician" already has its article
        if det in ("a", "an"):
            phrase = lx.article(body)
        else:
            phrase = f"{det} {body}".strip()
        return f"{phrase} {self.tail}".strip() if tail and self.tail else phrase


def parse_noun_phrase(tokens: list[str], start: int, greedy: bool = True) -> tuple[NounPhrase, int]:
    """The noun phrase starting at `start`, and where it ends; `greedy` keeps everything after the noun."""
    j, det, count, possessor, number = start, "", None, "", ""
    words: list[str] = []
    while j < len(tokens):
        word, low = tokens[j], tokens[j].lower()
        if low in ("twin", "twins") and not words:
            count = 2
            words.append(low)
        elif low in lx.NUMBERS and not words and not number:
            count, number = lx.NUMBERS[low], low
        elif low in lx.DETERMINERS and not words and not det:
            det = low
        elif low in lx.PRONOUNS and not words and not det:
            return NounPhrase(head=low), j + 1
        elif word == "'s" and words:
            possessor = " ".join(filter(None, [det, *words]))
            det, words = "", []
        elif low in _STOPS or low in lx.BE | lx.HAVE | lx.MODALS or (words and not _joins(word)):
            break
        elif words and low == "next" and j + 1 < len(tokens) and tokens[j + 1].lower() in ("door", "to"):
            break  # "a flower shop next door to a police station": the shop, and where it is
        elif words and _participle_clause(tokens, j) and lx.is_plural_noun(words[-1]):
            break  # "ghosts running a bed and breakfast": the ghosts, and what they are doing
        else:
            words.append(word)
        j += 1
    if not words:
        return NounPhrase(det=det, count=count, number=number), j
    # A trailing adjective ("the only one awake") stays with the head before it.
    while len(words) > 1 and not nounish(words[-1]) and nounish(words[-2]):
        j -= 1
        words.pop()
    pair = f"{words[-1]} and {tokens[j + 1]}".lower() if j + 1 < len(tokens) else ""
    if (
        tokens[j : j + 1] == ["and"]
        and nounish(tokens[j + 1])
        and (j + 2 == len(tokens) or pair in PAIRS and tokens[j + 2].lower() in lx.PREPOSITIONS)
    ):
        words += ["and", tokens[j + 1]]  # "a bed and breakfast": one thing with two nouns
        j += 2
    end = j
    tail_words: list[str] = []
    if greedy:
        tail_words, end = tokens[j:], len(tokens)
    elif j + 1 < len(tokens) and tokens[j].lower() == "of":
        inner, end = parse_noun_phrase(tokens, j + 1, greedy=False)
        tail_words = ["of", inner.text()]
    phrase = NounPhrase(
        det=det,
        possessor=possessor,
        modifiers=tuple(words[:-1]),
        head=words[-1],
        tail=" ".join(tail_words).replace(" ,", ","),
        count=count,
        number=number,
    )
    return phrase, end


# Two nouns that make one thing, wherever they stand: "a bed and breakfast in Scotland".
PAIRS = frozenset({"bed and breakfast", "fish and chips", "rock and roll", "bread and butter", "salt and pepper"})


def _participle_clause(tokens: list[str], j: int) -> bool:
    """Whether an -ing word starts a clause of its own: an object or a place follows it ("running a bed")."""
    low = tokens[j].lower()
    nxt = tokens[j + 1].lower() if j + 1 < len(tokens) else ""
    return low.endswith("ing") and "VBG" in lx.verb_forms(low) and (nxt in lx.DETERMINERS or nxt in lx.PREPOSITIONS)


def _joins(word: str) -> bool:
    """Whether a word can carry on a noun phrase: an adjective, a noun, a participle or a name."""
    low = word.lower()
    if (
        low in _STOPS
        or low in lx.PRONOUNS
        or low in lx.ADVERBS
        or low in lx.DETERMINERS
        or low in lx.NUMBERS
        and low not in ("twin", "twins")
    ):
        return False
    found = lx.tags(word)
    if not found:
        return True
    forms = lx.verb_forms(low)
    if "NOUN" in found or "ADJ" in found:
        return not (forms & {"VBZ"} and "NOUN" not in found)
    return bool(forms & {"VBG", "VBN"}) and low.endswith(("ing", "ed"))
