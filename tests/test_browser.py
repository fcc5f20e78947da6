"""End to end in a real browser: Debian's chromium driven by playwright, against a live server.

Each page is looked at as a person would: at 1280 px and on a 375 px phone, as the owner and as a
visitor, with screenshots saved in test-artifacts/, and checked by axe-core with no violations.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers import make_app
from werkzeug.serving import make_server

from moviepitch.providers import OfflineProvider

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
IDEA = "A retired astronaut discovers her garden is growing plants from another planet."
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 667}  # the smallest phone screen in common use
HELD_SECONDS = 60  # the most a gate holds the chain, so a failing test cannot hang

if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
    if os.environ.get("CI") == "true":
        raise RuntimeError("chromium is missing under CI: `make system-deps` should have installed it")
    pytest.skip("Debian's chromium is not installed (run `make system-deps` as root)", allow_module_level=True)
if not AXE.exists() and os.environ.get("CI") == "true":
    raise RuntimeError("axe-core is missing under CI: `make test` installs it (make axe)")

from playwright import sync_api  # noqa: E402 (after the chromium check)

expect = sync_api.expect
# Web-first assertions wait up to 15 s rather than playwright's 5: on a 2-core machine the page shares the
# CPU with the app's threads, its image workers and the test itself, and a busy moment is not a failure.
expect.set_options(timeout=15_000)


class HeldWriter(OfflineProvider):
    """The offline writer, stopping where a test wants to look: mid-synopsis, before the poster and
    after its first partial image. Each gate is open until a test closes it."""

    def __init__(self):
        super().__init__(pace=0.02)
        self.synopsis = threading.Event()
        self.poster = threading.Event()
        self.partial = threading.Event()
        for gate in (self.synopsis, self.poster, self.partial):
            gate.set()

    def text(self, request, on_delta=None):
        if request.task != "synopsis" or on_delta is None:
            return super().text(request, on_delta)

        def held(text):
            on_delta(text)
            if len(text) > 480:  # the page sees the text saved before, every 0.25 s
                self.synopsis.wait(HELD_SECONDS)

        return super().text(request, held)

    def image(self, request, on_partial=None):
        self.poster.wait(HELD_SECONDS)

        def held(data, index):
            on_partial(data, index)
            if index == 0:
                self.partial.wait(HELD_SECONDS)

        return super().image(request, held if on_partial else None)


@contextmanager
def serving(tmp_path, writer: HeldWriter | None = None, **config):
    """The app on a free loopback port, with the held writer (or `writer`): (base URL, writer)."""
    writer = writer or HeldWriter()
    app = make_app(tmp_path, provider=writer, **config)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", writer
    finally:
        for gate in (writer.synopsis, writer.poster, writer.partial):
            gate.set()
        server.shutdown()
        services = app.extensions["moviepitch"]
        services.jobs.drain(timeout=60)
        services.jobs.shutdown()
        services.store.engine.dispose()


@pytest.fixture
def live_server(tmp_path):
    with serving(tmp_path) as served:
        yield served


@pytest.fixture
def browser():
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


class Person:
    """One browser profile (cookies and all) looking at the site at one or more screen sizes."""

    def __init__(self, browser, base, viewport, **options):
        # Reduced motion: screenshots show the page, not a fade half-way.
        self.context = self.open(browser, viewport, **options)
        self.base = base
        self.problems: list[str] = []
        self.page = self.watch(self.context.new_page())

    @staticmethod
    def open(browser, viewport, **options):
        context = browser.new_context(viewport=viewport, reduced_motion="reduce", **options)
        # The page's CSP would refuse an inline copy of axe-core: it is served as if from the site.
        if AXE.exists():
            context.route("**/__axe.js", lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
        return context

    def watch(self, page):
        # Script errors, and anything the Content-Security-Policy refused (an inline style or script).
        page.on("pageerror", lambda error: self.problems.append(str(error)))
        page.on(
            "console",
            lambda message: (
                self.problems.append(message.text)
                if message.type == "error" and "Content Security Policy" in message.text
                else None
            ),
        )
        return page

    def elsewhere(self, browser, viewport):
        """The same person (same cookies) on another screen."""
        other = Person.__new__(Person)
        other.context = Person.open(browser, viewport)
        other.context.add_cookies(self.context.cookies())
        other.base, other.problems = self.base, self.problems
        other.page = other.watch(other.context.new_page())
        return other

    def goto(self, path):
        return self.page.goto(path if path.startswith("http") else self.base + path)

    def close(self):
        self.context.close()
        assert self.problems == []


def shot(page, name: str, full_page: bool = True) -> None:
    """Save a screenshot to look at (test-artifacts/NAME.png)."""
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def accessible(page, name: str) -> None:
    """axe-core finds no violations on the page as it is now."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed (run `make axe`, which needs npm)")
    origin = re.match(r"https?://[^/]+", page.url).group(0)
    page.add_script_tag(url=f"{origin}/__axe.js")  # see Person.open
    found = page.evaluate("""async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
        .map(v => `${v.id} (${v.impact}): ${v.help} at `
                  + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "))""")
    assert found == [], f"axe-core on {name}: {found}"


def inside_first_screen(page, selector: str) -> dict:
    """The element's box, asserting it starts within the first screen (no scrolling)."""
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    height = page.viewport_size["height"]
    assert 0 <= box["y"] and box["y"] + min(box["height"], 40) <= height, f"{selector} is below the fold: {box}"
    return box


def create(person: Person, idea: str = IDEA) -> str:
    person.goto("/")
    person.page.get_by_label("Your movie idea").fill(idea)
    person.page.get_by_role("button", name="Pitch it").click()
    person.page.wait_for_url("**/p/*")
    return person.page.url


def wait_until_finished(page, owner: bool = False) -> None:
    expect(page.locator("[data-pitch].status-done")).to_have_count(1, timeout=60_000)
    expect(page.locator("[data-making]")).to_be_hidden()
    if owner:  # the owner's page redraws itself once finished, with the making-of folded away
        expect(page.locator("details.making-of:not([open])")).to_have_count(1, timeout=10_000)


def test_on_a_phone_the_pitch_is_read_while_it_is_written(live_server, browser):
    base, writer = live_server
    writer.synopsis.clear()  # the synopsis stops half-way, so the page can be looked at mid-writing
    owner = Person(browser, base, PHONE)
    page = owner.page
    permalink = create(owner)

    page.wait_for_function("() => document.querySelector('[data-synopsis].is-writing')?.innerText.length > 200")
    expect(page.locator("[data-reply]")).to_be_visible()
    # The first screen: the progress line, the boss's reply and the synopsis being written.
    bar = inside_first_screen(page, "[data-making]")
    reply = inside_first_screen(page, "[data-reply]")
    synopsis = inside_first_screen(page, "[data-synopsis] p")
    assert bar["y"] < reply["y"] < synopsis["y"]
    expect(page.locator("[data-making-now]")).to_have_text("Writing the synopsis…")
    # The poster waits below the text as a slim strip, not a screen-high empty box.
    strip = page.locator("[data-poster]").bounding_box()
    assert strip["y"] > synopsis["y"] and strip["height"] < 80
    shot(page, "phone-writing-owner", full_page=False)
    shot(page, "phone-writing-owner-full")
    accessible(page, "the pitch in the making, owner, phone")

    # Scrolled down, the progress line stays in view.
    page.mouse.wheel(0, 1500)
    page.wait_for_function("() => window.scrollY > 200")
    inside_first_screen(page, "[data-making]")
    assert page.locator("[data-making]").bounding_box()["y"] < 2
    shot(page, "phone-writing-owner-scrolled", full_page=False)

    # A visitor sees the pitch being written, but none of the machinery.
    visitor = Person(browser, base, PHONE)
    visitor.goto(permalink)
    visitor.page.wait_for_function("() => document.querySelector('[data-synopsis] p:not(.muted)')")
    inside_first_screen(visitor.page, "[data-synopsis] p")
    expect(visitor.page.locator("[data-making-now]")).to_be_visible()
    assert visitor.page.locator(".step, .making-of, .owner-actions").count() == 0
    shot(visitor.page, "phone-writing-visitor", full_page=False)
    accessible(visitor.page, "the pitch in the making, visitor, phone")

    # The owner at a desk: progress in view, next to the pitch.
    desk = owner.elsewhere(browser, DESKTOP)
    desk.goto(permalink)
    desk.page.wait_for_function("() => document.querySelector('[data-synopsis].is-writing p')")
    inside_first_screen(desk.page, "[data-making]")
    inside_first_screen(desk.page, "[data-synopsis] p")
    expect(desk.page.locator("details.making-of")).to_have_attribute("open", "")
    shot(desk.page, "desktop-writing-owner", full_page=False)
    accessible(desk.page, "the pitch in the making, owner, desktop")

    writer.synopsis.set()
    wait_until_finished(visitor.page)
    # The visitor's finished pitch: no status words, no steps; the poster first, with a short alt.
    expect(visitor.page.locator("[data-status-badge]")).to_be_hidden()
    alt = visitor.page.locator("[data-poster] img").get_attribute("alt")
    assert alt.startswith("Poster: ") and 20 < len(alt) <= 140 and "camera" not in alt.lower()
    visitor.page.reload()
    visitor.page.wait_for_function("() => document.querySelector('[data-poster] img').naturalWidth > 0")
    assert (
        visitor.page.locator("[data-poster]").bounding_box()["y"]
        < visitor.page.locator("[data-title]").bounding_box()["y"]
    )
    inside_first_screen(visitor.page, "[data-title]")
    shot(visitor.page, "phone-done-visitor")
    accessible(visitor.page, "the finished pitch, visitor, phone")

    wait_until_finished(desk.page, owner=True)
    expect(desk.page.locator("[data-status-badge]")).to_have_text("Finished")
    desk.page.wait_for_function("() => document.querySelector('[data-poster] img').naturalWidth > 0")
    shot(desk.page, "desktop-done-owner")
    accessible(desk.page, "the finished pitch, owner, desktop")
    for person in (visitor, desk, owner):
        person.close()


def test_a_new_poster_is_painted_in_view(live_server, browser):
    base, writer = live_server
    owner = Person(browser, base, DESKTOP)
    page = owner.page
    permalink = create(owner, "Three dogs move to Hawaii to learn to surf.")
    wait_until_finished(page, owner=True)
    old = page.locator("[data-poster] img.poster-image").get_attribute("src")

    writer.poster.clear()
    writer.partial.clear()
    page.get_by_role("button", name="New poster").click()
    page.wait_for_load_state()
    # The old poster stays, dimmed under a note that a new one is being painted, and for how long.
    overlay = page.locator("[data-poster-placeholder]")
    expect(overlay).to_be_visible()
    expect(overlay.locator("[data-poster-state]")).to_have_text("Painting a new poster…")
    expect(overlay.locator("[data-poster-time]")).to_have_text(re.compile(r"^\d+ s$"))
    assert page.locator("[data-poster] img.poster-image").get_attribute("src") == old
    inside_first_screen(page, "[data-making]")
    expect(page.locator("[data-making-now]")).to_have_text("Painting a new poster…")
    shot(page, "desktop-new-poster-painting", full_page=False)
    phone = owner.elsewhere(browser, PHONE)
    phone.goto(permalink)
    expect(phone.page.locator("[data-poster-placeholder]")).to_be_visible()
    inside_first_screen(phone.page, "[data-poster-placeholder] [data-poster-state]")
    shot(phone.page, "phone-new-poster-painting", full_page=False)
    accessible(phone.page, "a new poster being painted, owner, phone")

    # Then the new one sharpens over the old, and takes its place.
    writer.poster.set()
    expect(page.locator("[data-poster] img.is-preview")).to_be_visible(timeout=30_000)
    expect(overlay).to_be_visible()
    shot(page, "desktop-new-poster-preview", full_page=False)
    writer.partial.set()
    wait_until_finished(page, owner=True)
    expect(page.locator("#versions-poster .version")).to_have_count(2, timeout=10_000)
    expect(page.locator("[data-poster-placeholder]")).to_be_hidden()
    assert page.locator("[data-poster] img.poster-image").get_attribute("src") != old
    shot(page, "desktop-new-poster-done")

    # A visitor on a phone sees the new poster.
    visitor = Person(browser, base, PHONE)
    visitor.goto(permalink)
    assert visitor.page.locator("[data-poster] img").get_attribute("src").endswith("/poster/2.webp")
    for person in (visitor, phone, owner):
        person.close()


def test_the_idea_field_counts_and_never_cuts(live_server, browser):
    base, _ = live_server
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        person = Person(browser, base, viewport)
        person.goto("/")
        shot(person.page, f"{name}-home")
        accessible(person.page, f"the home page, {name}")
        person.close()

    person = Person(browser, base, PHONE)
    person.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = person.page
    person.goto("/")
    field = page.get_by_label("Your movie idea")
    counter = page.locator("[data-counter]")
    expect(counter).to_have_text("0 / 300")
    field.press_sequentially("A ghost  haunts")
    expect(counter).to_have_text("14 / 300")  # counted as it will be sent: spaces folded

    long_idea = "A lighthouse keeper hears the lamp speak. " * 10  # 420 characters
    field.fill("")
    page.evaluate("text => navigator.clipboard.writeText(text)", long_idea)
    field.press("Control+V")
    folded = len(" ".join(long_idea.split()))
    expect(counter).to_have_text(f"{folded} / 300")
    error = page.locator("#idea-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("Nothing was cut")
    assert field.input_value() == long_idea  # the whole idea is still there to shorten
    expect(field).to_have_attribute("aria-invalid", "true")
    shot(page, "phone-home-too-long", full_page=False)
    accessible(page, "the home page with an idea too long, phone")
    page.get_by_role("button", name="Pitch it").click()
    assert page.url == base + "/"  # not sent while too long

    field.fill(long_idea[:290])
    expect(error).to_be_hidden()
    expect(counter).to_have_text(re.compile(r"^\d+ / 300$"))
    person.close()


def test_the_rate_limit_keeps_the_idea_and_says_when(tmp_path, browser):
    with serving(tmp_path, CREATE_LIMIT="1 per minute") as (base, _):
        desk = Person(browser, base, DESKTOP)
        # An idea refused as invalid (422) is not counted: the one pitch a minute is still there after it.
        desk.goto("/")
        desk.page.get_by_label("Your movie idea").fill("Hi")
        desk.page.get_by_role("button", name="Pitch it").click()
        expect(desk.page.locator("#idea-error")).to_contain_text("between 3 and 300 characters")
        expect(desk.page.get_by_label("Your movie idea")).to_have_value("Hi")
        shot(desk.page, "desktop-invalid-idea", full_page=False)
        accessible(desk.page, "the form with an invalid idea, desktop")
        create(desk, "A first idea, within the limit.")
        # Both screens come from 127.0.0.1, one address: after one pitch, each is a minute too soon.
        for name, person in (("desktop", desk), ("phone", Person(browser, base, PHONE))):
            person.goto("/")
            idea = f"A second idea, a minute too soon, on the {name}."
            person.page.get_by_label("Your movie idea").fill(idea)
            person.page.get_by_role("button", name="Pitch it").click()
            expect(person.page.locator(".notice-warn")).to_contain_text(re.compile(r"Try again in \d+ seconds?\."))
            expect(person.page.get_by_label("Your movie idea")).to_have_value(idea)
            shot(person.page, f"{name}-rate-limited", full_page=False)
            accessible(person.page, f"the rate-limited form, {name}")
            person.close()


def test_publish_share_report_and_the_pages_around_a_pitch(live_server, browser):
    base, _ = live_server
    maker = Person(browser, base, DESKTOP, accept_downloads=True)
    page = maker.page
    maker.goto("/")
    page.get_by_label("Your movie idea").fill("The last bookshop in the world is guarded by a dragon.")
    page.keyboard.press("Enter")  # an idea is one line: Enter sends it
    page.wait_for_url("**/p/*")
    permalink = page.url
    publish = page.get_by_role("link", name="Publish to the gallery…")
    expect(publish).to_be_visible(timeout=60_000)
    title = page.locator("[data-title]").inner_text()

    # The edit link is a secret: folded until asked for, then whole (wrapped) with a copy button.
    secret = page.locator("[data-edit-link]")
    expect(secret).to_be_hidden()
    page.get_by_text("Show your secret edit link").click()
    expect(secret).to_be_visible()
    edit_url = secret.inner_text().strip()
    assert "/edit/" in edit_url
    page.get_by_role("button", name="Copy edit link").click()
    expect(page.locator(".secret [data-copy-feedback]")).to_have_text("Copied!")
    phone_maker = maker.elsewhere(browser, PHONE)
    phone_maker.goto(permalink)  # the link was shown once; this page offers a new one
    phone_maker.page.get_by_role("button", name="Make a new edit link").click()
    phone_secret = phone_maker.page.locator("[data-edit-link]")
    expect(phone_secret).to_be_visible()  # asked for, so unfolded
    box = phone_secret.bounding_box()
    assert box["x"] + box["width"] <= 375 and box["height"] > 30  # wrapped, not cut off
    assert phone_maker.page.evaluate("document.documentElement.scrollWidth") <= 375
    phone_secret.scroll_into_view_if_needed()
    shot(phone_maker.page, "phone-edit-link", full_page=False)
    accessible(phone_maker.page, "the finished pitch with its edit link, owner, phone")
    edit_url = phone_secret.inner_text().strip()

    # Publishing asks first, and hands over the link to share.
    phone_maker.goto(permalink + "/publish")
    expect(phone_maker.page.locator("[data-permalink]")).to_have_value(permalink)
    assert phone_maker.page.evaluate("document.documentElement.scrollWidth") <= 375
    shot(phone_maker.page, "phone-publish-confirm")
    accessible(phone_maker.page, "the publish confirmation, phone")
    page.reload()
    page.get_by_role("link", name="Publish to the gallery…").click()
    expect(page.get_by_role("heading", name=re.compile("^Publish"))).to_be_visible()
    expect(page.locator("[data-permalink]")).to_have_value(permalink)
    shot(page, "desktop-publish-confirm")
    accessible(page, "the publish confirmation, desktop")
    page.get_by_role("button", name="Publish it").click()
    expect(page.get_by_text("Published: it is in the gallery now")).to_be_visible()
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator(".share [data-copy-feedback]")).to_have_text("Copied!")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download poster (PNG)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".png")
    saved = ARTIFACTS / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    maker.goto(permalink.replace(base, "") + "/delete")
    shot(page, "desktop-delete-confirm")
    accessible(page, "the delete confirmation, desktop")
    maker.goto("/mine")
    shot(page, "desktop-mine")
    accessible(page, "my pitches, desktop")

    # Someone else, on a phone, finds it in the gallery, reads it, and could report it.
    visitor = Person(browser, base, PHONE)
    phone = visitor.page
    visitor.goto("/gallery")
    shot(phone, "phone-gallery")
    accessible(phone, "the gallery, phone")
    phone.get_by_text(title).first.click()
    expect(phone.locator("[data-title]")).to_have_text(title)
    phone.wait_for_load_state()  # the stylesheet too: on a busy machine the title can come first
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375  # nothing overflows sideways
    assert phone.locator("[data-status-badge]:visible, .step, .making-of").count() == 0
    assert "DONE" not in phone.locator("main").inner_text().upper().split()
    shot(phone, "phone-published-visitor")
    phone.get_by_role("link", name="Report this pitch").click()
    expect(phone.get_by_label("What is wrong with it?")).to_be_visible()
    shot(phone, "phone-report")
    accessible(phone, "the report form, phone")

    # The edit link, opened elsewhere, asks before it makes that browser an owner.
    visitor.goto(edit_url)
    expect(phone.get_by_role("button", name="Yes, make this browser an owner")).to_be_visible()
    shot(phone, "phone-join")
    accessible(phone, "the join confirmation, phone")

    visitor.goto("/p/no-such-pitch-here")
    shot(phone, "phone-404")
    accessible(phone, "the error page, phone")
    desk_visitor = visitor.elsewhere(browser, DESKTOP)
    for path, name in (
        ("/gallery", "gallery"),
        (permalink + "/report", "report"),
        (edit_url, "join"),
        ("/p/no-such-pitch-here", "404"),
    ):
        desk_visitor.goto(path)
        shot(desk_visitor.page, f"desktop-{name}")
        accessible(desk_visitor.page, f"the {name} page, desktop")
    for path, name in (("/mine", "mine"), (permalink + "/delete", "delete-confirm")):
        phone_maker.goto(path)
        shot(phone_maker.page, f"phone-{name}")
        accessible(phone_maker.page, f"the {name} page, phone")
    for person in (desk_visitor, visitor, phone_maker, maker):
        person.close()
