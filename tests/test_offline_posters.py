"""The offline poster: varied landscapes, the idea's main noun shown and named, sentences that read."""

import collections
import re

import pytest

from moviepitch.offline.art import TERRAINS, art_for
from moviepitch.offline.painter import paint_poster
from moviepitch.offline.plan import plan_story
from moviepitch.offline.poster_scenes import SCENES
from moviepitch.offline.poster_text import write_image_prompt

SMALL = {"width": 96, "height": 144}
# Quiet stories (drama, comedy, romance) whose scenery is the field.
FIELD_IDEAS = [
    "A shy baker falls in love with her rival.",
    "Two widowed neighbours start a garden together.",
    "A retired teacher learns to dance.",
]


def _sixgrams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[\w'-]+", text.lower())
    return {tuple(words[i : i + 6]) for i in range(len(words) - 5)}


def test_field_posters_paint_and_name_many_landscapes():
    seen = collections.Counter()
    for idea in FIELD_IDEAS:
        for seed in range(12):
            plan = plan_story(idea, seed)
            assert plan.setting.scenery == "field"
            art = art_for(plan)
            seen[art.terrain] += 1
            prompt = write_image_prompt(plan)
            # The description says the landscape that is painted, and no other.
            said = {terrain for terrain in TERRAINS["field"] for scene in SCENES[terrain] if scene in prompt}
            assert said <= {art.terrain}, (art.terrain, prompt)
            assert said or "close-up" in prompt, prompt
    assert set(seen) == set(TERRAINS["field"])
    assert max(seen.values()) <= 36 // 3


def test_a_new_poster_of_a_field_story_is_another_landscape():
    plan = plan_story(FIELD_IDEAS[0], 0)
    assert len({art_for(plan, variant).terrain for variant in range(1, 5)}) == 4


@pytest.mark.parametrize("terrain", TERRAINS["field"])
def test_every_landscape_paints_its_own_picture(terrain, monkeypatch):
    import dataclasses

    from moviepitch.offline import painter

    plan = plan_story(FIELD_IDEAS[1], 0)
    plain = painter.art_for(plan)
    monkeypatch.setattr(painter, "art_for", lambda p, v=1: dataclasses.replace(plain, terrain="tree"))
    tree = paint_poster(plan, **SMALL)
    monkeypatch.setattr(painter, "art_for", lambda p, v=1: dataclasses.replace(plain, terrain=terrain))
    assert (paint_poster(plan, **SMALL) == tree) == (terrain == "tree")
    assert paint_poster(plan, **SMALL) == paint_poster(plan, **SMALL)


def test_no_poster_phrase_is_in_more_than_a_tenth_of_the_field_posters():
    """The idea's own words recur in its posters, as they should; the phrases around them must not."""
    counts = collections.Counter()
    for idea in FIELD_IDEAS:
        own = set(re.findall(r"[\w'-]+", idea.lower())) - {"a", "an", "the", "to", "her", "his", "in", "with"}
        for seed in range(20):
            counts.update(g for g in _sixgrams(write_image_prompt(plan_story(idea, seed))) if not own & set(g))
    phrase, n = counts.most_common(1)[0]
    assert n <= 60 // 8, (phrase, n)
