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
from .phrases import NounPhrase, parse_noun_phrase, nounish
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
    return re.findall(r"'s\b|[\w][\w'-]*|,", text)


def read_idea(idea: str) -> Reading:
    """Read an English idea into its parts."""
    text = clean(idea)
    tokens = _sentence_case(tokens_of(text))
    if not tokens:
        return Reading(text="", shape="empty", subject=None)
    opener, opener_kind, tokens = _split_opener(tokens)
    tokens = _agree_relatives(tokens)
    verb_at, partners_at = _find_verb(tokens)
    if verb_at is None and (clause := _relative_as_clause(tokens)):
        # "A band of retired spies who plan one last heist" is the clause "a band ... plans one last heist".
        tokens, verb_at = clause
    # A time opener's named places are the idea's too: "Stranded on Mars, an astronaut ...".
    places = tuple(dict.fromkeys(_places(tokens) + (_places(tokens_of(opener)) if opener_kind == "when" else ())))
    if verb_at is None:
        subject, _ = parse_noun_phrase(tokens, 0)
        nouns = _all_nouns(tokens)
        if opener_kind == "when":
            opener = _own_subject(opener, subject)
        return Reading(text=text, shape="phrase", subject=subject, opener=opener, opener_kind=opener_kind,
                       places=places, settings=_settings(tokens, subject), nouns=nouns)
    # An adverb before the verb is the verb's ("a cruise line accidentally books"), not the subject's.
    while verb_at > 1 and tokens[verb_at - 1].lower() in lx.ADVERBS and tokens[verb_at - 2].lower() not in lx.ADVERBS:
        verb_at -= 1
    subject, _ = parse_noun_phrase(tokens[:verb_at if not partners_at else partners_at[0] - 1], 0)
    subject = _as_agent(subject, tokens[verb_at:])
    if opener_kind == "when":
        opener = _own_subject(opener, subject)
    partners = tuple(parse_noun_phrase(tokens[start:end], 0)[0] for start, end in
                     zip(partners_at, [p - 1 for p in partners_at[1:]] + [verb_at]))
    plural = subject.plural or bool(partners)
    predicate, extra = parse_verb_phrase(tokens, verb_at, plural)
    verbs = {vp.verb for vp in predicate}
    nouns = (subject, *partners, *(p for p in _all_nouns(tokens[verb_at:]) if p.head not in verbs))
    return Reading(text=text, shape="clause", subject=subject, partners=partners, predicate=predicate,
                   extra=extra, opener=opener, opener_kind=opener_kind, places=places,
                   # The subject's words and the predicate's apart: "a soldier on the moon keeps ..."
                   settings=_settings(tokens[:verb_at], subject) + _settings(tokens[verb_at:], subject), nouns=nouns)


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


def _split_opener(tokens: list[str]) -> tuple[str, str, list[str]]:
    """Take off "When the internet goes down forever," or "In a city without music," before the subject."""
    first = tokens[0].lower()
    # A participle opens a time, not a place: "Hiding from the mob," is "while hiding from the mob".
    participle = first == "having" or "VBG" in lx.verb_forms(first) and not lx.can_be(first, "NOUN")
    state = _states(tokens)
    if "," in tokens[:14] and (first in lx.SUBORDINATORS or first in lx.PREPOSITIONS or first == "one" or participle
                               or state):
        cut = tokens.index(",")
        if cut + 1 < len(tokens):
            words = tokens[:cut]
            if participle:
                words = ["after" if first == "having" else "while", *words]
            elif state:  # "Stranded on Mars," says how the subject is: "when an astronaut is stranded on Mars"
                words = ["when", "is", *words]
            opener = " ".join([words[0].lower()] + words[1:])
            timely = first in lx.SUBORDINATORS or first in _TIME_PREPOSITIONS or participle or state
            return opener, "when" if timely else "place", tokens[cut + 1:]
    return "", "", tokens


def _states(tokens: list[str]) -> bool:
    """Whether the idea opens with how its subject is: "Stranded on Mars, an astronaut ...", "Alone on the moon,
    a farmer ...", "Newly divorced, a dentist ..." (an adjective or a past participle, then a comma and a noun phrase)."""
    if "," not in tokens[:14]:
        return False
    words = [w.lower() for w in tokens[:tokens.index(",") + 2]]
    first = words[1] if "ADV" in lx.tags(words[0]) and len(words) > 3 and "ADJ" not in lx.tags(words[0]) \
        else words[0]
    described = (lx.can_be(first, "ADJ") or "VBN" in lx.verb_forms(first)) and not lx.can_be(first, "NOUN") \
        and first not in lx.DETERMINERS and first not in lx.SUBORDINATORS and first not in lx.PREPOSITIONS
    after = words[-1]
    name = tokens[len(words) - 1][:1].isupper() and not lx.is_known(after)
    return described and (after in lx.DETERMINERS or after in lx.NUMBERS or name)


# Prepositions that open a time, not a place: "During a blizzard,".
_TIME_PREPOSITIONS = frozenset({"during", "after", "before", "since", "until", "throughout"})


def _own_subject(opener: str, subject: NounPhrase) -> str:
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


def _agrees(word: str, plural: bool) -> bool:
    """Whether the word can be a finite verb for a subject of this number."""
    low = word.lower()
    if low in lx.MODALS:
        return True
    if low in lx.BE | lx.HAVE:
        return low in (("are", "were", "have", "had") if plural else ("is", "was", "has", "had"))
    forms = lx.verb_forms(low)
    return bool(forms & ({"VBP", "VBD"} if plural else {"VBZ", "VBD"}))


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
            if low in lx.MODALS | lx.BE | lx.HAVE or low in _NEGATED or lx.verb_forms(low):
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
                head_plural = _plural_word(word) or low == "twins"
            continue
        plural = bool(partners) or bool(head_plural)
        if relative and k > rel_end >= 0:
            if _main_after_relative(tokens, k, plural):
                return k, partners
            continue  # the relative clause's own words, up to the main verb
        if relative and k <= rel_end + 1 and (low not in lx.MODALS | lx.BE | lx.HAVE):
            continue  # the relative clause's object comes before the main verb
        if in_phrase and _noun_before_verb(tokens, k, plural) or _modifies_noun(tokens, k):
            continue  # "a family of circus clowns inherits": "clowns" ends the noun phrase
        # "A group of nuns run ...": a group of many agrees either way.
        agrees = _agrees(low, plural) or _group_of(tokens) and _agrees(low, True) and not (
            k + 1 < len(tokens) and lx.verb_forms(tokens[k + 1]) & {"VBZ", "VBD"})  # "a trench coat pretends"
        if (nounish(prev) or prev.lower() in lx.ADVERBS) and agrees and not _ends_noun_phrase(tokens, k):
            return k, partners
        if nounish(word) and not in_phrase and not relative:
            head_plural = _plural_word(word) or tokens[0].lower() in lx.NUMBERS and tokens[0].lower() != "one"
    return None, partners


# Negated modals, written as one word: "a robot that can't lie".
_NEGATED = frozenset({"can't", "cannot", "won't", "doesn't", "don't", "didn't", "isn't", "aren't", "wasn't",
                      "couldn't", "wouldn't", "shouldn't", "mustn't", "hasn't", "haven't"})


def _main_after_relative(tokens: list[str], k: int, plural: bool) -> bool:
    """Whether a finite verb after a relative clause is the idea's main verb: "a village where nobody can
    lie elects a con artist" (a noun phrase or a preposition follows it), not the clause's object ("a
    detective who can smell lies investigates", where another verb follows)."""
    low = tokens[k].lower()
    if low in lx.MODALS or low in _NEGATED or not _agrees(low, plural) or \
            not lx.verb_forms(low) & ({"VBP", "VBD"} if plural else {"VBZ", "VBD"}) and low not in lx.BE | lx.HAVE:
        return False
    prev, before = tokens[k - 1].lower(), tokens[k - 2].lower()
    # An adjective after "is" ("who is always late") says how the subject is; one after another verb
    # ("who sells hot dogs") describes the noun that follows it.
    predicative = before in lx.BE or before in lx.ADVERBS or "ADV" in lx.tags(before)
    if lx.can_be(low, "NOUN") and (prev in lx.DETERMINERS or lx.can_be(prev, "ADJ") and not lx.can_be(prev, "NOUN")
                                   and not lx.verb_forms(prev) & {"VBN", "VBD"} and not predicative):
        return False
    nxt = tokens[k + 1].lower() if k + 1 < len(tokens) else ""
    if not nxt:  # "vampires who only drink oat milk": a last word after a noun is that noun's compound
        return not (lx.can_be(low, "NOUN") and nounish(tokens[k - 1]) and not lx.verb_forms(tokens[k - 1]))
    present = {"VBP"} if plural else {"VBZ"}
    return not (nxt not in lx.DETERMINERS and nxt not in lx.NUMBERS and nxt not in lx.PREPOSITIONS
                and nxt not in lx.PARTICLES and nxt not in lx.ADVERBS and lx.verb_forms(nxt) & present)


def _as_agent(subject: NounPhrase, predicate: list[str]) -> NounPhrase:
    """The subject as the clause makes it: a person or an animal where WordNet's first sense is a thing."""
    if not subject.head or subject.plural and subject.kind != "thing":
        return subject
    referred = any(w.lower() in ("his", "her", "him", "himself", "herself") for w in predicate)
    found = agent_kind(subject.lemma, subject.modifiers, referred)
    return replace(subject, agent=found) if found else subject


def _agree_relatives(tokens: list[str]) -> list[str]:
    """Each "who"/"that" clause's verb agreeing with the noun it follows: "spies who plan", "a man who knows"."""
    out = list(tokens)
    for r, word in enumerate(tokens[1:-1], 1):
        if word.lower() not in ("who", "that", "which") or not nounish(tokens[r - 1]):
            continue
        v = r + 1
        while v < len(tokens) - 1 and tokens[v].lower() in lx.ADVERBS:
            v += 1
        low, forms = tokens[v].lower(), lx.verb_forms(tokens[v])
        if low in lx.MODALS or not forms or "VBD" in forms or low in lx.BE | lx.HAVE and low not in ("is", "are", "has", "have"):
            continue
        plural = _plural_word(tokens[r - 1])
        base = lx.lemma(low, "VERB") if "VERB" in lx.tags(low) else lx.lemma(low, "AUX")
        if plural and "VBZ" in forms:
            out[v] = lx.inflect(base, "VBP") if base == "be" else base
        elif not plural and "VBZ" not in forms and forms & {"VBP"}:
            out[v] = lx.inflect(base, "VBZ")
    return out


def _relative_as_clause(tokens: list[str]) -> tuple[list[str], int] | None:
    """A noun phrase whose relative clause says what it does, as a clause: "a man who knows too much"."""
    for r, word in enumerate(tokens[1:-1], 1):
        if word.lower() in ("who", "that", "which") and nounish(tokens[r - 1]):
            v = r + 1
            while v < len(tokens) - 1 and tokens[v].lower() in lx.ADVERBS:
                v += 1
            low = tokens[v].lower()
            if low in lx.MODALS or low in lx.BE | lx.HAVE or lx.verb_forms(low) & {"VBZ", "VBP", "VBD"}:
                clause = tokens[:r] + tokens[r + 1:]
                plural = _plural_word(tokens[r - 1]) and not _group_of(tokens) and "of" not in \
                    [w.lower() for w in tokens[:r]]
                if low in ("is", "are"):
                    clause[v - 1] = "are" if plural else "is"
                elif low not in lx.MODALS | lx.BE | lx.HAVE and "VBD" not in lx.verb_forms(low):
                    base = lx.lemma(low, "VERB")
                    clause[v - 1] = base if plural else lx.inflect(base, "VBZ")
                return clause, v - 1
            return None
    return None


def _noun_before_verb(tokens: list[str], k: int, plural: bool) -> bool:
    """Whether a plural noun that could be a verb ("clowns") is followed by the verb that agrees ("inherits")."""
    if k + 1 >= len(tokens) or not lx.is_plural_noun(tokens[k]) or not lx.can_be(tokens[k], "NOUN"):
        return False
    nxt = tokens[k + 1].lower()
    after = tokens[k + 2].lower() if k + 2 < len(tokens) else ""
    return _agrees(nxt, plural) and bool(lx.verb_forms(nxt) & {"VBZ", "VBD"}) and \
        (not after or after in lx.DETERMINERS | lx.PREPOSITIONS | lx.PARTICLES | lx.ADVERBS or after in lx.NUMBERS)


def _modifies_noun(tokens: list[str], k: int) -> bool:
    """Whether a word that could be a verb is a noun's modifier: "two rival ski instructors are trapped"."""
    if k + 2 >= len(tokens) or not lx.can_be(tokens[k], "NOUN") or not lx.can_be(tokens[k + 1], "NOUN"):
        return False
    return tokens[k + 2].lower() in lx.BE | lx.HAVE | lx.MODALS and tokens[k + 1].lower() not in lx.DETERMINERS


def _group_of(tokens: list[str]) -> bool:
    """Whether the idea opens with a group of many: "a group of nuns", "the crew of pirates"."""
    from .nouns import GROUPS
    words = [w.lower() for w in tokens[:5]]
    return "of" in words and words.index("of") > 0 and words[words.index("of") - 1] in GROUPS


def _plural_word(word: str) -> bool:
    """Whether a noun is plural; a name the lexicon does not know is one person, whatever its ending ("Holmes")."""
    if word[:1].isupper() and not lx.is_known(word):
        return False
    return lx.is_plural_noun(word)


def _ends_noun_phrase(tokens: list[str], k: int) -> bool:
    """A last word that can be a plural noun ends a noun phrase ("Space pirates"), not a clause."""
    return k == len(tokens) - 1 and lx.is_plural_noun(tokens[k]) and lx.can_be(tokens[k], "NOUN")


def _places(tokens: list[str]) -> tuple[str, ...]:
    """Named places after a preposition: "in Paris", "to the Andes", "in modern-day Tokyo"."""
    found = []
    for k, word in enumerate(tokens):
        if word.lower() not in ("in", "to", "on", "at", "from", "across", "near", "over", "under", "around",
                                "through", "of", "into", "outside"):
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
        if name and not (len(name) == 1 and lx.can_be(name[0], "NOUN") and not the and name[0].lower() in
                         ("space", "time", "love", "history")):
            found.append(("the " if the else "") + " ".join(name))
    return tuple(dict.fromkeys(found))


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
        starts = k == 0 or tokens[k - 1].lower() in lx.PREPOSITIONS | lx.DETERMINERS | {",", "and"} \
            or low in lx.DETERMINERS or low in lx.NUMBERS
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
