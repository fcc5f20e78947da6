"""The offline writer, poster painter and provider: deterministic, idea-shaped, name-safe."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image, ImageStat

from moviepitch.offline import (
    paint_poster, plan_story, write_cast, write_image_prompt, write_reply, write_synopsis, write_title,
)
from moviepitch.providers.base import ImageRequest, ImageResult, ProviderError, TextRequest, TextResult
from moviepitch.providers.offline import OfflineProvider

IDEAS = [
    "An evil genius wants to take over the world using AI.",
    "A retired astronaut discovers her garden is growing plants from another planet.",
    "Three dogs move to Hawaii to learn to surf.",
    "A plane crashes in the Andes and the survivors must walk a thousand kilometres home.",
    "Corrupt lawyers try to frame an innocent woman for a crime she saw them commit.",
    "A ghost haunts a house and is terrified of the new family that moves in.",
    "A heist crew plans to steal the Mona Lisa during a blackout in Paris.",
    "The last bookshop in the world is guarded by a dragon.",
    "A boxer must win one last fight to save his family's bakery.",
    "A marine biologist falls in love with a lighthouse that can talk.",
]
FAMOUS_ACTORS = {
    "Tom Hanks", "Tom Cruise", "Brad Pitt", "Meryl Streep", "Johnny Depp", "Angelina Jolie",
    "Denzel Washington", "Scarlett Johansson", "Leonardo DiCaprio", "Morgan Freeman", "Cate Blanchett",
    "Keanu Reeves", "Nicole Kidman", "Will Smith", "Julia Roberts", "Natalie Portman", "Emma Stone",
    "Ryan Gosling", "Viola Davis", "Samuel L. Jackson",
}
FAMOUS_SURNAMES = {name.split()[-1] for name in FAMOUS_ACTORS}
BRACKETED = re.compile(r"([A-Z][\w'-]*(?: [A-Z][\w'-]*){0,3}) \(([^()]+)\)")
SMALL = {"width": 256, "height": 384}  # posters in most tests are small, to keep the suite quick


def _pitch(idea: str, seed: int = 0) -> dict:
    plan = plan_story(idea, seed)
    return {
        "reply": write_reply(plan), "synopsis": write_synopsis(plan), "title": write_title(plan),
        "cast": write_cast(plan), "image_prompt": write_image_prompt(plan),
        "poster": paint_poster(plan, **SMALL),
    }


def _request(task: str, idea: str = IDEAS[2], seed: int = 7) -> TextRequest:
    return TextRequest(task, messages=[], context={"idea": idea, "seed": seed})


@pytest.mark.parametrize("idea", IDEAS[:3])
def test_same_idea_and_seed_give_the_same_pitch(idea):
    assert _pitch(idea, 3) == _pitch(idea, 3)


def test_a_different_seed_changes_names_and_usually_the_title():
    titles_changed = 0
    for idea in IDEAS:
        first, second = plan_story(idea, 1), plan_story(idea, 2)
        assert first.cast != second.cast
        titles_changed += first.title != second.title
    assert titles_changed >= len(IDEAS) // 2


def test_different_ideas_give_different_pitches():
    plans = [plan_story(idea, 0) for idea in IDEAS]
    synopses = [write_synopsis(plan) for plan in plans]
    assert len({write_title(plan) for plan in plans}) == len(IDEAS)
    assert len(set(synopses)) == len(IDEAS)
    assert len({plan.genre for plan in plans}) >= 3


@pytest.mark.parametrize("idea, genre", [
    ("A retired astronaut discovers her garden is growing plants from another planet.", "scifi"),
    ("A ghost haunts a house and is terrified of the new family that moves in.", "horror"),
    ("Three dogs move to Hawaii to learn to surf.", "comedy"),
    ("A heist crew plans to steal the Mona Lisa during a blackout in Paris.", "thriller"),
    ("The last bookshop in the world is guarded by a dragon.", "fantasy"),
    ("A plane crashes in the Andes and the survivors must walk a thousand kilometres home.", "adventure"),
    ("A boxer must win one last fight to save his family's bakery.", "sports"),
    ("A marine biologist falls in love with a lighthouse that can talk.", "romance"),
    ("A widowed farmer finds a baby alien in his cornfield.", "drama"),
])
def test_genre_follows_the_idea(idea, genre):
    assert plan_story(idea, 0).genre == genre


@pytest.mark.parametrize("idea, place", [
    ("Three dogs move to Hawaii to learn to surf.", "Hawaii"),
    ("A plane crashes in the Andes and the survivors must walk a thousand kilometres home.", "the Andes"),
    ("A heist crew plans to steal the Mona Lisa during a blackout in Paris.", "Paris"),
    ("Two astronauts on Mars realise they are not alone in the base.", "Mars"),
    ("A cowboy wakes up in modern-day Tokyo.", "Tokyo"),
])
def test_a_named_place_is_kept(idea, place):
    plan = plan_story(idea, 0)
    assert plan.place == place and plan.place_from_idea


def test_an_unnamed_place_is_invented():
    plan = plan_story("A chef loses her sense of taste the night before the biggest competition.", 0)
    assert not plan.place_from_idea and plan.place_name in plan.place


@pytest.mark.parametrize("idea, hero", [
    ("A retired astronaut discovers her garden is growing plants from another planet.",
     "a retired astronaut"),
    ("Three dogs move to Hawaii to learn to surf.", "three dogs"),
    ("A detective who can smell lies investigates a murder at a perfume factory.",
     "a detective who can smell lies"),
])
def test_the_hero_comes_from_the_first_noun_phrase(idea, hero):
    assert hero in plan_story(idea, 0).hero


@pytest.mark.parametrize("idea", IDEAS)
def test_synopsis_brackets_each_performer_once_at_first_mention(idea):
    plan = plan_story(idea, 0)
    synopsis = write_synopsis(plan)
    pairs = BRACKETED.findall(synopsis)
    assert len(pairs) >= 2
    assert pairs == plan.cast
    for name, performer in plan.cast:
        assert synopsis.count(f"({performer})") == 1
        assert synopsis.index(name) == synopsis.index(f"{name} ({performer})")
        assert performer not in FAMOUS_ACTORS and performer.split()[-1] not in FAMOUS_SURNAMES


@pytest.mark.parametrize("idea", IDEAS)
def test_synopsis_reads_like_a_pitch(idea):
    synopsis = write_synopsis(plan_story(idea, 4))
    paragraphs = synopsis.split("\n\n")
    assert 2 <= len(paragraphs) <= 3
    assert 120 <= len(synopsis.split()) <= 220
    assert not re.search(r"[*#_`]|\n\s*[-•]", synopsis)
    sentences = re.split(r"(?<=[.!?])\s+", synopsis)
    assert len(sentences) == len(set(sentences))


def test_synopsis_names_survive_the_apps_cast_parser():
    from moviepitch.cast import from_brackets

    for idea in IDEAS:
        plan = plan_story(idea, 5)
        parsed = [(row["character"], row["actor"]) for row in from_brackets(write_synopsis(plan))]
        assert parsed == plan.cast


@pytest.mark.parametrize("idea", IDEAS)
def test_reply_is_one_enthusiastic_sentence_about_the_idea(idea):
    plan = plan_story(idea, 0)
    reply = write_reply(plan)
    assert reply.endswith("!") and not re.search(r"[.!?]\s", reply)
    idea_words = {w for w in re.findall(r"[a-z]{4,}", idea.lower())}
    assert idea_words & set(re.findall(r"[a-z]{4,}", reply.lower()))


@pytest.mark.parametrize("seed", range(6))
def test_titles_are_short_and_clean(seed):
    for idea in IDEAS:
        title = write_title(plan_story(idea, seed))
        assert 1 <= len(title.split()) <= 6
        assert not re.search(r"[\"'“”‘’]$|^[\"'“”‘’]|\.$", title)


def test_cast_lists_each_character_with_its_performer():
    plan = plan_story(IDEAS[1], 0)
    lines = write_cast(plan).splitlines()
    assert 2 <= len(lines) <= 4
    assert lines == [f"{name}: {performer}" for name, performer in plan.cast]


@pytest.mark.parametrize("seed", range(3))
def test_image_prompt_names_nobody_and_fits(seed):
    for idea in IDEAS:
        plan = plan_story(idea, seed)
        prompt = write_image_prompt(plan)
        assert 40 <= len(prompt.split()) <= 90
        assert "\n" not in prompt
        for name, performer in plan.cast:
            for word in set(name.split() + performer.split()) - {"Captain", "Commander", "Detective"}:
                assert not re.search(rf"\b{word}\b", prompt), (word, prompt)


def test_poster_is_a_portrait_png_of_the_requested_size_with_detail():
    data = paint_poster(plan_story(IDEAS[1], 0), width=320, height=480)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == (320, 480)
    assert min(ImageStat.Stat(image.convert("L")).stddev) > 20


def test_poster_defaults_to_1024_by_1536():
    image = Image.open(io.BytesIO(paint_poster(plan_story(IDEAS[0], 0))))
    assert image.size == (1024, 1536) and image.height > image.width


def test_different_ideas_give_different_posters():
    posters = {paint_poster(plan_story(idea, 0), **SMALL) for idea in IDEAS}
    assert len(posters) == len(IDEAS)


@pytest.mark.parametrize("task, writer", [
    ("reply", write_reply), ("synopsis", write_synopsis), ("title", write_title),
    ("cast", write_cast), ("image_prompt", write_image_prompt),
])
def test_provider_writes_each_task(task, writer):
    result = OfflineProvider().text(_request(task))
    assert isinstance(result, TextResult)
    assert result.text == writer(plan_story(IDEAS[2], 7))
    assert result.model == "offline-writer" and result.usage == {}


def test_provider_streams_growing_prefixes_ending_with_the_full_text():
    seen: list[str] = []
    result = OfflineProvider().text(_request("synopsis"), on_delta=seen.append)
    assert len(seen) > 1
    assert all(later.startswith(earlier) and len(later) > len(earlier)
               for earlier, later in zip(seen, seen[1:]))
    assert seen[-1] == result.text


def test_provider_paces_streaming_and_painting_with_the_given_sleep():
    naps: list[float] = []
    provider = OfflineProvider(pace=0.01, sleep=naps.append, poster_size=(256, 384))
    seen: list[str] = []
    provider.text(_request("title"), on_delta=seen.append)
    assert naps == [0.01] * (len(seen) - 1)
    naps.clear()
    provider.image(ImageRequest("a poster", context={"idea": IDEAS[0], "seed": 1}))
    assert sum(naps) == pytest.approx(0.2)


def test_provider_rejects_an_unknown_task():
    with pytest.raises(ProviderError) as caught:
        OfflineProvider().text(_request("haiku"))
    assert caught.value.kind == "error"


def test_provider_paints_a_labelled_poster():
    provider = OfflineProvider(poster_size=(256, 384))
    result = provider.image(ImageRequest("ignored", context={"idea": IDEAS[3], "seed": 2}))
    assert isinstance(result, ImageResult)
    assert result.model == "offline-painter" and result.usage == {}
    assert result.label == "Painted by the offline poster painter"
    assert Image.open(io.BytesIO(result.data)).size == (256, 384)
    assert result.data == paint_poster(plan_story(IDEAS[3], 2), **SMALL)


def test_provider_refuses_nothing_even_without_an_idea():
    provider = OfflineProvider(poster_size=(256, 384))
    assert provider.text(TextRequest("synopsis", messages=[], context={})).text
    assert provider.image(ImageRequest("", context={})).data.startswith(b"\x89PNG")
