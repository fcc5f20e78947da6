"""What the idea's nouns are: people (and their gender), creatures, groups, places or things.

The lexicon knows a word is a noun; it does not know a grandmaster is a person or a tortoise an
animal. WordNet does, for every noun it files (data/wordnet_nouns.txt, made from WordNet 3.0 by
tests/bench/build_wordnet_nouns.py): the most frequent sense of each noun, person or animal. The short
lists here add what WordNet files elsewhere (a robot, a ghost), genders, groups and places; a suffix
rule covers nouns newer than WordNet ("influencer").
"""

from __future__ import annotations

import functools
import re
from importlib import resources

SHE_NOUNS = frozenset(
    """woman girl lady grandmother grandma granny mother mum mom aunt sister daughter niece
queen princess empress duchess countess baroness witch nun ballerina actress waitress heiress bride wife
widow matriarch diva stewardess hostess goddess mermaid sorceress priestess landlady spokeswoman
businesswoman policewoman fisherwoman cowgirl housewife schoolgirl granddaughter heroine maid nanny
abbess mistress""".split()
)
HE_NOUNS = frozenset(
    """man boy gentleman grandfather grandpa father dad uncle brother son nephew king prince
emperor duke count baron wizard monk priest friar actor waiter heir groom husband widower patriarch
steward god sorcerer landlord spokesman businessman policeman fisherman cowboy schoolboy grandson
hero butler monsieur lumberjack strongman pope abbot cardinal monsignor sultan tsar czar""".split()
)
# People whose noun has no telling suffix.
PEOPLE = frozenset(
    """janitor tailor sailor doctor mayor chef cook nurse doctor spy thief knight pirate captain mayor judge
genius detective
janitor ninja samurai clown mime barista ballerina cowboy sheriff soldier pilot astronaut scientist teen
superhero supervillain sidekick vigilante teenager kid child baby toddler student intern witness stranger
orphan hermit nomad monk nun priest guru
chief boss cop agent mercenary assassin hitman hacker bride groom couple widow family crew gang club
team squad band orchestra choir troupe tribe posse coven twin twins grandparent parent neighbour neighbor
friend rival enemy villain genius nerd geek punk tourist refugee immigrant guard guide medic surgeon
sailor chemist dentist teacher tutor coach poet novelist author influencer vlogger youtuber streamer
celebrity diva heir heiress prisoner convict outlaw bandit smuggler courier runner mermaid elder
veteran rookie recruit cadet lawyer attorney mayor president senator governor queen king prince
princess emperor tsar pharaoh vicar bishop pope rabbi imam shaman witch wizard warlock sorcerer magician
alchemist oracle prophet saint angel demon ghost""".split()
)
_PERSON_SUFFIX = re.compile(
    r"(?:er|or|ist|ian|ant|ent|man|woman|ess|ee|eer|ier|yst|ic|ive|naut|ista|ina|"
    r"arian|ologist|smith|wright|herd|monger|keeper|maker)s?$"
)
# Words with a person's suffix that name things.
_NOT_PEOPLE = frozenset(
    """pacific atlantic arctic antarctic baltic adriatic caribbean mediterranean computer elevator meter
letter tower water river order number monster center centre
corner paper poster printer heater freezer container shelter theatre theater parlour parlor mirror monitor
motor engine scooter tractor helicopter blender toaster calculator simulator reactor generator elevator
fever thunder winter summer water weather silver copper timber dinner supper chapter quarter border
matter manner power heist list wrist mist twist fist tree coffee toffee knee tower laser lever ladder locker
trailer sticker collar cellar pillar radar sugar
vineyard restaurant tournament apartment basement element instrument moment planet comet event ticket
magic music logic clinic mosaic attic plastic garlic arctic antic traffic republic epic comic ocean
station hotel factory machine ship plane lighthouse bakery""".split()
)
CREATURES = frozenset(
    """dog puppy cat kitten penguin parrot bird owl crow raven eagle hawk duck goose chicken
hen rooster pigeon seagull gull swan flamingo fish goldfish shark whale dolphin octopus squid kraken
crab lobster turtle tortoise frog toad snake lizard crocodile alligator dinosaur dragon unicorn horse
pony donkey mule cow bull ox pig sheep lamb goat llama alpaca camel deer reindeer moose elk bear panda
koala kangaroo seal walrus bat mole wolf fox rabbit bunny hare mouse mice rat hamster squirrel beaver otter
badger hedgehog
raccoon skunk bat monkey ape gorilla chimpanzee orangutan lion tiger leopard cheetah jaguar panther
elephant rhino hippo giraffe zebra bee wasp ant spider beetle butterfly moth snail slug worm
ghost spirit phantom vampire werewolf zombie mummy witch demon devil angel alien martian robot android
cyborg ai troll ogre goblin elf dwarf giant fairy pixie gnome yeti bigfoot sasquatch mermaid siren
golem gargoyle phoenix griffin minotaur centaur sphinx hydra cyclops monster creature beast ufo
scarecrow snowman puppet doll teddy""".split()
)
# Creatures that make a story's threat when the idea names nothing else to fear.
MONSTERS = frozenset(
    """ghost spirit phantom vampire werewolf zombie mummy demon devil monster kraken shark
dinosaur troll ogre goblin giant yeti gargoyle hydra beast creature alien""".split()
)
GROUPS = frozenset(
    """flock crew gang club team band family pack herd troupe squad society group couple trio
quartet orchestra choir army tribe posse coven league swarm school pod colony crowd mob council
committee""".split()
)
# Objects too big or too vague to be the thing a story turns on ("trades places", "changes the world").
# fmt: off
VAGUE = frozenset({"world", "life", "history", "time", "love", "truth", "way", "day", "night", "thing", "one",
                   "everything", "nothing", "something", "anyone", "home", "lot", "place", "chance", "part",
                   "turn", "kind", "sort", "end", "side", "mind", "heart", "fun", "luck"})
# fmt: on
# Modifiers that point rather than describe: "the same street" is just a street in a title.
LOOSE_MODIFIERS = frozenset({"same", "only", "own", "very", "whole", "other", "last", "first"})
# Nouns of events and pursuits: a "singing contest" is not a singing creature.
EVENTS = frozenset(
    """contest competition championship tournament lesson class course show club career holiday
party festival marathon match game race audition concert recital season trip tour""".split()
)
# Adjectives that make a thing a character: "a sentient traffic light", "a talking fish".
# fmt: off
ALIVE = frozenset({"sentient", "talking", "living", "singing", "dancing", "walking", "thinking", "self-aware",
                   "conscious", "lovesick", "sarcastic", "grumpy", "lonely", "heartbroken", "shy", "nervous"})
# fmt: on
# Nouns of places: a setting when a preposition leads to one.
PLACES = frozenset(
    """town city village house home mansion manor castle palace kingdom island station base
colony farm ranch cornfield field garden school university college hospital hotel motel inn prison
jail factory office bank casino museum library bookshop bookstore shop store bakery cafe café diner
restaurant bar pub kitchen church cathedral temple monastery convent abbey lighthouse harbour harbor
port beach coast sea ocean lake river island jungle forest woods desert mountain mountains valley
canyon cave mine tunnel subway train ship boat submarine plane spaceship starship planet moon space
galaxy arctic antarctic tundra swamp marsh suburb street neighbourhood neighborhood circus funfair fair
zoo aquarium theatre theater cinema stadium arena gym rink court elevator lift apartment attic
basement cellar warehouse lab laboratory observatory bunker tower skyscraper parlour parlor salon
spa resort camp campsite school mall market vineyard orchard trench base outpost embassy courtroom
world country nation empire desert oasis volcano glacier park pier nightclub harbor""".split()
)


def _agentive(word: str) -> bool:
    """Whether an -er/-or noun names someone who does something: a plumber plumbs, a murder does not."""
    if not re.search(r"(?:er|or)s?$", word) or re.search(
        r"(?:eer|ier|keeper|maker|fighter|rider|driver|player|"
        r"singer|dancer|worker|owner|hunter|writer|lover)s?$",
        word,
    ):
        return True
    from .lexicon import can_be

    stem = word.rstrip("s")[:-2]
    return any(can_be(s, "VERB") for s in (stem, stem + "e", stem[:-1]) if len(s) > 2)


def _bare(word: str) -> str:
    return word.lower().removesuffix("'s")


def gender_of_noun(lemma: str) -> str:
    """she, he or "" by what the noun itself says."""
    word = _bare(lemma)
    if word in SHE_NOUNS or word.endswith(("woman", "women", "wife", "girl", "ess")) and word not in _NOT_PEOPLE:
        return "she"
    if word in HE_NOUNS or word.endswith(("man", "men", "boy")) and word not in ("human", "shaman", "talisman"):
        return "he"
    code = wordnet_code(word)
    return "she" if "f" in code[1:] else "he" if "m" in code[1:] else ""


@functools.lru_cache(maxsize=1)
def _wordnet() -> dict[str, str]:
    text = resources.files(__package__).joinpath("data", "wordnet_nouns.txt").read_text(encoding="utf-8")
    return dict(line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#"))


def warm() -> None:
    """Load WordNet's table of nouns now rather than on the first pitch."""
    _wordnet()


def wordnet_code(word: str) -> str:
    """What WordNet files the noun under: "P..." person, "A..." animal, "T..." thing, "" unknown."""
    word = _bare(word)
    return _wordnet().get(word) or _wordnet().get(word.rsplit("-", 1)[-1], "")


def kind_of(lemma: str, modifiers: tuple[str, ...] = ()) -> str:
    """person, creature, group or thing: what the noun (with its adjectives) names."""
    word = _bare(lemma)
    last = word.rsplit("-", 1)[-1]
    if word in GROUPS or last in GROUPS:
        return "group"
    if word in CREATURES or last in CREATURES:
        return "creature"
    if word in PEOPLE or word in SHE_NOUNS or word in HE_NOUNS or gender_of_noun(word):
        return "person"
    code = wordnet_code(word)
    if code:
        return {"P": "person", "A": "creature"}.get(code[0]) or (
            "creature" if any(m.lower() in ALIVE for m in modifiers) and word not in EVENTS else "thing"
        )
    if last not in _NOT_PEOPLE and word not in PLACES and _PERSON_SUFFIX.search(last) and _agentive(last):
        return "person"
    if any(m.lower() in ALIVE for m in modifiers) and word not in EVENTS:
        return "creature"
    return "thing"


def kind_of_word(lemma: str) -> str:
    """person or creature when the project's own word lists say so, whatever WordNet's senses; else ""."""
    word = _bare(lemma)
    last = word.rsplit("-", 1)[-1]
    if word in CREATURES or last in CREATURES:
        return "creature"
    if word in PEOPLE or last in PEOPLE or word in SHE_NOUNS or word in HE_NOUNS or gender_of_noun(word):
        return "person"
    return ""


def agent_kind(lemma: str, modifiers: tuple[str, ...], referred: bool) -> str:
    """What a clause's subject is when WordNet's first sense of it is a thing but a near sense is a person
    or an animal: the subject of a verb acts, so "a sloth" that enters a contest is the animal; "a star" is
    a person when the idea says so, by a person's pronoun for it (`referred`: "moves in with his mother")
    or by an adjective from a verb, which describes a life ("an aging rock star", "a washed-up pop star").
    "" when the noun stays a thing (a vending machine that grants wishes)."""
    if kind_of(lemma, modifiers) != "thing":
        return ""
    code = wordnet_code(lemma)
    if not code or code[0] != "T":
        return ""
    from .lexicon import can_be, tags

    if "a" in code[1:]:
        # "a sloth" acts as an animal; "a video game" is a compound noun, a thing whatever WordNet's later senses.
        compound = any(can_be(m, "NOUN") and not m.lower().endswith(("ed", "ing")) for m in modifiers)
        return "" if compound else "creature"
    lived = any(can_be(m, "ADJ") and ("VERB" in tags(m) or m.lower().endswith(("ed", "ing", "-up"))) for m in modifiers)
    return "person" if "p" in code[1:] and (referred or lived) else ""


def is_place(lemma: str) -> bool:
    """Whether the noun names a place a story can be set in."""
    word = _bare(lemma)
    return word in PLACES or word.rsplit("-", 1)[-1] in PLACES
