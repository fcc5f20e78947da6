"""A pitch to take away: the share card, Markdown and JSON exports, and the poster as PNG."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request

from .. import posters
from ..cards import make_card
from ..records import PitchView
from ..services import services
from .access import readable
from .present import absolute_url, cast_of, pitch_document

bp = Blueprint("exports", __name__)


def card_version(view: PitchView) -> str:
    """What the card is drawn from: the title and poster versions on show."""
    title = view.outputs.get("title")
    return f"{title.version if title else 0}.{view.poster_version or 0}"


def tagline(view: PitchView) -> str:
    """The first sentence or two of the synopsis, for cards and descriptions."""
    synopsis = " ".join(view.text("synopsis").split())
    sentences = re.split(r"(?<=[.!?])\s+", synopsis)
    text = ""
    for sentence in sentences:
        if len(text) + len(sentence) > 200:
            break
        text = f"{text} {sentence}".strip()
    return text or synopsis[:200] or view.idea


def download_name(view: PitchView, extension: str) -> str:
    """A file name made from the title: "the-last-vault.png"."""
    ascii_title = unicodedata.normalize("NFKD", view.text("title")).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60] or f"moviepitch-{view.slug}"
    return f"{stem}.{extension}"


@bp.get("/p/<slug>/card.png")
def card(slug: str):
    """The 1200×630 share card, cacheable by the versions it shows."""
    view = readable(slug)
    version = card_version(view)
    etag = f"c{version}"
    if etag in request.if_none_match:
        response = Response(status=304)
    else:
        blob = services().store.poster(slug)
        fonts = Path(current_app.static_folder) / "fonts"
        image = make_card(view.text("title") or "A MoviePitch", tagline(view), blob.webp if blob else None,
                          fonts_dir=fonts)
        response = Response(image, mimetype="image/png")
    response.set_etag(etag)
    # The versioned URL (?v=) never changes its picture; the bare one may.
    current = request.args.get("v") == version
    response.headers["Cache-Control"] = "public, max-age=86400" if current else "no-cache"
    return response


@bp.get("/p/<slug>/poster.png")
def poster_png(slug: str):
    """The full-size poster as a PNG download, named after the title."""
    view = readable(slug)
    blob = services().store.poster(slug) or abort(404)
    response = Response(posters.to_png(blob.webp), mimetype="image/png")
    response.headers["Content-Disposition"] = f'attachment; filename="{download_name(view, "png")}"'
    return response


@bp.get("/p/<slug>.json")
def export_json(slug: str):
    """The whole pitch as JSON, with absolute links."""
    view = readable(slug)
    document = pitch_document(view)
    document["permalink"] = absolute_url("pages.pitch", slug=slug)
    if document["poster"]:
        document["poster"]["download_url"] = absolute_url("exports.poster_png", slug=slug)
    response = jsonify(document)
    response.headers["Content-Disposition"] = f'attachment; filename="{download_name(view, "json")}"'
    return response


@bp.get("/p/<slug>.md")
def export_markdown(slug: str):
    """The pitch as a Markdown document."""
    view = readable(slug)
    text = render_template("export.md", pitch=view, cast=cast_of(view),
                           permalink=absolute_url("pages.pitch", slug=slug),
                           poster_url=absolute_url("pages.poster", slug=slug) if view.poster_version else None)
    response = Response(text, mimetype="text/markdown")
    response.headers["Content-Disposition"] = f'attachment; filename="{download_name(view, "md")}"'
    return response
