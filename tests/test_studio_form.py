"""The form's Advanced section as a person gets it: the knobs with their sentences and defaults, the models when
there is a choice, the note when the chosen model ignores the knobs, what to make, and every setting kept when the
page comes back (422, 429, busy, over budget)."""

from __future__ import annotations

import html
import json
import re

import pytest
from helpers import csrf_token, drain, make_app, stub_app
from sqlalchemy import func, select
from test_studio_groups import opened

from moviepitch.jobs import Busy
from moviepitch.storage.models import Pitch

IDEA = "A retired stunt double haunts the film set where she died."
TWO_MODELS = '[{"id": "gpt-4.1-mini", "label": "Takes the knobs"}]'


def pitches_in(app) -> int:
    """How many pitches the app's database holds."""
    with app.extensions["moviepitch"].store.session() as s:
        return s.scalar(select(func.count()).select_from(Pitch))


def post_form(client, **fields):
    return client.post("/", data={"idea": IDEA, "csrf_token": csrf_token(client), **fields})


def advanced(page: str) -> str:
    """The Advanced section of a page."""
    return re.search(r'<details class="advanced".*?</details>', page, re.S).group(0)


def is_open(page: str) -> bool:
    return bool(re.search(r'<details class="advanced"[^>]*\bopen\b', page))


def field_error(page: str, name: str) -> str:
    match = re.search(rf'<p class="field-error" id="{name}-error" role="alert" ?(hidden)?>(.*?)</p>', page, re.S)
    return "" if match.group(1) else html.unescape(match.group(2))


def range_value(page: str, name: str) -> str:
    tag = re.search(rf'<input[^>]*\bid="{name}"[^>]*>', page).group(0)
    assert 'type="range"' in tag
    return re.search(r'value="([^"]*)"', tag).group(1)


def checked_kind(page: str) -> str:
    return re.search(r'<input checked data-kind="(\w+)"', page).group(1)


def test_the_advanced_section_is_closed_and_explains_each_knob(client):
    page = client.get("/").get_data(as_text=True)
    section = advanced(page)
    assert not is_open(page)
    for label, sentence, low, default in (
        ("Creativity", "Low keeps the pitch plain and conventional; high gives stranger twists", "0", "1.0"),
        ("Frequency penalty", "fewer repeated words and phrases", "-2", "0.0"),
        ("Presence penalty", "move on to new topics sooner", "-2", "0.0"),
    ):
        assert f">{label}</label>" in section and sentence in section
        assert f"From {low} to 2, default {default}." in section
    assert [range_value(section, name) for name in ("temperature", "frequency_penalty", "presence_penalty")] == [
        "1.0",
        "0.0",
        "0.0",
    ]
    assert 'min="0.0" name="temperature" step="0.1"' in section
    assert "Three takes" in section and "0.2, 0.9 and 1.6" in section
    # The offline writer is the only model here: nothing to choose, nothing to compare.
    assert 'name="text_model"' not in section and "Compare models" not in section
    assert checked_kind(section) == "one"


def test_the_model_selects_come_with_labels_when_there_is_a_choice(tmp_path, stub):
    models = {"TEXT_MODELS": "gpt-4.1-nano=Cheapest", "IMAGE_MODELS": "gpt-image-2=Faster posters"}
    with opened(stub_app(tmp_path, stub, **models)) as app:
        section = advanced(app.test_client().get("/").get_data(as_text=True))
        # The configured model first and chosen; a label beside the id where the settings give one.
        assert re.search(r'<select id="text_model" name="text_model"', section)
        assert '<option value="gpt-4.1-mini" selected>gpt-4.1-mini</option>' in section
        assert '<option value="gpt-4.1-nano" >Cheapest (gpt-4.1-nano)</option>' in section
        assert '<option value="gpt-image-2" >Faster posters (gpt-image-2)</option>' in section
        # Two text models can be compared; both are checked to start with.
        assert "Compare models" in section
        assert section.count('name="models"') == 2 and section.count("checked>") >= 2


def test_the_form_says_when_the_chosen_model_ignores_the_knobs(tmp_path, stub):
    with opened(stub_app(tmp_path, stub, TEXT_MODEL="gpt-5-mini", TEXT_MODELS=TWO_MODELS)) as app:
        client = app.test_client()
        section = advanced(client.get("/").get_data(as_text=True))
        note = re.search(r'<p class="knob-note" data-knob-note role="status" ?(hidden)?>(.*?)</p>', section, re.S)
        assert note.group(1) is None
        assert note.group(2) == "The model gpt-5-mini does not take these settings, so they are not sent to it."
        # What each model offered does with the knobs is on the page, for the note to follow the select.
        models = json.loads(html.unescape(re.search(r"data-knob-models='([^']*)'", section).group(1)))
        assert models["gpt-5-mini"] == {"note": note.group(2), "creativity": False, "none": True}
        assert models["gpt-4.1-mini"] == {"note": None, "creativity": True, "none": False}
        # Sent back with a model that takes them, the page has no note.
        page = post_form(client, text_model="gpt-4.1-mini", temperature="2.5").get_data(as_text=True)
        assert re.search(r'data-knob-note role="status" hidden></p>', page)


def test_knobs_and_the_model_from_the_form_are_stored(tmp_path, stub):
    with opened(stub_app(tmp_path, stub, TEXT_MODEL="gpt-5-mini", TEXT_MODELS=TWO_MODELS)) as app:
        client = app.test_client()
        response = post_form(
            client,
            temperature="0.4",
            frequency_penalty="0.0",
            presence_penalty="1.2",
            text_model="gpt-4.1-mini",
            kind="one",
        )
        assert response.status_code == 303
        drain(app)
        slug = response.headers["Location"].rsplit("/", 1)[-1]
        view = app.extensions["moviepitch"].store.view(slug)
        assert view.knobs == {"temperature": 0.4, "presence_penalty": 1.2} and view.text_model == "gpt-4.1-mini"
        bodies = [r.body for r in stub.requests_to("/chat/completions")]
        assert {body["model"] for body in bodies} == {"gpt-4.1-mini"}
        assert all(body["temperature"] == 0.4 and body["presence_penalty"] == 1.2 for body in bodies)
        assert all("frequency_penalty" not in body for body in bodies)  # at its default: not sent


@pytest.mark.parametrize(
    "fields, field, words",
    [
        ({"temperature": "2.5"}, "temperature", "Keep it between 0 and 2."),
        ({"frequency_penalty": "lots"}, "frequency_penalty", "Enter a number, like 0.7."),
        ({"presence_penalty": "-9"}, "presence_penalty", "Keep it between -2 and 2."),
        ({"kind": "everything"}, "kind", "Choose one pitch, three takes or compare models."),
        ({"kind": "compare"}, "kind", "Only one text model is on offer here"),
    ],
)
def test_a_setting_that_cannot_be_used_is_named_beside_it_and_everything_is_kept(client, fields, field, words):
    sent = {"temperature": "1.4", "frequency_penalty": "0.5", "presence_penalty": "0.0", **fields}
    response = post_form(client, **sent)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert words in field_error(page, field)
    assert is_open(page) and IDEA in page
    for name in {"temperature", "frequency_penalty", "presence_penalty"} - {field}:
        assert float(range_value(page, name)) == float(sent[name])
    if field == "kind":
        assert '<fieldset class="make-choice" aria-describedby="kind-error">' in page
    else:
        assert 'aria-invalid="true"' in re.search(rf'<input[^>]*\bid="{field}"[^>]*>', page).group(0)
        # Out of range, it is kept at the nearest end of the slider; not a number, at the default.
        assert range_value(page, field) == {"temperature": "2.0", "presence_penalty": "-2.0"}.get(field, "0.0")


@pytest.mark.parametrize(
    "fields, words",
    [
        ({"kind": "takes", "text_model": "gpt-5-mini"}, "Three takes change the creativity, which gpt-5-mini does not"),
        ({"kind": "compare", "models": ["gpt-4.1-mini"]}, "Choose 2 or 3 models to compare."),
        (
            {"kind": "compare", "models": ["gpt-4.1-mini", "gpt-4.1-nano", "gpt-5-mini", "gpt-4o-mini"]},
            "Choose 2 or 3 models to compare.",
        ),
        ({"kind": "compare", "models": ["gpt-4.1-mini", "gpt-9"]}, "Compare among the text models on offer"),
    ],
)
def test_groups_the_settings_cannot_make_are_refused_on_the_form(tmp_path, stub, fields, words):
    models = "gpt-4.1-nano=Cheapest, gpt-5-mini=Reasons, gpt-4o-mini=Older"
    with opened(stub_app(tmp_path, stub, TEXT_MODELS=models)) as app:
        client = app.test_client()
        response = post_form(client, **fields)
        page = response.get_data(as_text=True)
        assert response.status_code == 422 and is_open(page)
        error = field_error(page, "kind") + field_error(page, "models")
        assert words in error
        assert checked_kind(page) == fields["kind"]
        assert pitches_in(app) == 0 and not stub.requests_to("/chat/completions")


def test_the_rate_limited_page_keeps_every_setting(tmp_path):
    with opened(make_app(tmp_path, CREATE_LIMIT="1 per minute")) as app:
        client = app.test_client()
        assert post_form(client).status_code == 303
        response = post_form(client, kind="takes", temperature="1.6", presence_penalty="-0.5")
        page = response.get_data(as_text=True)
        assert response.status_code == 429 and "Try again in" in page
        assert is_open(page) and checked_kind(page) == "takes" and IDEA in page
        assert range_value(page, "temperature") == "1.6" and range_value(page, "presence_penalty") == "-0.5"
        drain(app)


def test_the_busy_and_over_budget_pages_keep_every_setting(client, app, monkeypatch):
    def full(slugs):
        raise Busy()

    jobs = app.extensions["moviepitch"].jobs
    monkeypatch.setattr(jobs, "enqueue_all", full)
    response = post_form(client, kind="takes", frequency_penalty="1.1")
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and "Every writer is busy" in page
    assert is_open(page) and checked_kind(page) == "takes" and range_value(page, "frequency_penalty") == "1.1"
    assert pitches_in(app) == 0
    monkeypatch.undo()

    app.extensions["moviepitch"].budget.caps["pitches"] = 2
    response = post_form(client, kind="takes", temperature="0.3")
    page = response.get_data(as_text=True)
    assert response.status_code == 429
    assert "Today's budget has no room for 3 more pitches." in html.unescape(page)
    assert is_open(page) and range_value(page, "temperature") == "0.3"
    # Refused as a whole: nothing was made, and the budget still has its two pitches.
    assert pitches_in(app) == 0
    assert post_form(client).status_code == 303 and post_form(client).status_code == 303
    assert post_form(client).status_code == 429
