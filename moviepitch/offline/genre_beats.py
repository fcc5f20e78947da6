"""Each genre's own sentences: how trouble grows, what goes wrong, how it ends, and what it is about.

Slots: {heroes} (the leads' short names), {they} {them} {their} {themselves} {are} {have} {s} {es}
(pronouns and agreement for the leads), {ally}, {villain}, {place_name}, {thing} (the thing the
idea turns on, with "the", and {thing_s} {thing_is} {thing_was} {thing_has} {thing_it} {becomes} agreeing with
it), {doing} (the idea's action as a short gerund phrase), {space:.0} (nothing, and only in a story
that leaves Earth).
"""

ESCALATIONS = {
    "horror": (
        "At first the signs are small, a cold draught here and a whisper there, and then the rules start to change.",
        "Every night {thing} take{thing_s} a little more, and every morning fewer people {at_place_name} remember "
        "what was lost.",
        "Locals {at_place_name} know a word for what is happening, but nobody will say it aloud.",
        "The first warning is a photograph that was not there yesterday; the second is a scream from an empty room.",
        "Something about {thing} is wrong, and {thing_it} seem{thing_s} to look back at {them}.",
    ),
    "thriller": (
        "One wrong move could cost everything, and the people watching {heroes} never make wrong moves.",
        "Behind {thing} lies a web of favours, lies and money that reaches every corner of {place_name}.",
        "Within a week {heroes} {have} a price on {their} head and no idea who put it there.",
        "Every door {they} open{s} leads to a bigger room, and every room has someone in it who is lying.",
    ),
    "scifi": (
        "What starts as a curiosity soon becomes a signal, and the signal is getting stronger every night.",
        "In a matter of days, {thing} {becomes} the biggest secret on Earth, and only {heroes} {have} seen {thing_it}.",
        "The numbers stop adding up, the clocks disagree, and the sky over {place_name} starts to flicker.",
        "Nobody at mission control{space:.0} believes a word of it, which is a problem, because the clock is "
        "already running.",
    ),
    "fantasy": (
        "Old magic stirs, and the prophecies everyone {at_place_name} laughed at start coming true one by one.",
        "It turns out {thing} {thing_is} older than the kingdom, "
        "and {thing_it} {thing_has} not forgotten a single slight.",
        "News spreads across {place_name} faster than any spell, and soon every wizard and thief wants a share.",
        "The old stories were right about most things, and dangerously wrong about the rest.",
    ),
    "sports": (
        "Nobody gives {heroes} a chance, and the odds get worse with every round.",
        "The training is brutal, the money is running out, and the big day is only weeks away.",
        "The first outing is a disaster so complete that the local paper runs it on the front page.",
        "Bruised and broke, {heroes} learn{s} that talent is the easy part; turning up every morning is "
        "the real fight.",
    ),
    "adventure": (
        "That is only the first obstacle, because ahead lie storms, hunger and a landscape that wants {them} gone.",
        "Supplies are thin, tempers are thinner, and the country beyond {place_name} does not forgive mistakes.",
        "The map is wrong, the weather is worse, and somewhere behind {them} someone is following.",
        "Every mile costs something, and {heroes} {are} running out of things to trade.",
    ),
    "romance": (
        "It should be simple, but pride keeps getting in the way, and so does {their} stubborn heart.",
        "Love was never part of the plan, and {place_name} has a way of rewriting plans.",
        "A misunderstanding becomes an argument, the argument becomes a bet, and the bet becomes a "
        "summer nobody will forget.",
        "Every meeting ends in an argument, and every argument ends a little later than the last.",
    ),
    "comedy": (
        "It is a brilliant plan for about five minutes, and then the neighbours get involved.",
        "Before long the whole of {place_name} is talking about it, and not in a good way.",
        "The first attempt ends with the fire brigade, a local news crew and a very confused goat.",
        "Word gets around {place_name} fast, and soon everyone has advice.",
        "What could possibly go wrong? As it turns out, nearly everything, and in alphabetical order.",
    ),
    "drama": (
        "It cracks open old wounds, and the quiet life {heroes} built {at_place_name} begins to come apart.",
        "Nothing about it is simple, and every choice {heroes} make{s} ripples through the people {they} love{s}.",
        "The news travels fast in a place like {place_name}, and not everyone is happy about it.",
        "Old letters turn up, old friends take sides, and the past is nearer than anyone thought.",
    ),
}

COMPLICATIONS = {
    "horror": (
        "The deeper they dig, the clearer it becomes that {thing} {thing_was} never the real threat.",
        "Doors that were locked stand open, photographs change when nobody is looking, and the lights are "
        "failing one street at a time.",
        "By the third night even the dog refuses to go upstairs.",
        "The town's records have a gap of exactly forty years, and somebody tore out the pages on purpose.",
    ),
    "thriller": (
        "Every ally has a price, every clue has been planted, and the clock ticks louder with every hour.",
        "Double-crosses pile up, the evidence keeps vanishing, and the only safe assumption is that "
        "someone is always watching.",
        "A safe house turns out to be nothing of the kind, and a friend turns out to be something else.",
        "The plan has eleven moving parts, and by the second act nine of them are on fire.",
    ),
    "scifi": (
        "Together they uncover a cover-up that reaches all the way into orbit{space:.0}.",
        "Every answer raises a stranger question, and the countdown has already begun.",
        "The more they learn, the less they can trust their own instruments, or each other.",
        "An official inquiry arrives in polished shoes, and it is far more interested in silence than in truth.",
    ),
    "fantasy": (
        "Their road runs through enchanted forests, broken oaths and a bargain that will cost more than gold.",
        "Every spell has a price, and it is clear who will pay it.",
        "A riddle, a duel and a very bad night in a haunted inn later, the quest looks nothing like the map.",
        "Allies appear in strange shapes, and enemies in familiar ones.",
    ),
    "sports": (
        "Rivals sharpen their knives, old injuries flare up, and the whole of {place_name} starts to care.",
        "Then the sponsor pulls out, the star player quits, and the season hangs by a thread.",
        "Practice becomes a battlefield, then a family, which is somehow worse.",
        "Small wins turn into a winning streak, and a winning streak turns into a target on their backs.",
    ),
    "adventure": (
        "Every mile tests their bodies, their friendships and their stubborn refusal to give up.",
        "Along the way they discover that the greatest danger may be walking right beside them.",
        "A river crossing goes wrong, a storm comes early, and the shortcut turns out to be anything but.",
        "Old rivalries flare up at the worst moments, usually on the edge of a cliff.",
    ),
    "romance": (
        "Stolen glances turn into long evenings, and long evenings turn into a question nobody dares to ask.",
        "Every step closer comes with a secret, and the secrets are starting to surface.",
        "A wedding, a rainstorm and one badly timed phone call later, nothing is where it was.",
        "Friends take sides, bets are placed, and the whole street seems to know before they do.",
    ),
    "comedy": (
        "Cue disguises, disasters and one spectacularly bad idea after another.",
        "Every attempt to fix things makes them gloriously worse, and the whole town has started taking sides.",
        "A borrowed van, a stolen trophy and a wedding party in the wrong hotel make sure of it.",
        "Soon there are two secret plans, three fake identities and one extremely suspicious neighbour.",
    ),
    "drama": (
        "Secrets surface, loyalties shift and the past refuses to stay buried.",
        "What begins as a small act of defiance grows into something the whole community has to reckon with.",
        "A hospital corridor, a missed phone call and a long drive home change everything.",
        "Under the pressure, a family that never talks starts, slowly, to say the things that matter.",
    ),
}

CLIMAXES = {
    "horror": (
        "On the longest night of the year, {heroes} must face what waits in the dark, knowing that {ally} "
        "may not live to see morning.",
        "When the lights go out for good, {heroes} {have} one last chance to stop {villain}.",
        "In the cellar, at midnight, with the candles guttering, {heroes} finally learn{s} what {thing} want{thing_s}.",
    ),
    "thriller": (
        "In a final night across {place_name}, {heroes} must outthink {villain} one move at a time, with "
        "{ally} as the last card left to play.",
        "With the net closing fast, {heroes} gamble{s} everything on one audacious plan that only {ally} "
        "believes can work.",
        "In the end {heroes} must face {villain} where it all began, and only one of them has read the small print.",
    ),
    "scifi": (
        "When the sky lights up, {heroes} must decide if the world is ready for the truth.",
        "In a breathless final countdown, {heroes} {have} to trust {ally}, outwit {villain} and make a "
        "choice no training could prepare anyone for.",
        "At the edge of everything known, {heroes} find{s} that the answer was closer to home all along.",
    ),
    "fantasy": (
        "When the old powers clash above {place_name}, {heroes} must stand against {villain}, and only {ally} "
        "stands with {them}.",
        "On the eve of battle, {heroes} learn{s} that the strongest magic was never in the spellbooks.",
        "On the night of the blood moon, {heroes} must break a promise, keep another and outwit {villain}.",
    ),
    "sports": (
        "Under the blinding lights of the final, {heroes} must face {villain} and prove that heart can beat "
        "talent when it matters most.",
        "With the crowd on its feet and {ally} in the corner, {heroes} {have} one last chance to rewrite a "
        "lifetime of near misses.",
        "It all comes down to the last minute of the last game, a hostile crowd and a move nobody has ever seen.",
    ),
    "adventure": (
        "With the end in sight and the weather closing in, {heroes} must lead the others through the "
        "final stretch, whatever it costs.",
        "On the last day, {heroes_with_ally} must choose between the fastest way home and the right one.",
        "Cornered by {villain} at the edge of the map, {heroes} {have} to risk everything on a leap of faith.",
    ),
    "romance": (
        "When one last chance arrives beneath the lights of {place_name}, {heroes} must decide whether to "
        "stay safe or to risk everything for love.",
        "With {villain} closing in on a happy ending that is not theirs, {heroes} finally say{s} the thing "
        "that cannot be unsaid.",
        "A race across {place_name}, a ruined speech and a kiss in the rain settle it, more or less.",
    ),
    "comedy": (
        "With the big day looming and everything hanging by a thread, {heroes} {have} to pull off the "
        "impossible in front of everyone who ever doubted the plan.",
        "It all comes down to one chaotic afternoon {at_place_name}, where {heroes_listed}, {ally} and a very "
        "confused crowd discover what they are really made of.",
        "The grand finale involves a marching band, a runaway float and {villain} in a fountain.",
    ),
    "drama": (
        "When everything finally comes to a head, {heroes} must choose between the safe life {they} know{s} "
        "and the one {they} {were} always meant to live.",
        "On the night it all comes apart, {heroes_with_ally} find out what they are willing to fight for.",
        "In a kitchen at dawn, with nothing left to hide, {heroes} finally {tell} the truth.",
    ),
}

THEMES = {
    "horror": (
        "grief, guilt and the things we refuse to let go of",
        "the price of looking away",
        "the stories a town tells to stay asleep",
    ),
    "thriller": (
        "truth, loyalty and what people will do to protect both",
        "power and the ordinary people who refuse to bow to it",
        "trust, and what it costs",
    ),
    "scifi": (
        "curiosity, courage and the wonder of not being alone",
        "what it means to be human when the universe answers back",
        "the future, and who gets a say in it",
    ),
    "fantasy": (
        "courage, wonder and the stories that make us who we are",
        "the magic of choosing who you want to be",
        "promises, and the cost of keeping them",
    ),
    "sports": (
        "grit, family and never staying down",
        "the underdog in all of us",
        "second chances and the people who give them",
    ),
    "adventure": (
        "endurance, hope and the family you find on the way",
        "how far people will go to get home",
        "the maps we draw for ourselves",
    ),
    "romance": (
        "timing, courage and the people who change us",
        "the risk of opening your heart",
        "second chances and first impressions",
    ),
    "comedy": (
        "friendship, second chances and finding your people",
        "being brave enough to look ridiculous",
        "the glorious mess of trying",
    ),
    "drama": (
        "family, forgiveness and the courage to start again",
        "the quiet heroism of ordinary people",
        "home, and about what we owe it",
    ),
}

# Kinds of story within a genre that a pitch meeting can ask for ("make it a heist comedy"): the genre they
# belong to, the word for them in a label, and their own beats.
STYLES = {
    "heist": (
        "thriller",
        "heist",
        (
            "The plan needs a safecracker, a getaway driver and a distraction, "
            "and {heroes} can afford only one of them.",
            "Every heist has a vault, and this one has a vault, two guards and a very nosy cat.",
            "The rehearsal is a disaster, and the real thing is only a week away.",
        ),
    ),
    "mystery": (
        "thriller",
        "mystery",
        (
            "Every clue leads to a new suspect, and every suspect has a perfect alibi.",
            "Somebody {at_place_name} knows exactly what happened, and {heroes} {are} running out of people to ask.",
            "The answer was in the first chapter all along, written in a hand nobody recognised.",
        ),
    ),
    "western": (
        "adventure",
        "western",
        (
            "The dust never settles, the stagecoach is always late, and the sheriff owes everyone money.",
            "A showdown is coming, and everyone {at_place_name} must choose a side.",
            "The only law for a hundred miles is a tin star and a bad temper.",
        ),
    ),
    "musical": (
        "comedy",
        "musical",
        (
            "Every big scene ends in a song, and the whole street joins in.",
            "The big number in the middle stops the traffic, and then the plot.",
            "By the third song even {villain} hums along.",
        ),
    ),
}
# Three takes on each genre (or style) for "three alternatives": a one-line summary and the beat that makes it.
ANGLES = {
    "heist": (
        (
            "the crew: a team of misfits, each with one skill and one fatal flaw",
            "{heroes} assemble{s} a crew of misfits, each with exactly one useful skill and one fatal flaw.",
        ),
        (
            "the inside job: the hero is hired to guard what they plan to steal",
            "Someone has hired {heroes} to guard a vault, and {they} {are} planning to rob it.",
        ),
        (
            "the double-cross: someone in the plan is playing both sides",
            "Someone inside the plan is playing both sides, and {heroes} will not find out who until the last minute.",
        ),
    ),
    "horror": (
        ("a slow-burning haunting", "It starts with small things: a door left open, a voice on the stairs."),
        ("a creature in the dark", "Something is living under {place_name}, and it is getting hungry."),
        ("a curse handed down", "The trouble is a curse, and it has been handed down for three generations."),
    ),
    "thriller": (
        ("a conspiracy", "The deeper {heroes} dig{s}, the higher the conspiracy goes."),
        ("a race against the clock", "There are seventy-two hours to put it right, and the clock has started."),
        ("a hunt", "Somebody is hunting {heroes}, and {they} {do} not know why."),
    ),
    "comedy": (
        ("a comedy of errors", "One small lie turns into seven big ones, each funnier than the last."),
        ("a fish out of water", "Nothing {at_place_name} works the way that {heroes} expect{s}."),
        ("a battle of wills", "It becomes a battle of wills with {villain}, fought with casseroles and gossip."),
    ),
    "drama": (
        ("a family saga", "Three generations have an opinion, and all of them are at the same kitchen table."),
        ("a second chance", "It is a second chance nobody thought {heroes} deserved."),
        ("a secret", "An old secret comes out at the worst possible moment."),
    ),
    "romance": (
        ("enemies to lovers", "{heroes} and {ally} cannot stand each other, and everyone else finds it hilarious."),
        ("a second chance at love", "An old flame comes back to {place_name}, with unfinished business."),
        ("a love triangle", "Two people fall for {heroes} in the same week, and both of them spell trouble."),
    ),
    "scifi": (
        ("first contact", "A signal arrives from the edge of the galaxy, and it is addressed to {heroes}."),
        ("a time loop", "The same day keeps starting over, and only {heroes} remember{s} it."),
        ("a machine with a mind", "The machine that runs everything is making plans of its own."),
    ),
    "fantasy": (
        ("a quest", "A map, a prophecy and a very reluctant horse set {heroes} on the road."),
        ("a bargain with magic", "The magic comes with a bargain, and the bargain comes due at midnight."),
        ("a hidden kingdom", "Behind an ordinary door lies a kingdom nobody has visited for a hundred years."),
    ),
    "sports": (
        ("the underdog season", "Nobody has won a game in three years, and the season starts on Saturday."),
        ("the comeback", "It is one last chance at a comeback, and everybody knows it."),
        ("the rivalry", "The rival team has the money, the crowd and the referee's phone number."),
    ),
    "adventure": (
        ("a journey", "The road runs a thousand miles, and every mile has an opinion."),
        ("a treasure hunt", "The treasure is real, and so are the other people looking for it."),
        ("a survival story", "The storm closes every way out, and the supplies last four days."),
    ),
}
