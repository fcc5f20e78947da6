"""Reading an English idea: a clause or a noun phrase, its subject, verb, object, goal and setting.

"A retired ballerina trains a hockey team of misfits" is a clause: subject "a retired ballerina",
verb "train", object "a hockey team of misfits". "The last tree on Mars" is a noun phrase.
The parts of speech come from the lexicon; which reading fits comes from agreement (a singular
subject takes "trains", a plural one "train") and from where each word stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from . import lexicon as lx
from .nouns import agent_kind
from .openers import own_subject, split_opener
from .phrases import NounPhrase, nounish, parse_noun_phrase
from .relatives import (
    NEGATED,
    agree_relatives,
    agrees,
    group_of,
    main_after_relative,
    modifies_noun,
    noun_before_verb,
    plural_word,
    relative_as_clause,
)
from .verbs import VerbPhrase, parse_verb_phrase


@dataclass(frozen=True)
class Reading:
    """What an idea says, in parts a writer can rebuild sentences from."""

    text: str  # the idea, cleaned: no markup, no emoji, no final full stop
    shape: str  # "clause" or "phrase" ("empty" for an idea with no words)
    subject: NounPhrase | None
    partners: tuple[NounPhrase, ...] = ()  # "a jazz trumpeter and a mime": the mime
    predicate: tuple[VerbPhrase, ...] = ()  # one verb phrase, or several joined by "and"
    extra: str = ""  # a second clause: "and the survivors must walk home"
    opener: str = ""  # a clause or phrase before the subject: "when the internet goes down forever"
    opener_kind: str = ""  # "when" (a subordinate clause) or "place" (a scene-setting phrase)
    places: tuple[str, ...] = ()  # named places, as written: "Paris", "the Andes"
    settings: tuple[NounPhrase, ...] = ()  # noun phrases of places: "a small Ohio town"
    nouns: tuple[NounPhrase, ...] = field(default_factory=tuple)  # every noun phrase, in order
    # How the hero was found when the subject is not a person: "second" (the person of a second
    # clause, the first clause becoming the opener) or "passive" (the person the verb acts on).
    recast: str = ""

    @property
    def verb(self) -> VerbPhrase | None:
        """The main verb phrase, if the idea is a clause."""
        return self.predicate[0] if self.predicate else None


_MARKUP = re.compile(r"<[^>]*>|&[a-z]+;|[*_`#~]+")
_SYMBOLS = re.compile(r"[^\w\s'’,;:.!?&-]")


def clean(idea: str) -> str:
    """The idea as words: markup, emoji and stray symbols removed, one space between words."""
    text = _MARKUP.sub(" ", idea or "")
    text = _SYMBOLS.sub(" ", text).replace("’", "'").replace("&", "and")
    return " ".join(text.split()).strip(" .!?;:,-")


def tokens_of(text: str) -> list[str]:
    """Words, with commas and possessive 's as tokens of their own."""
    text = re.sub(r"(\w)'s\b", r"\1 's", text)
    # "a T. rex skeleton": a capital's full stop before a word in lower case is an abbreviation's, and stays.
    return re.findall(r"'s\b|\b[A-Z]\.(?= [a-z])|[\w][\w'-]*|,", text)


def read_idea(idea: str) -> Reading:
    """Read an English idea into its parts."""
    text = clean(idea)
    tokens = _sentence_case(tokens_of(text))
    # "Grandma vs. the internet": a grandma at war with the internet.
    tokens = [w for t in tokens for w in (("at", "war", "with") if t.lower() in ("vs", "versus") else (t,))]
    if not tokens:
        return Reading(text="", shape="empty", subject=None)
    opener, opener_kind, tokens = split_opener(tokens)
    tokens = agree_relatives(tokens)
    # "now" before a verb only marks a change the sentences already tell ("Then he now works" trips a reader).
    tokens = [
        w
        for i, w in enumerate(tokens)
        if not (w.lower() == "now" and 0 < i < len(tokens) - 1 and lx.verb_forms(tokens[i + 1]) & {"VBZ", "VBP", "VBD"})
    ]
    verb_at, partners_at = _find_verb(tokens)
    if verb_at is None and (clause := relative_as_clause(tokens)):
        # "A band of retired spies who plan one last heist" is the clause "a band ... plans one last heist".
        tokens, verb_at = clause
    # A time opener's named places are the idea's too: "Stranded on Mars, an astronaut ...".
    places = tuple(dict.fromkeys(_places(tokens) + (_places(tokens_of(opener)) if opener_kind == "when" else ())))
    if verb_at is None:
        subject, _ = parse_noun_phrase(tokens, 0)
        nouns = _all_nouns(tokens)
        if opener_kind == "when":
            opener = own_subject(opener, subject)
        return Reading(
            text=text,
            shape="phrase",
            subject=subject,
            opener=opener,
            opener_kind=opener_kind,
            places=places,
            settings=_settings(tokens, subject),
            nouns=nouns,
        )
    # An adverb before the verb is the verb's ("a cruise line accidentally books"), not the subject's.
    while verb_at > 1 and tokens[verb_at - 1].lower() in lx.ADVERBS and tokens[verb_at - 2].lower() not in lx.ADVERBS:
        verb_at -= 1
    subject, _ = parse_noun_phrase(tokens[: verb_at if not partners_at else partners_at[0] - 1], 0)
    subject = _as_agent(subject, tokens[verb_at:])
    if opener_kind == "former":
        was = "were" if subject.plural else "was"
        subject = replace(subject, tail=f"{subject.tail} who {was} once {opener}".strip())
        opener, opener_kind = "", ""
    if opener_kind == "when":
        opener = own_subject(opener, subject)
    partners = tuple(
        parse_noun_phrase(tokens[start:end], 0)[0]
        for start, end in zip(partners_at, [p - 1 for p in partners_at[1:]] + [verb_at])
    )
    plural = subject.plural or bool(partners)
    predicate, extra = parse_verb_phrase(tokens, verb_at, plural)
    verbs = {vp.verb for vp in predicate}
    # "returns home" is the verb and its adverb, not a noun phrase "returns home".
    nouns = (
        subject,
        *partners,
        *(p for p in _all_nouns(tokens[verb_at:]) if p.head not in verbs and not verbs & set(p.modifiers)),
    )
    return Reading(
        text=text,
        shape="clause",
        subject=subject,
        partners=partners,
        predicate=predicate,
        extra=extra,
        opener=opener,
        opener_kind=opener_kind,
        places=places,
        # The subject's words and the predicate's apart: "a soldier on the moon keeps ..."
        settings=_settings(tokens[:verb_at], subject) + _settings(tokens[verb_at:], subject),
        nouns=nouns,
    )


def _sentence_case(tokens: list[str]) -> list[str]:
    """The first word in lower case when its capital is only the sentence's: "Heist" is a heist, not a
    name; "Sherlock Holmes" (two capitals) and unknown words ("Zorblax") stay names."""
    if not tokens:
        return tokens
    first = tokens[0]
    from .nouns import wordnet_code

    followed = len(tokens) > 1 and tokens[1][:1].isupper()
    if first[:1].isupper() and not first.isupper() and not followed and (lx.is_known(first) or wordnet_code(first)):
        return [first.lower(), *tokens[1:]]
    return tokens


def _find_verb(tokens: list[str]) -> tuple[int | None, list[int]]:
    """Where the main verb is, and where each coordinated subject starts ("a trumpeter and a mime")."""
    head_plural, in_phrase, relative, rel_end = None, False, False, -1
    partners: list[int] = []
    for k, word in enumerate(tokens):
        low = word.lower()
        prev = tokens[k - 1] if k else ""
        if low == "and" and k and not in_phrase and not relative and nounish(prev):
            nxt = tokens[k + 1].lower() if k + 1 < len(tokens) else ""
            if nxt in lx.DETERMINERS or nxt in lx.NUMBERS or nounish(tokens[k + 1] if k + 1 < len(tokens) else ""):
                partners.append(k + 1)
                in_phrase = False
                continue
        if low in lx.RELATIVES and k and nounish(prev):
            relative, rel_end = True, -1
            continue
        if relative and rel_end < 0:
            if prev.lower() == "whose":
                continue  # "whose shadow runs away": the noun after "whose" is the clause's subject
            if low in lx.MODALS | lx.BE | lx.HAVE or low in NEGATED or lx.verb_forms(low):
                # The relative clause's own verb group: "who can smell", "that moves".
                nxt = tokens[k + 1].lower() if k + 1 < len(tokens) else ""
                if not (lx.verb_forms(nxt) and (low in lx.MODALS | lx.BE | lx.HAVE)):
                    rel_end = k
            continue
        if low in lx.PREPOSITIONS and k:
            in_phrase = True
            continue
        if k == 0 or low in lx.DETERMINERS or low in lx.NUMBERS:
            if k == 0 and nounish(word) or low in ("twin", "twins"):
                head_plural = plural_word(word) or low == "twins"
            continue
        plural = bool(partners) or bool(head_plural)
        if relative and k > rel_end >= 0:
            if main_after_relative(tokens, k, plural):
                return k, partners
            continue  # the relative clause's own words, up to the main verb
        if relative and k <= rel_end + 1 and (low not in lx.MODALS | lx.BE | lx.HAVE):
            continue  # the relative clause's object comes before the main verb
        if (
            in_phrase
            and (noun_before_verb(tokens, k, plural) or _compound_head(tokens, k))
            or modifies_noun(tokens, k)
            or _compound_head(tokens, k, verb_only=True)
        ):
            continue  # "a family of circus clowns inherits": "clowns" ends the noun phrase
        if in_phrase and lx.can_be(low, "NOUN") and (k + 1 == len(tokens) or _noun_only(tokens[k + 1])):
            continue  # "zombies in a high school chess club": "school" and "club" are nouns, not verbs
        if _reduced_relative(tokens, k):
            continue  # "a heist crew made entirely of golden retrievers", "a boy raised by wolves": no verb yet
        # "A group of nuns run ...": a group of many agrees either way.
        agreeing = (
            agrees(low, plural)
            or group_of(tokens)
            and agrees(low, True)
            and not (k + 1 < len(tokens) and lx.verb_forms(tokens[k + 1]) & {"VBZ", "VBD"})
        )  # "a trench coat pretends"
        # "A mother of four becomes ...": a number after "of" ends the subject too.
        counted = prev.lower() in lx.NUMBERS and k >= 2 and tokens[k - 2].lower() == "of"
        if (nounish(prev) or prev.lower() in lx.ADVERBS or counted) and agreeing and not _ends_noun_phrase(tokens, k):
            return k, partners
        if nounish(word) and not in_phrase and not relative:
            head_plural = plural_word(word) or tokens[0].lower() in lx.NUMBERS and tokens[0].lower() != "one"
    return None, partners


def _noun_only(word: str) -> bool:
    """A noun the lexicon knows no verb for: "chess", "club" (never "out" or "home")."""
    return nounish(word) and "NOUN" in lx.tags(word) and not lx.verb_forms(word)


def _compound_head(tokens: list[str], k: int, verb_only: bool = False) -> bool:
    """A singular noun after "a retirement", "a road" ends that noun ("vampires in a retirement home",
    "grandmothers on a road trip to Las Vegas"), unless an object follows it as it would a verb.
    `verb_only`: only when the verb comes next ("a boy and his robot dog cross the desert")."""
    low = tokens[k].lower()
    if k < 2 or tokens[k - 2].lower() not in _COMPOUND_DETERMINERS or not nounish(tokens[k - 1]):
        return False
    if not lx.can_be(low, "NOUN") or lx.is_plural_noun(low) or lx.verb_forms(low) & {"VBZ", "VBD"}:
        return False
    nxt = tokens[k + 1].lower() if k + 1 < len(tokens) else ""
    after = tokens[k + 2].lower() if k + 2 < len(tokens) else ""
    # "dogs at the dog show escape to Paris": the verb that follows agrees with the subject.
    verb_next = bool(lx.verb_forms(nxt) & {"VBP", "VBD"}) and (not after or after in lx.DETERMINERS | lx.PREPOSITIONS)
    return verb_next if verb_only else not nxt or nxt in lx.PREPOSITIONS or verb_next


# Determiners before a two-noun compound whose second noun could be read as the verb.
_COMPOUND_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "their", "its", "my", "our", "your"})


def _reduced_relative(tokens: list[str], k: int) -> bool:
    """True for a past participle that describes the noun before it: "made (entirely) of", "raised by"."""
    if k == 0 or "VBN" not in lx.verb_forms(tokens[k].lower()):
        return False
    j = k + 1
    while j < len(tokens) and (tokens[j].lower() in lx.ADVERBS or tokens[j].lower().endswith("ly")):
        j += 1
    if j >= len(tokens):
        return False
    if tokens[j].lower() in ("of", "by"):
        return True
    # "An astronaut stranded on Venus starts a podcast": a participle and its place, then the idea's own verb.
    later = [w.lower() for w in tokens[j + 1 :]]
    # ("Twin brothers separated at birth meet as rival boxers": a plural subject's verb, too.)
    return tokens[j].lower() in lx.PREPOSITIONS and any(
        lx.verb_forms(w) & {"VBZ"}
        or "VBP" in lx.verb_forms(w)
        and n + 1 < len(later)
        and later[n + 1] in lx.PREPOSITIONS | lx.DETERMINERS | {"as"}
        or w in lx.MODALS
        or w in ("is", "are", "has", "have")
        for n, w in enumerate(later)
    )


def _as_agent(subject: NounPhrase, predicate: list[str]) -> NounPhrase:
    """The subject as the clause makes it: a person or an animal where WordNet's first sense is a thing."""
    if not subject.head or subject.plural and subject.kind != "thing":
        return subject
    referred = any(w.lower() in ("his", "her", "him", "himself", "herself") for w in predicate)
    found = agent_kind(subject.lemma, subject.modifiers, referred)
    return replace(subject, agent=found) if found else subject


def _ends_noun_phrase(tokens: list[str], k: int) -> bool:
    """A last word that can be a plural noun ends a noun phrase ("Space pirates"), not a clause."""
    return k == len(tokens) - 1 and lx.is_plural_noun(tokens[k]) and lx.can_be(tokens[k], "NOUN")


def _places(tokens: list[str]) -> tuple[str, ...]:
    """Named places after a preposition: "in Paris", "to the Andes", "in modern-day Tokyo"."""
    found = []
    for k, word in enumerate(tokens):
        if word.lower() not in (
            "in",
            "to",
            "on",
            "at",
            "across",
            "near",
            "over",
            "under",
            "around",
            "through",
            "of",
            "into",
            "outside",
        ):  # not "from": a weatherman from Arizona brings Arizona with him, the story is elsewhere
            continue
        j = k + 1
        the = j < len(tokens) and tokens[j].lower() == "the"
        j += the
        while j < len(tokens) and "-" in tokens[j] and tokens[j][:1].islower():
            j += 1  # "modern-day"
        name = []
        while j < len(tokens) and tokens[j][:1].isupper() and tokens[j] != "'s":
            name.append(tokens[j])
            j += 1
        if name and name[0].lower().rstrip("s") in _WHEN_NAMES:
            continue  # "only on Tuesdays", "in December": a time, not a place
        if name and not (
            len(name) == 1
            and lx.can_be(name[0], "NOUN")
            and not the
            and name[0].lower() in ("space", "time", "love", "history")
        ):
            found.append(("the " if the else "") + " ".join(name))
    return tuple(dict.fromkeys(found))


# Days, months and feasts: names of times, never of places.
# fmt: off
_WHEN_NAMES = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                         "february", "march", "april", "may", "june", "july", "august", "september", "october",
                         "november", "december", "christmas", "easter", "halloween", "thanksgiving"})
# fmt: on


def _settings(tokens: list[str], subject: NounPhrase | None) -> tuple[NounPhrase, ...]:
    """Noun phrases of places that a preposition leads to: "in a small Ohio town", "at a perfume factory"."""
    from .nouns import is_place

    found = []
    for k, word in enumerate(tokens):
        if word.lower() in lx.PREPOSITIONS and k + 1 < len(tokens) and not lx.verb_forms(tokens[k + 1]) & {"VB"}:
            phrase, _ = parse_noun_phrase(tokens, k + 1, greedy=False)
            if phrase.head and is_place(phrase.lemma) and phrase is not subject:
                found.append(phrase)
    return tuple(found)


def settings_in(tokens: list[str]) -> list[NounPhrase]:
    """The noun phrases of places in a clause or phrase ("the moon" in "when the power fails on the moon")."""
    return list(_settings(tokens, None))


def _all_nouns(tokens: list[str]) -> tuple[NounPhrase, ...]:
    """Every noun phrase that starts after a determiner, a number, a preposition or the start."""
    found, k = [], 0
    while k < len(tokens):
        low = tokens[k].lower()
        starts = (
            k == 0
            or tokens[k - 1].lower() in lx.PREPOSITIONS | lx.DETERMINERS | {",", "and"}
            or low in lx.DETERMINERS
            or low in lx.NUMBERS
        )
        if k and tokens[k - 1].lower() == "to" and "VB" in lx.verb_forms(low):
            starts = False  # "to surf" is a verb, not a noun
        if starts and (nounish(tokens[k]) or low in lx.DETERMINERS or low in lx.NUMBERS or lx.can_be(low, "ADJ")):
            phrase, end = parse_noun_phrase(tokens, k, greedy=False)
            if phrase.head:
                found.append(phrase)
                k = max(end, k + 1)
                continue
        k += 1
    return tuple(found)
