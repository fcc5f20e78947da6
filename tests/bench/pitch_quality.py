"""How well the offline writer writes: grammar, repetition, pronouns and posters, over a list of ideas.

    python tests/bench/pitch_quality.py                         (the sample and the held-out ideas)
    python tests/bench/pitch_quality.py --seeds 3 --dump out.md  (three pitches an idea; every pitch to read)
    python tests/bench/pitch_quality.py tests/bench/ideas/fresh.txt
    python tests/bench/pitch_quality.py --creativity 1.6 --frequency -1.5   (pitches written with the knobs)

Every pitch is written through the offline provider, exactly as the app asks for it. The figures:

1. Grammar: the share of the pitch's English sentences that carry one of the idea's words (synopsis,
   reply, poster description) and that a grammar parser accepts with no word left out. The parser is
   Debian's link-grammar (`apt-get install python3-link-grammar`), which only the system python can
   import, so it runs in a subprocess of that python (--system-python). Performers in brackets are
   taken out first, as a reader skips them. Target ≥ 90 %.
2. Repetition: the 6-word phrase found in the most pitches (synopsis, reply and poster description),
   as "n of N". Target: in at most a quarter of the pitches.
3. Pronouns: for ideas whose subject states a gender (grandmother, brothers; or her, his with a
   singular subject), whether every pronoun in the sentences that name the lead agrees with it.
   Target: all of them.
4. Poster: whether the poster description names the idea's main noun (the parser's subject of the
   idea, else its first noun). Target: all of them.
5. Splices: pitches with a sentence that pastes five or more of a clause idea's words in a row, one of
   its verbs among them, where they do not stand as the idea's own clause rewritten (see spliced()).
   Target: none.

The gender and main-noun checks are made here, independently of the writer's own reading of the idea.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from moviepitch.providers.base import TextRequest  # noqa: E402
from moviepitch.providers.offline_provider import OfflineProvider  # noqa: E402

DEFAULT_IDEAS = (BENCH / "ideas" / "sample.txt", BENCH / "ideas" / "fresh.txt")
TASKS = ("reply", "synopsis", "title", "cast", "image_prompt")
# Debian's python, where python3-link-grammar installs its module.
SYSTEM_PYTHON = "/usr/bin/python3"

# Words that state a gender, for the pronoun check (kept apart from the writer's own lists on purpose).
# fmt: off
SHE = {"she", "her", "hers", "herself", "woman", "women", "girl", "girls", "grandmother", "grandmothers",
       "mother", "mothers", "sister", "sisters", "queen", "princess", "widow", "wife", "daughter", "aunt",
       "nun", "nuns", "ballerina", "actress", "waitress", "bride", "lady", "ladies", "grandma", "abuela",
       "hermanas", "reine", "soeurs", "sœurs"}
# fmt: on
# fmt: off
HE = {"he", "him", "his", "himself", "man", "men", "boy", "boys", "grandfather", "grandfathers", "father",
      "brother", "brothers", "king", "prince", "widower", "husband", "son", "uncle", "monk", "monks",
      "groom", "cowboy", "fisherman", "hermanos", "abuelo", "frères"}
# fmt: on
SPANISH = {"el", "la", "los", "las", "un", "una", "de", "del", "se", "en", "y", "su", "sus", "que", "es", "dos"}
# fmt: off
FRENCH = {"le", "la", "les", "un", "une", "de", "des", "du", "est", "et", "en", "dans", "sur", "son", "sa", "ses",
          "qui", "au", "deux"}
# fmt: on
# Adjectives that come before the noun in Spanish and French.
# fmt: off
BEFORE_NOUN = {"jeune", "vieux", "vieille", "petit", "petite", "grand", "grande", "nouveau", "nouvelle", "dernier",
               "dernière", "premier", "première", "viejo", "vieja", "nuevo", "nueva", "mejor", "último", "última",
               "pequeño", "pequeña", "gran"}
# fmt: on
# fmt: off
STOP = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "from", "by", "is", "are",
        "that", "who", "which", "their", "her", "his", "its", "into", "must", "can", "will", "when", "one", "vs",
        "versus"}
# fmt: on

PARSER = r"""
import json, sys
import linkgrammar as lg
job = json.load(sys.stdin)
d = lg.Dictionary("en")
strict = lg.ParseOptions(min_null_count=0, max_null_count=0, islands_ok=False, max_parse_time=3,
                         linkage_limit=4, verbosity=0)
# Linkages come sorted by cost only among those found: a small limit samples them at random.
whole = lg.ParseOptions(min_null_count=0, max_null_count=0, max_parse_time=3, linkage_limit=100, verbosity=0)
loose = lg.ParseOptions(min_null_count=1, max_null_count=8, max_parse_time=3, linkage_limit=100, verbosity=0)
accepted = [len(lg.Sentence(s, d, strict).parse()) > 0 for s in job["sentences"]]
subjects = []
nounish = re.compile(r"\.(?:n|s|p|g)\b|\[!<(?:PL-)?CAPITALIZED-WORDS>\]|\[!<.*NOUN")
for idea in job["ideas"]:
    words, subject, links = [], "", []
    # A capital at the start reads to the parser as a name ("A.n"): lower it.
    lowered = idea[:1].lower() + idea[1:]
    complete = list(lg.Sentence(lowered, d, whole).parse())
    for linkage in complete or lg.Sentence(lowered, d, loose).parse():
        words = list(linkage.words())
        links = [(link.left_label, link.left_word, link.right_word) for link in linkage.links()]
        heads = [(right, "hWd") for label, left, right in links if left == "LEFT-WALL" and label == "hWd"]
        heads += [(left, "S") for label, left, right in links if label.startswith("S") and label[1:2] in "sp*x"
                  and not label.startswith("SJ")]
        heads += [(right, "hWa") for label, left, right in links if left == "LEFT-WALL" and label == "hWa"]
        for head, source in heads:
            # "a trumpeter and a mime solve": the subject is the first of the coordinated nouns.
            head = next((left for label, left, right in links if right == head and label.startswith("dSJl")), head)
            # A fragment's head from a parse that left words out is a guess: "the first dog on the moon".
            if nounish.search(head) and (complete or source != "hWa"):
                subject = head
                break
        break
    # A clause: a subject linked to a verb ("and.j-v" for two joined verbs) in a parse that uses every word.
    clause = bool(complete) and any(label.startswith("S") and re.search(r"\.v\b|\.q\b|\.j-v\b", right)
                                    for label, _, right in links)
    # Each clause's subject and finite verb, as written ("ballerina", "trains"), for the splice check.
    plain = lambda w: re.sub(r"\[.*$|\..*$", "", w).strip("[]").lower()
    pairs = []
    for label, left, right in links:
        if label.startswith("S") and not label.startswith("SJ") and re.search(r"\.v\b|\.q\b|\.j-v\b", right):
            # "a ghost haunts a house and is terrified": the subject goes to "and", which joins the verbs.
            joined = [b if a == right else a for lab, a, b in links if lab.startswith("VJ") and right in (a, b)]
            pairs += [(plain(left), plain(verb)) for verb in (joined if ".j-v" in right else [right])]
    subjects.append({"subject": subject, "nouns": [w for w in words if nounish.search(w)], "clause": clause,
                     "pairs": pairs if complete else []})
print("\n@@RESULT@@" + json.dumps({"accepted": accepted, "subjects": subjects}))
""".replace("import json, sys", "import json, re, sys")


@dataclass
class Pitch:
    """One written pitch and what was measured on it."""

    idea: str
    seed: int
    texts: dict[str, str]
    seconds: float
    language: str = "en"
    sentences: list[str] = field(default_factory=list)


def read_ideas(paths: list[Path]) -> list[str]:
    """The ideas in the files, one a line, without comments and blank lines."""
    ideas = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                ideas.append(line.strip())
    return ideas


def clean_idea(idea: str) -> str:
    """The idea as a reader sees it: no markup, no emoji."""
    text = re.sub(r"<[^>]*>", " ", idea)
    return " ".join(re.sub(r"[^\w\s'’,.!?;:-]", " ", text).split())


def language_of(idea: str) -> str:
    """es, fr or en, by the idea's function words (independent of the writer's detector)."""
    words = re.findall(r"[^\W\d_]+", idea.lower())
    scores = {"es": len(SPANISH.intersection(words)), "fr": len(FRENCH.intersection(words))}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 2 or (scores[best] and len(words) <= 3) else "en"


def write_pitch(provider: OfflineProvider, idea: str, seed: int, knobs: dict | None = None) -> Pitch:
    """Ask the provider for every text of one pitch, in the order the app does (with the knobs, if any)."""
    context: dict = {"idea": idea, "seed": seed, **(knobs or {})}
    texts = {}
    started = time.perf_counter()
    for task in TASKS:
        texts[task] = provider.text(TextRequest(task, messages=[], context=dict(context))).text
        if task in ("synopsis", "title", "image_prompt"):
            context[task] = texts[task]
    return Pitch(idea, seed, texts, time.perf_counter() - started, language_of(clean_idea(idea)))


def split_sentences(text: str) -> list[str]:
    """Sentences of prose, with performers' brackets taken out."""
    text = re.sub(r"\s*\([^()]*\)", "", text)
    # A sentence may end inside its closing quote: “What could possibly go wrong?”
    return [
        s.strip()
        for s in re.split(r"(?:(?<=[.!?])|(?<=[.!?][”\"]))\s+(?=[A-Z\"“¡¿])", " ".join(text.split()))
        if s.strip()
    ]


def idea_words(idea: str) -> set[str]:
    """The idea's content words, as stems of four letters or more."""
    return {w[:5] for w in re.findall(r"[a-z][a-z'-]{3,}", clean_idea(idea).lower()) if w not in STOP}


def carries_idea(sentence: str, stems: set[str]) -> bool:
    """Whether a sentence uses one of the idea's words."""
    return any(w[:5] in stems for w in re.findall(r"[a-z][a-z'-]{3,}", sentence.lower()))


def run_parser(python: str, sentences: list[str], ideas: list[str]) -> dict:
    """link-grammar's verdicts on the sentences, and the subject and nouns of each idea."""
    job = json.dumps({"sentences": sentences, "ideas": ideas})
    done = subprocess.run([python, "-c", PARSER], input=job, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise SystemExit(
            f"link-grammar failed ({python}): {done.stderr.strip()[-400:]}\n"
            "Install it with: apt-get install python3-link-grammar"
        )
    # link-grammar may print notes of its own on stdout: the answer is what follows the marker.
    return json.loads(done.stdout.rsplit("@@RESULT@@", 1)[-1])


def main_noun(parsed: dict, idea: str) -> str:
    """The idea's main noun: the parser's subject of a clause, else the word before its first preposition (or
    a noun the parser found before that word: "a submarine", not "full", in "A submarine full of cats")."""
    plain = [re.sub(r"\[.*$|\..*$", "", n).lower() for n in parsed["nouns"] if ".g" not in n]
    word = re.sub(r"\[.*$|\..*$", "", parsed["subject"])
    if word and word.lower() not in STOP and ".g" not in parsed["subject"]:
        return word.lower()
    text = clean_idea(idea).lower()
    if ".g" in parsed["subject"] and "," in text:  # "Having won the lottery, a janitor ...": after the opener
        after = re.findall(r"[^\W\d_][\w'-]*", text.split(",", 1)[1])
        return next((w for w in after if w in plain), after[0] if after else "")
    words = re.findall(r"[^\W\d_][\w'-]*", text)
    cut = next((i for i, w in enumerate(words) if i and w in STOP), len(words))
    guess = words[cut - 1] if cut else ""
    return next((w for w in words[: cut - 1] if w in plain), guess)


# Articles and numbers before a Spanish or French noun.
# fmt: off
FOREIGN_DETERMINERS = {"un", "una", "el", "la", "los", "las", "le", "les", "une", "des", "dos", "deux", "tres", "trois",
                       "cuatro", "quatre", "cinco", "cinq", "seis", "six", "siete", "sept"}
# fmt: on


def foreign_main_noun(idea: str) -> str:
    """The first word after an article, for Spanish and French ideas."""
    words = re.findall(r"[^\W\d_][\w'-]*", idea.lower())
    for i, word in enumerate(words[:-1]):
        if word in FOREIGN_DETERMINERS:
            return next((w for w in words[i + 1 :] if w not in BEFORE_NOUN), "")
    return ""


def names_noun(text: str, noun: str) -> bool:
    """Whether the text names the noun, in the singular or the plural."""
    if not noun:
        return True
    stem = (
        noun[:-3]
        if noun.endswith(("ies", "ves"))
        else noun[:-2]
        if noun.endswith(("ches", "shes", "xes"))
        else noun[:-1]
        if noun.endswith("s") and not noun.endswith("ss")
        else noun
    )
    stem = stem[:-1] if stem.endswith("y") else stem
    return re.search(rf"\b{re.escape(stem)}\w{{0,3}}\b", text.lower()) is not None


def gender_of(idea: str, noun: str) -> str:
    """she or he when the idea's subject says so: its own words, or "her"/"his" for a singular subject."""
    words = re.findall(r"[^\W\d_]+", clean_idea(idea).lower())
    subject = set(words[: words.index(noun) + 1] if noun in words else words[:3])
    if not noun.endswith("s") or noun.endswith("ss"):
        subject |= set(words) & {"her", "his", "herself", "himself"}
    she, he = bool(subject & SHE), bool(subject & HE)
    return "she" if she and not he else "he" if he and not she else ""


def pronouns_agree(pitch: Pitch, gender: str) -> bool:
    """Whether every pronoun in the sentences naming the lead matches the idea's gender."""
    lead = re.search(r"([A-Z][\w'-]+(?: [A-Z][\w'-]+){0,3}) \(", pitch.texts["synopsis"])
    if not lead:
        return False
    names = set(lead.group(1).split())
    others = set(re.findall(r"([A-Z][\w'-]+(?: [A-Z][\w'-]+){0,3}) \(", pitch.texts["synopsis"])) - {lead.group(1)}
    wrong = {"she": r"\b(?:he|him|his|himself)\b", "he": r"\b(?:she|her|hers|herself)\b"}[gender]
    return not any(
        re.search(wrong, others_described(s, others), re.I)
        for s in split_sentences(pitch.texts["synopsis"])
        if names & set(re.findall(r"[\w'-]+", s))
    )


def others_described(sentence: str, others: set[str]) -> str:
    """The sentence without the descriptions of the other people it introduces: in "Agnes Harton, a physicist
    who talks to her plants," the "her" is Agnes's own."""
    for name in others:
        sentence = re.sub(rf"{re.escape(name)}, [^,.;:!?]*", name, sentence)
    return sentence


def sixgrams(text: str) -> set[tuple[str, ...]]:
    """The text's 6-word phrases, lower case, performers' brackets removed."""
    words = re.findall(r"[\w'-]+", re.sub(r"\([^()]*\)", "", text).lower())
    return {tuple(words[i : i + 6]) for i in range(len(words) - 5)}


# Words after which a clause of the idea may stand as a clause: "It begins when the moon ...".
# fmt: off
CLAUSE_BEFORE = {"when", "while", "as", "until", "after", "before", "because", "once", "if", "since", "that", "till",
                 "day", "moment", "then", "where", ",", ";", ":", "and", "but", "so"}
# fmt: on
CLAUSE_AFTER = {"", ",", ";", ":", "and", "but", "so", "until", "when", "while", "because"}
# fmt: off
SUBORDINATORS = {"when", "while", "as", "until", "after", "before", "because", "once", "if", "since", "that",
                 "where", "who", "which", "whose"}
# fmt: on
RELATIVE_WORDS = {"who", "which", "that", "where", "whose"}
# Prepositions before a noun phrase whose last noun the parser may take for a verb ("at a summer camp").
PREPOSITIONS = {"at", "in", "on", "of", "with", "from", "by", "for", "near", "under", "inside", "aboard"}
SUBJECT_WORDS = {
    "to",
    "would",
    "could",
    "will",
    "can",
    "must",
    "did",
    "does",
    "do",
    "not",
    "he",
    "she",
    "it",
    "they",
    "who",
    "that",
    "which",
    ",",
    "and",
    "but",
    "also",
    "finally",
    "only",
    "never",
    "then",
    "now",
    "suddenly",
    "secretly",
    "still",
    "just",
    "soon",
}


def runs(words: list[str], idea: list[str], least: int = 5) -> list[tuple[int, int, int]]:
    """Maximal runs of at least `least` words shared by the sentence and the idea: (at, length, in the idea)."""
    found = []
    for i in range(len(words)):
        for j in range(len(idea)):
            if (i and j and words[i - 1] == idea[j - 1]) or words[i] != idea[j]:
                continue  # not the start of a maximal run
            n = 0
            while i + n < len(words) and j + n < len(idea) and words[i + n] == idea[j + n]:
                n += 1
            if n >= least:
                found.append((i, n, j))
    return found


def spliced(pitch: Pitch, pairs: list[tuple[str, str]]) -> str:
    """A sentence that pastes five or more of the idea's words, a verb among them, where they do not stand as
    the idea's own clause, rewritten; "" when there is none.

    The idea's own clause may start a sentence or follow "when" and end at a comma or the end ("When the
    moon drifts away, ..."); its predicate may follow its new subject ("Mara, a ballerina, trains a
    hockey team"). A clause where a noun phrase belongs is a splice: "... and it starts with the moon
    drifts away", "At first, the moon drifts away is only a rumour". Quoting the idea is not.
    """
    idea = [w.lower() for w in re.findall(r"[\w'-]+", clean_idea(pitch.idea))]
    pairs = clause_pairs(pairs, idea)
    verbs = {verb for _, verb in pairs}
    if len(idea) < 5 or not verbs:
        return ""
    for sentence in split_sentences(pitch.texts["synopsis"] + " " + pitch.texts["reply"]):
        tokens = re.findall(r"[\w'-]+|[,;:\u201c\u201d\"]", sentence)
        words = [t.lower() for t in tokens]
        for at, n, j in runs(words, idea):
            shared = idea[j : j + n]
            verb = next((k for k, w in enumerate(shared) if w in verbs), None)
            before = words[at - 1] if at else ""
            if verb is None or before in ("\u201c", '"'):
                continue  # a noun phrase of the idea ("a hockey team of misfits"), or a quotation
            after = words[at + n] if at + n < len(words) else ""
            subject = next((shared.index(s) for s, v in pairs if v == shared[verb] and s in shared[:verb]), None)
            inside = rewritten(before, idea[j - 1] if j else "")  # it goes on from a rewritten verb
            if shared[0] in SUBORDINATORS:  # "when the aliens arrive", "that every book rewrites history"
                ok = after in CLAUSE_AFTER or inside
            elif subject is not None and (
                shared[subject] in RELATIVE_WORDS or subject >= 2 and shared[subject - 1] in RELATIVE_WORDS
            ):
                # A noun with its own relative clause is a noun phrase wherever it stands: "elected by the
                # village where nobody can lie".
                ok = True
            elif subject is not None and subject <= 4 and not SUBORDINATORS.intersection(shared[:subject]):
                # The clause with its own subject (its article may be another: "the moon" for "a moon"):
                # it may start a sentence or follow "when".
                start = at - 1 if before in ("a", "an", "the") else at
                opens = not start or words[start - 1] in CLAUSE_BEFORE
                ok = opens and after in CLAUSE_AFTER or inside
            else:
                # The rest of a clause whose start was rewritten: "Mara trains ...", "she would discover her
                # garden is ...", "having to walk ...".
                ok = before in SUBJECT_WORDS or tokens[at - 1][:1].isupper() or inside
            if not ok:
                return sentence
    return ""


def clause_pairs(pairs: list[tuple[str, str]], idea: list[str]) -> list[tuple[str, str]]:
    """The (subject, verb) pairs whose subject starts a clause: before every verb, or after "and", "when" ...

    The parser sometimes links a noun inside a predicate to a later word ("kilometres home"): such a
    noun is not a clause's subject.
    """
    where = {w: k for k, w in reversed(list(enumerate(idea)))}
    pairs = [(s, v) for s, v in pairs if not in_noun_phrase(where.get(v), idea)]
    verb_at = sorted(where[v] for _, v in pairs if v in where)
    kept = []
    for subject, verb in pairs:
        at = where.get(subject)
        last = max((v for v in verb_at if at is not None and v < at), default=None)
        if at is not None and (last is None or SUBORDINATORS.union({"and", "but", "or"}).intersection(idea[last:at])):
            kept.append((subject, verb))
    return kept


def in_noun_phrase(at: int | None, idea: list[str]) -> bool:
    """Whether a word taken for a verb ends a noun phrase after a preposition, at the idea's end or before
    another preposition: "Vampires at a summer camp", "grandmothers on a road trip to Las Vegas" (the parser
    links "vampires" to "camp")."""
    if at is None or not (at == len(idea) - 1 or idea[at + 1] in PREPOSITIONS | {"to"}):
        return False
    article = next((k for k in (at - 1, at - 2) if k >= 1 and idea[k] in ("a", "an", "the")), None)
    return article is not None and idea[article - 1] in PREPOSITIONS


def stem(word: str) -> str:
    """A word without its inflection, roughly: "trying", "tries" and "try" all give "try"."""
    for ending, root in (("ies", "y"), ("ied", "y"), ("ying", "y"), ("ing", ""), ("es", ""), ("ed", ""), ("s", "")):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return (word[: -len(ending)] + root)[:5]
    return word[:5]


def rewritten(word: str, typed: str) -> bool:
    """Whether a word of the pitch is the idea's word in another form: "discover" for "discovers"."""
    if not word or not typed:
        return False
    be = {"is", "are", "was", "were", "be", "being", "been"}
    modals = {"must", "can", "could", "will", "would", "should", "may", "might"}
    return (
        stem(word) == stem(typed)
        or (word in be and typed in be)
        or (typed in modals and word in ("to", "would", "could", "will", "must", "had", "have", "has"))
    )


def pasted_whole(pitch: Pitch) -> str:
    """For an idea in another language: a sentence with the whole idea, unquoted, after its start."""
    idea = clean_idea(pitch.idea).rstrip(".!? ").lower()
    for sentence in split_sentences(pitch.texts["synopsis"] + " " + pitch.texts["reply"]):
        at = sentence.lower().find(idea)
        if len(idea.split()) >= 3 and at > 0 and sentence[at - 1] not in '\u201c"':
            return sentence
    return ""


def measure(pitches: list[Pitch], python: str) -> tuple[list[tuple[str, str, str, bool]], dict]:
    """The figures: (what, value, target, met) rows, and details for the dump."""
    english = [p for p in pitches if p.language == "en"]
    checked: list[str] = []
    owners: list[Pitch] = []
    for p in english:
        stems = idea_words(p.idea)
        for part in ("synopsis", "reply", "image_prompt"):
            for s in split_sentences(p.texts[part]):
                if carries_idea(s, stems):
                    checked.append(s)
                    owners.append(p)
    ideas = sorted({clean_idea(p.idea) for p in english})
    parsed = run_parser(python, checked, ideas)
    nouns = {idea: main_noun(found, idea) for idea, found in zip(ideas, parsed["subjects"])}
    rejected = [s for s, ok in zip(checked, parsed["accepted"]) if not ok]
    share = 1 - len(rejected) / max(len(checked), 1)

    counts: collections.Counter = collections.Counter()
    for p in pitches:
        counts.update(sixgrams(" ".join(p.texts[t] for t in ("synopsis", "reply", "image_prompt"))))
    top, top_n = counts.most_common(1)[0] if counts else ((), 0)

    def noun_of(p: Pitch) -> str:
        return nouns.get(clean_idea(p.idea), "") if p.language == "en" else foreign_main_noun(p.idea)

    gendered = [(p, gender_of(p.idea, noun_of(p))) for p in pitches if gender_of(p.idea, noun_of(p))]
    wrong_pronouns = [p for p, g in gendered if not pronouns_agree(p, g)]

    missing_noun = [(p, noun_of(p)) for p in pitches if not names_noun(p.texts["image_prompt"], noun_of(p))]
    # A noun-phrase idea ("The first dog on the moon") is meant to be used as a noun phrase: only a
    # clause pasted where a noun phrase belongs is a splice.
    clauses = {idea for idea, found in zip(ideas, parsed["subjects"]) if found["clause"]}
    pairs = {idea: found["pairs"] for idea, found in zip(ideas, parsed["subjects"])}
    splices = [(p, spliced(p, pairs[clean_idea(p.idea)])) for p in english if clean_idea(p.idea) in clauses]
    splices += [(p, pasted_whole(p)) for p in pitches if p.language != "en"]
    splices = [(p, sentence) for p, sentence in splices if sentence]
    n = len(pitches)
    times = sorted(p.seconds * 1000 for p in pitches)
    rows = [
        (
            "Idea sentences a grammar parser accepts (English pitches)",
            f"{len(checked) - len(rejected)} of {len(checked)} = {share:.1%}",
            "≥ 90 %",
            share >= 0.9,
        ),
        (
            "Most repeated 6-word phrase across pitches",
            f'{top_n} of {n}: "{" ".join(top)}"',
            f"≤ {n // 4} of {n}",
            top_n <= n / 4,
        ),
        (
            "Pronouns agree with the idea's gender",
            f"{len(gendered) - len(wrong_pronouns)} of {len(gendered)}",
            "all",
            not wrong_pronouns,
        ),
        ("Poster description names the idea's main noun", f"{n - len(missing_noun)} of {n}", "all", not missing_noun),
        (
            "Idea spliced: 5+ of its words, a verb among them, not standing as its own clause",
            f"{len(splices)} of {n}",
            "none",
            not splices,
        ),
        (
            "Writing time per pitch (five texts), median / max",
            f"{times[len(times) // 2]:.1f} ms / {times[-1]:.1f} ms",
            "< 50 ms",
            times[-1] < 50,
        ),
    ]
    details = {
        "rejected": rejected,
        "wrong_pronouns": wrong_pronouns,
        "missing_noun": missing_noun,
        "splices": splices,
        "nouns": nouns,
        "top": counts.most_common(8),
    }
    return rows, details


def dump(path: Path, pitches: list[Pitch], details: dict) -> None:
    """Every pitch and every failure, as Markdown to read."""
    lines = ["# Offline pitches", ""]
    for p in pitches:
        lines += [
            f"## {p.idea} (seed {p.seed}, {p.language})",
            "",
            f"**{p.texts['title']}**",
            "",
            f"> {p.texts['reply']}",
            "",
            p.texts["synopsis"],
            "",
            "Cast: " + "; ".join(p.texts["cast"].splitlines()),
            "",
            f"Poster: {p.texts['image_prompt']}",
            "",
        ]
    lines += ["# Sentences the parser rejected", ""] + [f"- {s}" for s in details["rejected"]]
    lines += ["", "# Pronouns that disagree", ""] + [f"- {p.idea} (seed {p.seed})" for p in details["wrong_pronouns"]]
    lines += ["", "# Posters missing the main noun", ""] + [
        f"- {p.idea} (seed {p.seed}): {noun}" for p, noun in details["missing_noun"]
    ]
    lines += ["", "# Splices", ""] + [f"- {p.idea} (seed {p.seed}): {sentence}" for p, sentence in details["splices"]]
    lines += ["", "# Most repeated 6-word phrases", ""] + [f"- {n}: {' '.join(g)}" for g, n in details["top"]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Write the pitches, print the figures; 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path, default=list(DEFAULT_IDEAS), help="idea files, one a line")
    parser.add_argument("--seeds", type=int, default=1, help="pitches per idea (seeds 0..N-1)")
    parser.add_argument("--dump", type=Path, help="write every pitch and failure to this Markdown file")
    parser.add_argument("--system-python", default=SYSTEM_PYTHON, help="a python that can import linkgrammar")
    parser.add_argument("--creativity", type=float, help="the creativity knob (temperature, 0 to 2)")
    parser.add_argument("--frequency", type=float, help="the frequency penalty (-2 to 2)")
    parser.add_argument("--presence", type=float, help="the presence penalty (-2 to 2)")
    args = parser.parse_args(argv)
    knobs = {
        key: value
        for key, value in (
            ("temperature", args.creativity),
            ("frequency_penalty", args.frequency),
            ("presence_penalty", args.presence),
        )
        if value is not None
    }
    ideas = read_ideas(args.files)
    provider = OfflineProvider()
    provider.warm()  # load the writer's lexicons before timing, as a serving process does at start
    write_pitch(provider, ideas[0], 0)
    pitches = [write_pitch(provider, idea, seed, knobs) for seed in range(args.seeds) for idea in ideas]
    rows, details = measure(pitches, args.system_python)
    print(
        f"{len(pitches)} pitches from {len(ideas)} ideas ({', '.join(str(f) for f in args.files)}), "
        f"{args.seeds} seed(s) each{', knobs ' + str(knobs) if knobs else ''}\n"
    )
    print("| measurement | value | target | result |\n|---|---|---|---|")
    for what, value, target, met in rows:
        print(f"| {what} | {value} | {target} | {'pass' if met else '**miss**'} |")
    if args.dump:
        dump(args.dump, pitches, details)
        print(f"\nEvery pitch: {args.dump}")
    return 0 if all(met for *_, met in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
