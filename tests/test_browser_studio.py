"""The studio in a real browser (Debian's chromium through playwright), at 1280 and 375 px: the Advanced section
and its explanations, a pitch with its cost and likes, three takes filling in side by side, and a comparison of
models; screenshots in test-artifacts/, and axe-core with no violations on each."""

from __future__ import annotations

import json
import re
import threading
from contextlib import contextmanager

import pytest
from helpers import close_app, responder, stub_app
from test_browser import (  # noqa: F401 (browser: a fixture)
    ARTIFACTS,
    DESKTOP,
    PHONE,
    Person,
    accessible,
    browser,
    expect,
    serving,
    shot,
)
from werkzeug.serving import make_server

pytestmark = pytest.mark.browser

IDEA = "A marine biologist falls in love with a lighthouse that can talk."
PRICES = {
    "currency": "USD",
    "models": {
        "gpt-4.1-mini": {"input": 0.4, "cached_input": 0.1, "output": 1.6},
        "gpt-4.1": {"input": 2, "output": 8},
        "gpt-image-2.5-sunburst": {"input": 5, "image_input": 10, "image_output": 40},
    },
}
MODELS = '[{"id": "gpt-4.1", "label": "Best writing"}, {"id": "gpt-5-mini", "label": "Reasons first"}]'
# Each model writes its own synopsis, so a comparison has something to compare.
SYNOPSES = {
    "gpt-4.1-mini": "On a drowned coast, lighthouse keeper Nora Vale (Saoirse Ronan) hears the lamp speak. Marine "
    "biologist Theo Marsh (Riz Ahmed) thinks she is mad, until the sea answers too.",
    "gpt-4.1": "Every night at 3 a.m. the lamp of Grey Point blinks a message no ship can read. Keeper Nora Vale "
    "(Saoirse Ronan) writes it down.\n\nWhen biologist Theo Marsh (Riz Ahmed) arrives to count seals, the "
    "messages start naming him.",
    "gpt-5-mini": "A lighthouse talks. Marine biologist Theo Marsh (Riz Ahmed) listens, and falls for it.",
}


def by_model(body: dict) -> str:
    if "synopses" in body["messages"][0]["content"]:
        return SYNOPSES.get(body["model"], SYNOPSES["gpt-4.1-mini"])
    return responder(body)


@contextmanager
def serving_models(tmp_path, stub):
    """The app on a free loopback port, writing through the real SDK against the stub, with three text models and
    a price table: its base URL."""
    stub.chat_responder = by_model
    app = stub_app(tmp_path, stub, TEXT_MODELS=MODELS, PRICES=json.dumps(PRICES))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        close_app(app)


def group_shot(page, name: str) -> None:
    """A whole group page: as wide as the screen (the row of pitches scrolls sideways inside it on a phone)."""
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing overflows the page itself
    height = page.evaluate("document.documentElement.scrollHeight")
    page.screenshot(
        path=str(ARTIFACTS / f"{name}.png"), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height}
    )


def open_advanced(page) -> None:
    page.get_by_text("Advanced settings").click()
    expect(page.locator("details.advanced")).to_have_attribute("open", "")


def send_form(person, idea: str, settle) -> None:
    """Fill the form with the idea, open the Advanced section, let `settle(page)` set what it sets, and send it."""
    person.goto("/")
    person.page.get_by_label("Your movie idea").fill(idea)
    open_advanced(person.page)
    settle(person.page)
    person.page.get_by_role("button", name="Pitch it").click()


def all_done(page) -> None:
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-take]')].every((take) => take.classList.contains('status-done'))",
        timeout=60_000,
    )


def test_the_advanced_section_explains_the_knobs_and_follows_the_model(stub, tmp_path, browser):
    with serving_models(tmp_path, stub) as base:
        for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            person = Person(browser, base, viewport)
            page = person.page
            person.goto("/")
            expect(page.locator("details.advanced")).not_to_have_attribute("open", "")
            page.get_by_label("Your movie idea").fill(IDEA)
            open_advanced(page)
            for sentence in (
                "Low keeps the pitch plain and conventional; high gives stranger twists and word choices.",
                "Higher means fewer repeated words and phrases.",
                "Higher makes it move on to new topics sooner.",
            ):
                expect(page.get_by_text(sentence)).to_be_visible()
            expect(page.get_by_text("From 0 to 2, default 1.0.")).to_be_visible()
            # The number beside a slider follows it.
            page.get_by_role("slider", name="Creativity").fill("1.7")
            expect(page.locator('output[for="temperature"]')).to_have_text("1.7")
            note = page.locator("[data-knob-note]")
            expect(note).to_be_hidden()
            expect(page.locator("[data-when-kind=compare]")).to_be_hidden()
            shot(page, f"{name}-studio-form-advanced")
            accessible(page, f"the form with its advanced settings open, {name}")

            # A model that takes no knobs: the form says so beside them, at once.
            page.get_by_label("Text model").select_option("gpt-5-mini")
            expect(note).to_have_text("The model gpt-5-mini does not take these settings, so they are not sent to it.")
            page.get_by_label("Three takes").check()
            expect(note).to_contain_text("Three takes need a text model that takes creativity.")
            page.get_by_label("Compare models").check()
            expect(page.get_by_label("Text model")).to_be_hidden()
            expect(page.locator("[data-when-kind=compare]")).to_be_visible()
            note.scroll_into_view_if_needed()
            shot(page, f"{name}-studio-form-compare", full_page=False)
            accessible(page, f"the form set to compare models, {name}")
            person.close()


def test_a_pitch_shows_its_cost_to_its_owner_and_likes_without_a_reload(stub, tmp_path, browser):
    with serving_models(tmp_path, stub) as base:
        owner = Person(browser, base, DESKTOP)
        page = owner.page
        send_form(owner, IDEA, lambda form: form.get_by_role("slider", name="Creativity").fill("1.6"))
        page.wait_for_url("**/p/*")
        permalink = page.url
        expect(page.get_by_role("link", name="Publish to the gallery…")).to_be_visible(timeout=60_000)
        expect(page.locator(".made-with")).to_contain_text("Creativity 1.6")
        expect(page.locator("[data-cost-amount]")).to_have_text(re.compile(r"^\$0\.0\d+$"))
        page.get_by_role("link", name="Publish to the gallery…").click()
        page.get_by_role("button", name="Publish it").click()
        page.locator("details.making-of summary").click()
        expect(page.locator('[data-step="synopsis"] [data-step-usage]')).to_contain_text("tokens in")

        # A visitor likes it: the count changes on the page, which stays where it is.
        for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            visitor = Person(browser, base, viewport)
            seen = visitor.page
            visitor.goto(permalink)
            assert seen.locator("[data-pitch-cost], [data-step-usage]").count() == 0  # the cost is the owner's
            seen.evaluate("window.notReloaded = true")
            like = seen.get_by_role("button", name="Like")
            expect(like).to_have_attribute("aria-pressed", "false")
            like.click()
            expect(like).to_have_attribute("aria-pressed", "true")
            expect(seen.locator("[data-like-count]")).to_have_text("1 like")
            assert seen.evaluate("window.notReloaded") is True and seen.url == permalink
            shot(seen, f"{name}-studio-pitch-liked-visitor")
            accessible(seen, f"a liked pitch, visitor, {name}")
            seen.reload()
            expect(seen.get_by_role("button", name="Liked")).to_have_attribute("aria-pressed", "true")
            seen.get_by_role("button", name="Liked").click()
            expect(seen.locator("[data-like-count]")).to_have_text("0 likes")
            visitor.close()

        page.get_by_role("button", name="Like").click()
        expect(page.locator("[data-like-count]")).to_have_text("1 like")
        title = page.locator("[data-title]").inner_text()
        shot(page, "desktop-studio-pitch-cost-owner")
        accessible(page, "a pitch with its cost and likes, owner, desktop")
        phone = owner.elsewhere(browser, PHONE)
        phone.goto(permalink)
        phone.page.locator("details.making-of summary").click()
        expect(phone.page.locator("[data-cost-amount]")).to_be_visible()
        shot(phone.page, "phone-studio-pitch-cost-owner")
        accessible(phone.page, "a pitch with its cost and likes, owner, phone")

        # The gallery, most liked first: the liked pitch leads, with its count.
        for name, person in (("desktop", owner), ("phone", phone)):
            person.goto("/gallery")
            person.page.get_by_role("link", name="Most liked").click()
            expect(person.page.get_by_role("link", name="Most liked")).to_have_attribute("aria-current", "page")
            first = person.page.locator(".pitch-card").first
            expect(first.locator(".card-title")).to_have_text(title)
            expect(first.locator(".card-likes")).to_have_text("♥ 1 like")
            shot(person.page, f"{name}-studio-gallery-most-liked")
            accessible(person.page, f"the gallery, most liked first, {name}")
        for person in (phone, owner):
            person.close()


def test_without_scripts_a_like_is_a_form(stub, tmp_path, browser):
    with serving_models(tmp_path, stub) as base:
        owner = Person(browser, base, DESKTOP)
        owner.goto("/")
        owner.page.get_by_label("Your movie idea").fill(IDEA)
        owner.page.get_by_role("button", name="Pitch it").click()
        owner.page.get_by_role("link", name="Publish to the gallery…").click(timeout=60_000)
        owner.page.get_by_role("button", name="Publish it").click()
        permalink = owner.page.url
        context = Person.open(browser, PHONE, java_script_enabled=False)
        page = context.new_page()
        page.goto(permalink)
        page.get_by_role("button", name="Like").click()  # no cookie yet: a page asks first
        page.get_by_role("button", name="Like it").click()
        assert page.url == permalink + "#like"
        expect(page.get_by_role("button", name="Liked")).to_have_attribute("aria-pressed", "true")
        expect(page.locator("[data-like-count]")).to_have_text("1 like")
        page.get_by_role("button", name="Liked").click()  # now straight from the page
        expect(page.locator("[data-like-count]")).to_have_text("0 likes")
        context.close()
        owner.close()


def test_three_takes_fill_in_side_by_side(tmp_path, browser):
    with serving(tmp_path) as (base, writer):
        writer.synopsis.clear()  # each synopsis stops half-way, so the columns can be seen filling in
        owner = Person(browser, base, DESKTOP)
        page = owner.page
        send_form(
            owner,
            "A retired astronaut discovers her garden is growing alien plants.",
            lambda form: form.get_by_label("Three takes").check(),
        )
        page.wait_for_url("**/t/*")
        group = page.url
        columns = page.locator("[data-take]")
        expect(columns).to_have_count(3)
        expect(page.locator(".take-label")).to_have_text(
            [
                re.compile(rf"^{label}\s+{value}$")
                for label, value in (
                    ("Low creativity", "0.2"),
                    ("Medium creativity", "0.9"),
                    ("High creativity", "1.6"),
                )
            ]
        )
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-take-synopsis].is-writing')]"
            ".filter((s) => s.innerText.length > 200).length === 3",
            timeout=60_000,
        )
        expect(page.locator("[data-take-status]").first).to_have_text("Writing the synopsis…")
        boxes = [columns.nth(i).bounding_box() for i in range(3)]
        assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"] and abs(boxes[0]["y"] - boxes[2]["y"]) < 2
        group_shot(page, "desktop-studio-takes-writing")
        accessible(page, "three takes being written, desktop")

        phone = owner.elsewhere(browser, PHONE)
        phone.goto(group)
        phone.page.wait_for_function("() => document.querySelectorAll('[data-take-synopsis].is-writing').length === 3")
        group_shot(phone.page, "phone-studio-takes-writing")
        accessible(phone.page, "three takes being written, phone")

        writer.synopsis.set()
        all_done(page)
        expect(page.locator("[data-take-poster] img")).to_have_count(3, timeout=30_000)
        expect(page.locator("[data-when-group=active]")).to_be_hidden()
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-take-poster] img')].every((img) => img.naturalWidth > 0)"
        )
        group_shot(page, "desktop-studio-takes-done")
        accessible(page, "three takes, done, desktop")
        all_done(phone.page)
        phone.page.reload()
        group_shot(phone.page, "phone-studio-takes-done")
        accessible(phone.page, "three takes, done, phone")
        # Each take opens as a pitch of its own.
        page.get_by_role("link", name="Open this pitch (High creativity)").click()
        expect(page.locator(".made-with")).to_contain_text("Creativity 1.6")
        expect(page.locator(".group-link")).to_contain_text("Take 3 of 3")
        for person in (phone, owner):
            person.close()


def test_compare_models_side_by_side_with_time_tokens_and_cost(stub, tmp_path, browser):
    with serving_models(tmp_path, stub) as base:
        owner = Person(browser, base, DESKTOP)
        page = owner.page
        send_form(owner, IDEA, lambda form: form.get_by_label("Compare models").check())
        page.wait_for_url("**/t/*")
        group = page.url
        all_done(page)
        expect(page.locator(".take-label")).to_have_text(
            ["gpt-4.1-mini", re.compile(r"^Best writing\s+gpt-4.1$"), re.compile(r"^Reasons first\s+gpt-5-mini$")]
        )
        times = page.locator("[data-take-time]")
        expect(times).to_have_text([re.compile(r"^\d+\.\d s$")] * 3)
        expect(page.locator("[data-take-writing-cost]")).to_have_text(
            [re.compile(r"^\$0\.\d+$")] * 2 + ["no price set"]
        )
        expect(page.locator("[data-take-tokens]").nth(2)).to_contain_text("reasoning")
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-take-poster] img')].every((img) => img.naturalWidth > 0)"
        )
        group_shot(page, "desktop-studio-compare")
        accessible(page, "compare models, owner, desktop")

        phone = owner.elsewhere(browser, PHONE)
        phone.goto(group)
        group_shot(phone.page, "phone-studio-compare")
        accessible(phone.page, "compare models, owner, phone")
        visitor = Person(browser, base, PHONE)
        visitor.goto(group)
        expect(visitor.page.locator("[data-take-time]")).to_have_count(3)
        assert visitor.page.locator("[data-take-cost], [data-take-writing-cost]").count() == 0
        accessible(visitor.page, "compare models, visitor, phone")
        for person in (visitor, phone, owner):
            person.close()
