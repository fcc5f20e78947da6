"""What a person asks for in a pitch meeting, read from their message: genre, tone, setting, cast, length,
title, the poster's look. Several at once ("make it a darker heist comedy set in Tokyo"); anything else
is not understood, and the boss says so.

The message is split into clauses (at punctuation and "and"); a clause about the title or the poster
changes only that, so "a funnier title" is not a funnier story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..genres import GENRES


@dataclass(frozen=True)
class Ask:
    """One change asked for.

    kind: genre, tone, setting, cast, length, title, look or twist. value: for a genre, the label ("heist
    comedy"); a tone (dark, light, funny, family, romantic, serious, epic, tense, scary); a length (short,
    long); a title's kind (punchy, playful, new, or "exact" with the title in `detail`); a look (dark,
    bright, new); for the cast: younger, older, recast, she, he, swap or add (who in `detail`); for a
    setting, the place as written, or "" when only the era changes.
    """

    kind: str
    value: str = ""
    detail: str = ""
    genres: tuple[str, ...] = ()  # genre: the genres, the leading one first
    style: str = ""  # genre: heist, mystery, western or musical
    blend: bool = False  # genre: added to the pitch's own ("add some horror"), not replacing it
    era: str = ""  # setting: "the 1920s"
    everyone: bool = False  # cast: every hero, not only the lead


# Genre words, each with its genre (or style); "rom-com" is two.
_GENRE_WORDS = (
    (r"\bheists?\b|\bcapers?\b", "heist"),
    (r"\bmyster(?:y|ies)\b|\bwhodunn?its?\b", "mystery"),
    (r"\bwesterns?\b", "western"),
    (r"\bmusicals?\b", "musical"),
    (r"\bhorror\b|\bslasher\b|\bghost stor(?:y|ies)\b", "horror"),
    (r"\bthrillers?\b|\bsuspense (?:film|movie|story)\b|\bcrime (?:film|movie|story|drama)\b|\bnoir\b", "thriller"),
    (r"\bsci-?fi\b|\bscience[- ]fiction\b|\bspace opera\b", "scifi"),
    (r"\bfantasy\b|\bfairy[- ]?tales?\b", "fantasy"),
    (r"\brom-?coms?\b", "romance+comedy"),
    (r"\bromances?\b|\blove stor(?:y|ies)\b|\bromantic (?=comedy|drama|film|movie|thriller)", "romance"),
    (r"\bcomed(?:y|ies)\b|\bfarce\b", "comedy"),
    (r"\bsports?\b", "sports"),
    (r"\badventures?\b|\baction (?:film|movie)\b", "adventure"),
    (r"\bdramas?\b", "drama"),
)
STYLES = {"heist": "thriller", "mystery": "thriller", "western": "adventure", "musical": "comedy"}
_BLEND = re.compile(r"\b(?:add|with|more|bit of|touch of|dash of|some|splash of)\b")
_TONES = (
    (
        "family",
        r"\bfor (?:kids|children|families|the whole family)\b|\bfamily[- ]friendly\b|\bkid[- ]friendly\b"
        r"|\ball ages\b|\bfamily (?:film|movie)\b",
    ),
    ("scary", r"\bscar(?:y|ier)\b|\bcreep(?:y|ier)\b|\bspook(?:y|ier)\b"),
    ("dark", r"\bdark(?:er)?\b|\bgritt(?:y|ier)\b|\bbleak(?:er)?\b|\bgrim(?:mer)?\b|\bedg(?:y|ier)\b|\bsinister\b"),
    ("funny", r"\bfunn(?:y|ier)\b|\bmore jokes\b|\bhumou?r(?:ous)?\b|\bsill(?:y|ier)\b|\bcomic(?:al)?\b"),
    ("light", r"\blight(?:er|en it up)?\b|\bupbeat\b|\bhappier\b|\bcheerful\b|\bfeel-?good\b|\bless dark\b"),
    ("romantic", r"\bromantic\b|\bmore romance\b|\bsome romance\b"),
    ("serious", r"\bserious\b|\bless silly\b|\bgrounded\b"),
    ("epic", r"\bepic\b|\bbigger\b|\bgrander\b|\bmore spectacular\b"),
    ("tense", r"\btense[r]?\b|\bmore suspense(?:ful)?\b|\bmore thrilling\b|\bhigher stakes\b"),
)
_ERAS = (
    (r"\b(?:in|during|to) the (1[0-9]|20)([0-9]0)s\b", lambda m: f"the {m.group(1)}{m.group(2)}s"),
    (
        r"\b(?:in|during|to) the (twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
        lambda m: (
            "the 19"
            + {
                "twenties": "20",
                "thirties": "30",
                "forties": "40",
                "fifties": "50",
                "sixties": "60",
                "seventies": "70",
                "eighties": "80",
                "nineties": "90",
            }[m.group(1)]
            + "s"
        ),
    ),
    (r"\b(?:in|to) (?:the )?(?:far |distant )?future\b|\bin the year [23]\d{3}\b", lambda m: "the future"),
    (
        r"\b(?:in|to) (medieval|victorian|roman|viking|ancient|prehistoric|edwardian|regency|tudor) times\b",
        lambda m: f"{m.group(1)} times",
    ),
    (r"\b(?:in|to) the middle ages\b", lambda m: "the Middle Ages"),
    (r"\b(?:in|to) (1[5-9]\d\d|20\d\d)\b", lambda m: m.group(1)),
)
# Places a person may name in lower case: (how the synopsis says it, its preposition, how it is named later).
KNOWN_PLACES = {
    "space": ("deep space", "in", "deep space"),
    "outer space": ("deep space", "in", "deep space"),
    "mars": ("Mars", "on", "Mars"),
    "the moon": ("the Moon", "on", "the Moon"),
    "underwater": ("an underwater city", "in", "the underwater city"),
    "under the sea": ("an underwater city", "in", "the underwater city"),
    "at sea": ("the open sea", "on", "the open sea"),
    "a small town": ("a small town", "in", "the town"),
    "a big city": ("a big city", "in", "the city"),
    "the city": ("a big city", "in", "the city"),
    "the desert": ("the desert", "in", "the desert"),
    "the jungle": ("the jungle", "in", "the jungle"),
    "the mountains": ("the mountains", "in", "the mountains"),
    "a castle": ("a castle", "in", "the castle"),
    "a haunted house": ("a haunted house", "in", "the house"),
    "a spaceship": ("a spaceship", "aboard", "the ship"),
    "a submarine": ("a submarine", "aboard", "the submarine"),
    "an island": ("a remote island", "on", "the island"),
    "the arctic": ("the Arctic", "in", "the Arctic"),
    "a school": ("a boarding school", "at", "the school"),
    "a hospital": ("a hospital", "in", "the hospital"),
    "a prison": ("a prison", "in", "the prison"),
    "a cruise ship": ("a cruise ship", "aboard", "the ship"),
    "a train": ("a night train", "aboard", "the train"),
    "a farm": ("a farm", "on", "the farm"),
    "the suburbs": ("the suburbs", "in", "the suburbs"),
    "the forest": ("the forest", "in", "the forest"),
    "the wild west": ("the Wild West", "in", "the Wild West"),
    "a village": ("a village", "in", "the village"),
    "the countryside": ("the countryside", "in", "the countryside"),
}
_SET_VERBS = (
    r"(?:set (?:it|this|the story|the film|the movie|everything)?|move (?:it|the story|everything)|"
    r"relocate (?:it|the story)?|take (?:it|them|the story)|transport (?:it|them))"
)
_CLAUSE_CUT = re.compile(r"[.;!?]+|,(?!\d)|\s+(?:and|but|also|plus|then)\s+")
_TITLE = re.compile(r"\btitles?\b|\bcall (?:it|the film|the movie)\b|\bname (?:of )?(?:the )?(?:film|movie)\b")
_LOOK = re.compile(r"\bposters?\b|\bimage\b|\bpicture\b|\bartwork\b|\bpalette\b|\bcolou?rs?\b|\bcolou?rful\b")
# Errands about the pitch rather than changes to it ("email this to my agent in Los Angeles"): a place or a
# genre word inside one is not a request to rewrite anything.
_ERRAND = re.compile(
    r"^(?:please\s+|can you\s+|could you\s+)?(?:e-?mail|send|share|tweet|forward|print|"
    r"publish|upload|export|download|delete|phone)\b",
    re.IGNORECASE,
)


def read_asks(message: str) -> list[Ask]:
    """The changes a message asks for, in the order it asks for them; [] when it asks for nothing the
    writer can do."""
    text = " ".join((message or "").replace("\u2019", "'").split())
    if _ERRAND.match(text):
        return []
    asks: list[Ask] = []
    for clause in _clauses(text):
        low = clause.lower()
        if _TITLE.search(low):
            asks.append(_title(clause))
        elif _LOOK.search(low) and not re.search(r"\bset\b|\bmove\b", low):
            asks.extend(_look(low))
        else:
            asks.extend(_story(clause))
    merged: dict[tuple, Ask] = {}
    for ask in asks:  # one of each kind, the last word winning ("darker ... no, lighter")
        merged.pop((ask.kind, ask.value if ask.kind == "cast" else ""), None)
        merged[(ask.kind, ask.value if ask.kind == "cast" else "")] = ask
    return list(merged.values())


def _clauses(text: str) -> list[str]:
    """The message in clauses; "a heist comedy set in Tokyo" stays one, "darker and shorter" is two."""
    parts = [p.strip() for p in _CLAUSE_CUT.split(text) if p and p.strip()]
    return parts or [text]


def _story(clause: str) -> list[Ask]:
    low = clause.lower()
    found: list[Ask] = []
    genre = _genre(low)
    if genre:
        found.append(genre)
    found += _tones(low, genre)
    found += _setting(clause)
    found += _cast(low)
    if re.search(
        r"\bshort(?:er|en)?\b|\bcut it down\b|\btight(?:er|en)\b|\bmore concise\b|\btrim\b|\bbrief(?:er)?\b", low
    ):
        found.append(Ask("length", "short"))
    elif re.search(r"\blong(?:er)?\b|\bexpand\b|\bmore detail(?:ed)?\b|\bflesh (?:it |this )?out\b|\bfuller\b", low):
        found.append(Ask("length", "long"))
    if re.search(
        r"\b(?:add|give it|with|throw in) (?:a|one more|another) (?:big |real )?twist\b|\bmore twists?\b", low
    ):
        found.append(Ask("twist"))
    return found


def _genre(low: str) -> Ask | None:
    hits = sorted((m.start(), key) for pattern, key in _GENRE_WORDS for m in re.finditer(pattern, low))
    if not hits:
        return None
    keys: list[str] = []
    for _, key in hits:
        for part in key.split("+"):
            if part not in keys:
                keys.append(part)
    style = next((k for k in keys if k in STYLES), "")
    plain = [k for k in keys if k in GENRES]
    # The last genre named is the head noun ("heist comedy" is a comedy), the one before it its flavour.
    genres = tuple(dict.fromkeys([*reversed(plain[-2:])] or [STYLES[style]]))
    if style and STYLES[style] not in genres and len(genres) < 2:
        genres = (*genres, STYLES[style])
    first = hits[0][0]
    before = low[max(0, first - 14) : first]
    blend = bool(_BLEND.search(before)) and not re.search(r"\b(?:make|turn)\b|\bmore like\b", low)
    head = genres[0]
    if style:
        label = f"{style} {GENRES[head].label}" if plain else {"heist": "heist thriller"}.get(style, style)
    else:
        from ..genres import label_of

        label = label_of(genres)
    return Ask("genre", label, genres=genres, style=style, blend=blend)


def _tones(low: str, genre: Ask | None) -> list[Ask]:
    for tone, pattern in _TONES:
        if tone in ("funny", "romantic") and genre is not None:
            continue  # "a romantic comedy", "a funny heist": the genre says it
        if re.search(pattern, low):
            return [Ask("tone", tone)]
    return []


def _setting(clause: str) -> list[Ask]:
    low = clause.lower()
    era = ""
    for pattern, name in _ERAS:
        found = re.search(pattern, low)
        if found:
            era = name(found)
            clause = clause[: found.start()] + clause[found.end() :]
            low = clause.lower()
            break
    place = ""
    known = next(
        (
            k
            for k in sorted(KNOWN_PLACES, key=len, reverse=True)
            if re.search(rf"\b(?:in|on|to|at|aboard|under|into)\s+{re.escape(k)}\b|^{re.escape(k)}$", low)
            or k.split()[0] in ("under", "at", "underwater")
            and re.search(rf"\b{re.escape(k)}\b", low)
        ),
        None,
    )
    if known:
        place = known
    else:
        verb = re.search(
            rf"\b{_SET_VERBS}\s+(?:in|on|to|at|aboard|into)\s+(?:the\s+)?([\w'-]+(?:\s+[\w'-]+){{0,2}})", clause, re.I
        )
        named = re.search(r"(?:^|\s)(?:in|on|to|at|aboard)\s+((?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)", clause)
        if named and not _is_genre_word(named.group(1)):
            place = named.group(1)
        elif verb and not _is_genre_word(verb.group(1)):
            place = " ".join(
                w.capitalize() if w.lower() not in ("of", "the", "de", "la") else w for w in verb.group(1).split()
            )
    if not place and not era:
        return []
    return [Ask("setting", place, era=era)]


def _is_genre_word(text: str) -> bool:
    low = text.lower()
    return any(re.search(pattern, low) for pattern, _ in _GENRE_WORDS) or low in ("love", "charge", "time", "order")


_WOMAN = r"(?:a )?(?:woman|female|girl|lady|women|girls|heroine)"
_MAN = r"(?:a )?(?:man|male|boy|guy|men|boys)"
_WHO = r"(?:hero(?:es)?|lead(?:s)?|protagonists?|main characters?|them|him|her|star)"


def _cast(low: str) -> list[Ask]:
    found = []
    everyone = bool(re.search(r"\b(?:heroes|leads|protagonists|them all|all of them|them)\b", low))
    if re.search(r"\byounger\b", low):
        found.append(Ask("cast", "younger"))
    elif re.search(r"\bolder\b|\bmore experienced\b|\bveteran\b", low):
        found.append(Ask("cast", "older"))
    elif re.search(r"\brecast\b|\b(?:a )?(?:different|another|new) (?:actor|actress|star|lead)\b", low):
        found.append(Ask("cast", "recast"))
    if re.search(rf"\b{_WHO}\b.*\b{_WOMAN}\b|\bfemale lead\b|\b{_WOMAN} (?:as the )?lead\b", low):
        found.append(Ask("cast", "she", everyone=everyone))
    elif re.search(rf"\b{_WHO}\b.*\b{_MAN}\b|\bmale lead\b", low):
        found.append(Ask("cast", "he", everyone=everyone))
    elif re.search(r"\bgender[- ]?(?:swap|flip)\b|\bswap (?:the|their|his|her) genders?\b", low):
        found.append(Ask("cast", "swap", everyone=everyone))
    added = re.search(
        r"\b(?:add|give (?:it|her|him|them|the hero|the lead)|introduce|bring in|include)\s+"
        r"(?:a|an|another)\s+((?:[a-z-]+\s+){0,2}?[a-z-]+?)(?=\s*$|\s+(?:who|that|to|for|as|with)\b)",
        low,
    )
    if added and added.group(1).split()[-1] not in (
        "twist",
        "title",
        "scene",
        "subplot",
        "beat",
        "ending",
        "bit",
        "touch",
        "dash",
        "splash",
    ):
        found.append(Ask("cast", "add", detail=added.group(1)))
    return found


def _title(clause: str) -> Ask:
    low = clause.lower()
    exact = re.search(r"\bcall (?:it|the film|the movie)\s+[\"\u201c']?(.+?)[\"\u201d']?\s*$", clause, re.I)
    if exact:
        return Ask("title", "exact", detail=exact.group(1).strip())
    if re.search(r"\bpunch(?:y|ier)\b|\bsnapp(?:y|ier)\b|\bshort(?:er)?\b|\bcatch(?:y|ier)\b|\bsimpler\b", low):
        return Ask("title", "punchy")
    if re.search(r"\bfunn(?:y|ier)\b|\bplayful\b|\bsill(?:y|ier)\b|\bwitt(?:y|ier)\b|\bpun\b", low):
        return Ask("title", "playful")
    return Ask("title", "new")


def _look(low: str) -> list[Ask]:
    if re.search(r"\bdark(?:er)?\b|\bmood(?:y|ier)\b|\bgloom(?:y|ier)\b|\bmore shadows?\b|\bnight\b", low):
        return [Ask("look", "dark")]
    if re.search(
        r"\bbright(?:er)?\b|\bcolou?rful\b|\bvivid\b|\bsunn(?:y|ier)\b|\blight(?:er)?\b|\bmore colou?rs?\b", low
    ):
        return [Ask("look", "bright")]
    if re.search(r"\bnew\b|\bdifferent\b|\banother\b|\bchange\b", low):
        return [Ask("look", "new")]
    return []
