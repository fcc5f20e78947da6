"""ETags and conditional GET, for every route that has them.

Every ETag has one shape, `etag(kind, *parts)`: a short kind ("r" a pitch's status, "page-r" its page,
"m" its meeting, "p"/"t" a poster or thumbnail version, "v" a partial preview, "card-" and "poster-" a
kept PNG) followed by the numbers it is made of, joined by dots.

Two ways to answer, chosen by what the bench shows (docs/PERFORMANCE.md):
- `revalidated`, for the routes polled several times a second (the status JSON, the page, the meeting,
  a group): the ETag is known before the body, so a match answers 304 without building the body.
- `conditional`, for bytes already in hand (posters, PNGs): Flask's own `make_conditional`.
- `VersionedRevalidation`, WSGI middleware in front of Flask for versioned poster URLs, whose bytes never
  change: a matching If-None-Match there depends on nothing but the request, so it is answered before the
  app builds a request context, opens a session and runs its hooks, which cost several times the answer
  itself (docs/PERFORMANCE.md, the poster revalidation).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Response, request
from werkzeug.http import parse_etags

from .security import headers_for

# Versioned URLs never change, so browsers and proxies may keep them for a year.
IMMUTABLE = "public, max-age=31536000, immutable"
# The versioned poster and thumbnail routes (pages.poster_version and pages.thumb_version).
VERSIONED = re.compile(r"/p/[A-Za-z0-9_-]+/(poster|thumb)/([0-9]+)\.webp")


def etag(kind: str, *parts: object) -> str:
    """The ETag of a `kind` of resource made of `parts`: etag("m", 3, 2, 7) is "m3.2.7"."""
    return kind + ".".join(str(part) for part in parts)


def version_etag(kind: str, version: int) -> str:
    """The ETag of a poster ("p") or thumbnail ("t") version, at its versioned URL and its current one."""
    return f"{kind}{version}"  # etag(kind, version) written out: the middleware's hot path (docs/PERFORMANCE.md)


def revalidated(
    tag: str, build: Callable[[], Response], *, weak: bool = False, cache_control: str = "no-cache"
) -> Response:
    """304 when the client already has `tag`, else what `build` makes (tagged `tag` unless it tags itself)."""
    # If-None-Match compares weakly (RFC 9110), and only the ETag can match here (no dates, no ranges).
    if request.if_none_match.contains_weak(tag):
        response = Response(status=304)
    else:
        response = build()
    if not response.get_etag()[0]:
        response.set_etag(tag, weak=weak)
    response.headers["Cache-Control"] = cache_control
    return response


def conditional(body: bytes, mimetype: str, tag: str, cache_control: str) -> Response:
    """Bytes with their ETag and Cache-Control, or 304 when the client has them (Flask's make_conditional)."""
    response = Response(body, mimetype=mimetype)
    response.set_etag(tag)
    response.headers["Cache-Control"] = cache_control
    return response.make_conditional(request)


class VersionedRevalidation:
    """WSGI middleware: 304 for a versioned poster or thumbnail whose ETag the client already has."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        if if_none_match and environ["REQUEST_METHOD"] in ("GET", "HEAD"):
            match = VERSIONED.fullmatch(environ.get("PATH_INFO", ""))
            if match:
                tag = version_etag(match[1][0], int(match[2]))
                if tag in parse_etags(if_none_match):
                    https = environ.get("wsgi.url_scheme") == "https"
                    start_response(
                        "304 Not Modified",
                        [
                            ("ETag", f'"{tag}"'),
                            ("Cache-Control", IMMUTABLE),
                            *headers_for(https),
                        ],
                    )
                    return []
        return self.app(environ, start_response)
