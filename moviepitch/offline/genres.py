"""Genres: how an idea's words choose one or two, the label a pair goes by, and each one's tone."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Genre:
    """Everything the writer and painter know about one genre."""

    key: str
    label: str  # the noun: "comedy"
    flavour: str  # the adjective when it is the secondary genre: "laugh-out-loud"
    tone: str  # light, warm, dark, tense or epic
    keywords: tuple[str, ...]  # lemmas (and a few phrases) that vote for the genre
    moods: tuple[str, ...]
    heroes: tuple[str, ...]  # leads for ideas whose subject is not a person
    allies: tuple[str, ...]
    villains: tuple[str, ...]
    wildcards: tuple[str, ...]
    places: tuple[tuple[str, str], ...]  # (preposition, pattern with {name})
    scenery: str
    light: str
    palettes: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]  # name, six colours, four words


def _g(**fields) -> Genre:
    return Genre(
        **{
            k: tuple(v.split("|")) if isinstance(v, str) and k in _LISTS else tuple(v) if isinstance(v, list) else v
            for k, v in fields.items()
        }
    )


_LISTS = {"keywords", "moods", "heroes", "allies", "villains", "wildcards"}

# Order breaks ties between equally matched genres: the earlier, the more distinctive.
GENRES: dict[str, Genre] = {
    g.key: g
    for g in (
        _g(
            key="horror",
            label="horror film",
            flavour="spine-chilling",
            tone="dark",
            keywords="ghost|curse|cursed|haunt|haunted|zombie|demon|possess|possessed|vampire|werewolf|monster|killer|"
            "nightmare|not alone|seance|kill|scarecrow|kraken|blood|grave|cemetery|witch|undead|"
            "mummy|creepy|funfair|doll|shadow|scream|evil|hanté|hantée|embrujado|embrujada|fantasma|fantôme",
            moods="eerie|claustrophobic|unsettling|gothic|dread-soaked|haunting|macabre|moonlit",
            heroes="a sleep-deprived night nurse|a teenager who never turns down a dare|a sceptical true-crime "
            "podcaster|a newly hired caretaker|a paramedic on her last night shift",
            allies="a sceptical paranormal investigator|the local priest who stopped believing|a night-shift "
            "nurse who has seen this before|a librarian who keeps the town's records|a chain-smoking medium",
            villains="a charming landlord|the town's silver-haired historian|a grieving neighbour with a terrible "
            "secret|a smiling estate agent|a family doctor who never ages",
            wildcards="a child who speaks to the walls|a medium who charges by the minute|a stray cat that "
            "refuses to enter certain rooms|a gravedigger who hums at night",
            places=[
                ("in", "the fog-bound town of {name}"),
                ("in", "the marsh village of {name}"),
                ("at", "a crumbling estate outside {name}"),
            ],
            scenery="house",
            light="moon",
            palettes=[
                (
                    "Sickly Moon",
                    ("#010502", "#0d2416", "#3f6b3a", "#e8f5c8", "#000000", "#c9ff5a"),
                    ("sickly green", "pitch black", "bone white", "acid lime"),
                ),
                (
                    "Bruised Dusk",
                    ("#05030a", "#1e1330", "#4a5d4f", "#f2efd8", "#020203", "#ff3b30"),
                    ("bruised violet", "moss grey", "pale moonlight", "blood red"),
                ),
            ],
        ),
        _g(
            key="thriller",
            label="thriller",
            flavour="high-stakes",
            tone="tense",
            keywords="heist|steal|thief|lawyer|frame|murder|detective|crime|corrupt|conspiracy|spy|assassin|"
            "blackmail|wanted|gang|police|genius|take over the world|order|submarine|smell lies|rob|"
            "bank|hacker|hitman|mistake|kidnap|witness|agent|bomb|casino|vault",
            moods="tense|slick|paranoid|razor-sharp|stylish|relentless|twisty|nerve-shredding",
            heroes="a junior paralegal who notices too much|a night-shift security guard|an insurance "
            "investigator with a perfect memory|a court stenographer|a getaway driver on her last job",
            allies="a burned-out investigative journalist|a hacker who owes a favour|a retired cop with nothing "
            "left to lose|a forger who wants out|a bartender who hears everything",
            villains="a silver-tongued senior partner|a soft-spoken crime boss|a decorated police commissioner|"
            "a philanthropist with very clean hands|a security consultant who is always one step ahead",
            wildcards="a getaway driver who talks too much|an informant playing every side|a pickpocket with a "
            "conscience|a janitor who has keys to everything",
            places=[
                ("in", "the rain-slicked city of {name}"),
                ("among", "the glass towers of {name}"),
                ("in", "the old port city of {name}"),
            ],
            scenery="city",
            light="moon",
            palettes=[
                (
                    "Neon Noir",
                    ("#020208", "#12122e", "#3a1f5c", "#ffe6f2", "#030308", "#00f0ff"),
                    ("inky black", "neon magenta", "electric cyan", "violet haze"),
                ),
                (
                    "Sodium Night",
                    ("#050608", "#1b2330", "#c8691c", "#ffd08a", "#040506", "#ff3355"),
                    ("gunmetal blue", "sodium orange", "smoky black", "warning red"),
                ),
            ],
        ),
        _g(
            key="scifi",
            label="sci-fi adventure",
            flavour="sci-fi",
            tone="epic",
            keywords="space|mars|alien|robot|ai|astronaut|planet|galaxy|spaceship|starship|time-travelling|"
            "time travel|time machine|android|cyborg|orbit|clone|space station|future|portal|moon|"
            "internet|sentient|lost in time|ufo|martian|rocket|laser|virtual|simulation",
            moods="awe-struck|cerebral|luminous|propulsive|otherworldly|wondrous|mind-bending|starlit",
            heroes="a junior systems engineer|a night-shift radio operator|a grounded test pilot|a botanist on "
            "her first off-world posting|a maintenance technician nobody notices",
            allies="a sardonic mission engineer|a sleep-deprived radio astronomer|a teenage hacker with a "
            "homemade telescope|an obsolete service robot|a physicist who talks to her plants",
            villains="a smiling defence contractor|a space agency director with something to hide|a billionaire "
            "who has already sold the future|a corporate auditor from head office|a flawless android "
            "negotiator",
            wildcards="a maintenance robot with opinions|a conspiracy podcaster who turns out to be right|a "
            "cat that keeps appearing in the wrong decade|a hologram that never stops apologising",
            places=[
                ("at", "the research outpost {code}"),
                ("aboard", "the orbital colony {code}"),
                ("in", "the desert observatory town of {name}"),
            ],
            scenery="space",
            light="planet",
            palettes=[
                (
                    "Deep Orbit",
                    ("#02030f", "#0b2a4a", "#1b8a8f", "#bdf6ff", "#03060c", "#ff5fa2"),
                    ("midnight navy", "electric teal", "pale cyan", "magenta sparks"),
                ),
                (
                    "Nebula Drift",
                    ("#07021a", "#2a0f4f", "#c2417a", "#ffd6a5", "#090414", "#5ef2ff"),
                    ("deep violet", "nebula rose", "apricot light", "cyan starlight"),
                ),
            ],
        ),
        _g(
            key="fantasy",
            label="fantasy adventure",
            flavour="fantasy",
            tone="epic",
            keywords="dragon|magic|magician|wizard|witch|spell|fairy|kingdom|knight|sorcerer|enchanted|prophecy|"
            "rewrites history|time runs backwards|bookshop|wish|mermaid|siren|unicorn|troll|queen|king|"
            "castle|curse|talking|come to life|portal|elf|giant|oracle|kraken",
            moods="enchanting|epic|storybook|soaring|mythic|spellbinding|wondrous|lantern-lit",
            heroes="a reluctant apprentice|a stable hand with a secret gift|a mapmaker who has never left home|"
            "a royal food taster|a night-watch guard with bad eyesight",
            allies="a disgraced knight|a bookish young witch|a talking fox with expensive tastes|a retired "
            "oracle who gets the details wrong|a smuggler with a flying boat",
            villains="an exiled sorcerer|a court wizard who wants the throne|an immortal collector of forbidden "
            "things|a queen who has outlawed wishing|a goblin banker who never forgets a debt",
            wildcards="a trickster spirit in a borrowed body|a dragon hatchling with a temper|a wandering bard "
            "who embellishes everything|an enchanted mirror that only tells half-truths",
            places=[
                ("in", "the mountain kingdom of {name}"),
                ("in", "the walled city of {name}"),
                ("in", "the enchanted valley of {name}"),
            ],
            scenery="castle",
            light="moon",
            palettes=[
                (
                    "Dragonfire Dusk",
                    ("#0c0620", "#3b1a5a", "#e07a3f", "#ffe8b0", "#0a0514", "#ffcc4d"),
                    ("royal purple", "ember orange", "molten gold", "night indigo"),
                ),
                (
                    "Enchanted Night",
                    ("#020b1a", "#123a5e", "#5fb3a8", "#f4f1ff", "#03070f", "#c58cff"),
                    ("sapphire", "moonlit jade", "silver", "lavender glow"),
                ),
            ],
        ),
        _g(
            key="sports",
            label="sports drama",
            flavour="underdog",
            tone="bright",
            keywords="boxer|boxing|racing|race|tournament|fight|champion|league|coach|competition|marathon|"
            "snowboarder|final level|hockey|football|soccer|bowling|surf|team|train|trains|match|"
            "wrestler|luchadora|wrestling|olympics|skater|cup",
            moods="rousing|gritty|triumphant|sweat-soaked|electric|defiant|big-hearted|crowd-pleasing",
            heroes="a late-blooming rookie|a mechanic with a lead foot|a benchwarmer who refuses to quit|a "
            "kit manager who knows every play",
            allies="a retired coach with one good eye|a hot-headed training partner|a data-obsessed teenage "
            "manager|a team physio with a gambling habit|a groundskeeper who played once, long ago",
            villains="the undefeated reigning champion|a slick promoter who bets against underdogs|a corporate "
            "sponsor with a rigged plan|a league official who wants the club gone|a rival coach with "
            "a perfect record",
            wildcards="a ringside commentator who adores drama|a superstitious mechanic|a mascot with a secret "
            "past|a talent scout who never smiles",
            places=[
                ("in", "the working-class city of {name}"),
                ("in", "the rust-belt town of {name}"),
                ("in", "the hockey-mad town of {name}"),
            ],
            scenery="arena",
            light="floodlights",
            palettes=[
                (
                    "Floodlight",
                    ("#020306", "#0e1a2e", "#1f3f66", "#ffffff", "#030406", "#ffb400"),
                    ("stadium navy", "floodlight white", "champion gold", "deep shadow"),
                ),
                (
                    "Red Corner",
                    ("#080204", "#2e0a12", "#7a1022", "#fff0e0", "#050203", "#ffcc00"),
                    ("crimson", "smoky black", "hot white", "trophy gold"),
                ),
            ],
        ),
        _g(
            key="adventure",
            label="adventure",
            flavour="action-packed",
            tone="bright",
            keywords="crash|island|pirate|andes|jungle|desert|mountain|avalanche|survivor|treasure|expedition|"
            "shipwreck|cowboy|ocean|trapped|walk a thousand|tesoro|map|quest|search|explorer|lost|"
            "balloon|sail|journey|escape|runs away",
            moods="breathtaking|rugged|sweeping|heart-pounding|sun-bleached|untamed|swashbuckling|windswept",
            heroes="a rookie flight attendant|a stubborn survival instructor|a travel blogger out of their depth|"
            "a cartographer's apprentice|a ferry pilot who has never left the harbour",
            allies="a gruff mountain guide|a medical student who refuses to panic|a former soldier with a bad "
            "knee|a stowaway who knows the stars|a cook who can fix any engine",
            villains="a ruthless expedition leader|a smuggler who knows the terrain|a survivor who has started "
            "hoarding supplies|a treasure hunter with a private army|a tour operator who cuts corners",
            wildcards="a stray dog who seems to know the way|a radio voice nobody can identify|a goat that "
            "refuses to be left behind|a hermit who claims to have seen it all before",
            places=[
                ("in", "the wilderness beyond {name}"),
                ("on", "the uncharted island of {name}"),
                ("in", "the frozen passes above {name}"),
            ],
            scenery="mountains",
            light="sun",
            palettes=[
                (
                    "High Altitude",
                    ("#0d2440", "#3f78a8", "#f2b880", "#fff4dc", "#10161f", "#ff7b3a"),
                    ("glacier blue", "alpine dusk", "sunrise amber", "slate"),
                ),
                (
                    "Tropic Blaze",
                    ("#1e2f6b", "#ff7e5f", "#feb47b", "#fff5d6", "#14202b", "#2ec4b6"),
                    ("cobalt", "flamingo coral", "mango gold", "lagoon teal"),
                ),
            ],
        ),
        _g(
            key="romance",
            label="romance",
            flavour="romantic",
            tone="warm",
            keywords="love|breakup|wedding|crush|kiss|marry|romance|date|heartbreak|fall for|falls for|"
            "in love|divorce|valentine|bride|groom|swap lives",
            moods="swoon-worthy|tender|sun-kissed|bittersweet|charming|heartfelt|giddy|starry-eyed",
            heroes="a hopeless romantic who has sworn off love|a wedding photographer who is never invited as "
            "a guest|a divorce lawyer with a perfect record|a florist who hates Valentine's Day",
            allies="a brutally honest best friend|a florist who sees everything|a grandparent who has been "
            "married four times|a flatmate with terrible advice|a bus driver who has seen a thousand "
            "first dates",
            villains="a polished ex who wants a second chance|a rival with a perfect plan|a disapproving older "
            "sibling|a wedding planner with a grudge|a matchmaker who has never lost a client",
            wildcards="a street musician who plays at all the wrong moments|a matchmaking taxi driver|a dog "
            "that only likes one of them|a fortune teller with a terrible memory",
            places=[
                ("in", "the coastal village of {name}"),
                ("in", "the harbour town of {name}"),
                ("among", "the vineyards of {name}"),
            ],
            scenery="field",
            light="sun",
            palettes=[
                (
                    "Rose Gold",
                    ("#2b0f2e", "#9c3d6d", "#ffb07c", "#fff1d6", "#2a0d1e", "#ffd1e8"),
                    ("dusky rose", "peach gold", "soft pink", "plum"),
                ),
                (
                    "Golden Hour",
                    ("#3b1d3a", "#e06c75", "#ffc371", "#fff3e0", "#2d1320", "#ffe4ec"),
                    ("honey gold", "coral blush", "warm amber", "wine"),
                ),
            ],
        ),
        _g(
            key="comedy",
            label="comedy",
            flavour="comic",
            tone="light",
            keywords="dog|parrot|trench coat|surf|cat|goat|llama|penguin|barista|circus|knitting|clown|pretend|"
            "terrified|film set|elevator|grandmother|accidentally|bakery|bake|plumber|vending machine|"
            "bowling|pizza|nun|monk|mime|tattoo|lottery|worst|divorce|ballerina|misfit|chef|cook|"
            "hotel|funfair|bears|mayor|accountant|mistaken|grandma|abuela|chat|file|traffic light|"
            "parking|duck|chicken|sheep|pig|moose|hamster|wish|dinosaur|bed and breakfast|elderly|scarecrow|"
            "driving test|ninth time|tenth time|hundredth time|monster truck|allergic|karaoke|talent show|"
            "punk band|stand-up|toddler|youngest|comedian|sense of humour",
            moods="zany|feel-good|sunny|mischievous|big-hearted|gleefully chaotic|madcap|warm-hearted",
            heroes="a hopelessly unlucky delivery driver|an overconfident party planner|a substitute teacher "
            "on her first day|a customer-service agent who has heard it all",
            allies="a chronically optimistic best friend|a washed-up local celebrity|an overqualified pizza "
            "delivery driver|a neighbour who films everything|a retired stuntman with a bad hip",
            villains="a smug rival with perfect hair|a by-the-book council inspector|a reality-TV producer "
            "hungry for chaos|a health-and-safety officer with a clipboard|a franchise tycoon in "
            "matching tracksuits",
            wildcards="a goat that follows everyone home|a retired magician with a suspicious van|a toddler "
            "who understands everything|a mall Santa working off the books",
            places=[
                ("in", "the sleepy seaside town of {name}"),
                ("in", "the suburb of {name}"),
                ("in", "the proudly ordinary town of {name}"),
            ],
            scenery="field",
            light="sun",
            palettes=[
                (
                    "Sunny Side",
                    ("#2d8cff", "#6ec6ff", "#ffe66d", "#fff7c2", "#1f3b4d", "#ff6b6b"),
                    ("bright sky blue", "sunshine yellow", "coral", "cloud white"),
                ),
                (
                    "Pop Fizz",
                    ("#3a7bd5", "#00d2ff", "#ffd86f", "#fffbe0", "#203a43", "#ff8c42"),
                    ("cobalt", "aqua", "lemon", "tangerine"),
                ),
            ],
        ),
        _g(
            key="drama",
            label="drama",
            flavour="heartfelt",
            tone="warm",
            keywords="widowed|widow|farmer|family|grief|teacher|funeral|divorce|inherit|sister|brother|"
            "grandson|drought|orphan|elderly|surgery|memory|illness|village|deaf|piano|pianiste|"
            "tree|elder|drummer|music",
            moods="moving|luminous|intimate|bittersweet|hopeful|quietly powerful|tender|unflinching",
            heroes="a quiet schoolteacher|a night-shift nurse|an out-of-work musician|a bus driver counting "
            "down to retirement|a hospice volunteer",
            allies="a younger sibling who never left home|an old friend with a new secret|a neighbour who "
            "asks the right questions|a pharmacist who knows everyone's business|a teenage lodger",
            villains="a developer circling the family land|a local official who prefers things quiet|a "
            "long-lost relative with a claim to everything|a bank manager with a quota|a charming "
            "investor from the city",
            wildcards="a stray cat that adopts the household|a travelling preacher with a past|a radio "
            "phone-in host|a child who asks the questions nobody else will",
            places=[
                ("in", "the farming town of {name}"),
                ("in", "the river town of {name}"),
                ("in", "the small town of {name}"),
            ],
            scenery="field",
            light="sun",
            palettes=[
                (
                    "Late Harvest",
                    ("#1d2a44", "#8a6f8f", "#f4b46a", "#fff0cf", "#1a1710", "#e8743b"),
                    ("dusk blue", "mauve", "harvest amber", "burnt orange"),
                ),
                (
                    "Quiet Blue",
                    ("#0f1b2d", "#4b6a88", "#c9b79c", "#fbf4e6", "#11151b", "#d9a441"),
                    ("slate blue", "pewter", "linen", "old gold"),
                ),
            ],
        ),
    )
}

# What a pair of genres is called: (primary, secondary) -> label.
PAIR_LABELS = {
    ("horror", "comedy"): "horror-comedy",
    ("comedy", "horror"): "horror-comedy",
    ("comedy", "romance"): "romantic comedy",
    ("romance", "comedy"): "romantic comedy",
    ("scifi", "comedy"): "sci-fi comedy",
    ("comedy", "scifi"): "sci-fi comedy",
    ("fantasy", "comedy"): "fantasy comedy",
    ("comedy", "fantasy"): "fantasy comedy",
    ("sports", "comedy"): "sports comedy",
    ("comedy", "sports"): "sports comedy",
    ("thriller", "comedy"): "crime caper",
    ("comedy", "thriller"): "crime caper",
    ("adventure", "comedy"): "adventure comedy",
    ("comedy", "adventure"): "adventure comedy",
    ("drama", "comedy"): "comedy-drama",
    ("comedy", "drama"): "comedy-drama",
    ("scifi", "thriller"): "sci-fi thriller",
    ("thriller", "scifi"): "sci-fi thriller",
    ("horror", "scifi"): "sci-fi horror",
    ("scifi", "horror"): "sci-fi horror",
    ("romance", "drama"): "romantic drama",
    ("drama", "romance"): "romantic drama",
    ("fantasy", "romance"): "fantasy romance",
    ("romance", "fantasy"): "fantasy romance",
    ("scifi", "drama"): "sci-fi drama",
    ("drama", "scifi"): "sci-fi drama",
    ("scifi", "romance"): "sci-fi romance",
    ("romance", "scifi"): "sci-fi romance",
    ("sports", "drama"): "sports drama",
    ("drama", "sports"): "sports drama",
    ("horror", "thriller"): "horror thriller",
    ("thriller", "horror"): "horror thriller",
    ("fantasy", "horror"): "dark fantasy",
    ("horror", "fantasy"): "dark fantasy",
    ("adventure", "fantasy"): "fantasy adventure",
    ("fantasy", "adventure"): "fantasy adventure",
    ("adventure", "scifi"): "sci-fi adventure",
    ("scifi", "adventure"): "sci-fi adventure",
    ("thriller", "drama"): "crime drama",
    ("drama", "thriller"): "crime drama",
    ("horror", "drama"): "gothic drama",
    ("drama", "horror"): "gothic drama",
    ("horror", "romance"): "gothic romance",
    ("romance", "horror"): "gothic romance",
    ("horror", "adventure"): "survival horror",
    ("adventure", "horror"): "survival horror",
    ("horror", "sports"): "horror film",
    ("sports", "horror"): "horror film",
    ("thriller", "fantasy"): "fantasy thriller",
    ("fantasy", "thriller"): "fantasy thriller",
    ("thriller", "adventure"): "action thriller",
    ("adventure", "thriller"): "action thriller",
    ("thriller", "sports"): "sports thriller",
    ("sports", "thriller"): "sports thriller",
    ("thriller", "romance"): "romantic thriller",
    ("romance", "thriller"): "romantic thriller",
    ("fantasy", "drama"): "fantasy drama",
    ("drama", "fantasy"): "fantasy drama",
    ("fantasy", "sports"): "fantasy adventure",
    ("sports", "fantasy"): "sports fantasy",
    ("scifi", "sports"): "sci-fi sports drama",
    ("sports", "scifi"): "sci-fi sports drama",
    ("adventure", "drama"): "adventure drama",
    ("drama", "adventure"): "adventure drama",
    ("adventure", "romance"): "romantic adventure",
    ("romance", "adventure"): "romantic adventure",
    ("adventure", "sports"): "sports adventure",
    ("sports", "adventure"): "sports adventure",
    ("romance", "sports"): "sports romance",
    ("sports", "romance"): "sports romance",
}
# Moods for a tone set apart from the genre's own (a pitch meeting's "darker", "for kids").
TONE_MOODS = {
    "light": ("sunny", "playful", "big-hearted", "mischievous"),
    "warm": ("tender", "heartfelt", "bittersweet", "hopeful"),
    "dark": ("brooding", "menacing", "shadowy", "bleak"),
    "tense": ("taut", "nerve-jangling", "paranoid", "relentless"),
    "bright": ("rousing", "spirited", "triumphant", "sunlit"),
    "epic": ("sweeping", "grand", "soaring", "mythic"),
    "family": ("warm-hearted", "playful", "gentle", "joyful"),
}


# The tone a pair takes: a comedy streak lightens anything; a horror streak darkens a drama.
def tone_of(genres: tuple[str, ...]) -> str:
    """light, warm, dark, tense, bright or epic: how the pitch should feel."""
    if "comedy" in genres:
        return "light"
    return GENRES[genres[0]].tone


def label_of(genres: tuple[str, ...]) -> str:
    """The genre as written in prose: "horror-comedy", "sci-fi thriller", "drama"."""
    if len(genres) > 1:
        return PAIR_LABELS.get(genres[:2], f"{GENRES[genres[1]].flavour} {GENRES[genres[0]].label}")
    return GENRES[genres[0]].label
