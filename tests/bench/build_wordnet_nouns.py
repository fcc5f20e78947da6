"""Rebuild moviepitch/offline/data/wordnet_nouns.txt: what WordNet says each English noun names.

    apt-get install wordnet-base
    python tests/bench/build_wordnet_nouns.py [--wordnet /usr/share/wordnet]

The offline writer needs to know that a grandmaster and a harbour master are people, a tortoise
and a seal are animals, and a star is neither. WordNet 3.0's noun files say it for every noun,
sense by sense, most frequent sense first, each sense filed under a lexicographer file
(noun.person, noun.animal ...). This script keeps, for each single-word noun that can name a
person or an animal (or whose ending usually names a person), the file of its most frequent sense
and whether a later sense is a person or an animal,
and whether every person sense is a woman or a man (hyponyms of woman, female, man, male).
Senses that are instances (a named person, "Crane" the poet) are skipped. The result is a small
text file the writer reads without WordNet installed; this script is only run to refresh it.
"""

from __future__ import annotations

import argparse
import collections
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "moviepitch" / "offline" / "data" / "wordnet_nouns.txt"
# The noun lexicographer files, numbered as in WordNet's lexnames.
FILES = {5: "A", 18: "P"}
# Endings that usually name someone who does something: a noun with one that WordNet files as a
# thing is kept too ("T"), so the writer does not take a blender or a girder for a person.
PERSON_ENDING = re.compile(r"(?:er|or|ist|ian|man|eer|ier|naut|smith|wright|herd|monger|keeper|maker)$")
HEADER = """\
# What each English noun names, from Princeton WordNet 3.0 (rebuilt by tests/bench/build_wordnet_nouns.py).
# word TAB codes. First code, the most frequent sense: P person, A animal, T other (kept only with a
# flag, or with an ending that usually names a person: "blender", "girder").
# Then: a (a later sense is an animal), p (one of the first three senses is a person), f or m (every
# person sense is a woman, or a man).
#
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Permission to use, copy,
# modify and distribute this software and database and its documentation for any purpose and without
# fee or royalty is hereby granted, provided that you agree to comply with the following copyright
# notice and statements, including the disclaimer, and that the same appear on ALL copies of the
# software, database and documentation, including modifications that you make for internal use or for
# distribution. THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. The name of Princeton University or Princeton may
# not be used in advertising or publicity pertaining to distribution of the software and/or database.
# Title to copyright in this software, database and any associated documentation shall at all times
# remain with Princeton University and LICENSEE agrees to preserve same.
"""


def read_synsets(folder: Path) -> tuple[dict, dict]:
    """Each synset's (lexicographer file, is an instance, hypernyms), and each hypernym's hyponyms."""
    synsets, hyponyms = {}, collections.defaultdict(list)
    for line in (folder / "data.noun").open(encoding="latin-1"):
        if line.startswith("  "):
            continue
        parts = line.split(" | ")[0].split()
        offset, lexfile, count = parts[0], int(parts[1]), int(parts[3], 16)
        k = 4 + 2 * count
        pointers = parts[k + 1 : k + 1 + 4 * int(parts[k])]
        kinds = [(pointers[4 * i], pointers[4 * i + 1]) for i in range(len(pointers) // 4)]
        synsets[offset] = (lexfile, any(kind == "@i" for kind, _ in kinds))
        for kind, target in kinds:
            if kind in ("@", "@i"):
                hyponyms[target].append(offset)
    return synsets, hyponyms


def below(roots: list[str], hyponyms: dict) -> set[str]:
    """Every synset under the roots, the roots included."""
    seen, stack = set(), list(roots)
    while stack:
        offset = stack.pop()
        if offset not in seen:
            seen.add(offset)
            stack.extend(hyponyms[offset])
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    folder = parser.parse_args().wordnet
    synsets, hyponyms = read_synsets(folder)
    senses = {}
    for line in (folder / "index.noun").open(encoding="latin-1"):
        if not line.startswith("  "):
            parts = line.split()
            senses[parts[0]] = parts[-int(parts[2]) :]
    first = lambda word: senses[word][0]  # noqa: E731
    women = below([first("woman"), senses["female"][1]], hyponyms)
    men = below([first("man"), senses["male"][1]], hyponyms)
    lines = []
    for word in sorted(senses):
        if not re.fullmatch(r"[a-z][a-z-]*[a-z]", word):
            continue
        kept = [s for s in senses[word] if not synsets[s][1]]
        if not kept:
            continue
        files = [synsets[s][0] for s in kept]
        code = FILES.get(files[0], "T")
        if code != "A" and 5 in files:
            code += "a"
        if code[0] != "P" and 18 in files[:3]:
            code += "p"
        people = [s for s in kept if synsets[s][0] == 18]
        if people and all(s in women for s in people):
            code += "f"
        elif people and all(s in men for s in people):
            code += "m"
        if code != "T" or PERSON_ENDING.search(word):
            lines.append(f"{word}\t{code}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} nouns -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
