"""Who an idea is about when its subject is not a person or an animal.

"The tide stops and an old harbour master knows why": the person of the second clause is the hero,
and the first clause is what happens to them ("when the tide stops"). "A small town hires a vampire
as its night nurse": the person the verb acts on is the hero, and the clause is turned round for
them ("is hired by a small town as its night nurse"). Either way the idea's words keep their
grammar: a clause stays a clause.
"""

from __future__ import annotations

from dataclasses import replace

from . import lexicon as lx
from .nouns import is_place
from .phrases import NounPhrase, nounish, parse_noun_phrase
from .reading import Reading, read_idea, tokens_of
from .verbs import VerbPhrase

# Verbs whose object is what the subject is or becomes, not someone it acts on.
BEING = frozenset({"be", "become", "remain", "seem", "turn", "mistake", "pretend", "play"})


def animate(phrase: NounPhrase | None) -> bool:
    """Whether the phrase names someone a story can follow: a person, an animal, a group of them."""
    if phrase is None or not phrase.head or phrase.det in lx.PRONOUNS or phrase.head.lower() in lx.PRONOUNS:
        return False
    kind = phrase.kind
    return kind in ("person", "creature") or kind == "group" and bool(phrase.members)


def recast(reading: Reading) -> Reading:
    """The reading with a person (or animal) as its subject, when the idea names one anywhere."""
    subject = reading.subject
    if reading.shape != "clause" or subject is None or not subject.head:
        return reading
    if animate(subject):
        return reading
    return _second_clause(reading) or _passive(reading) or reading


def _second_clause(reading: Reading) -> Reading | None:
    """ "X happens and a Y is the only one who notices": Y is the hero, "when X happens" the opener."""
    words = reading.extra.split()
    if reading.opener or len(words) < 3 or words[0].lower() not in ("and", "but"):
        return None
    second = read_idea(" ".join(words[1:]))
    if second.shape != "clause" or not animate(second.subject):
        return None
    subject = reading.subject
    event = f"{subject.text()} {' and '.join(vp.render('finite', subject.plural) for vp in reading.predicate)}"
    return replace(
        reading,
        subject=second.subject,
        partners=second.partners,
        predicate=second.predicate,
        extra=second.extra,
        opener=f"when {event}",
        opener_kind="when",
        recast="second",
    )


def _passive(reading: Reading) -> Reading | None:
    """ "A village elects a stranger as mayor": the stranger "is elected by a village as mayor"."""
    subject = reading.subject
    if len(reading.predicate) != 1 or subject.kind == "group" and subject.members:
        return None
    verb = reading.predicate[0]
    rest = list(verb.rest)
    if (
        verb.aux
        or verb.lemma in BEING
        or not rest
        or not (rest[0].lower() in lx.DETERMINERS or rest[0].lower() in lx.NUMBERS or nounish(rest[0]))
    ):
        return None
    hero, end = parse_noun_phrase(rest, 0, greedy=False)
    if not animate(hero) or hero.det in ("his", "her", "its", "their"):
        return None
    # A town that hires someone is "the town" from then on: the setting names it in full.
    by = (
        ["the", *subject.core.split(), *tokens_of(subject.tail)]
        if is_place(subject.lemma) and subject.det in ("a", "an")
        else tokens_of(subject.text())
    )
    after = tuple(rest[end:])
    if subject.tail and after[:1] == ("from",):
        # "hires a weatherman from Arizona": where the hero comes from is the hero's ("a weatherman from
        # Arizona is hired by ..."), never wedged between the verb and "by".
        stop = next((i for i in range(2, len(after)) if after[i].lower() in lx.PREPOSITIONS), len(after))
        hero = replace(hero, tail=" ".join([hero.tail, *after[:stop]]).strip())
        after = after[stop:]
    # A subject with a clause of its own ("a village where nobody can lie") goes last, so that nothing
    # after it reads as part of that clause: "is elected as mayor by the village where nobody can lie".
    order = (*after, "by", *by) if subject.tail else ("by", *by, *after)
    # "gets a new keeper" has no passive a person would say: the keeper "is taken on by" the lighthouse.
    lemma, particle = _PASSIVE_OF.get(verb.lemma, (verb.lemma, ()))
    passive = VerbPhrase(
        verb=lx.inflect(lemma, "VBN"),
        lemma=lemma,
        aux="are" if hero.plural else "is",
        adverb=verb.adverb,
        rest=(*particle, *order),
        goal=verb.goal,
    )
    return replace(reading, subject=hero, partners=(), predicate=(passive,), recast="passive")


# Verbs whose passive no one says, and the verb (with its particle) that says it instead.
_PASSIVE_OF = {"get": ("take", ("on",)), "gain": ("take", ("on",)), "acquire": ("take", ("on",)), "have": ("keep", ())}
