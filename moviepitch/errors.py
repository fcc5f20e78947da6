"""Friendly error pages, JSON errors for the API, and never a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .forms import IdeaForm

log = logging.getLogger(__name__)

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


def error_response(code: int, detail: str | None = None):
    """An error as JSON for the API, or as the friendly page for people."""
    title, text = MESSAGES.get(code, (f"Error {code}", ""))
    if _wants_json():
        return jsonify({"error": {"status": code, "title": title, "message": detail or text}}), code
    return render_template("error.html", code=code, title=title, text=detail or text), code


def register_errorhandlers(app: Flask) -> None:
    """Route every error to a friendly page or a JSON body."""

    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        if request.endpoint == "pages.index" and request.method == "POST":
            # An expired form keeps what the person typed; only the token is new.
            form = IdeaForm(formdata=None, idea=request.form.get("idea", ""))
            note = "This form had expired, so nothing was sent. Your idea is still here: submit it again."
            return render_template("index.html", form=form, csrf_note=note), 400
        return error_response(400, "The form had expired. Reload the page and try again.")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return error_response(error.code or 500)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        if isinstance(error, HTTPException):
            return http_error(error)
        log.exception("Unhandled error on %s %s", request.method, request.path)
        return error_response(InternalServerError.code)
