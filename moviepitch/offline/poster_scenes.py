"""The poster description's phrase banks: the landscapes, the light, the framing, the colours.

Every poster takes one phrase from each bank, so a bank with few phrases puts the same words in many
pitches: the banks every poster draws on are long, and a landscape has several ways of being said.
"""

from __future__ import annotations

# By scenery, or by the landscape (landscape.TERRAINS) the painter chose for it.
SCENES = {
    "space": (
        "on a rocky ridge under the stars",
        "among the craters of a dusty moon",
        "on grey rock under a starry black sky",
        "at the rim of a crater under hard bright stars",
    ),
    "desert": (
        "among rust-red dunes and flat-topped mesas",
        "on a cracked plain that runs to a burning horizon",
        "among sand dunes that roll away towards far mesas",
        "on a ridge of sand with mesas in the haze",
    ),
    "mountains": (
        "on a high ridge above misty mountains",
        "on a snowy pass between black peaks",
        "below jagged peaks that fade into the mist",
        "on a rocky slope above misty valleys",
    ),
    "ocean": (
        "on a wet shoreline above a glittering sea",
        "at the edge of a calm sea that mirrors the sky",
        "on a beach by a sea that shines like hammered metal",
        "on a beach near a low dark island",
    ),
    "house": (
        "on a barren hill before a lone crooked house with a single lit window",
        "at the gate of a dark old house, one window glowing",
        "below a gabled house with one lit window",
        "before a crooked old house and two bare trees",
    ),
    "castle": (
        "on a cliff path below a towering castle",
        "beneath the spires of a castle on a crag",
        "at the foot of a cliff crowned by a dark castle",
        "in the shadow of a castle on a rock",
    ),
    "arena": (
        "at the centre of a packed arena under a blur of tiny lights",
        "on an empty arena floor under a ring of stands",
        "in a pool of light on a stadium floor",
        "below high stands full of faces",
    ),
    "city": (
        "on a rooftop above a glowing skyline of lit windows",
        "in a street of tall buildings, windows lit",
        "before a skyline of towers and lit windows",
        "among tall office towers with burning windows",
        "in the shadow of dark towers",
    ),
    "forest": (
        "in a clearing among tall dark pines",
        "at the edge of a misty pine forest",
        "among rows of pines that fade into the mist",
        "under the black points of a pine wood",
    ),
    # The field's landscapes.
    "field": ("in a wide field of tall grass", "on rolling hills with a lone tree on the horizon"),
    "tree": (
        "on rolling hills with a lone tree on the horizon",
        "on a green rise with a single round tree",
        "on a hill with a single tree at its top",
    ),
    "grass": (
        "in a wide field of tall grass",
        "in long grass that runs to the hills",
        "in pale grass that bends in the wind",
    ),
    "wheat": (
        "in a field of ripe wheat",
        "among rows of tall golden wheat",
        "in a wheat field that ripples to the horizon",
    ),
    "meadow": (
        "in a meadow crossed by an old fence",
        "by a wooden fence in a meadow of wild flowers",
        "in a long meadow with a fence that runs to the hills",
    ),
    "hedgerows": (
        "on a country lane between dark hedgerows",
        "on a pale lane that winds between hedgerows",
        "on a narrow lane lined with hedges",
    ),
    "lake": (
        "on the shore of a still lake",
        "at the edge of a lake that mirrors the sky",
        "on a grassy bank above a quiet lake",
    ),
    "hilltown": (
        "below a little town on a far hill",
        "in the fields beneath a hilltop town",
        "before a hill crowned with rooftops and a spire",
    ),
}
# What the light falls on, by landscape or scenery: "A blazing sun sits just above the wheat."
OVER = {
    "space": "the ridge",
    "desert": "the dunes",
    "mountains": "the peaks",
    "ocean": "the sea",
    "house": "the old house",
    "castle": "the castle",
    "arena": "the stands",
    "city": "the rooftops",
    "forest": "the pines",
    "field": "the hills",
    "tree": "the hills",
    "grass": "the grass",
    "wheat": "the wheat",
    "meadow": "the meadow",
    "hedgerows": "the hedgerows",
    "lake": "the lake",
    "hilltown": "the rooftops on the hill",
}
LIGHTS = {
    "planet": (
        "A vast ringed planet fills the sky above {over}, its rim blazing.",
        "A ringed giant planet hangs over {over}, lit from one side.",
        "Overhead, a banded planet with bright rings crowds the stars.",
        "A colossal planet rises behind {over}, and its rings glow like a thin line of fire.",
        "Half the sky belongs to a ringed planet, its night side lost in the dark.",
        "Rings of ice circle a huge planet that leans over {over}.",
    ),
    "moon": (
        "A swollen pale moon hangs low over {over}, behind drifting mist.",
        "A full moon glows through a thin cloud above {over}.",
        "The moon is huge and cratered, low over {over}.",
        "Pale moonlight spills over {over} from a moon caught in mist.",
        "Above {over}, an enormous moon shows every crater.",
        "A white moon, far too big, rises behind {over}.",
        "Cold light falls on {over} from a great cratered moon.",
        "Moonlight silvers {over} and every edge.",
    ),
    "sun": (
        "A low sun flares over {over} and warms everything it touches.",
        "The sun sits low and gold over {over}, throwing long shadows.",
        "Above {over}, a bright sun warms every edge.",
        "Evening sun floods {over} with honey-coloured light.",
        "Just above {over} sits a blazing sun.",
        "The sun is a white disc over {over}, and the air shimmers.",
        "Late light slants across {over} from a sinking sun.",
        "Behind {over}, the sun is a great glowing coin.",
        "Sunlight pours through the haze over {over} in a golden wash.",
        "The sun hangs huge and hazy above {over}, half an hour from setting.",
        "Warm light from a setting sun catches {over}.",
        "The sun is going down behind {over} in a blaze of colour.",
        "A red sun sinks towards {over}.",
        "The sun rests on {over} at golden hour.",
    ),
    "floodlights": (
        "Floodlights cut bright beams through the haze.",
        "Stadium lights blaze down from either side.",
        "Stadium lights throw white beams across the dark.",
        "Hard white light falls from the stands above.",
        "Two banks of floodlights pin everything in their glare.",
        "Beams of white light cross in the smoky air.",
    ),
}
COMPOSE = {
    "heroes": (
        "{Figures} stand{s} small against the light {scene}.",
        "Seen from behind, {figures} stand{s} {scene}.",
        "{Figures} wait{s} {scene}.",
        "{Figures} walk{s} towards the light {scene}.",
        "{Figures} stand{s} out against the sky {scene}.",
        "{Figures} look{s} out at the view {scene}.",
    ),
    "crowd": (
        "{Many_cap} crowd the foreground {scene}, shoulder to shoulder.",
        "A crowd of {many} fills the bottom of the frame {scene}.",
        "{Many_cap} gather in a tight huddle {scene}.",
        "{Many_cap} stand packed together in rows {scene}.",
        "Rows of {many} fill the picture {scene}.",
    ),
    "facing": (
        "{Pair} face each other in profile {scene}.",
        "{Pair} turn towards each other {scene}.",
        "In profile, {pair} lean towards each other {scene}.",
        "{Pair} stand face to face {scene}.",
    ),
    "close_up": (
        "A huge close-up of {one} fills the frame {scene}.",
        "{One_cap} looms in close-up across the foreground {scene}.",
        "{One_cap} fills the frame in a giant close-up.",
        "The poster is a close-up of {one} {scene}.",
        "A giant silhouette of {one} fills the poster {scene}.",
        "{One_cap} is painted in a giant close-up {scene}.",
        "{One_cap} towers over the poster in close-up, dark against the sky.",
    ),
    "object": (
        "{Thing_cap} stand{ts} in the middle of the poster {scene}.",
        "The poster shows {thing} in the middle {scene}.",
        "Dead centre, {thing} stand{ts} alone {scene}.",
        "{Thing_cap} fill{ts} the centre of the poster {scene}.",
        "The poster is dominated by {thing} {scene}.",
    ),
    "landscape": (
        "In the distance, {thing} sit{ts} small against the sky, and nobody else is in sight.",
        "An empty view stretches out {scene}, with {thing} far away on the horizon.",
        "{Thing_cap} sit{ts} small in the distance, far from everything else.",
        "{Thing_cap} can just be made out far away {scene}, and no one else is there.",
    ),
}
# A thing beside the heroes, between two of them, or the heroes beside the thing.
MOTIFS = (
    "Beside them {stands} {thing}.",
    "{Thing_cap} {stands} in the distance.",
    "{Thing_cap} wait{ts} nearby in the shadows.",
    "Behind them {rises} {thing}.",
    "{Thing_cap} {stands} off to one side against the sky.",
)
BETWEEN = (
    "{Thing_cap} {stands} far away on the horizon between them.",
    "{Thing_cap} wait{ts} on the horizon between them.",
)
# The thing the idea is about, small on the horizon behind a close-up or a crowd.
BEHIND = (
    "Far behind, {thing} {stands} small on the horizon.",
    "On the horizon, off to one side, {stands} {thing}.",
    "{Thing_cap} can be seen in the distance.",
    "Small and far away, {thing} {stands} against the sky.",
)
NEARBY = (
    "Nearby, {figures} stand{s} small and dark against the light.",
    "{Figures} can just be seen at the edge of the frame.",
    "Far below, {figures} look{s} up at {it}.",
    "At {its} foot, {figures} stand{s} tiny.",
    "Beside {it}, {figures} stand{s} very small.",
    "In a corner of the frame, {figures} watch{es} from a distance.",
)
# The villain the idea names, painted as a faint giant shadow in the sky.
LOOMING = (
    "Behind everything looms the giant shadow of {foe}.",
    "High above, {foe} looms as a faint, giant shadow.",
    "A faint silhouette of {foe} towers over the scene.",
    "Across the clouds falls the vast shadow of {foe}.",
    "In the sky, huge and ghostly, hangs the outline of {foe}.",
    "The shadow of {foe}, faint and enormous, fills the sky.",
)
PALETTE = (
    "The palette is {c0}, {c1} and {c2} with touches of {c3}, and the mood is {m0} and {m1}.",
    "Colours run from {c0} to {c2}, with {c1} shadows and a spark of {c3}, and the feeling is {m0}.",
    "{C0} and {c1} fill most of the picture; {c2} lights it, with hints of {c3}.",
    "{C0} and {c1} dominate the frame, lit by {c2}, with a hint of {c3}.",
    "Everything is washed in {c0} and {c2}, with {c1} in the shadows and {c3} in the highlights.",
    "The colours are {c0} and {c1}, broken by {c2} and one bright touch of {c3}.",
    "It is painted in {c0}, {c1} and {c2}, with {c3} kept for the highlights.",
    "The scene glows {c2} against {c0} and {c1}, and a thread of {c3} runs through it.",
    "Its colours are {c0}, {c1}, {c2} and {c3}, and the whole poster feels {m0}.",
    "The sky is {c0} and the shadows {c1}; {c2} lights the rest, with accents of {c3}.",
    "The poster feels {m0}: {c0} and {c1}, lit in {c2}, with accents of {c3}.",
    "Shadows are {c1} under {a_c0} sky, {c2} catches the edges, and {c3} marks the brightest spot.",
    "Mostly {c0} and {c1}; the light is {c2}, the accents {c3}; it feels {m0} and {m1}.",
    "{C2} against {c0}, with {c1} in between and flecks of {c3}.",
    "Deep {c0} shadows give way to {c2}, with {c1} between and a single note of {c3}.",
    "{C0}, {c1}, {c2}: three bands of colour, with {c3} for the brightest things.",
    "The whole picture is tinted {c1}, from {a_c0} sky down to {c2}, with a little {c3}.",
)
FINISH = (
    "The camera sits low, and the image has rich film grain and a soft vignette.",
    "It is shot with a wide lens, deep shadows and crisp rim light.",
    "The texture is painterly, with a gentle atmospheric haze.",
    "The framing is symmetrical; the corners fall into shadow.",
    "The contrast is high, with soft grain and plenty of empty sky.",
    "A thin mist hangs in the air and softens the far distance.",
    "The edges glow where the light catches them.",
    "The whole image has the grain of an old film print.",
    "Dust hangs in the light like snow.",
    "The sky takes up most of the frame.",
    "The horizon sits low, leaving room for the sky.",
    "Every outline carries a thin rim of light.",
    "Soft grain covers everything, like an old photograph.",
    "The light is low and raking, and every shadow is long.",
    "Haze softens the distance into layers.",
    "It looks like a painted poster from the golden age of cinema.",
    "The corners darken, pulling the eye to the middle.",
)
