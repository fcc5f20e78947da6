"""The pitch meeting in a real browser (Debian's chromium through playwright), at 1280 and 375 px, checked by
axe-core: an owner turns a thriller into a heist comedy in two messages, applies it, compares the versions,
undoes it, changes one sentence by selecting it, and finds the meeting where it was on another browser.

The chain is the offline writer; the Movie Boss is scripted (tests/meeting_script.py) until the offline writer
answers meeting turns itself."""

from __future__ import annotations

import re
import time

import meeting_script
import pytest
from test_browser import (  # noqa: F401 (the browser fixture)
    DESKTOP,
    PHONE,
    HeldWriter,
    Person,
    accessible,
    browser,
    create,
    expect,
    serving,
    shot,
    wait_until_finished,
)

from moviepitch.providers import TextResult

pytestmark = pytest.mark.browser
THRILLER = "A detective hunts a killer through a city where it never stops raining."
STREAM_PIECES = 12
STREAM_PAUSE = 0.1  # seconds between pieces: the page sees the reply being written


class MeetingWriter(HeldWriter):
    """The held offline writer for the chain; the scripted Movie Boss, streamed slowly, for meeting turns."""

    def text(self, request, on_delta=None):
        if request.task != "meeting":
            return super().text(request, on_delta)
        answer = meeting_script.answer(request)
        step = max(1, len(answer) // STREAM_PIECES)
        for end in range(step, len(answer), step):
            if on_delta:
                on_delta(answer[:end])
            time.sleep(STREAM_PAUSE)
        return TextResult(answer, self.text_model)


@pytest.fixture
def meeting_server(tmp_path):
    with serving(tmp_path, MeetingWriter()) as served:
        yield served


def send(page, message: str, button: str = "Send") -> int:
    """Type a message and send it; the id of the boss's answer, once the page shows it whole."""
    before = page.locator(".meeting-message").count()
    page.get_by_label("Your message to the Movie Boss").fill(message)
    page.get_by_role("button", name=button, exact=True).click()
    answer = page.locator(".meeting-message").nth(before + 1)
    expect(answer).to_have_class(re.compile(r"\bstate-done\b"), timeout=30_000)
    return int(answer.get_attribute("id").removeprefix("message-"))


def synopsis_of(page) -> str:
    return page.locator("[data-synopsis]").inner_text()


def test_a_thriller_becomes_a_heist_comedy_and_back(meeting_server, browser):
    base, _ = meeting_server
    owner = Person(browser, base, DESKTOP)
    page = owner.page
    permalink = create(owner, THRILLER)
    wait_until_finished(page, owner=True)
    thriller = synopsis_of(page)
    title = page.locator("[data-title]").inner_text()

    page.get_by_text("Talk it over with the Movie Boss").click()
    expect(page.get_by_label("Your message to the Movie Boss")).to_be_visible()
    send(page, "What do you make of the detective?")
    expect(page.locator(".meeting-message.from-boss").first).to_contain_text("Tell me more")

    # The second message: the reply shows while it is written, then the proposal card with its diff.
    page.get_by_label("Your message to the Movie Boss").fill("Make it a heist comedy")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".meeting-words.is-writing").last).to_contain_text("A heist", timeout=10_000)
    shot(page, "desktop-meeting-writing", full_page=False)
    card = page.locator(".proposal").last
    expect(card).to_be_visible(timeout=30_000)
    expect(card.locator("ins").first).to_contain_text(meeting_script.HEIST_TITLE.split()[-1])
    expect(card.locator("ins").nth(1)).to_contain_text("bunglers")
    card.scroll_into_view_if_needed()
    shot(page, "desktop-meeting-proposal", full_page=False)
    accessible(page, "the pitch meeting with a proposal, owner, desktop")

    card.get_by_role("button", name="Apply", exact=True).click()
    wait_until_finished(page, owner=True)
    expect(page.locator("[data-title]")).to_have_text(meeting_script.HEIST_TITLE)
    assert synopsis_of(page).startswith(meeting_script.HEIST_OPENING)
    # The synopsis stepper: version 2 of 2, from the meeting, compared with version 1.
    stepper = page.locator("#versions-synopsis")
    expect(stepper.locator(".stepper-where")).to_have_text("Version 2 of 2")
    stepper.get_by_text("Compare with version 1").click()
    expect(stepper.locator(".diff ins").first).to_contain_text("bunglers")
    expect(stepper.get_by_role("link", name="“Make it a heist comedy”")).to_be_visible()
    stepper.scroll_into_view_if_needed()
    shot(page, "desktop-meeting-versions", full_page=False)
    stepper.get_by_role("button", name="‹ Older").click()
    expect(stepper.locator(".stepper-where")).to_have_text("Version 1 of 2")
    accessible(page, "the finished pitch with its versions, owner, desktop")

    # Undo, in one click: the thriller is back, title and all.
    page.get_by_role("button", name="Undo this change").click()
    expect(page.locator("[data-title]")).to_have_text(title)
    assert synopsis_of(page) == thriller

    # Select a sentence of the synopsis and change just that.
    second = page.evaluate("""() => {
        const para = document.querySelector('[data-synopsis] p');
        const text = para.firstChild, whole = text.textContent, start = whole.indexOf('. ') + 2;
        const end = whole.indexOf('.', start) + 1;
        const range = document.createRange();
        range.setStart(text, start + 2); range.setEnd(text, end - 3);
        getSelection().removeAllRanges(); getSelection().addRange(range);
        return whole.slice(start, end);
    }""")
    bar = page.locator("[data-passage-bar]")
    expect(bar).to_be_visible()
    bar.get_by_role("button", name="Change this").click()
    # The chip shows the whole sentence the selection touched, as the server will read it.
    expect(page.locator("[data-meeting-about-text]")).to_have_text(second)
    shot(page, "desktop-meeting-passage", full_page=False)
    send(page, "Make this darker")
    page.locator(".proposal").last.get_by_role("button", name="Apply", exact=True).click()
    wait_until_finished(page, owner=True)
    assert synopsis_of(page) == thriller.replace(second, meeting_script.DARKER)

    # On a phone, the same owner finds the meeting where it was.
    phone = owner.elsewhere(browser, PHONE)
    phone.goto(permalink + "#meeting")
    expect(phone.page.locator(".meeting-message")).to_have_count(6)
    phone.page.locator("#meeting").scroll_into_view_if_needed()
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(phone.page, "phone-meeting", full_page=False)
    shot(phone.page, "phone-meeting-full")
    accessible(phone.page, "the pitch meeting, owner, phone")

    # Another browser, made an owner through the edit link, comes back to the meeting where it was.
    page.get_by_role("button", name="Make a new edit link").click()
    # The form posts and the page comes back with the link: wait for it rather than read the page before.
    expect(page.locator("[data-edit-link]")).to_contain_text("/edit/")
    edit_url = page.locator("[data-edit-link]").inner_text().strip()
    other = Person(browser, base, PHONE)
    other.goto(edit_url)
    other.page.get_by_role("button", name="Yes, make this browser an owner").click()
    other.page.wait_for_url(permalink + "*")
    other.page.get_by_text("Talk it over with the Movie Boss").click()
    expect(other.page.locator(".meeting-message")).to_have_count(6)
    expect(other.page.locator(".meeting-message").nth(2)).to_contain_text("Make it a heist comedy")

    # A visitor sees the pitch as the owner chose it, and no meeting.
    visitor = Person(browser, base, PHONE)
    visitor.goto(permalink)
    assert visitor.page.locator("#meeting, [data-passage-bar], [data-stepper]").count() == 0
    assert meeting_script.DARKER in synopsis_of(visitor.page)
    for person in (visitor, other, phone, owner):
        person.close()
