"""End to end in a real browser: Debian's chromium driven by playwright, against a live server."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from conftest import make_app
from werkzeug.serving import make_server

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
IDEA = "A retired astronaut discovers her garden is growing plants from another planet."

if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
    if os.environ.get("CI") == "true":
        raise RuntimeError("chromium is missing under CI: `make system-deps` should have installed it")
    pytest.skip("Debian's chromium is not installed (run `make system-deps` as root)", allow_module_level=True)

from playwright import sync_api  # noqa: E402 (after the chromium check)


@pytest.fixture
def live_server(tmp_path):
    """The app served on a free loopback port, with a slow-ish offline writer so progress shows."""
    app = make_app(tmp_path, OFFLINE_PACE=0.04)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    services = app.extensions["moviepitch"]
    services.jobs.drain(timeout=60)
    services.jobs.shutdown()
    services.store.engine.dispose()


@pytest.fixture
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def test_type_an_idea_and_see_the_finished_pitch(live_server, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    # Reduced motion: the screenshots show the poster, not its fade-in.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(live_server + "/")
    page.get_by_label("Your movie idea").fill(IDEA)
    page.get_by_role("button", name="Pitch it").click()
    page.wait_for_url("**/p/*")
    permalink = page.url

    # The synopsis grows while it is written, and the steps show their state.
    page.wait_for_function("() => document.querySelector('[data-synopsis].is-writing p')")
    sync_api.expect(page.locator(".step.state-running").first).to_be_visible()
    first = len(page.locator("[data-synopsis]").inner_text())
    page.wait_for_function(
        "n => document.querySelector('[data-synopsis]').innerText.length > n", arg=first)
    page.screenshot(path=str(ARTIFACTS / "pitch-writing.png"))

    # The page fills itself in by polling; wait for the finished state.
    sync_api.expect(page.locator("[data-status-badge]")).to_have_text("done", timeout=60_000)
    title = page.locator("[data-title]").inner_text()
    assert title and title != "Title coming…"
    assert page.locator("[data-cast] li .actor").count() >= 2
    assert page.locator("[data-synopsis] p").count() >= 2
    assert page.locator("[data-reply] p").inner_text()
    assert page.locator(".step.state-done").count() == 7
    poster = page.locator("[data-poster] img")
    sync_api.expect(poster).to_be_visible()
    page.wait_for_function("() => document.querySelector('[data-poster] img').naturalWidth > 0")
    assert page.title().startswith(title)
    page.screenshot(path=str(ARTIFACTS / "pitch-done.png"), full_page=True)

    page.get_by_role("button", name="Copy link").click()
    sync_api.expect(page.locator("[data-copy-feedback]")).to_have_text("Copied!")

    # The permalink opens for someone else, with no cookies of the maker's.
    other = browser.new_context(viewport={"width": 390, "height": 844}, reduced_motion="reduce")
    stranger = other.new_page()
    stranger.goto(permalink)
    sync_api.expect(stranger.locator("[data-title]")).to_have_text(title)
    assert stranger.locator(".owner-actions").count() == 0
    stranger.screenshot(path=str(ARTIFACTS / "pitch-phone.png"), full_page=True)

    # Back with the owner: a new poster, made live, with the first one kept.
    first_poster = page.locator("[data-poster] img").get_attribute("src")
    page.get_by_role("button", name="New poster").click()
    page.wait_for_load_state()
    sync_api.expect(page.locator("[data-status-badge]")).to_have_text("done", timeout=60_000)
    sync_api.expect(page.locator(".poster-versions li")).to_have_count(2, timeout=10_000)
    assert page.locator("[data-poster] img").get_attribute("src") != first_poster
    page.screenshot(path=str(ARTIFACTS / "pitch-new-poster.png"), full_page=True)

    # The stranger, who polls nothing once it is done, sees the new poster on reload.
    stranger.reload()
    assert stranger.locator("[data-poster] img").get_attribute("src").endswith("/poster/2.webp")
    assert errors == []
    other.close()
    context.close()


def test_publish_find_in_the_gallery_and_download_the_poster(live_server, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    maker = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce",
                                accept_downloads=True)
    page = maker.new_page()
    page.goto(live_server + "/")
    page.get_by_label("Your movie idea").fill("The last bookshop in the world is guarded by a dragon.")
    page.keyboard.press("Enter")  # an idea is one line: Enter sends it
    page.wait_for_url("**/p/*")
    # The owner's page redraws once when the pitch is finished, with what can be done next.
    publish = page.get_by_role("button", name="Publish to the gallery")
    sync_api.expect(publish).to_be_visible(timeout=60_000)
    title = page.locator("[data-title]").inner_text()
    assert page.locator("[data-edit-link]").count() == 1  # shown until the pitch is finished, then no more
    publish.click()
    sync_api.expect(page.get_by_text("Published: it is in the")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download poster (PNG)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".png")
    saved = ARTIFACTS / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    # Someone else, on a phone, finds it in the gallery.
    visitor = browser.new_context(viewport={"width": 375, "height": 812}, reduced_motion="reduce")
    phone = visitor.new_page()
    phone.goto(live_server + "/gallery")
    phone.get_by_text(title).first.click()
    sync_api.expect(phone.locator("[data-title]")).to_have_text(title)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375  # nothing overflows sideways
    phone.screenshot(path=str(ARTIFACTS / "gallery-phone.png"), full_page=True)
    phone.goto(live_server + "/gallery")
    phone.screenshot(path=str(ARTIFACTS / "gallery.png"), full_page=True)
    visitor.close()
    maker.close()
