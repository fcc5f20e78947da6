"""web/http_cache.py: one ETag shape, and the conditional answers every route uses."""

from __future__ import annotations

import pytest
from flask import Response, url_for

from moviepitch.web.http_cache import IMMUTABLE, VERSIONED, conditional, etag, revalidated, version_etag


@pytest.mark.parametrize(
    ("kind", "parts", "expected"),
    [
        ("r", (7,), "r7"),
        ("page-r", (7,), "page-r7"),
        ("m", (3, 2, 9), "m3.2.9"),
        ("card-", ("1-2-3",), "card-1-2-3"),
    ],
)
def test_every_etag_is_a_kind_and_its_parts(kind, parts, expected):
    assert etag(kind, *parts) == expected


@pytest.mark.parametrize(
    ("sent", "weak", "status"),
    [
        (None, False, 200),
        ('"r7"', False, 304),
        ('W/"r7"', False, 304),  # If-None-Match compares weakly
        ('"r6"', False, 200),
        ('W/"r7"', True, 304),
        ('"a", "r7"', True, 304),
    ],
)
def test_revalidated_builds_the_body_only_when_the_client_lacks_it(app, sent, weak, status):
    built = []

    def build():
        built.append(1)
        return Response("body")

    headers = {"If-None-Match": sent} if sent else {}
    with app.test_request_context(headers=headers):
        response = revalidated("r7", build, weak=weak)
    assert response.status_code == status and len(built) == (status == 200)
    assert response.get_etag() == ("r7", weak) and response.headers["Cache-Control"] == "no-cache"


def test_revalidated_keeps_an_etag_the_body_set_itself(app):
    def build():
        response = Response("newer")
        response.set_etag("r8")
        return response

    with app.test_request_context(headers={"If-None-Match": '"r6"'}):
        assert revalidated("r7", build).get_etag() == ("r8", False)


@pytest.mark.parametrize(("sent", "status"), [(None, 200), ('"p1"', 304), ('"p2"', 200)])
def test_conditional_bytes_use_flasks_make_conditional(app, sent, status):
    with app.test_request_context(headers={"If-None-Match": sent} if sent else {}):
        response = conditional(b"webp", "image/webp", "p1", IMMUTABLE)
    assert response.status_code == status and response.headers["Cache-Control"] == IMMUTABLE
    assert response.get_etag() == ("p1", False)


@pytest.mark.parametrize(("kind", "version"), [("p", 1), ("t", 12)])
def test_a_version_etag_has_the_one_shape(kind, version):
    assert version_etag(kind, version) == etag(kind, version)


@pytest.mark.parametrize(("endpoint", "kind"), [("pages.poster_version", "p"), ("pages.thumb_version", "t")])
def test_the_middlewares_pattern_is_the_url_maps(app, endpoint, kind):
    # VERSIONED copies these routes' URLs outside the URL map: a route that moves must take it along.
    with app.test_request_context():
        path = url_for(endpoint, slug="a-B_9", version=12)
    match = VERSIONED.fullmatch(path)
    assert match and version_etag(match[1][0], int(match[2])) == version_etag(kind, 12)
