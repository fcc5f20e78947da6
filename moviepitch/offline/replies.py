"""The movie boss's one-line reaction to the idea: enthusiastic, specific, never the same twice."""

from __future__ import annotations

from . import lexicon as lx
from .fill import Chooser, cap
from .plan import StoryPlan, rng_for
from .recast import BEING

# {spot}: the idea's subject ("a retired ballerina"); {spot_does}: the subject with its action;
# {doing}: the action as a gerund; {label}; {place}; {bit}: the most specific thing in the idea.
REPLIES = (
    "I love {spot_doing}, and I can already see the trailer!",
    "I have been waiting for a {label} about {spot_doing}!",
    "Now we're talking: {spot_doing} is pure box-office gold!",
    "I need a minute to think, but {spot_doing} already has me hooked!",
    "{Bit} is the detail that sells it, so let me think about it!",
    "I need time with this one, but {spot_doing} might be the pitch of the month!",
    "You want a {label} about {spot_doing}? Clear my afternoon, I'm thinking it over!",
    "I never knew I needed {spot_doing} until right now!",
    "Wonderful, {bit} alone could carry a franchise, so let me mull it over!",
    "You had me at {bit}, so give me a few minutes with this one!",
    "Audiences will queue around the block for {spot_doing}{place_bit}!",
    "Let me think, but honestly, {bit} is a poster waiting to happen!",
    "Is it a {label} or a phenomenon? With {bit}, it might be both!",
    "I can already picture the opening shot of {spot_doing}!",
    "Brilliant, {bit} is the hook, so give me a moment to crunch the numbers!",
)


def write_reply(plan: StoryPlan) -> str:
    """One enthusiastic movie-boss sentence about the idea."""
    if plan.language in ("es", "fr"):
        from .romance_writer import write_reply as foreign
        return foreign(plan)
    chooser = Chooser(rng_for(plan.idea, plan.seed, "reply"))
    premise = plan.premise
    subject = premise.subject
    facts: dict[str, str] = {"label": plan.label}
    if premise.mode == "quoted":
        facts["bit"] = f"\u201c{premise.text}\u201d"
    elif subject is not None and subject.head:
        spot = subject.text("a" if subject.det in ("a", "an") and not subject.plural else None)
        facts["spot"] = spot
        facts["bit"] = _bit(plan)
        if premise.predicate:
            plural = subject.plural or bool(premise.reading.partners)
            if premise.reading.partners:
                spot = " and ".join([spot] + [p.text() for p in premise.reading.partners])
            facts["spot_doing"] = f"{spot} {premise.action('gerund', plural, goal=False)}"
        else:
            facts["spot_doing"] = spot
        facts["Spot_doing"] = cap(facts["spot_doing"])
        facts["place_bit"] = f" {plan.setting.at}" if plan.setting.from_idea and \
            plan.setting.phrase.lower() not in facts["spot_doing"].lower() else ""
    facts["Bit"] = cap(facts.get("bit", ""))
    facts.setdefault("place_bit", "")
    return chooser.template(REPLIES, facts) or f"I love it, {premise.text} is a {plan.label} waiting to happen!"


def _bit(plan: StoryPlan) -> str:
    """The most specific part of the idea: its object, its place or its subject."""
    premise = plan.premise
    verb = premise.predicate[0] if premise.predicate else None
    if premise.mode in ("witness", "villain") and premise.subject is not None and premise.subject.head:
        return premise.subject.text("the" if premise.subject.det in ("a", "an") else None)
    obj = verb.object if verb is not None and verb.lemma not in BEING else None
    if obj is not None and obj.head and obj.det not in lx.PRONOUNS and not obj.number:
        return obj.text("the" if obj.det in ("a", "an", "") else None)
    if plan.setting.spot:
        return plan.setting.spot.split(" ", 1)[1]  # "the zoo"
    if plan.setting.from_idea and plan.setting.phrase[:1].isupper():
        return plan.setting.name
    subject = premise.subject
    return subject.text("the") if subject is not None else premise.text
