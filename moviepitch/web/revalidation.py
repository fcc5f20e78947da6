"""Revalidations of versioned poster URLs, answered in front of Flask.

The bytes behind /p/<slug>/poster/<n>.webp (and thumb/<n>.webp) never change, so a browser or
proxy that sends the URL's ETag back gets a 304 without any lookup. That answer depends on nothing
but the request, so it is given here, before the app builds a request context, opens a session and
runs its hooks, which cost several times the answer itself. Everything else passes through.
"""

from __future__ import annotations

import re

from werkzeug.http import parse_etags

from .security import headers_for

# Versioned poster URLs never change, so browsers and proxies may keep them for a year.
IMMUTABLE = "public, max-age=31536000, immutable"
VERSIONED = re.compile(r"/p/[A-Za-z0-9_-]+/(poster|thumb)/([0-9]+)\.webp")


def version_etag(kind: str, version: int) -> str:
    """The ETag of a poster ("p") or thumbnail ("t") version, at its versioned URL and its current one."""
    return f"{kind}{version}"


class VersionedRevalidation:
    """WSGI middleware: 304 for a versioned poster or thumbnail whose ETag the client already has."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        if if_none_match and environ["REQUEST_METHOD"] in ("GET", "HEAD"):
            match = VERSIONED.fullmatch(environ.get("PATH_INFO", ""))
            if match:
                etag = version_etag(match[1][0], int(match[2]))
                if etag in parse_etags(if_none_match):
                    https = environ.get("wsgi.url_scheme") == "https"
                    start_response("304 Not Modified", [
                        ("ETag", f'"{etag}"'), ("Cache-Control", IMMUTABLE), *headers_for(https),
                    ])
                    return []
        return self.app(environ, start_response)
