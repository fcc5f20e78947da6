"""Bounds on what a request may carry, checked before any view or query sees it.

Anyone can send any URL or body, so a value the database cannot hold (an integer past its
column, NUL in a string for PostgreSQL) or a body that exhausts the parser (JSON nested thousands
deep) must end as a 404 or 400, not as a 500 and a traceback in the log on every request.
"""

from __future__ import annotations

from flask import Flask
from flask.json.provider import DefaultJSONProvider
from werkzeug.routing import IntegerConverter, UnicodeConverter

# The largest value of an Integer column on every database we run on (PostgreSQL's int4).
LARGEST_ID = 2**31 - 1


class UrlWord(UnicodeConverter):
    """A path segment in the URL-safe alphabet, as every slug, part, handle and secret is."""

    regex = r"[A-Za-z0-9_-]{1,64}"


class ColumnInteger(IntegerConverter):
    """A whole number an Integer column can hold; anything larger is simply not found."""

    def __init__(
        self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = LARGEST_ID, signed: bool = False
    ) -> None:
        super().__init__(map, fixed_digits, min, max, signed)


class BoundedJSON(DefaultJSONProvider):
    """Flask's JSON, where a body nested too deeply is malformed (400), not a RecursionError (500)."""

    def loads(self, s, **kwargs):
        try:
            return super().loads(s, **kwargs)
        except RecursionError as exc:
            raise ValueError("JSON nested too deeply") from exc


def page_number(value: str) -> int:
    """A `?page=` number from 1 to 10,000; anything else is a ValueError."""
    page = int(value)
    if not 1 <= page <= 10_000:
        raise ValueError("page out of range")
    return page


def register_input_bounds(app: Flask) -> None:
    """Use the bounded converters for every route (before any is added) and the bounded JSON parser."""
    app.url_map.converters["default"] = UrlWord
    app.url_map.converters["int"] = ColumnInteger
    app.json = BoundedJSON(app)
