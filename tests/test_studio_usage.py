"""Usage and cost: what the stub's answers report is recorded per step, priced by the configured table (and not
at all without one), kept in the ledger for `flask usage`, and spent against the shared money budget."""

from __future__ import annotations

import json
import threading

import pytest
from fakes import ScriptedProvider
from helpers import close_app, drain, is_step, make_app, stub_app, stub_pitch
from openai_stub import Fault

from moviepitch.chain import pipeline
from moviepitch.storage.budget import Budget
from moviepitch.studio.prices import PriceTable, parse_prices

IDEA = "A retired astronaut opens a bakery on the Moon."
PRICES = {
    "currency": "USD",
    "models": {
        "gpt-4.1-mini": {"input": 0.4, "cached_input": 0.1, "output": 1.6},
        "gpt-image-2.5-sunburst": {"input": 5, "image_input": 10, "image_output": 40},
    },
}


def _steps(doc: dict) -> dict[str, dict]:
    return {step["name"]: step for step in doc["steps"]}


def test_each_step_records_what_the_api_reported(tmp_path, stub):
    stub.cached_tokens = 7
    with stub_pitch(tmp_path, stub) as (app, client, slug):
        doc = client.get(f"/api/pitches/{slug}").get_json()
        steps = _steps(doc)
        synopsis = next(r for r in stub.requests_to("/chat/completions") if r.body.get("stream"))
        assert synopsis.body["stream_options"] == {"include_usage": True}
        assert steps["synopsis"]["usage"]["input_tokens"] > 7
        assert steps["synopsis"]["usage"]["cached_input_tokens"] == 7
        assert "reasoning_tokens" not in steps["synopsis"]["usage"]  # gpt-4.1-mini does not reason
        poster = steps["poster"]["usage"]
        assert poster["images"] == 1 and poster["image_output_tokens"] == 1056
        assert poster["image_input_tokens"] == poster["image_input_text_tokens"] > 0
        assert steps["check"]["usage"] == {} and steps["cast"]["usage"] == {}  # the cast came from brackets
        text_steps = ("reply", "synopsis", "title", "image_prompt")
        assert doc["usage"]["input_tokens"] == sum(steps[name]["usage"]["input_tokens"] for name in text_steps)
        assert doc["cost"] is None and steps["synopsis"]["cost"] is None  # no price table


def test_a_reasoning_model_reports_its_reasoning_tokens(tmp_path, stub):
    with stub_pitch(tmp_path, stub, TEXT_MODEL="gpt-5-mini") as (app, client, slug):
        usage = _steps(client.get(f"/api/pitches/{slug}").get_json())["title"]["usage"]
        assert 0 < usage["reasoning_tokens"] < usage["output_tokens"]


def test_costs_come_from_the_table_in_force_when_each_step_finished(tmp_path, stub):
    stub.cached_tokens = 7
    with stub_pitch(tmp_path, stub, PRICES=json.dumps(PRICES)) as (app, client, slug):
        doc = client.get(f"/api/pitches/{slug}").get_json()
        steps = _steps(doc)
        usage = steps["synopsis"]["usage"]
        expected = ((usage["input_tokens"] - 7) * 0.4 + 7 * 0.1 + usage["output_tokens"] * 1.6) / 1e6
        assert steps["synopsis"]["cost"] == {"amount": round(expected, 6), "currency": "USD"}
        poster = steps["poster"]["usage"]
        assert steps["poster"]["cost"]["amount"] == round((poster["image_input_text_tokens"] * 5 + 1056 * 40) / 1e6, 6)
        assert doc["cost"]["currency"] == "USD" and doc["cost"]["complete"] is True
        paid = [step["cost"]["amount"] for step in steps.values() if step["cost"]]
        assert doc["cost"]["amount"] == pytest.approx(sum(paid), abs=1e-5)

        # A new price table: the pitch's cost is what it cost then; a new title is priced by the new table.
        services = app.extensions["moviepitch"]
        services.prices = parse_prices({"gpt-4.1-mini": {"input": 4, "cached_input": 1, "output": 16}})
        before = steps["title"]["cost"]["amount"]
        assert services.store.reopen(services.store.pitch_id(slug), ("done",), ("title",))
        services.run(slug)
        again = client.get(f"/api/pitches/{slug}").get_json()
        assert _steps(again)["synopsis"]["cost"] == steps["synopsis"]["cost"]
        assert _steps(again)["title"]["cost"]["amount"] == pytest.approx(before * 10, rel=0.01)
        # The pitch's total counts both titles: every call made for it.
        assert again["cost"]["amount"] == pytest.approx(doc["cost"]["amount"] + before * 10, abs=1e-5)
        assert again["usage"]["output_tokens"] > doc["usage"]["output_tokens"]


def test_a_model_without_a_price_is_shown_without_a_cost(tmp_path, stub):
    with stub_pitch(tmp_path, stub, PRICES={"gpt-image-2.5-sunburst": {"per_image": 0.04}}) as (app, client, slug):
        doc = client.get(f"/api/pitches/{slug}").get_json()
        assert _steps(doc)["synopsis"]["cost"] is None and _steps(doc)["synopsis"]["usage"]["input_tokens"] > 0
        # The image tokens have no price, so the per-image price is the fallback.
        assert _steps(doc)["poster"]["cost"] == {"amount": 0.04, "currency": "USD"}
        assert doc["cost"] == {"amount": 0.04, "currency": "USD", "complete": False}


@pytest.mark.parametrize(
    "model, usage, nanos",
    [
        ("gpt-4.1-mini", {"input_tokens": 1_000_000, "output_tokens": 1_000_000}, 2_000_000_000),
        ("gpt-4.1-mini-2025-04-14", {"input_tokens": 1000, "cached_input_tokens": 1000}, 100_000),
        ("gpt-4.1-mini", {"input_tokens": 10, "output_tokens": 20, "reasoning_tokens": 5}, 36_000),
        (
            "gpt-image-2.5-sunburst",
            {
                "images": 1,
                "image_input_tokens": 100,
                "image_input_text_tokens": 60,
                "image_input_image_tokens": 40,
                "image_output_tokens": 1000,
            },
            40_700_000,
        ),
        ("gpt-image-2.5-sunburst", {"images": 1, "image_input_tokens": 100, "image_output_tokens": 1000}, 40_500_000),
        ("gpt-image-2.5-sunburst", {"images": 2}, None),  # no tokens and no per-image price
        ("gpt-5.4-mini", {"input_tokens": 10}, None),  # no entry
        ("gpt-4.1-mini", {}, None),
    ],
)
def test_the_cost_of_a_call(model, usage, nanos):
    table = parse_prices(PRICES)
    expected = None if nanos is None else {"nanos": nanos, "currency": "USD"}
    assert table.cost(model, usage) == expected


def test_fine_tunes_are_priced_by_their_own_entry_only():
    table = parse_prices(
        {"ft:gpt-4.1-mini-2025-04-14": {"input": 0.8, "output": 3.2}, "gpt-4.1-mini": {"input": 0.4, "output": 1.6}}
    )
    assert table.cost("ft:gpt-4.1-mini-2025-04-14:org:pitches:abc", {"input_tokens": 1000})["nanos"] == 800_000
    assert table.entry("ft:gpt-4.1-nano-2025-04-14:org::x") is None


@pytest.mark.parametrize(
    "value, words",
    [
        ("{not json", "not valid JSON"),
        ('["gpt-4.1"]', "must be an object"),
        ({"gpt-4.1": {"input": -1}}, "0 or more"),
        ({"gpt-4.1": {"input": "cheap"}}, "0 or more"),
        ({"gpt-4.1": {"cached": 0.1}}, "unknown price 'cached'"),
        ({"gpt-4.1": {}}, "object of prices"),
        ({"currency": 5, "models": {}}, "currency"),
    ],
)
def test_a_price_table_that_cannot_be_read_stops_the_app(tmp_path, value, words):
    with pytest.raises(RuntimeError, match=words):
        make_app(tmp_path, PRICES=value)


def test_no_price_is_built_in():
    assert parse_prices(None) is None
    assert parse_prices({"models": {"x": {"input": 1}}}) == PriceTable("USD", {"x": {"input": 1.0}})


def test_the_usage_command_prints_tokens_images_and_cost(tmp_path, stub):
    app = stub_app(tmp_path, stub, PRICES=json.dumps(PRICES))
    try:
        client, runner = app.test_client(), app.test_cli_runner()
        client.post("/api/pitches", json={"idea": IDEA})
        drain(app)
        result = runner.invoke(args=["usage", "--days", "1"])
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        assert lines[0].split() == [
            "model",
            "calls",
            "input",
            "cached",
            "output",
            "reasoning",
            "image",
            "in",
            "image",
            "out",
            "images",
            "cost",
        ]
        by_model = {line.split()[0]: line for line in lines[2:]}
        assert by_model["gpt-4.1-mini"].split()[1] == "4"  # reply, synopsis, title, poster description
        assert by_model["gpt-image-2.5-sunburst"].split()[-3] == "1" and "USD" in by_model["gpt-image-2.5-sunburst"]
        assert by_model["total"].endswith("USD")
        by_day = runner.invoke(args=["usage", "--by", "day"]).output
        assert by_day.splitlines()[0].startswith("day") and "total" in by_day
        assert runner.invoke(args=["usage", "--by", "week"]).exit_code == 2
    finally:
        close_app(app)


def test_the_usage_command_without_calls_or_prices(runner, app):
    assert "No model calls in the last 7 days." in runner.invoke(args=["usage"]).output
    store = app.extensions["moviepitch"].store
    provider = ScriptedProvider()
    pipeline.run_pitch(store, provider, store.create_pitch(IDEA, "owner", provider.name, {}))
    output = runner.invoke(args=["usage"]).output
    assert "scripted-text" in output and "No prices are configured" in output


def test_billed_failures_are_recorded_too(tmp_path, stub):
    stub.script("/chat/completions", Fault.length_limit(), when=is_step("catchy movie titles"))
    with stub_pitch(tmp_path, stub, PRICES=json.dumps(PRICES)) as (app, client, slug):
        title = _steps(client.get(f"/api/pitches/{slug}").get_json())["title"]
        assert title["state"] == "failed" and title["usage"]["output_tokens"] > 0 and title["cost"]["amount"] > 0


def test_a_spent_money_budget_refuses_new_pitches(tmp_path, stub):
    app = stub_app(tmp_path, stub, PRICES=json.dumps(PRICES), DAILY_BUDGET="0.0001")
    try:
        client = app.test_client()
        assert client.post("/api/pitches", json={"idea": IDEA}).status_code == 202
        drain(app)  # the poster alone costs more than the budget
        response = client.post("/api/pitches", json={"idea": IDEA})
        assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
        assert "budget is spent" in response.get_json()["error"]["message"]
    finally:
        close_app(app)


def test_concurrent_spends_all_count(store):
    budgets = [Budget(store, pitches=10, images=10, money_nanos=5_000_000) for _ in range(4)]

    def spend(budget):
        for _ in range(25):
            budget.add_spend(50_000)

    threads = [threading.Thread(target=spend, args=(budget,)) for budget in budgets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert budgets[0].spent_today() == 100 * 50_000
    assert budgets[0].money_spent() and budgets[1].money_spent()
    assert not Budget(store, pitches=10, images=10).money_spent()  # no money cap


def test_migration_0006_keeps_the_pitches_made_before_it(tmp_path):
    from sqlalchemy import text

    from moviepitch.storage import db
    from moviepitch.storage.store import Store

    engine = db.make_engine(f"sqlite:///{tmp_path / 'old.sqlite'}")
    db.upgrade(engine, "0005")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO pitches (slug, idea, owner_id, status, seed, provider, models, usage, revision, "
                "cancel_requested, created_at) VALUES ('oldpitch0001', 'An old idea.', 'o', 'done', 1, 'offline', "
                "'{}', '{\"input_tokens\": 5}', 0, 0, '2026-11-01 10:00:00')"
            )
        )
        connection.execute(text("INSERT INTO daily_budget (day, pitches, images) VALUES ('2026-11-01', 3, 1)"))
    db.upgrade(engine)
    view = Store(engine).view("oldpitch0001")
    assert (view.knobs, view.text_model, view.likes, view.costs, view.usage) == ({}, None, 0, {}, {"input_tokens": 5})
    with engine.connect() as connection:
        assert connection.execute(text("SELECT spent_nanos FROM daily_budget")).scalar() == 0
    db.downgrade(engine, "0005")
    engine.dispose()
