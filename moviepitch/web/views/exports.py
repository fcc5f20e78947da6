"""A pitch to take away: the share card, Markdown and JSON exports, and the poster as PNG."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, jsonify, redirect, render_template, url_for

from ...media import image_pool, renditions
from ...pitch_text import card_version, cast_of, tagline
from ...services import services
from ...storage.records import PitchView
from ..http_cache import IMMUTABLE, conditional, etag
from .access import readable
from .present import absolute_url, pitch_document

bp = Blueprint("exports", __name__)

# The synopsis, title and poster versions a card shows, as pitch_text.card_version writes them.
CARD_KEY = re.compile(r"[0-9]{1,9}-[0-9]{1,9}-[0-9]{1,9}")


def download_name(view: PitchView, extension: str) -> str:
    """A file name made from the title: "the-last-vault.png"."""
    ascii_title = unicodedata.normalize("NFKD", view.text("title")).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60] or f"moviepitch-{view.slug}"
    return f"{stem}.{extension}"


@bp.get("/p/<slug>/card.png")
def card(slug: str):
    """The share card of the versions on show now: a redirect to its kept, versioned URL."""
    view = readable(slug)
    return _to_current(url_for("exports.card_at", slug=slug, key=card_version(view)))


@bp.get("/p/<slug>/card/<key>.png")
def card_at(slug: str, key: str):
    """The 1200×630 share card of one set of versions: drawn once, then kept and cacheable for a year."""
    if not CARD_KEY.fullmatch(key):
        abort(404)
    view = readable(slug)
    name = f"card-{key}"
    body = services().store.rendition(view.id, name)
    if body is None:
        if key != card_version(view):
            return _to_current(url_for("exports.card", slug=slug))  # a card of versions no longer shown
        body = renditions.kept_or_drawn(services().store, view.id, name, lambda: _draw_card(view))
    return _png(body, etag("card-", key))


def _draw_card(view: PitchView) -> bytes:
    blob = services().store.poster(view.slug)
    return image_pool.card(
        view.text("title") or "A MoviePitch",
        tagline(view),
        blob.webp if blob else None,
        Path(current_app.static_folder) / "fonts",
        services().image_processes,
    )


@bp.get("/p/<slug>/poster.png")
def poster_png(slug: str):
    """The poster on show as a PNG download: a redirect to the kept PNG of its version."""
    view = readable(slug)
    if view.poster_version is None:
        abort(404)
    return _to_current(url_for("exports.poster_png_at", slug=slug, version=view.poster_version))


@bp.get("/p/<slug>/poster/<int:version>.png")
def poster_png_at(slug: str, version: int):
    """One poster version, full size, as a PNG named after the title: drawn once, then kept."""
    view = readable(slug)
    blob = services().store.poster(slug, version) or abort(404)
    processes = services().image_processes
    body = renditions.kept_or_drawn(
        services().store, view.id, f"poster-{version}", lambda: image_pool.png(blob.webp, processes)
    )
    response = _png(body, etag("poster-", version))
    response.headers["Content-Disposition"] = f'attachment; filename="{download_name(view, "png")}"'
    return response


def _to_current(location: str) -> Response:
    response = redirect(location, code=302)
    response.headers["Cache-Control"] = "no-cache"  # which version is on show may change
    return response


def _png(body: bytes, tag: str) -> Response:
    return conditional(body, "image/png", tag, IMMUTABLE)


@bp.get("/p/<slug>.json")
def export_json(slug: str):
    """The whole pitch as JSON, with absolute links."""
    view = readable(slug)
    document = pitch_document(view)
    document["permalink"] = absolute_url("pages.pitch", slug=slug)
    if document["poster"]:
        document["poster"]["download_url"] = absolute_url(
            "exports.poster_png_at", slug=slug, version=view.poster_version
        )
    response = jsonify(document)
    response.headers["Content-Disposition"] = f'attachment; filename="{download_name(view, "json")}"'
    return response


@bp.get("/p/<slug>.md")
def export_markdown(slug: str):
    """The pitch as a Markdown document."""
    view = readable(slug)
    text = render_template(
        "export.md",
        pitch=view,
        cast=cast_of(view),
        permalink=absolute_url("pages.pitch", slug=slug),
        poster_url=absolute_url("pages.poster", slug=slug) if view.poster_version else None,
    )
    response = Response(text, mimetype="text/markdown")
    response.headers["Content-Disposition"] = f'attachment; filename="{download_name(view, "md")}"'
    return response
