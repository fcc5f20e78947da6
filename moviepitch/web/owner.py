"""The owner cookie: a long-lived, signed id that says which browser made which pitch."""

from __future__ import annotations

import secrets
from functools import lru_cache

from flask import Flask, current_app, g, request
from itsdangerous import BadSignature, URLSafeSerializer

COOKIE = "moviepitch_owner"
MAX_AGE = 2 * 365 * 24 * 3600


def _serializer() -> URLSafeSerializer:
    return _serializer_for(current_app.secret_key)


@lru_cache(maxsize=4)
def _serializer_for(secret_key) -> URLSafeSerializer:
    # Built once per key rather than on every request that reads the cookie.
    return URLSafeSerializer(secret_key, salt="moviepitch-owner")


def signed(owner_id: str) -> str:
    """The cookie value that proves this owner id."""
    return _serializer().dumps(owner_id)


def bearer_token() -> str | None:
    """The token of an `Authorization: Bearer …` header, if the request has one."""
    kind, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() or None if kind.lower() == "bearer" else None


def current_owner() -> str | None:
    """The owner id of this request: from its bearer token (API clients) or its cookie (browsers)."""
    if "owner_id" not in g:
        token = bearer_token() or request.cookies.get(COOKIE)
        try:
            # Most visitors own nothing: no token, nothing to verify.
            g.owner_id = _serializer().loads(token) if token else None
        except BadSignature:
            g.owner_id = None
    return g.owner_id


def ensure_owner() -> str:
    """This browser's owner id, creating one (and its cookie) when it has none."""
    owner_id = current_owner()
    if owner_id is None:
        owner_id = g.owner_id = secrets.token_urlsafe(18)
        g.set_owner_cookie = True
    return owner_id


def owns(view) -> bool:
    """True when this browser (or API client) is one of the pitch's owners."""
    mine = current_owner()
    return mine is not None and any(secrets.compare_digest(mine, owner_id) for owner_id in view.owner_ids)


def made(view) -> bool:
    """True when this browser (or API client) made the pitch, rather than joined it through the edit link."""
    mine = current_owner()
    return mine is not None and secrets.compare_digest(mine, view.owner_id)


# (what the User-Agent says, what to call it), first match wins: enough to tell two browsers apart.
BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari"))
SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def browser_label(user_agent: str | None) -> str:
    """A rough, human name for a browser ("Firefox on Linux"), so an owner can tell co-owners apart."""
    agent = user_agent or ""
    browser = next((name for token, name in BROWSERS if token in agent), "A browser")
    system = next((name for token, name in SYSTEMS if token in agent), None)
    return f"{browser} on {system}" if system else browser


def register_owner(app: Flask) -> None:
    """Set the cookie on the response of the request that created the owner."""

    @app.after_request
    def set_owner_cookie(response):
        if g.get("set_owner_cookie"):
            response.set_cookie(
                COOKIE,
                signed(g.owner_id),
                max_age=MAX_AGE,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure,
            )
        return response
