"""vocab.py is the one definition of steps and statuses: the pipeline, the OpenAPI document and the page follow it."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from helpers import pitch_through, steps_of

from moviepitch import vocab
from moviepitch.chain import pipeline, steps
from moviepitch.services import job_timeout
from moviepitch.vocab import STATUS_GROUPS, STEPS, Status, StepState


def test_the_openapi_document_names_every_status_and_step(client):
    schemas = client.get("/api/openapi.json").get_json()["components"]["schemas"]
    assert schemas["Pitch"]["properties"]["status"]["enum"] == [status.value for status in Status]
    assert "deleted" in schemas["Pitch"]["properties"]["status"]["enum"]
    assert schemas["Step"]["properties"]["name"]["enum"] == list(STEPS)
    assert schemas["Step"]["properties"]["state"]["enum"] == [state.value for state in StepState]


def test_the_page_carries_the_status_words_and_groups_its_script_reads(app, client):
    slug, doc = pitch_through(app, client)
    page = client.get(f"/p/{slug}").get_data(as_text=True)
    words = json.loads(html.unescape(re.search(r"data-words='([^']*)'", page).group(1)))
    assert set(words["status"]) == {status.value for status in Status}
    groups = {group: [status.value for status in statuses] for group, statuses in STATUS_GROUPS.items()}
    assert {group: words["when"][group] for group in groups} == groups
    # The script has no status list of its own.
    script = Path(app.static_folder, "moviepitch.js").read_text(encoding="utf-8")
    assert '"interrupted"' not in script and '"retryable"' not in script
    # And the pitch it shows has a row for every step, in vocab's order.
    assert list(steps_of(doc)) == list(STEPS)
    assert all(step["label"] == vocab.LABELS[step["name"]] for step in doc["steps"])


def test_the_pipeline_follows_the_steps():
    assert list(steps.STEP_FUNCTIONS) == list(STEPS)
    assert all(steps.STEP_FUNCTIONS[step.name].__name__ == step.function for step in vocab.STEP_LIST)
    assert sorted(vocab.PRIORITY) == sorted(STEPS)
    for index, step in enumerate(vocab.STEP_LIST):
        # A step only needs steps listed before it, so the chain can always start.
        assert set(step.needs) <= set(STEPS[:index]), step.name
    assert pipeline.NEEDS == {step.name: step.needs for step in vocab.STEP_LIST}


@pytest.mark.parametrize(
    "outcome, status",
    [
        ({name: True for name in STEPS}, Status.DONE),
        ({**{name: True for name in STEPS}, "reply": False}, Status.DONE),
        ({**{name: True for name in STEPS}, "poster": False}, Status.PARTIAL),
        ({**{name: True for name in STEPS}, "synopsis": False}, Status.FAILED),
    ],
)
def test_final_status_is_a_status_that_the_database_stores_as_its_string(outcome, status):
    result = pipeline.final_status(outcome)
    assert result == status and isinstance(result, Status)
    assert json.dumps(result) == f'"{status.value}"'


def test_the_job_timeout_counts_each_steps_calls():
    config = {"MAX_RETRIES": 0, "TEXT_TIMEOUT": 10, "IMAGE_TIMEOUT": 100}
    # check, reply, synopsis, title and poster description: five text calls; a refused poster is painted twice.
    assert vocab.calls("text") == 5 and vocab.calls("image") == 2
    assert job_timeout(config) == 5 * 10 + 2 * 100 + 120
