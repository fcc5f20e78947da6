"""Sharing: my pitches, ownership by edit link, visibility, the gallery, reports, exports, deletion."""

from __future__ import annotations

import io
import re

import pytest
from helpers import csrf_token, drain, submit_idea
from PIL import Image

IDEAS = [
    "A ghost haunts a house and is terrified of the new family that moves in.",
    "A cowboy wakes up in modern-day Tokyo.",
    "A knitting club becomes the world's most wanted gang of thieves.",
]


def create(client, app, idea=IDEAS[0]) -> str:
    response = submit_idea(client, idea)
    assert response.status_code == 303
    drain(app)
    return response.headers["Location"].rsplit("/", 1)[-1]


def post(client, path, **data):
    return client.post(path, data={"csrf_token": csrf_token(client), **data})


def test_my_pitches_lists_this_browsers_pitches_newest_first(client, app):
    slugs = [create(client, app, idea) for idea in IDEAS]
    html = client.get("/mine").get_data(as_text=True)
    positions = [html.index(f"/p/{slug}") for slug in reversed(slugs)]
    assert positions == sorted(positions)
    assert "/thumb/1.webp" in html and "done" in html
    assert "/p/" not in app.test_client().get("/mine").get_data(as_text=True).split("<main")[1]


def test_my_pitches_pages(client, app):
    store = app.extensions["moviepitch"].store
    owner = _owner_of(client, app, create(client, app))
    for n in range(13):
        store.create_pitch(f"Idea number {n}", owner, "offline", {})
    first, more = store.mine(owner, page=1)
    second, more_after = store.mine(owner, page=2)
    assert len(first) == 12 and more and len(second) == 2 and not more_after
    assert 'rel="next"' in client.get("/mine").get_data(as_text=True)
    assert client.get("/mine?page=0").status_code == 400


def _owner_of(client, app, slug):
    return app.extensions["moviepitch"].store.view(slug).owner_id


def test_the_edit_link_is_shown_once_and_makes_another_browser_an_owner(client, app):
    slug = create(client, app)
    page = client.get(f"/p/{slug}").get_data(as_text=True)
    link = re.search(r"data-edit-link>([^<]+)<", page)
    assert link, "the edit link is shown right after creating"
    url = link.group(1)
    assert f"/p/{slug}/edit/" in url
    assert "data-edit-link" not in client.get(f"/p/{slug}").get_data(as_text=True)  # once

    other = app.test_client()
    assert post(other, f"/p/{slug}/publish").status_code == 403
    path = url.replace("http://localhost", "")
    confirm = other.get(path)  # opening the link asks first, and changes nothing
    assert confirm.status_code == 200 and "Own " in confirm.get_data(as_text=True)
    assert post(other, f"/p/{slug}/publish").status_code == 403
    assert post(other, path).status_code == 303
    assert post(other, f"/p/{slug}/publish").status_code == 303
    assert f"/p/{slug}" in other.get("/mine").get_data(as_text=True)

    # Asking again makes a new link; the old one stops working.
    assert post(client, f"/p/{slug}/edit-link").status_code == 303
    assert "data-edit-link" in client.get(f"/p/{slug}").get_data(as_text=True)
    assert app.test_client().get(url.replace("http://localhost", "")).status_code == 404


def test_only_a_hash_of_the_edit_link_is_stored(client, app):
    slug = create(client, app)
    page = client.get(f"/p/{slug}").get_data(as_text=True)
    secret = re.search(rf"/p/{slug}/edit/([\w-]+)", page).group(1)
    with app.extensions["moviepitch"].store.engine.connect() as connection:
        row = connection.exec_driver_sql("SELECT edit_hash FROM pitches").scalar()
    assert secret not in row and len(row) == 64


def test_a_new_pitch_is_unlisted_and_noindex_until_published(client, app):
    slug = create(client, app)
    assert '<meta name="robots" content="noindex">' in client.get(f"/p/{slug}").get_data(as_text=True)
    assert slug not in client.get("/gallery").get_data(as_text=True)

    assert post(client, f"/p/{slug}/publish").status_code == 303
    page = client.get(f"/p/{slug}").get_data(as_text=True)
    assert "noindex" not in page
    assert f"/p/{slug}" in client.get("/gallery").get_data(as_text=True)
    assert f"/p/{slug}" in client.get("/").get_data(as_text=True)  # the home page shows the latest

    assert post(client, f"/p/{slug}/unpublish").status_code == 303
    assert slug not in client.get("/gallery").get_data(as_text=True)
    assert client.get(f"/p/{slug}").status_code == 200  # the link still works


def test_the_gallery_pages_by_keyset_and_new_pitches_never_shift_a_page(app):
    store = app.extensions["moviepitch"].store
    ids = []
    for n in range(30):
        slug = store.create_pitch(f"Idea {n}", "o", "offline", {})
        pitch_id = store.pitch_id(slug)
        store.finish(pitch_id, "done")
        assert store.publish(pitch_id, True)
        ids.append(slug)
    first, cursor = store.gallery(limit=12)
    assert [c.slug for c in first] == ids[::-1][:12]

    # Ten more published between page 1 and page 2.
    for n in range(10):
        slug = store.create_pitch(f"Later idea {n}", "o", "offline", {})
        store.finish(store.pitch_id(slug), "done")
        store.publish(store.pitch_id(slug), True)

    second, cursor = store.gallery(before=cursor, limit=12)
    third, last = store.gallery(before=cursor, limit=12)
    assert [c.slug for c in second] == ids[::-1][12:24]
    assert [c.slug for c in third] == ids[::-1][24:] and last is None


def test_the_gallery_cursor_round_trips_through_the_page(client, app):
    store = app.extensions["moviepitch"].store
    for n in range(14):
        slug = store.create_pitch(f"Idea {n}", "o", "offline", {})
        store.finish(store.pitch_id(slug), "done")
        store.publish(store.pitch_id(slug), True)
    page = client.get("/gallery").get_data(as_text=True)
    older = re.search(r'href="(/gallery\?before=[^"]+)" rel="next"', page).group(1)
    assert client.get(older.replace("&amp;", "&")).get_data(as_text=True).count('class="pitch-card"') == 2
    assert client.get("/gallery?before=not-a-cursor").status_code == 400


def test_an_unfinished_pitch_cannot_be_published(app):
    store = app.extensions["moviepitch"].store
    slug = store.create_pitch("An idea", "o", "offline", {})
    assert not store.publish(store.pitch_id(slug), True)


def test_reports_are_counted_once_per_reporter_and_rate_limited(client, app, runner):
    slug = create(client, app)
    post(client, f"/p/{slug}/publish")
    reader = app.test_client()
    assert post(reader, f"/p/{slug}/report", reason="Not a movie").status_code == 303
    assert post(reader, f"/p/{slug}/report", reason="Again").status_code == 303
    result = runner.invoke(args=["pitches", "reported"])
    assert f"1 report(s)  /p/{slug}" in result.output

    limited = [post(reader, f"/p/{slug}/report").status_code for _ in range(6)]
    assert 429 in limited
    assert "Slow down" in post(reader, f"/p/{slug}/report").get_data(as_text=True)

    assert runner.invoke(args=["pitches", "hide", slug]).exit_code == 0
    assert slug not in client.get("/gallery").get_data(as_text=True)
    assert "(hidden)" in runner.invoke(args=["pitches", "reported"]).output
    assert runner.invoke(args=["pitches", "hide", "nope"]).exit_code == 1


def test_an_unpublished_pitch_cannot_be_reported(client, app):
    slug = create(client, app)
    assert post(app.test_client(), f"/p/{slug}/report").status_code == 409


def test_delete_asks_first_then_leaves_a_tombstone(client, app):
    slug = create(client, app)
    assert "cannot be undone" in client.get(f"/p/{slug}/delete").get_data(as_text=True)
    assert post(app.test_client(), f"/p/{slug}/delete").status_code == 403
    assert post(client, f"/p/{slug}/delete").status_code == 303

    page = client.get(f"/p/{slug}")
    assert page.status_code == 410 and "This pitch is gone" in page.get_data(as_text=True)
    assert client.get(f"/api/pitches/{slug}").status_code == 410
    assert client.get(f"/p/{slug}/poster.webp").status_code == 404
    assert client.get(f"/p/{slug}/card.png").status_code == 410
    view = app.extensions["moviepitch"].store.view(slug)
    assert view.idea == "" and view.outputs == {} and view.deleted_at is not None
    assert f"/p/{slug}" not in client.get("/mine").get_data(as_text=True)


def test_the_card_is_1200_by_630_and_cached_by_version(client, app):
    slug = create(client, app)
    page = client.get(f"/p/{slug}").get_data(as_text=True)
    card_url = re.search(r'<meta property="og:image" content="([^"]+)">', page).group(1)
    assert card_url == f"http://localhost/p/{slug}/card/1-1-1.png"
    assert f'<meta name="twitter:image" content="{card_url}">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert f'<link rel="canonical" href="http://localhost/p/{slug}">' in page
    assert re.search(r'<meta property="og:description" content="[^"]{20,}">', page)

    card = client.get(card_url.replace("http://localhost", ""))
    assert card.status_code == 200 and card.mimetype == "image/png"
    assert Image.open(io.BytesIO(card.data)).size == (1200, 630)
    assert "max-age" in card.headers["Cache-Control"]
    again = client.get(card_url.replace("http://localhost", ""), headers={"If-None-Match": card.headers["ETag"]})
    assert again.status_code == 304
    # The bare URL leads to the card of the versions on show.
    bare = client.get(f"/p/{slug}/card.png")
    assert bare.status_code == 302 and bare.headers["Location"] == f"/p/{slug}/card/1-1-1.png"

    post(client, f"/p/{slug}/regenerate/title")
    drain(app)
    assert f"/p/{slug}/card/1-2-1.png" in client.get(f"/p/{slug}").get_data(as_text=True)
    # The old card was kept (a shared link may still show it); one never drawn leads to the current one.
    assert client.get(f"/p/{slug}/card/1-1-1.png").data == card.data
    assert client.get(f"/p/{slug}/card/7-7-7.png").headers["Location"] == f"/p/{slug}/card.png"


def test_markdown_and_json_exports(client, app):
    slug = create(client, app, IDEAS[1])
    doc = client.get(f"/api/pitches/{slug}").get_json()
    md = client.get(f"/p/{slug}.md")
    text = md.get_data(as_text=True)
    assert md.mimetype == "text/markdown" and "attachment" in md.headers["Content-Disposition"]
    assert text.startswith(f"# {doc['outputs']['title']}")
    assert doc["outputs"]["cast"][0]["actor"] in text and f"http://localhost/p/{slug}" in text
    exported = client.get(f"/p/{slug}.json").get_json()
    assert exported["outputs"] == doc["outputs"]
    assert exported["permalink"] == f"http://localhost/p/{slug}"


def test_the_poster_downloads_as_a_png_named_after_the_title(client, app):
    slug = create(client, app)
    title = client.get(f"/api/pitches/{slug}").get_json()["outputs"]["title"]
    bare = client.get(f"/p/{slug}/poster.png")
    assert bare.status_code == 302 and bare.headers["Location"] == f"/p/{slug}/poster/1.png"
    download = client.get(f"/p/{slug}/poster/1.png")
    assert download.mimetype == "image/png" and "immutable" in download.headers["Cache-Control"]
    assert Image.open(io.BytesIO(download.data)).size == (1024, 1536)
    name = re.search(r'filename="([^"]+)"', download.headers["Content-Disposition"]).group(1)
    assert name.endswith(".png") and name[:-4] == re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


@pytest.mark.parametrize("path", ["/", "/gallery", "/mine", "/p/{slug}", "/p/{slug}/delete"])
def test_every_page_has_a_title_and_description(client, app, path):
    slug = create(client, app)
    html = client.get(path.format(slug=slug)).get_data(as_text=True)
    assert re.search(r"<title>[^<]{5,}</title>", html)
    assert re.search(r'<meta name="description" content="[^"]{10,}">', html)


def test_publishing_asks_first_and_gives_the_link_to_share(client, app):
    slug = create(client, app)
    assert f'href="/p/{slug}/publish"' in client.get(f"/p/{slug}").get_data(as_text=True)
    assert app.test_client().get(f"/p/{slug}/publish").status_code == 403
    ask = client.get(f"/p/{slug}/publish")
    html = ask.get_data(as_text=True)
    assert ask.status_code == 200 and "Publish “" in html
    assert f'value="http://localhost/p/{slug}"' in html and 'data-copy="permalink"' in html
    assert slug not in client.get("/gallery").get_data(as_text=True)  # asking changed nothing

    done = post(client, f"/p/{slug}/publish")
    assert done.status_code == 303
    assert "Published: it is in the gallery now" in client.get(f"/p/{slug}").get_data(as_text=True)
    # Once published, asking again just leads back to the pitch.
    again = client.get(f"/p/{slug}/publish")
    assert again.status_code == 303 and again.headers["Location"].endswith(f"/p/{slug}")


def test_an_unfinished_pitch_is_not_offered_for_publishing(client, app):
    store = app.extensions["moviepitch"].store
    owner = _owner_of(client, app, create(client, app))
    queued = store.create_pitch("Still waiting for a writer.", owner, "offline", {})
    page = client.get(f"/p/{queued}").get_data(as_text=True)
    assert f"/p/{queued}/publish" not in page
    ask = client.get(f"/p/{queued}/publish")
    assert ask.status_code == 303
    assert "Only a finished pitch can go in the gallery." in client.get(f"/p/{queued}").get_data(as_text=True)


def test_a_new_edit_link_opens_where_it_is_shown(client, app):
    slug = create(client, app)
    client.get(f"/p/{slug}")  # the link made with the pitch is shown once
    asked = post(client, f"/p/{slug}/edit-link")
    assert asked.status_code == 303 and asked.headers["Location"].endswith(f"/p/{slug}#edit-link")
    page = client.get(f"/p/{slug}").get_data(as_text=True)
    assert re.search(r'<code id="edit-link" data-edit-link>http://localhost/p/[^<]+/edit/[^<]+</code>', page)
    assert 'data-copy="edit-link"' in page
