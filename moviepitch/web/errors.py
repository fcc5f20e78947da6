"""Friendly error pages, JSON errors for the API, and never a stack trace."""

from __future__ import annotations

import logging
import math
import time

from flask import Flask, jsonify, render_template, request
from flask_limiter import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from ..jobs import Busy
from ..storage.budget import OverBudget, seconds_until_tomorrow
from .forms import IdeaForm

log = logging.getLogger(__name__)

# How soon to ask again when every writer is busy: a writer is free as soon as any pitch finishes.
RETRY_AFTER_SECONDS = 10

MESSAGES = {
    400: ("That request did not make sense", "Something in it was missing or malformed. Go back and try again."),
    401: ("Who is asking?", "That owner token is not valid."),
    403: ("That is not yours to change", "Only the browser that made this pitch can change it."),
    404: ("No such pitch", "This link does not lead to a pitch. It may have been mistyped."),
    405: ("Not like that", "That page cannot be used this way."),
    409: ("Not right now", "This pitch is not in a state where that can be done."),
    410: ("This pitch is gone", "Its owner deleted it."),
    413: ("That is too much", "The request was larger than we accept."),
    415: ("Send JSON", "This endpoint takes application/json."),
    422: ("Please check what you typed", "Some of it could not be used."),
    429: ("Slow down a little", "Too many requests. Try again in a moment."),
    500: ("Something went wrong on our side", "It is not your fault. Try again in a moment."),
    503: ("We are busy", "Every writer is working on a pitch. Try again in a moment."),
}


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def error_response(code: int, detail: str | None = None, *, title: str | None = None):
    """An error as JSON for the API, or as the friendly page for people."""
    default_title, text = MESSAGES.get(code, (f"Error {code}", ""))
    title = title or default_title
    if _wants_json():
        return jsonify({"error": {"status": code, "title": title, "message": detail or text}}), code
    return render_template("error.html", code=code, title=title, text=detail or text), code


def retry_after(code: int) -> dict[str, str]:
    """The Retry-After of a refusal: soon after a 503 (every writer busy), tomorrow after a 429 (budget spent)."""
    if code == 503:
        return {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if code == 429:
        return {"Retry-After": str(seconds_until_tomorrow())}
    return {}


def refusal_status(error: Busy | OverBudget) -> int:
    """The status of new work that does not fit now: 503 when the writers are busy, 429 when today's budget is spent."""
    return 503 if isinstance(error, Busy) else 429


def refused(code: int, detail: str | None = None):
    """error_response with the Retry-After that goes with its status."""
    return (*error_response(code, detail), retry_after(code))


def not_now(error: Busy | OverBudget):
    """Busy or OverBudget raised by a view: 503 or 429, with when to try again."""
    return refused(refusal_status(error), getattr(error, "message", None))


def in_words(seconds: float) -> str:
    """A wait in plain words: "42 seconds", "3 minutes", "5 hours"."""
    seconds = max(1, math.ceil(seconds))
    for unit, size in (("hour", 3600), ("minute", 60)):
        if seconds >= size * 2 or (unit == "minute" and seconds >= 90):
            count = round(seconds / size)
            return f"{count} {unit}s"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


def retry_after_limit() -> int:
    """Seconds until the limit this request broke lets it through again."""
    from .extensions import limiter

    limit = limiter.current_limit
    return max(1, math.ceil(limit.window.reset_time - time.time())) if limit else 60


def rate_limited(error: RateLimitExceeded):
    """429: when to try again, in words and in Retry-After; the idea form keeps what was typed."""
    wait = retry_after_limit()
    when = f"Try again in {in_words(wait)}."
    if request.endpoint == "pages.index":
        form = IdeaForm(formdata=request.form)  # what was sent, idea and settings alike, to send again
        page = render_template("index.html", form=form, rate_limited=when)
        response = (page, 429)
    else:
        response = error_response(429, f"Too many requests from your address. {when}")
    return (*response, {"Retry-After": str(wait)})


def register_errorhandlers(app: Flask) -> None:
    """Route every error to a friendly page or a JSON body."""

    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        if request.endpoint == "pages.index" and request.method == "POST":
            # An expired form keeps what the person typed; only the token is new.
            form = IdeaForm(formdata=request.form)
            note = "This form had expired, so nothing was sent. Your idea is still here: submit it again."
            return render_template("index.html", form=form, csrf_note=note), 400
        return error_response(400, "The form had expired. Reload the page and try again.")

    app.register_error_handler(RateLimitExceeded, rate_limited)
    app.register_error_handler(Busy, not_now)
    app.register_error_handler(OverBudget, not_now)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return error_response(error.code or 500)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        if isinstance(error, HTTPException):
            return http_error(error)
        log.exception("Unhandled error on %s %s", request.method, request.path)
        return error_response(InternalServerError.code)
