"""lemminflect's lemma and inflection tables, read compactly, without importing lemminflect.

lemminflect ships its lexicon as two small gzipped CSV files; importing the library also loads numpy
and keeps every entry as dictionaries of tuples (about 70 MiB in all). The writer only looks words
up, so this module reads the same files into one string per word and unpacks an entry when it is
asked for. Lookups give what lemminflect's getAllLemmas and getInflection give for every word in
its tables; for words outside them (its neural out-of-vocabulary guesser) the lexicon's own
spelling rules answer instead.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
from pathlib import Path

# The inflected forms each category lists after the word, in order (lemminflect's InflectionLUCodec).
_FORMS = {"noun": ("NNS",), "adj": ("JJR", "JJS"), "adv": ("RBR", "RBS"), "verb": ("VBD", "VBN", "VBG", "VBZ")}
_BASE = {"noun": ("NN",), "adj": ("JJ",), "adv": ("RB",), "verb": ("VB", "VBP"), "aux": ("VB",), "modal": ("VB",)}
# The auxiliaries and modals lemminflect sets by hand after loading its table.
_AUX = {
    "can": "VB:can;VBD:could",
    "may": "VB:may;VBD:might",
    "will": "VB:will;VBD:would",
    "shall": "VB:shall;VBD:should",
    "must": "VB:must;VBD:must",
    "ought": "VB:ought;VBD:ought",
    "dare": "VB:dare",
    "be": "VB:be;VBD:was/were;VBG:being;VBN:been;VBP:am/are;VBZ:is",
}


def _resources() -> Path:
    # find_spec locates the package without importing it (importing it would load numpy).
    spec = importlib.util.find_spec("lemminflect")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("lemminflect is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "resources"


def _overrides(path: Path) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, key, value = line.split(",")
            found.setdefault(word, []).append((key, value))
    return found


def _read(name: str, entry) -> dict[str, str]:
    """word -> its entries from one gzipped table, joined by ";" (names, which are capitalised, left out)."""
    table: dict[str, str] = {}
    with gzip.open(_resources() / name, "rt", encoding="utf-8") as lines:
        for line in lines:
            word, category, *forms = line.rstrip("\n").split(",")
            if word.islower() or not word.isalpha() and word == word.lower():
                found = entry(word, category, forms)
                table[word] = f"{table[word]};{found}" if word in table else found
    return table


def _lemma_entry(word: str, category: str, forms: list[str]) -> str:
    return f"{'AUX' if category == 'modal' else category.upper()}:{forms[0]}"


def _inflection_entry(word: str, category: str, forms: list[str]) -> str:
    parts = [f"{tag}:{form}" for tag, form in zip(_FORMS.get(category, ()), forms) if form]
    return ";".join(parts + [f"{tag}:{word}" for tag in _BASE.get(category, ())])


@functools.lru_cache(maxsize=1)
def _lemma_table() -> dict[str, str]:
    """Lower-case word -> "NOUN:lemma/lemma;VERB:lemma"."""
    table = _read("lemma_lu.csv.gz", _lemma_entry)
    for word, pairs in _overrides(_resources() / "lemma_overrides.csv").items():
        entries = dict(part.split(":", 1) for part in table.get(word, "").split(";") if part)
        entries.update(pairs)
        table[word] = ";".join(f"{k}:{v}" for k, v in entries.items())
    return table


@functools.lru_cache(maxsize=1)
def _inflection_table() -> dict[str, str]:
    """Lower-case lemma -> "VBD:trained;VBG:training;..." with every category's forms together."""
    table = _read("infl_lu.csv.gz", _inflection_entry)
    table.update(_AUX)
    for word, pairs in _overrides(_resources() / "infl_overrides.csv").items():
        table[word] = ";".join(filter(None, [table.get(word, ""), *(f"{k}:{v}" for k, v in pairs)]))
    return table


def _unpack(entry: str, like: str) -> dict[str, tuple[str, ...]]:
    """The entry's forms by key, in the capitals of the word asked about (as lemminflect does)."""
    case = str.upper if like.isupper() else str.capitalize if like[:1].isupper() else str.lower
    found: dict[str, tuple[str, ...]] = {}
    for part in entry.split(";"):
        if part:
            key, forms = part.split(":", 1)
            found[key] = tuple(case(form) for form in forms.split("/"))  # a later entry wins, as in dict.update
    return found


def load() -> None:
    """Read both tables now."""
    _lemma_table()
    _inflection_table()


def all_lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """The word's lemmas by part of speech (NOUN, VERB, ADJ, ADV, AUX), as lemminflect's getAllLemmas."""
    return _unpack(_lemma_table().get(word.lower(), ""), word)


def inflection(lemma: str, tag: str) -> str:
    """The lemma's first form for a Penn tag, as lemminflect's getInflection; "" when the table has none."""
    forms = _unpack(_inflection_table().get(lemma.lower(), ""), lemma)
    found = forms.get(tag) or forms.get({"VBD": "VBN", "VBN": "VBD"}.get(tag, ""))
    return found[0] if found else ""
