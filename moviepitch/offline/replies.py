"""The movie boss's one-line reaction to the idea: enthusiastic, specific, never the same twice."""

from __future__ import annotations

from . import lexicon as lx
from .fill import Chooser, cap
from .nouns import VAGUE
from .plan import StoryPlan, rng_for
from .recast import BEING

# {spot}: the idea's subject ("a retired ballerina"); {spot_does}: the subject with its action;
# {doing}: the action as a gerund; {label}; {place}; {bit}: the most specific thing in the idea.
REPLIES = (
    "I love a story about {spot_who}, and I can already see the trailer!",
    "I have been waiting years for {a_label} about {spot_who}!",
    "Now we are talking, because a story about {spot_who} is pure box-office gold!",
    "I need a minute to think, but {spot_who} already {spot_has} me hooked!",
    "The detail that sells it is {bit}, so let me think about it!",
    "I need time with this one, but {spot_who} might be the pitch of the month!",
    "Clear my afternoon, because I want to think about {spot_who}!",
    "Until right now, I never knew that I needed {spot_who}!",
    "I love {spot_doing}, and I can already see the trailer!",
    "Wonderful, {bit} alone could carry a franchise, so let me mull it over!",
    "You had me at {bit}, so give me a few minutes with this one!",
    "Audiences will queue around the block for {spot_who}{place_bit}!",
    "Honestly, {bit} {bit_is} a poster waiting to happen, but let me think!",
    "With {bit}, this could be {a_label} and a phenomenon at once!",
    "I can already picture the opening shot of {spot_doing}!",
    "Brilliant, {bit} {bit_is} the hook, so give me a moment to crunch the numbers!",
)


def write_reply(plan: StoryPlan) -> str:
    """One enthusiastic movie-boss sentence about the idea."""
    if plan.language in ("es", "fr"):
        from .romance_writer import write_reply as foreign

        return foreign(plan)
    chooser = Chooser(rng_for(plan.idea, plan.seed, "reply"), plan.knobs)
    premise = plan.premise
    subject = premise.subject
    facts: dict[str, str] = {"label": plan.label, "a_label": lx.article(plan.label)}
    if premise.mode == "quoted":
        facts["bit"] = f"\u201c{premise.text}\u201d"
    elif subject is not None and subject.head:
        bare = not subject.det and not subject.plural and not subject.proper and not subject.number
        spot = subject.text("a" if subject.det in ("a", "an") and not subject.plural or bare else None)
        facts["spot"] = spot
        facts["bit"] = _bit(plan)
        if premise.predicate:
            plural = subject.plural or bool(premise.reading.partners)
            # "a band of retired spies who plan": the clause follows the members, so it agrees with them.
            many = (
                plural
                or subject.kind == "group"
                and bool(subject.members)
                and lx.is_plural_noun(subject.members.split()[-1])
            )
            if premise.reading.partners:
                spot = " and ".join([spot] + [p.text() for p in premise.reading.partners])
            doing = premise.action("gerund", plural, goal=False)
            who = "who" if subject.kind in ("person", "creature", "group") else "that"
            # A subject with its own relative clause takes the verb into it: "a robot that can't lie and runs".
            # ("a crew of pirates who are afraid of water and set sail": the clause may follow the members.)
            related = bool({"who", "that", "which"} & set(subject.tail.split()))
            # After "whose shadow runs away", "and" would join the shadow's verb: a comma and "who" say whose it is.
            whose = "whose" in subject.tail.split()
            joint = ", who" if whose else "and" if related else who
            facts["spot_who"] = f"{spot}{'' if whose else ' '}{joint} {premise.action('finite', many, goal=False)}"
            if (
                len(doing.split()) <= 5 and not related and not whose
            ):  # a short gerund reads well; a long one trips the reader up
                facts["spot_doing"] = f"{spot} {doing}"
        else:
            facts["spot_doing"] = facts["spot_who"] = spot
        facts["spot_has"] = "have" if subject.plural or premise.reading.partners else "has"
        facts["place_bit"] = (
            f" {plan.setting.at}"
            if plan.setting.from_idea and plan.setting.phrase.lower() not in facts["spot_who"].lower()
            else ""
        )
    facts["Bit"] = cap(facts.get("bit", ""))
    facts["bit_is"] = "are" if _plural(facts.get("bit", "")) else "is"
    if premise.mode in ("witness", "villain") and any(
        vp.lemma == "be" or vp.aux.lower() in lx.BE for vp in premise.predicate
    ):
        del facts["bit_is"]  # "the last bookshop in the world is the hook" would echo "... is guarded"
    facts.setdefault("place_bit", "")
    return chooser.template(REPLIES, facts) or f"I love it, {premise.text} is a {plan.label} waiting to happen!"


def _bit(plan: StoryPlan) -> str:
    """The most specific part of the idea: its object, its place or its subject."""
    premise = plan.premise
    verb = premise.predicate[0] if premise.predicate else None
    subject = premise.subject
    if premise.mode in ("witness", "villain") and subject is not None and subject.head:
        bare = not subject.det and not subject.plural and not subject.proper and not subject.number
        return subject.text("the" if subject.det in ("a", "an") or bare else None)
    obj = verb.object if verb is not None and verb.lemma not in BEING else None
    if obj is not None and obj.head and obj.det not in lx.PRONOUNS and not obj.number and obj.lemma not in VAGUE:
        return obj.text("the" if obj.det in ("a", "an", "") else None)
    if plan.setting.spot:
        return plan.setting.spot.split(" ", 1)[1]  # "the zoo"
    others = (
        [p for p in premise.reading.nouns[1:] if p.head and p.kind != "thing" or p.lemma in lx.NUMBERS]
        if premise.reading
        else []
    )
    if verb is not None and verb.lemma == "be" and others:  # "is the only one awake when the aliens arrive"
        return others[-1].text("the" if others[-1].det in ("a", "an", "") else None, tail=False)
    if plan.setting.from_idea and plan.setting.phrase[:1].isupper():
        return plan.setting.name
    subject = premise.subject
    return subject.text("the") if subject is not None else premise.text


def _plural(phrase: str) -> bool:
    """Whether a noun phrase names more than one: its last word before any "of", "in" or "on" is a plural."""
    words = phrase.replace("\u201c", "").split()
    for cut, word in enumerate(words):
        if word in ("of", "in", "on", "at", "from", "with", "who", "that"):
            words = words[:cut]
            break
    return bool(words) and lx.is_plural_noun(words[-1]) and lx.can_be(words[-1], "NOUN")
