"""Every idea of the bench's idea sets, written once: no pitch shows the seams of its making."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from moviepitch.offline import plan_story, write_image_prompt, write_reply, write_synopsis

IDEA_SETS = Path(__file__).parent / "bench" / "ideas"
IDEAS = [
    line.strip()
    for path in sorted(IDEA_SETS.glob("*.txt"))
    for line in path.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
# Seams a reader would trip on: a template's slot, a word twice, two articles, an article before "every".
SEAMS = re.compile(
    r"[{}]|\b(\w+) \1\b|\b(?:a|an|the) (?:a|an|the|every|each|his|her|their)\b|\ba (?:[a-z]+ )?(?:ghosts|sisters)\b"
    r"|\s[,.]|\.\.|,,"
)
# English articles that do not fit the next word's sound ("a idea", "an robot"; "a unicorn" is right).
ARTICLES = re.compile(r"\b(?:a [aeio]\w+|an [bcdfgjklmnpqrstvwxz]\w+)")


@pytest.mark.parametrize("idea", IDEAS)
def test_no_pitch_shows_its_seams(idea):
    plan = plan_story(idea, 1)
    for text in (write_synopsis(plan), write_reply(plan), write_image_prompt(plan)):
        seam = SEAMS.search(re.sub(r"\b(?:had had|that that)\b", "", text))
        if seam is None and plan.language == "en":
            seam = ARTICLES.search(text)
        assert seam is None, (seam.group(0), text)
