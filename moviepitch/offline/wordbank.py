"""Word lists for the offline writer: genres, names, places and palettes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Genre:
    """Everything the writer and painter know about one genre."""

    key: str
    label: str  # the noun: "comedy"
    flavour: str  # the adjective when it is the secondary genre: "laugh-out-loud"
    keywords: tuple[str, ...]
    moods: tuple[str, ...]
    heroes: tuple[str, ...]  # for ideas whose subject is not a person
    allies: tuple[str, ...]
    villains: tuple[str, ...]
    wildcards: tuple[str, ...]
    escalations: tuple[str, ...]
    complications: tuple[str, ...]
    climaxes: tuple[str, ...]
    themes: tuple[str, ...]
    places: tuple[tuple[str, str], ...]  # (preposition, pattern with {name})
    titles: tuple[str, ...]  # {M} motif, {P} place name
    scenery: str
    light: str
    palettes: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]  # name, hex, words


def _g(**fields) -> Genre:
    return Genre(**{k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()})


# Order breaks ties between equally matched genres: the earlier, the more distinctive.
GENRES: dict[str, Genre] = {g.key: g for g in (
    _g(key="horror", label="horror film", flavour="spine-chilling",
       keywords=["ghost", "cursed", "curse", "haunt", "haunted", "zombie", "demon", "possessed",
                 "vampire", "werewolf", "monster", "nightmare", "not alone", "seance", "kills"],
       moods=["eerie", "claustrophobic", "unsettling", "gothic", "dread-soaked", "haunting"],
       heroes=["a sleep-deprived night nurse", "a teenager who never turns down a dare",
               "a sceptical true-crime podcaster"],
       allies=["a sceptical paranormal investigator", "the local priest who stopped believing",
               "a night-shift nurse who has seen this before"],
       villains=["a charming landlord", "the town's silver-haired historian",
                 "a grieving neighbour with a terrible secret"],
       wildcards=["a child who speaks to the walls", "a medium who charges by the minute"],
       escalations=["At first the signs are small, a cold draught and a whisper near the {motif}, "
                    "and then the rules start to change.",
                    "Every night the {motif} takes a little more, and every morning fewer people "
                    "in {place_name} remember what was lost.",
                    "Locals in {place_name} have a word for what is happening, and nobody will "
                    "say it out loud."],
       complications=["The deeper they dig, the clearer it becomes that the {motif} was never the "
                      "real threat.",
                      "Doors that were locked stand open, photographs change when nobody is "
                      "looking, and the lights are failing one street at a time."],
       climaxes=["On the longest night of the year, {hero} must face what waits in the dark, "
                 "knowing that {ally} may not live to see morning.",
                 "When the last light goes out, {hero} has one chance to break the pattern before "
                 "{villain} finishes what was started."],
       themes=["grief, guilt and the things we refuse to let go of", "the price of looking away"],
       places=[("in", "the fog-bound town of {name}"), ("in", "the marsh village of {name}"),
               ("at", "a crumbling estate outside {name}")],
       titles=["The {M}", "Don't Wake the {M}", "{M} Hollow", "What the {M} Wants",
               "Under the {M}", "The Night {M}"],
       scenery="house", light="moon",
       palettes=[("Sickly Moon", ("#010502", "#0d2416", "#3f6b3a", "#e8f5c8", "#000000", "#c9ff5a"),
                  ("sickly green", "pitch black", "bone white", "acid lime")),
                 ("Bruised Dusk", ("#05030a", "#1e1330", "#4a5d4f", "#f2efd8", "#020203", "#ff3b30"),
                  ("bruised violet", "moss grey", "pale moonlight", "blood red"))]),
    _g(key="thriller", label="thriller", flavour="high-stakes",
       keywords=["heist", "steal", "thief", "thieves", "lawyer", "frame", "murder", "detective",
                 "crime", "corrupt", "conspiracy", "spy", "assassin", "blackmail", "wanted", "gang",
                 "police", "genius", "take over the world", "orders", "submarine", "smell lies"],
       moods=["tense", "slick", "paranoid", "razor-sharp", "stylish", "relentless"],
       heroes=["a junior paralegal who notices too much", "a night-shift security guard",
               "an insurance investigator with a perfect memory"],
       allies=["a burned-out investigative journalist", "a hacker who owes a favour",
               "a retired cop with nothing left to lose"],
       villains=["a silver-tongued senior partner", "a soft-spoken crime boss",
                 "a decorated police commissioner", "a philanthropist with very clean hands"],
       wildcards=["a getaway driver who talks too much", "an informant playing every side"],
       escalations=["One wrong move could cost everything, and the people behind the {motif} "
                    "never make wrong moves.",
                    "The {motif} is only the beginning, because behind it lies a web of favours, "
                    "lies and money that reaches every corner of {place_name}."],
       complications=["Every ally has a price, every clue has been planted, and the clock ticks "
                      "louder with every hour.",
                      "Double-crosses pile up, the evidence keeps vanishing, and the only safe "
                      "assumption is that someone is always watching."],
       climaxes=["In a nerve-shredding final night across {place_name}, {hero} must outthink "
                 "{villain} one move at a time, with {ally} as the last card left to play.",
                 "With the net closing fast, {hero} gambles everything on one audacious plan that "
                 "only {ally} believes can work."],
       themes=["truth, loyalty and what people will do to protect both",
               "power and the ordinary people who refuse to bow to it"],
       places=[("in", "the rain-slicked city of {name}"), ("among", "the glass towers of {name}"),
               ("in", "the old port city of {name}")],
       titles=["The {M} Job", "Dead {M}", "{P} Blackout", "The {M} Files", "Cold {M}",
               "Framed in {P}"],
       scenery="city", light="moon",
       palettes=[("Neon Noir", ("#020208", "#12122e", "#3a1f5c", "#ffe6f2", "#030308", "#00f0ff"),
                  ("inky black", "neon magenta", "electric cyan", "violet haze")),
                 ("Sodium Night", ("#050608", "#1b2330", "#c8691c", "#ffd08a", "#040506", "#ff3355"),
                  ("gunmetal blue", "sodium orange", "smoky black", "warning red"))]),
    _g(key="scifi", label="sci-fi adventure", flavour="mind-bending",
       keywords=["space", "mars", "alien", "robot", "ai", "astronaut", "planet", "galaxy",
                 "spaceship", "starship", "time-travelling", "time travel", "android", "cyborg",
                 "orbit", "clone", "space station", "future"],
       moods=["awe-struck", "cerebral", "luminous", "propulsive", "otherworldly", "wondrous"],
       heroes=["a junior systems engineer", "a night-shift radio operator",
               "a grounded test pilot"],
       allies=["a sardonic mission engineer", "a sleep-deprived radio astronomer",
               "a teenage hacker with a homemade telescope"],
       villains=["a smiling defence contractor", "a space agency director with something to hide",
                 "a billionaire who has already sold the future"],
       wildcards=["a maintenance robot with opinions",
                  "a conspiracy podcaster who turns out to be right"],
       escalations=["What starts as a curiosity about the {motif} soon becomes a signal, and the "
                    "signal is getting stronger every night.",
                    "Within days the {motif} is the most important secret on Earth, and {hero} is "
                    "the only one who has seen it up close."],
       complications=["Together they uncover a cover-up that reaches from {place_name} all the way "
                      "into orbit.",
                      "Every answer they find raises a stranger question, and the countdown has "
                      "already begun."],
       climaxes=["With the sky above {place_name} lighting up and time running out, {hero} must "
                 "decide whether humanity is ready for the truth.",
                 "In a breathless final countdown, {hero} has to trust {ally}, outwit {villain} and "
                 "make a choice no training could prepare anyone for."],
       themes=["curiosity, courage and the wonder of not being alone",
               "what it means to be human when the universe answers back"],
       places=[("at", "the research outpost {code}"), ("aboard", "the orbital colony {code}"),
               ("in", "the desert observatory town of {name}")],
       titles=["The {M} Signal", "{M} Protocol", "Beyond {P}", "Orbit of the {M}",
               "Static Over {P}", "{M} Zero"],
       scenery="space", light="planet",
       palettes=[("Deep Orbit", ("#02030f", "#0b2a4a", "#1b8a8f", "#bdf6ff", "#03060c", "#ff5fa2"),
                  ("midnight navy", "electric teal", "pale cyan", "magenta sparks")),
                 ("Nebula Drift", ("#07021a", "#2a0f4f", "#c2417a", "#ffd6a5", "#090414", "#5ef2ff"),
                  ("deep violet", "nebula rose", "apricot light", "cyan starlight"))]),
    _g(key="fantasy", label="fantasy adventure", flavour="magical",
       keywords=["dragon", "magic", "magician", "wizard", "witch", "spell", "fairy", "kingdom",
                 "knight", "sorcerer", "enchanted", "prophecy", "rewrites history",
                 "time runs backwards", "bookshop"],
       moods=["enchanting", "epic", "storybook", "soaring", "mythic", "spellbinding"],
       heroes=["a reluctant apprentice", "a stable hand with a secret gift",
               "a mapmaker who has never left home"],
       allies=["a disgraced knight", "a bookish young witch", "a talking fox with expensive tastes"],
       villains=["an exiled sorcerer", "a court wizard who wants the throne",
                 "an immortal collector of forbidden things"],
       wildcards=["a trickster spirit in a borrowed body", "a dragon hatchling with a temper"],
       escalations=["Old magic stirs around the {motif}, and the prophecies everyone laughed at "
                    "start coming true one by one.",
                    "The {motif} is waking, and {place_name} has forgotten how to fight the kind of "
                    "danger that breathes fire."],
       complications=["Their road runs through enchanted forests, broken oaths and a bargain that "
                      "will cost more than gold.",
                      "Every spell has a price, and it is becoming clear who will be asked to pay "
                      "it."],
       climaxes=["As the old powers clash above {place_name}, {hero} must claim a destiny nobody "
                 "asked for and stand against {villain} with only {ally} for company.",
                 "At the edge of the final battle, {hero} learns that the strongest magic was "
                 "never in the spellbooks."],
       themes=["courage, wonder and the stories that make us who we are",
               "the magic of choosing who you want to be"],
       places=[("in", "the mountain kingdom of {name}"), ("in", "the walled city of {name}"),
               ("in", "the enchanted valley of {name}")],
       titles=["The {M} and the Crown", "Keeper of the {M}", "The {M} Oath", "Ember and {M}",
               "The Last {M} of {P}"],
       scenery="castle", light="moon",
       palettes=[("Dragonfire Dusk", ("#0c0620", "#3b1a5a", "#e07a3f", "#ffe8b0", "#0a0514", "#ffcc4d"),
                  ("royal purple", "ember orange", "molten gold", "night indigo")),
                 ("Enchanted Night", ("#020b1a", "#123a5e", "#5fb3a8", "#f4f1ff", "#03070f", "#c58cff"),
                  ("sapphire", "moonlit jade", "silver", "lavender glow"))]),
    _g(key="sports", label="sports drama", flavour="underdog",
       keywords=["boxer", "boxing", "racing", "race", "tournament", "fight", "champion", "league",
                 "coach", "competition", "marathon", "snowboarder", "final level"],
       moods=["rousing", "gritty", "triumphant", "sweat-soaked", "electric", "defiant"],
       heroes=["a late-blooming rookie", "a mechanic with a lead foot",
               "a benchwarmer who refuses to quit"],
       allies=["a retired coach with one good eye", "a hot-headed training partner",
               "a data-obsessed teenage manager"],
       villains=["the undefeated reigning champion", "a slick promoter who bets against underdogs",
                 "a corporate sponsor with a rigged plan"],
       wildcards=["a ringside commentator who adores drama", "a superstitious mechanic"],
       escalations=["Nobody gives {hero} a chance against the {motif}, and the odds get worse "
                    "with every round.",
                    "The training is brutal, the money is running out, and the {motif} is only "
                    "weeks away."],
       complications=["Bruised, broke and underestimated, they turn every setback into fuel.",
                      "Rivals sharpen their knives, old injuries flare up, and the whole of "
                      "{place_name} starts to care."],
       climaxes=["Under the blinding lights of the final showdown, {hero} must face {villain} and "
                 "prove that heart can beat talent when it matters most.",
                 "With the crowd on its feet and {ally} in the corner, {hero} has one last chance "
                 "to rewrite a lifetime of near misses."],
       themes=["grit, family and never staying down", "the underdog in all of us"],
       places=[("in", "the working-class city of {name}"), ("in", "the rust-belt town of {name}")],
       titles=["One Last {M}", "{M} Heart", "The {M} Round", "Full Throttle in {P}",
               "Underdogs of {P}"],
       scenery="arena", light="floodlights",
       palettes=[("Floodlight", ("#020306", "#0e1a2e", "#1f3f66", "#ffffff", "#030406", "#ffb400"),
                  ("stadium navy", "floodlight white", "champion gold", "deep shadow")),
                 ("Red Corner", ("#080204", "#2e0a12", "#7a1022", "#fff0e0", "#050203", "#ffcc00"),
                  ("crimson", "smoky black", "hot white", "trophy gold"))]),
    _g(key="adventure", label="adventure", flavour="death-defying",
       keywords=["crash", "island", "pirate", "andes", "jungle", "desert", "mountain", "avalanche",
                 "survivor", "treasure", "expedition", "shipwreck", "cowboy", "ocean", "trapped",
                 "walk a thousand"],
       moods=["breathtaking", "rugged", "sweeping", "heart-pounding", "sun-bleached", "untamed"],
       heroes=["a rookie flight attendant", "a stubborn survival instructor",
               "a travel blogger out of their depth"],
       allies=["a gruff mountain guide", "a medical student who refuses to panic",
               "a former soldier with a bad knee"],
       villains=["a ruthless expedition leader", "a smuggler who knows the terrain",
                 "a survivor who has started hoarding supplies"],
       wildcards=["a stray dog who seems to know the way", "a radio voice nobody can identify"],
       escalations=["The {motif} is only the first obstacle, because ahead lie storms, hunger and "
                    "a landscape that wants them gone.",
                    "Supplies are thin, tempers are thinner, and {place_name} does not forgive "
                    "mistakes."],
       complications=["Every mile tests their bodies, their friendships and their stubborn refusal "
                      "to give up.",
                      "Along the way they discover that the greatest danger may be walking right "
                      "beside them."],
       climaxes=["With the end in sight and the weather closing in, {hero} must lead the others "
                 "through the final stretch, whatever it costs.",
                 "On the last and hardest day, {hero} and {ally} face a choice between the fastest "
                 "way home and the right one."],
       themes=["endurance, hope and the family you find on the way",
               "how far people will go to get home"],
       places=[("in", "the wilderness beyond {name}"), ("on", "the uncharted island of {name}"),
               ("in", "the frozen passes above {name}")],
       titles=["The Long Way from {P}", "Edge of {P}", "The {M} Trail", "Beyond the {M}",
               "{P} or Bust"],
       scenery="mountains", light="sun",
       palettes=[("High Altitude", ("#0d2440", "#3f78a8", "#f2b880", "#fff4dc", "#10161f", "#ff7b3a"),
                  ("glacier blue", "alpine dusk", "sunrise amber", "slate")),
                 ("Tropic Blaze", ("#1e2f6b", "#ff7e5f", "#feb47b", "#fff5d6", "#14202b", "#2ec4b6"),
                  ("cobalt", "flamingo coral", "mango gold", "lagoon teal"))]),
    _g(key="romance", label="romance", flavour="romantic",
       keywords=["love", "breakup", "wedding", "crush", "kiss", "marry", "romance", "date",
                 "heartbreak"],
       moods=["swoon-worthy", "tender", "sun-kissed", "bittersweet", "charming", "heartfelt"],
       heroes=["a hopeless romantic who has sworn off love",
               "a wedding photographer who is never invited as a guest"],
       allies=["a brutally honest best friend", "a florist who sees everything",
               "a grandparent who has been married four times"],
       villains=["a polished ex who wants a second chance", "a rival with a perfect plan",
                 "a disapproving older sibling"],
       wildcards=["a street musician who plays at all the wrong moments",
                  "a matchmaking taxi driver"],
       escalations=["It should be simple, but the {motif} keeps getting in the way, and so does "
                    "{possessive} stubborn heart.",
                    "Love was never part of the plan, and {place_name} has a way of rewriting "
                    "plans."],
       complications=["Stolen glances turn into long evenings, and long evenings turn into a "
                      "question nobody dares to ask.",
                      "Every step closer comes with a secret, and the secrets are starting to "
                      "surface."],
       climaxes=["When one last chance arrives beneath the lights of {place_name}, {hero} must "
                 "decide whether to play it safe or risk everything for love.",
                 "With {villain} closing in on a happy ending that is not theirs, {hero} finally "
                 "says the thing that cannot be unsaid."],
       themes=["timing, courage and the people who change us", "the risk of opening your heart"],
       places=[("in", "the coastal village of {name}"), ("in", "the harbour town of {name}"),
               ("among", "the vineyards of {name}")],
       titles=["Love in {P}", "The {M} Between Us", "Falling for the {M}", "Yours, {P}",
               "Summer of the {M}"],
       scenery="field", light="sun",
       palettes=[("Rose Gold", ("#2b0f2e", "#9c3d6d", "#ffb07c", "#fff1d6", "#2a0d1e", "#ffd1e8"),
                  ("dusky rose", "peach gold", "soft pink", "plum")),
                 ("Golden Hour", ("#3b1d3a", "#e06c75", "#ffc371", "#fff3e0", "#2d1320", "#ffe4ec"),
                  ("honey gold", "coral blush", "warm amber", "wine"))]),
    _g(key="comedy", label="comedy", flavour="laugh-out-loud",
       keywords=["dog", "parrot", "trench coat", "surf", "cat", "goat", "llama", "penguin",
                 "barista", "circus", "knitting", "clown", "pretend", "terrified", "film set",
                 "talk", "elevator", "grandmother", "accidentally"],
       moods=["zany", "feel-good", "sunny", "mischievous", "big-hearted", "gleefully chaotic"],
       heroes=["a hopelessly unlucky delivery driver", "an overconfident party planner"],
       allies=["a chronically optimistic best friend", "a washed-up local celebrity",
               "an overqualified pizza delivery driver"],
       villains=["a smug rival with perfect hair", "a by-the-book council inspector",
                 "a reality-TV producer hungry for chaos"],
       wildcards=["a goat that follows everyone home", "a retired magician with a suspicious van"],
       escalations=["It is a brilliant plan for about five minutes, and then the {motif} gets "
                    "involved.",
                    "Before long the whole of {place_name} is talking about the {motif}, and not "
                    "in a good way."],
       complications=["Cue disguises, disasters and one spectacularly bad idea after another.",
                      "Every attempt to fix things makes them gloriously worse, and the whole town "
                      "has started taking sides."],
       climaxes=["With the big day looming and everything hanging by a thread, {hero} has to pull "
                 "off the impossible in front of everyone who ever doubted the plan.",
                 "It all comes down to one chaotic afternoon in {place_name}, where {hero}, {ally} "
                 "and a very confused crowd discover what they are really made of."],
       themes=["friendship, second chances and finding your people",
               "being brave enough to look ridiculous"],
       places=[("in", "the sleepy seaside town of {name}"), ("in", "the suburb of {name}"),
               ("in", "the proudly ordinary town of {name}")],
       titles=["Operation {M}", "Totally {M}", "The Great {M} Caper", "{M} Squad", "{P} or Bust"],
       scenery="field", light="sun",
       palettes=[("Sunny Side", ("#2d8cff", "#6ec6ff", "#ffe66d", "#fff7c2", "#1f3b4d", "#ff6b6b"),
                  ("bright sky blue", "sunshine yellow", "coral", "cloud white")),
                 ("Pop Fizz", ("#3a7bd5", "#00d2ff", "#ffd86f", "#fffbe0", "#203a43", "#ff8c42"),
                  ("cobalt", "aqua", "lemon", "tangerine"))]),
    _g(key="drama", label="drama", flavour="heartfelt",
       keywords=["widowed", "farmer", "family", "chef", "grief", "teacher", "funeral", "divorce"],
       moods=["moving", "luminous", "intimate", "bittersweet", "hopeful", "quietly powerful"],
       heroes=["a quiet schoolteacher", "a night-shift nurse", "an out-of-work musician"],
       allies=["a younger sibling who never left home", "an old friend with a new secret",
               "a neighbour who asks the right questions"],
       villains=["a developer circling the family land", "a local official who prefers things quiet",
                 "a long-lost relative with a claim to everything"],
       wildcards=["a stray cat that adopts the household", "a travelling preacher with a past"],
       escalations=["The {motif} cracks open old wounds, and the quiet life {hero} built in "
                    "{place_name} begins to come apart.",
                    "Nothing about the {motif} is simple, and every choice {hero} makes ripples "
                    "through the people {pronoun} loves."],
       complications=["Secrets surface, loyalties shift and the past refuses to stay buried.",
                      "What begins as a small act of defiance grows into something the whole "
                      "community has to reckon with."],
       climaxes=["When everything finally comes to a head, {hero} must choose between the safe "
                 "life {pronoun} knows and the one {pronoun} was always meant to live.",
                 "On the night it all comes apart, {hero} and {ally} find out what they are "
                 "willing to fight for."],
       themes=["family, forgiveness and the courage to start again",
               "the quiet heroism of ordinary people"],
       places=[("in", "the farming town of {name}"), ("in", "the river town of {name}"),
               ("in", "the small town of {name}")],
       titles=["The Quiet {M}", "{M} Season", "What the {M} Knew", "After the {M}",
               "Long Light over {P}"],
       scenery="field", light="sun",
       palettes=[("Late Harvest", ("#1d2a44", "#8a6f8f", "#f4b46a", "#fff0cf", "#1a1710", "#e8743b"),
                  ("dusk blue", "mauve", "harvest amber", "burnt orange")),
                 ("Quiet Blue", ("#0f1b2d", "#4b6a88", "#c9b79c", "#fbf4e6", "#11151b", "#d9a441"),
                  ("slate blue", "pewter", "linen", "old gold"))]),
)}

# Character names: invented, and kept apart from the performer banks below.
HEROINE_NAMES = ("Mara", "Juno", "Ines", "Talia", "Wren", "Odette", "Priya", "Sloane", "Nadia",
                 "Greta", "Maeve", "Hattie", "Ziva", "Rosalind", "Imogen", "Delphine", "Amara", "Noor")
HERO_NAMES = ("Dex", "Anselm", "Tobias", "Rafe", "Cormac", "Idris", "Milo", "Eamon", "Laszlo",
              "Teodor", "Jonah", "Silas", "Kenji", "Bram", "Otis", "Caspian", "Rufus", "Ezra")
PET_NAMES = ("Biscuit", "Pickles", "Waffles", "Noodle", "Pepper", "Mango", "Dumpling", "Ziggy",
             "Pudding", "Sprocket", "Meatball", "Tofu")
CHARACTER_SURNAMES = ("Voss", "Calloway", "Thistlewood", "Kade", "Quillfeather", "Strand",
                      "Fairweather", "Harrow", "Penhaligon", "Ashby", "Drummond", "Vantreight",
                      "Bellweather", "Stroud", "Kincaid", "Halloway", "Pemberton", "Mercer",
                      "Castellane", "Dunlevy", "Okonkwo", "Rook", "Sallow", "Brightwell")

# Performer names: first names and rare surnames chosen so no pairing is a famous actor.
PERFORMER_WOMEN = ("Elena", "Mireille", "Anouk", "Tamsin", "Yara", "Beatriz", "Lotte", "Rosalie",
                   "Adaeze", "Fenna", "Marisol", "Keiko", "Odile", "Linnea", "Sabine", "Daria",
                   "Clementine", "Nilufar")
PERFORMER_MEN = ("Matteo", "Caius", "Anders", "Jovan", "Florian", "Tendai", "Oskar", "Rafferty",
                 "Emil", "Dario", "Kofi", "Lorcan", "Soren", "Hamish", "Arjun", "Benedek",
                 "Nikolai", "Aurelio")
PERFORMER_SURNAMES = ("Marchetti", "Lindqvist", "Varga", "Castellanos", "Ashdown", "Halvorsen",
                      "Delacourt", "Iwamura", "Brannock", "Petrakis", "Oyelaran", "Achterberg",
                      "Dunmore", "Moravec", "Takahara", "Quennell", "Villanueva", "Tremblay",
                      "Falkenrath", "Nakashima", "Oduya", "Lindholm", "Castellari", "Pellegrino",
                      "Haverford", "Ostrowski", "Mwangi", "Arkwright", "Kowalczyk", "Szabo")

# Titles a hero's job earns in front of the name.
HONORIFICS = {"astronaut": "Commander", "astronauts": "Commander", "captain": "Captain",
              "detective": "Detective", "mayor": "Mayor", "chef": "Chef", "doctor": "Doctor",
              "professor": "Professor", "conductor": "Maestro", "sheriff": "Sheriff",
              "judge": "Judge", "pirates": "Captain"}

# Invented place names: a first half and a second half.
PLACE_HEADS = ("Grey", "Raven", "Ash", "Marrow", "Kestrel", "Willow", "Amber", "Salt", "Thorn",
               "Copper", "Silver", "Brindle", "Fen", "Lark", "Gull", "Bramble")
PLACE_TAILS = ("hollow", "moor", "wick", "haven", "mere", "port", "vale", "field", "cross",
               "reach", "bay", "combe")
STATION_NAMES = ("Halcyon", "Tycho", "Vesta", "Kepler", "Arcadia", "Nyx", "Perihelion", "Io")

# Places an idea may name: (what to match, how to write it, preposition).
KNOWN_PLACES = (
    ("space station", "the space station", "aboard"), ("hawaii", "Hawaii", "in"),
    ("andes", "the Andes", "in"), ("paris", "Paris", "in"), ("tokyo", "Tokyo", "in"),
    ("mars", "Mars", "on"), ("the moon", "the Moon", "on"), ("london", "London", "in"),
    ("new york", "New York", "in"), ("venice", "Venice", "in"), ("rome", "Rome", "in"),
    ("cairo", "Cairo", "in"), ("sahara", "the Sahara", "in"), ("antarctica", "Antarctica", "in"),
    ("alaska", "Alaska", "in"), ("the arctic", "the Arctic", "in"),
    ("himalaya", "the Himalayas", "in"),
    ("las vegas", "Las Vegas", "in"), ("hollywood", "Hollywood", "in"), ("berlin", "Berlin", "in"),
    ("iceland", "Iceland", "in"), ("amazon", "the Amazon", "in"), ("scotland", "Scotland", "in"),
)
# Setting words in an idea that steer an invented place: (word, preposition, pattern).
SETTING_PLACES = (
    ("island", "on", "the uncharted island of {name}"), ("small-town", "in", "the small town of {name}"),
    ("town", "in", "the town of {name}"), ("village", "in", "the village of {name}"),
    ("farm", "in", "the farming town of {name}"), ("cornfield", "in", "the farming town of {name}"),
    ("city", "in", "the city of {name}"), ("submarine", "beneath", "the grey waters off {name}"),
    ("lighthouse", "on", "the windswept coast of {name}"), ("circus", "near", "the town of {name}"),
)
# Which painted landscape an idea asks for, checked in this order.
SCENERY_WORDS = (
    ("desert", ("mars",)), ("mountains", ("andes", "mountain", "avalanche", "snowboard", "himalaya",
                                          "alps", "climb", "plane crash")),
    ("ocean", ("island", "surf", "pirate", "sea", "ocean", "beach", "lighthouse", "marine",
               "hawaii", "submarine", "boat", "shipwreck")),
    ("house", ("ghost", "haunt", "house", "mansion")), ("castle", ("dragon", "castle", "kingdom", "wizard")),
    ("arena", ("boxer", "tournament", "racing", "fight", "arena", "stadium", "circus", "competition")),
    ("city", ("paris", "tokyo", "city", "heist", "lawyer", "detective", "new york", "london", "gang",
              "thieves", "bank", "casino", "factory", "elevator")),
    ("space", ("space", "planet", "astronaut", "galaxy", "orbit")),
    ("desert", ("desert", "sahara", "cowboy")), ("field", ("farm", "cornfield", "garden", "town", "village")),
)
# Extra shapes the painter adds when an idea mentions them.
LANDMARK_WORDS = {"lighthouse": "lighthouse", "paris": "tower", "tokyo": "tower", "mars": "domes",
                  "base": "domes", "dragon": "dragon", "island": "palms", "hawaii": "palms",
                  "surf": "palms", "ghost": "house", "haunt": "house", "circus": "tent",
                  "alien": "saucer", "aliens": "saucer", "plane": "wreck"}

# Words that end the subject of an idea ("A retired astronaut | discovers ...").
VERBS = frozenset("""
want wants discover discovers move moves crash crashes try tries keep keeps haunt haunts pretend
pretends fall falls realise realises realize realizes kill kills enter enters is are was were
investigate investigates run runs plan plans find finds lose loses receive receives get gets wake
wakes become becomes has have learn learns meet meets decide decides inherit inherits build builds
steal steals return returns travel travels join joins fight fights save saves start starts open
opens hire hires take takes make makes go goes come comes turn turns refuse refuses teach teaches
swap swaps escape escapes hunt hunts rob robs stumble stumbles buy buys sell sells live lives work
works fake fakes agree agrees arrive arrives must can will should could would may might needs need accidentally
""".split())
RELATIVES = frozenset({"who", "that", "which", "whose"})
NUMBERS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                     "twelve", "several", "dozens", "hundreds"})
GROUP_NOUNS = frozenset({"flock", "crew", "club", "gang", "team", "band", "family", "pack",
                         "troupe", "squad", "society", "group", "couple", "trio", "herd"})
VILLAIN_WORDS = frozenset({"evil", "corrupt", "cursed", "wicked", "rogue", "crooked", "sinister",
                           "mad", "murderous", "vengeful", "tyrannical"})
THINGS = frozenset({"plane", "game", "house", "bookshop", "shop", "library", "storm", "ship", "train",
                    "car", "computer", "phone", "app", "book", "town", "city", "village", "hotel",
                    "virus", "meteor", "asteroid", "painting", "song", "letter", "mirror", "clock",
                    "lighthouse", "factory", "school", "war", "bakery", "elevator", "island"})
PERSON_WORDS = frozenset({"woman", "man", "girl", "boy", "teenager", "kid", "child", "stranger",
                          "widow", "nurse", "journalist", "student", "intern", "witness", "family"})
SHE_WORDS = frozenset({"she", "her", "hers", "herself", "woman", "girl", "grandmother", "mother",
                       "widow", "queen", "princess", "actress", "wife", "daughter", "sister", "aunt",
                       "lady", "bride", "grandma"})
HE_WORDS = frozenset({"he", "him", "his", "himself", "man", "boy", "grandfather", "father", "widower",
                      "king", "prince", "husband", "son", "brother", "uncle", "groom", "grandpa"})
# Words too plain to name a film after.
PLAIN_WORDS = frozenset("""
a an the to of in on at for from with and or but her his their its is are be that who which when
where while during into over under by as one same last only every another most new old no not they
them she he it we you anyone someone everyone world home life time way day night thing things
thousand kilometres sense longer biggest final before after awake alone innocent only other
modern-day own whole rival retired small little big tiny wants just does nobody
""".split())
FIGURE_WORDS = {"dog": "dog", "dogs": "dog", "puppy": "dog", "puppies": "dog", "parrot": "bird",
                "parrots": "bird", "flock": "bird", "bird": "bird", "birds": "bird", "robot": "robot",
                "android": "robot", "ai": "robot", "ghost": "ghost", "astronaut": "astronaut",
                "astronauts": "astronaut"}
SUPERLATIVES = ("boldest", "smallest", "most stubborn", "loudest", "cleverest")
COMPARATIVES = ("younger", "braver", "more stubborn", "quieter")
HERO_TRAITS = ("with a gift for getting into trouble", "with more courage than sense",
               "who has not taken a day off in years", "who has spent a lifetime playing it safe",
               "with a talent for noticing what others miss", "who is one bad day from giving up")
