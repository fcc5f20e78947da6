"""What the Movie Boss says in a pitch meeting: what changed, why it helps, and what cannot be done."""

from __future__ import annotations

from .. import lexicon as lx
from ..fill import Chooser, cap
from ..genre_beats import ANGLES
from ..plan import StoryPlan
from .asks import Ask
from .replan import AGES

OPENERS = (
    "Love it.",
    "Now we're talking.",
    "Good call.",
    "Yes!",
    "I like where your head is at.",
    "Done and done.",
    "Smart move.",
    "Ooh, I like that.",
    "Say no more.",
    "You read my mind.",
)
CLOSERS = (
    "Take a look.",
    "Have a look at the changes.",
    "Tell me what you think.",
    "See if it sings.",
    "Apply it if you like it.",
    "I think it's stronger for it.",
)
CANNOT = ("That one's beyond me from this chair.", "I can't do that from here.", "That's not something I can change.")
CAN = (
    "I can change the genre, the tone, the setting, the cast or the length, the title or the poster's look: "
    "try \u201cmake it darker\u201d."
)
_TONE_DONE = {
    "dark": "I've taken it somewhere darker",
    "light": "I've lightened it up",
    "funny": "I've put more laughs in",
    "family": "it's one for the whole family now",
    "romantic": "there's romance in it now",
    "serious": "I've played it straighter",
    "epic": "I've made it bigger",
    "tense": "I've turned up the tension",
    "scary": "I've made it properly scary",
}
_TONE_WHY = {
    "dark": "higher stakes make every choice the hero makes count",
    "light": "a lighter touch lets the audience fall for the characters",
    "funny": "laughs make the characters easy to love",
    "family": "a story the whole family can share sells twice the tickets",
    "romantic": "a love story gives the audience someone to root for",
    "serious": "playing it straight makes the stakes real",
    "epic": "a bigger canvas makes it an event",
    "tense": "tension keeps the audience on the edge of their seats",
    "scary": "a good scare is the best word of mouth there is",
}
_LOOK_DONE = {
    "dark": "the poster's gone darker",
    "bright": "the poster's got more colour",
    "new": "the poster has a new composition",
}


def done(asks: list[Ask], plan: StoryPlan) -> list[str]:
    """What was changed, a phrase for each change, in the boss's words."""
    return [_phrases(ask, plan)[0] for ask in asks]


def summary(asks: list[Ask], plan: StoryPlan, angle: int | None = None) -> str:
    """One line saying what the proposal changes."""
    line = cap(_joined([_phrases(ask, plan)[1] for ask in asks]))
    take = _take(asks, plan, angle)
    return f"{line}: {take}." if take else f"{line}."


def _phrases(ask: Ask, plan: StoryPlan) -> tuple[str, str]:
    """(what the boss says was done, what the proposal's summary says) for one change."""
    lead = plan.heroes[0]
    if ask.kind == "genre":
        return f"it's {lx.article(plan.label)} now", f"make it {lx.article(plan.label)}"
    if ask.kind == "tone":
        return _TONE_DONE[ask.value], {
            "family": "make it for the whole family",
            "funny": "make it funnier",
            "romantic": "make it more romantic",
            "scary": "make it scarier",
        }.get(ask.value, f"make it {_comparative(ask.value)}")
    if ask.kind == "setting":
        where = plan.setting.at if ask.value else f"in {plan.setting.era}"
        return f"it's set {where} now", f"set it {where}"
    if ask.kind == "cast" and ask.value in AGES:
        age = AGES[ask.value][lead.pronoun != "she"]
        return f"I've cast {lead.performer} as {lead.name}" + (
            f", {age}" if age else ""
        ), f"cast {lead.performer} as {lead.name}"
    if ask.kind == "cast" and ask.value == "add":
        added = [c for c in plan.characters if c.role == "companion"][-1]
        return f"I've added {added.name}, {added.description}", f"add {added.name}, {added.description}"
    if ask.kind == "cast":
        changed = [h for h in plan.heroes if h.pronoun == ("she" if ask.value != "he" else "he")] or plan.heroes
        who = "a woman" if changed[0].pronoun == "she" else "a man"
        return f"{changed[0].name} is {who} now, played by {changed[0].performer}", f"make {changed[0].name} {who}"
    if ask.kind == "length":
        return (
            ("I've tightened the synopsis", "cut it shorter")
            if ask.value == "short"
            else ("I've given the story more room", "give the story more room")
        )
    if ask.kind == "title":
        return f"the new title is \u201c{plan.title}\u201d", f"retitle it \u201c{plan.title}\u201d"
    if ask.kind == "look":
        return _LOOK_DONE[ask.value], {
            "dark": "a darker poster",
            "bright": "a more colourful poster",
            "new": "a new poster composition",
        }[ask.value]
    return "I've thrown in a twist", "add a twist"


def _take(asks: list[Ask], plan: StoryPlan, angle: int | None) -> str:
    """What sets one of three alternatives apart from the others, in a few words."""
    if angle is None:
        return ""
    kinds = {a.kind for a in asks}
    if kinds & {"genre", "tone"}:
        style = plan.extras.get("style")
        takes = ANGLES.get(style or plan.genre) or ANGLES[plan.genre]
        return takes[angle % len(takes)][0]
    if kinds & {"title", "cast", "look"}:
        return ""  # the title, the performer or the companion named above is the difference
    return ("the story as it stands", "told another way", "a third telling")[angle % 3]


def reason(asks: list[Ask], plan: StoryPlan) -> str:
    """Why the change serves the pitch, in one sentence."""
    ask = asks[0]
    if ask.kind == "genre":
        return f"{cap(lx.article(plan.label))} gives the idea a clear promise for the poster and the trailer."
    if ask.kind == "tone":
        return cap(_TONE_WHY[ask.value]) + "."
    if ask.kind == "setting" and not ask.value:
        give = "give" if plan.setting.era.endswith("s") else "gives"  # "the 1920s give", "1955 gives"
        return f"{cap(plan.setting.era)} {give} the story a look of its own, from the clothes to the cars."
    if ask.kind == "setting":
        return f"{cap(plan.setting.name)} gives the story a world of its own and the poster a backdrop to remember."
    if ask.kind == "cast" and ask.value == "add":
        return "A new face gives the hero someone to talk to, and the audience someone to love."
    if ask.kind == "cast":
        return "Casting is half the pitch: the right face sells the story before a word is read."
    if ask.kind == "length":
        return (
            "A tighter synopsis reads in one breath."
            if ask.value == "short"
            else "More room lets the middle of the story breathe."
        )
    if ask.kind == "title":
        return "A title is the first thing anyone reads, so it should land in a heartbeat."
    if ask.kind == "look":
        return "The poster sells the mood before anyone reads a word."
    return "A turn nobody sees coming is what people talk about on the way out."


def reply(asks: list[Ask], plan: StoryPlan, chooser: Chooser, count: int = 1) -> str:
    """The boss's reply to a change made: 1 to 3 sentences, varied."""
    opener = chooser.pick(OPENERS)
    if count > 1:
        return f"{opener} Here are {count} ways to play it. Pick the one that sings."
    return f"{opener} {cap(_joined(done(asks, plan)))}. {chooser.pick(CLOSERS)}"


def cannot(chooser: Chooser) -> str:
    """The reply to a message the offline writer cannot act on: what it cannot do, and what it can."""
    return f"{chooser.pick(CANNOT)} {CAN}"


def already(asks: list[Ask], plan: StoryPlan) -> str:
    """The reply when the pitch already is what the message asks for."""
    if asks and asks[0].kind == "genre":
        return f"It already is {lx.article(plan.label)}! Anything else you'd like to change?"
    if asks and asks[0].kind == "length":
        return (
            "It's already as " + ("short" if asks[0].value == "short" else "long") + " as I can make it. Anything else?"
        )
    return "That's how it already is. Anything else you'd like to change?"


def _comparative(tone: str) -> str:
    return {"dark": "darker", "light": "lighter", "serious": "more serious", "epic": "bigger", "tense": "tenser"}.get(
        tone, tone
    )


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
