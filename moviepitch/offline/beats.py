"""The synopsis's sentences that every genre shares: how the heroes come in, the goal, the others.

Slots beyond genre_beats.py's: {lead} (the heroes' first mention, with performers in brackets),
{desc} (what the idea calls them), {acts} (the idea's predicate in the present, agreeing with them),
{to_act} ("to" and the predicate), {acting} (as a gerund), {plain_to_act} (only for a plain verb),
{goal}, {event} (a thing's clause: "the moon files for divorce"), {Event} (as a sentence),
{place} ("in Paris", or "" when the idea already says where), {day}, {trait}, {opener}.
"""

# One hero the idea names ("a retired ballerina").
LEAD_INTROS = (
    "When {lead}, {desc}, {acts}, nobody {place} is prepared for what follows.",
    "{lead} is {desc}{trait}. Everyone {place} is shocked when {they} {acts}.",
    "{lead} is {desc}{trait}, and {they} {are} about {to_act}{plain:.0}.",
    "Life {place} has been quiet for far too long for {lead}, {desc}. That changes the moment {they} {acts}.",
    "Nobody {place} expects much of {lead}, {desc}{trait}, until the day {they} {acts}.",
    "Everyone {place} has an opinion about {lead}, {desc}. Nobody predicted that {they} would {base_act}.",
    "One ordinary {day} {place}, {lead}, {desc}, {acts}.",
    "Nobody {place} expects {lead}, {desc}, to {base_act}.",
    "Everyone {place} agrees that {lead}, {desc}, is the last person to surprise anyone. Then {they} {acts}.",
    "For years, {lead} has kept {their} head down as {desc}{trait}. Now, at last, {they} {acts}.",
)
# A hero the idea names with no verb ("Time-travelling plumber").
LEAD_PHRASES = (
    "{lead} is {desc}{trait}, and {place_name} has never needed one more.",
    "Say hello to {lead}: {desc}{trait}, and the only one of {their} kind {place}.",
    "Everyone {place} has heard of {lead}, {desc}, but hardly anyone has met {them}.",
    "{lead} has been {desc} for as long as anyone {place} can remember, and this is about to be the strangest "
    "week of {their} life.",
)
# Heroes the idea names with no verb ("Penguins", "Space pirates").
MANY_PHRASES = (
    "{lead} are {desc}, and {place_name} is about to find out what that means.",
    "{lead} are {desc} {place}, and they have a plan that will upset everyone.",
    "Nobody {place} has ever seen anything quite like {lead}, {desc} with big ideas{untailed:.0}.",
)
# Two to four heroes the idea counts ("two elderly sisters", "three dogs").
MANY_INTROS = (
    "{lead} are {desc}, and {place_name}{place_unsaid:.0} will never be the same when they {acts}.",
    "Say hello to {lead}: {desc} who are about {to_act}{plain:.0}.",
    "Nobody {place} takes {desc} seriously, so the whole place sits up when {lead} {acts}.",
    "Between them, {lead}, {desc}, have tried almost everything {place}. Now, against all advice, they {acts}.",
    "One ordinary {day} {place}, {lead}, {desc}, {acts}.",
    "{lead}, {desc}, agree on almost nothing, except that it is time {to_act}{plain:.0}.",
    "Everyone {place} knows {lead}, {desc}, and nobody believes it when they {acts}.",
)
# More heroes than the cast names ("seven tired firefighters"): {desc} is all of them, {some} how many are named.
COUNTED_INTROS = (
    "{lead} are {some} of {desc} {place}, and nothing will be the same once they {acts}.",
    "Nobody {place} takes {desc} seriously, so the whole place sits up when they {acts}, with {lead} out in front.",
    "There are {desc} {place}, and the ones everyone knows are {lead}. Now, against all advice, they {acts}.",
    "Of {desc} {place}, the ones to watch are {lead}, and this is the {day} they {acts}.",
)
COUNTED_PHRASES = (
    "{lead} are {some} of {desc} {place}, and they have a plan that will upset everyone.",
    "There are {desc} {place}, and the loudest of them are {lead}.",
)
# A group the idea names ("a knitting club", "a flock of parrots in a trench coat").
GROUP_INTROS = (
    "{lead} make up {desc}, and together they {acts}.",
    "Nobody {place} looks twice at {desc}, which suits its members, {lead}, perfectly: "
    "they are about {to_act}{plain:.0}.",
    "{lead} are {desc}. It is a quiet life {place}, until they {acts}.",
    "Everyone {place} underestimates {desc}, and that suits {lead} perfectly, "
    "because they are about {to_act}{plain:.0}.",
)
# A group the idea names without saying what it does ("A heist crew made entirely of golden retrievers").
GROUP_PHRASES = (
    "{lead} make up {desc}, and {place_name} has no idea what is coming.",
    "Nobody {place} looks twice at {desc}, which suits its members, {lead}, perfectly.",
    "{lead} are {desc}, and nobody {place} is ready for what that means.",
)
# The idea is about a thing or a threat, and the hero is someone caught up in it.
WITNESS_INTROS = (
    "It is an ordinary {day} {place} until {event}, and it falls to {lead}, {desc}, to deal with it.",
    "The day {event}, {lead}, {desc}, is the only one who seems to notice.",
    "{Event}. Of all the people {place} it could happen to, it happens to {lead}, {desc}.",
    "When {event}, nobody {place} believes it, and {lead}, {desc}, is the most surprised of all.",
    "When {event}, {lead}, {desc}, finds {themselves} right in the middle of it.",
)
# The idea names a thing and no verb ("The last tree on Mars", "Werewolves").
THING_INTROS = (
    "{lead}, {desc}, has heard the stories about {thing}, but never expected to see {it} up close.",
    "Everything is about to change for {lead}, {desc}, and it starts with {thing}.",
    "Nobody {place} talks about {thing}, and {lead}, {desc}, has more reason than most to keep quiet.",
    "{lead}, {desc}, is the one who finds {thing}, in the wrong place at the right time.",
    "At first, {thing} {are_it} only a rumour to {lead}, {desc}.",
)
# The idea's subject is the villain ("Corrupt lawyers try to frame an innocent woman").
VILLAIN_INTROS = (
    "{Event}. What nobody counts on is {lead}, {desc}, who fights back.",
    "{Event}, and it would have worked, if not for {lead}, {desc}.",
    "{Event}. Standing in the way, more or less by accident, is {lead}, {desc}.",
)
# An idea that opens with a clause: "When the internet goes down forever, ..."
OPENER_LEADS = (
    "It begins {opener}.",
    "Everything changes {opener}.",
)
GOALS = (
    "The stakes could not be higher: it is the only way {goal}.",
    "There is no other way {goal}, and time is short.",
    "{They} {do} it for one reason only: {goal}.",
    "It sounds ridiculous, but {they} can see no other way {goal}.",
)
TRAITS = (
    " with a gift for getting into trouble",
    " with more courage than sense",
    " who has not taken a day off in years",
    " who has always played it safe",
    " with a talent for noticing what others miss",
    " who is one bad day from giving up",
    " with a famously short temper",
    " who still keeps a list of everyone who doubted {them}",
    " with a secret nobody has guessed",
    " who talks to the radio more than to people",
)
DAYS = ("Tuesday", "Monday morning", "afternoon", "Thursday", "wet Sunday", "autumn morning", "winter evening")

ALLIES = (
    "{heroes} find{s} an unlikely partner in {ally}, {ally_desc}.",
    "Help arrives in the unlikely shape of {ally}, {ally_desc}{ally_plain:.0}, who has reasons of {ally_their} own "
    "to get involved.",
    "{heroes} team{s} up with {ally}, {ally_desc}, to attempt the impossible.",
    "Help comes, on certain conditions, from {ally}, {ally_desc}.",
    "Signing up for reasons nobody can explain is {ally}, {ally_desc}.",
    "{Their} first recruit is {ally}, {ally_desc}, who is either a genius or a liability.",
    "Backup comes from {ally}, {ally_desc}{ally_plain:.0}, who asks for nothing except to be told the truth.",
    "The only one willing to help is {ally}, {ally_desc}.",
    "Into the mess walks {ally}, {ally_desc}{ally_plain:.0}, with an offer nobody sensible would take.",
    "{heroes} soon {have} company in {ally}, {ally_desc}.",
    "{Their} one real friend in all this turns out to be {ally}, {ally_desc}.",
    "{ally}, {ally_desc}{ally_plain:.0}, knows more than {ally_they} admit{ally_s}, but for the moment "
    "{ally_they} {ally_are} on {their} side.",
    "Against all advice, {heroes} trust{s} {ally}, {ally_desc}.",
)
VILLAINS = (
    "Standing in {their} way is {villain}, {villain_desc}{villain_plain:.0}, who will stop at nothing to stay in "
    "control.",
    "The trouble is {villain}, {villain_desc}.",
    "Watching every move is {villain}, {villain_desc}{villain_plain:.0}, who has plans of {villain_their} own.",
    "Meanwhile, {villain}, {villain_desc}, wants the whole thing shut down by Friday.",
    "Not everyone is charmed, and {villain}, {villain_desc}, is the least charmed of all.",
    "Across town, {villain}, {villain_desc}, is quietly making other arrangements.",
    "{Their} fiercest opponent is {villain}, {villain_desc}.",
    "Nobody is more annoyed by all of this than {villain}, {villain_desc}.",
    "{villain}, {villain_desc}{villain_plain:.0}, has other ideas, and a head start.",
    "Waiting for {them} to fail is {villain}, {villain_desc}.",
    "The one person who could stop {them} is {villain}, {villain_desc}{villain_plain:.0}, who would like nothing "
    "better.",
)
WILDCARDS = (
    "Then there is {wildcard}, {wildcard_desc}{wildcard_plain:.0}, whose loyalty nobody can quite pin down.",
    "Adding to the chaos is {wildcard}, {wildcard_desc}{wildcard_plain:.0}, who may turn out to be the key to "
    "everything.",
    "Somewhere in the middle of it all is {wildcard}, {wildcard_desc}, taking notes.",
    "And nobody has a plan for {wildcard}, {wildcard_desc}.",
    "Keeping an eye on all of it is {wildcard}, {wildcard_desc}.",
    "The wild card is {wildcard}, {wildcard_desc}.",
    "Then, out of nowhere, {wildcard} turns up, {wildcard_desc}, and nothing is simple any more.",
    "Nobody invited {wildcard}, {wildcard_desc}, but {wildcard_they} {wildcard_are} coming anyway.",
    "Complicating matters is {wildcard}, {wildcard_desc}.",
)
CLOSERS = {
    "family": (
        "It is {a_label} for anyone aged eight to eighty, about {theme}.",
        "Funny, kind and a little bit daring, it is {a_label} about {theme}.",
        "Bring the whole family: it is {a_label} about {theme}.",
    ),
    "light": (
        "Big-hearted and gleefully silly, this is {a_label} about {theme}.",
        "Equal parts {mood} and {mood2}, it is {a_label} about {theme}.",
        "It is {a_label} about {theme}, and the feel-good ride of the year.",
        "Expect pratfalls, a few tears and a finale worth cheering for.",
    ),
    "warm": (
        "It is {a_mood}, {mood2} {label} about {theme}.",
        "Tender and funny by turns, it is {a_label} about {theme}.",
        "It is {a_label} about {theme}, told with a lump in the throat and a smile.",
        "Quiet, {mood} and unexpectedly funny, it tells a story about {theme}.",
    ),
    "dark": (
        "This is {a_mood}, {mood2} {label} about {theme}.",
        "It is {a_label} about {theme}, and it will make you check the locks twice.",
        "Slow-burning and {mood}, this is {a_label} about {theme}.",
        "Leave the lights on: this is {a_label} about {theme}.",
    ),
    "tense": (
        "This is {a_mood}, {mood2} {label} about {theme}.",
        "Tight, twisting and {mood}, it is {a_label} about {theme}.",
        "It is {a_label} about {theme}, with a sting in every scene.",
        "Nobody is quite who they seem in this {mood} {label} about {theme}.",
    ),
    "bright": (
        "It is {a_mood}, {mood2} {label} about {theme}.",
        "Rousing and {mood}, it is {a_label} about {theme}.",
        "It is {a_label} about {theme}, built for a big screen and a loud crowd.",
        "Part rollercoaster, part love letter, it is {a_label} about {theme}.",
    ),
    "epic": (
        "This is {a_mood}, {mood2} {label} about {theme}.",
        "Vast, {mood} and surprisingly tender, it is {a_label} about {theme}.",
        "It is {a_label} about {theme}, on the biggest canvas imaginable.",
        "Spectacle with a beating heart, it is {a_label} about {theme}.",
    ),
}

# High creativity: a turn nobody expects, in the middle of the story.
TWISTS = (
    "Halfway through, {ally} turns out to have been working for {villain} all along.",
    "Then the ground shifts: {villain} wants exactly what {heroes} want{s}, for a very different reason.",
    "Then a letter arrives for {heroes}, and it was posted fifty years ago.",
    "The strangest turn comes from nowhere: everyone {at_place_name} starts to sing whenever {villain} lies.",
    "The biggest surprise is {thing} {thing_itself}, which turn{thing_s} out to be a trap.",
    "Then, just when it all makes sense, {heroes} wake{s} up on the same Monday morning and {have} to do "
    "everything again.",
)
# A positive presence penalty: new threads, each in a few words.
SIDE_BEATS = (
    "Then the money runs out.",
    "Meanwhile, a storm is on its way.",
    "Then a rival turns up.",
    "A stranger arrives on the night train.",
    "Then the power goes out.",
    "Word reaches the newspapers.",
)
DETOURS = (
    "A detour to {place2} brings fresh trouble and a new face.",
    "The trail leads to {place2}, where nobody is pleased to see them.",
    "Then the story moves to {place2}, and so does the trouble.",
    "In {place2}, an old acquaintance is waiting.",
    "By the time they reach {place2}, the plan has changed twice.",
)
# A negative frequency penalty: a line that comes back, as a catchphrase does.
CATCHPHRASES = {
    "light": ("What could possibly go wrong?", "Nobody panic.", "This is fine."),
    "warm": ("One day at a time.", "We keep going.", "Home is where we make it."),
    "dark": ("Do not open the door.", "Nobody leaves before dawn.", "It is still here."),
    "tense": ("Trust nobody.", "Never the same way twice.", "Stay calm and keep moving."),
    "bright": ("Never stay down.", "One more round.", "Win or lose, we go together."),
    "epic": ("The sky is not the limit.", "Further than anyone.", "Hold the line."),
    "family": ("Together, or not at all.", "Nobody gets left behind.", "Be brave, be kind."),
}
# A companion the pitch meeting adds ("add a dog").
COMPANIONS = (
    "Along the way they pick up {companion}, {companion_desc}, who will not be left behind.",
    "Soon they are joined by {companion}, {companion_desc}.",
    "They also have {companion}, {companion_desc}, for company.",
)
# A longer synopsis: a turn before the end.
LONG_BEATS = (
    "Along the way, {heroes} lose{s} almost everything that mattered, and find{s} out what still does.",
    "By the last act, every friendship has been tested and at least one has broken.",
    "There is a moment when {heroes} nearly give{s} up, and {ally} will not let {them}.",
)
MOTTOS = (
    "{heroes} {have} a saying for days like this: \u201c{catchphrase}\u201d",
    "Everyone knows what {heroes} will say: \u201c{catchphrase}\u201d",
)
