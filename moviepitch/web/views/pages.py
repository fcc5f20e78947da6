"""The pages: the idea form, the pitch permalink, and its poster images."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, session, url_for

from ...storage.budget import OverBudget, seconds_until_tomorrow
from ..errors import error_response
from ..extensions import limit_creation
from ..input_bounds import LARGEST_ID
from ..forms import IdeaForm
from ...jobs import Busy
from ..owner import current_owner, ensure_owner, made, owns
from ..page_cache import PageCache
from ...storage.records import ACTIVE
from ..revalidation import IMMUTABLE, version_etag
from ...services import services
from ...studio import groups
from .exports import card_version, tagline
from .present import (
    absolute_url, cast_of, doing_now, page_words, pitch_document, poster_document, poster_note,
)
from .meeting_present import meeting_page
from .share import pop_edit_link, remember_edit_link
from .studio import studio_context

bp = Blueprint("pages", __name__)

RETRY_AFTER_SECONDS = 10
LATEST_ON_HOME = 4


def page_cache() -> PageCache:
    """This app's cache of finished pages."""
    return current_app.extensions["moviepitch.pages"]


@bp.record_once
def _make_page_cache(state) -> None:
    state.app.extensions["moviepitch.pages"] = PageCache(float(state.app.config["PAGE_CACHE_SECONDS"]))


@bp.teardown_app_request
def _forget_changed_page(exc=None) -> None:
    # Anything but a GET on a pitch's URLs may change its page: this process shows the change at once.
    slug = (request.view_args or {}).get("slug")
    if slug and request.method not in ("GET", "HEAD", "OPTIONS"):
        page_cache().forget(slug)


@bp.route("/", methods=["GET", "POST"])
@limit_creation
def index():
    """The form: an idea in, a queued pitch and a 303 to its page out."""
    if request.method == "POST" and request.is_json:
        return error_response(415, "This form takes what a browser sends. Programs can use the JSON API at "
                                   "/api/pitches.", title="Send the form")
    form = IdeaForm()
    if form.validate_on_submit():
        members = form.members()
        try:
            slugs, target = _create(form, members)
        except Busy:
            page = render_template("index.html", form=form, busy=True, latest=_latest())
            return page, 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}
        except OverBudget as over:
            # A group that does not fit says so; a single pitch gets the page's own words.
            page = render_template("index.html", form=form, over_budget=over.message if len(members) > 1 else True,
                                   latest=_latest())
            return page, 429, {"Retry-After": str(seconds_until_tomorrow())}
        store = services().store
        for slug in slugs:
            remember_edit_link(slug, store.new_edit_link(store.pitch_id(slug)))
        return redirect(target, code=303)
    return render_template("index.html", form=form, latest=_latest()), 422 if form.errors else 200


def _create(form: IdeaForm, members: list[dict]) -> tuple[list[str], str]:
    """Make what the form asks for: one pitch, or a group of them; (their slugs, the page to go to)."""
    if form.kind.data in groups.KINDS:
        group_slug, slugs = groups.create(services(), form.idea.data, ensure_owner(), form.kind.data, members)
        return slugs, url_for("groups.page", slug=group_slug)
    slug = services().create_pitch(form.idea.data, ensure_owner(), members[0])
    return [slug], url_for("pages.pitch", slug=slug)


def _latest():
    """The newest few published pitches, for the home page."""
    return services().store.gallery(limit=LATEST_ON_HOME)[0]


@bp.get("/p/<slug>")
def pitch(slug: str):
    """The pitch page: live while it is being made, the finished pitch after."""
    # A finished pitch looks the same to every visitor who owns nothing and has no message
    # waiting, so its page is rendered once per revision and kept (see page_cache.py).
    shared = current_owner() is None and not session.get("_flashes")
    cache = page_cache()
    # Absolute links follow the request's host unless a public URL is set: keep pages per host.
    host = "" if current_app.config.get("PUBLIC_URL") else request.host
    if shared and (page := cache.fresh(slug, host)):
        return _page(page.html, page.revision)
    state = services().poll(slug) or abort(404)
    if state.deleted_at:
        abort(410)
    shared = shared and state.status not in ACTIVE
    if shared and (page := cache.current(slug, state.revision, host)):
        return _page(page.html, page.revision)
    view = services().store.view(slug) or abort(404)
    html = render_pitch(view)
    if not shared:
        return html
    if view.revision == state.revision:
        cache.put(slug, view.revision, html, host)
    return _page(html, view.revision)


@bp.get("/robots.txt")
def robots():
    """What crawlers may fetch: everything people see, nothing private or machine-facing."""
    response = Response(render_template("robots.txt"), mimetype="text/plain")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


def _page(html: str, revision: int) -> Response:
    etag = f"page-r{revision}"
    # Only the ETag can match (no dates, no ranges), so this is all of make_conditional we need.
    if request.if_none_match.contains_weak(etag):
        response = Response(status=304)
    else:
        response = Response(html, mimetype="text/html")
    response.set_etag(etag, weak=True)
    response.headers["Cache-Control"] = "no-cache"
    return response


def render_pitch(view, **meeting) -> str:
    """The pitch page; for its owners with the meeting (and `meeting` extras: what a refused message said)."""
    is_owner = owns(view)
    return render_template(
        "pitch.html", pitch=view, doc=pitch_document(view), cast=cast_of(view),
        meeting=meeting_page(view, **meeting) if is_owner else None,
        poster=poster_document(view), is_owner=is_owner, is_maker=is_owner and made(view),
        # Kept while the page is live (it redraws itself once at the end), shown once after.
        edit_secret=pop_edit_link(view.slug, keep=view.active) if is_owner else None,
        permalink=absolute_url("pages.pitch", slug=view.slug), tagline=tagline(view),
        words=page_words(), doing=doing_now(view), poster_note=poster_note(view),
        card_absolute=absolute_url("exports.card_at", slug=view.slug, key=card_version(view)),
        **studio_context(view),
    )


def _image(data: bytes, etag: str, cache_control: str) -> Response:
    response = Response(data, mimetype="image/webp")
    response.set_etag(etag)
    response.headers["Cache-Control"] = cache_control
    return response.make_conditional(request)


def _versioned(slug: str, version: int, kind: str) -> Response:
    # The bytes behind a version never change. Revalidations (a matching If-None-Match) are
    # answered before the app, by revalidation.py; this serves the bytes themselves.
    blob = services().store.poster(slug, version) or abort(404)
    return _image(blob.webp if kind == "p" else blob.thumb, version_etag(kind, version), IMMUTABLE)


def _current(slug: str, kind: str) -> Response:
    blob = services().store.poster(slug) or abort(404)
    # no-cache: keep it, but ask each time, since a new poster may be chosen later.
    return _image(blob.webp if kind == "p" else blob.thumb, version_etag(kind, blob.version), "no-cache")


@bp.get("/p/<slug>/poster/<int:version>.webp")
def poster_version(slug: str, version: int):
    """One poster version, immutable."""
    return _versioned(slug, version, "p")


@bp.get("/p/<slug>/poster.webp")
def poster(slug: str):
    """The poster on show now."""
    return _current(slug, "p")


@bp.get("/p/<slug>/thumb/<int:version>.webp")
def thumb_version(slug: str, version: int):
    """One thumbnail version, immutable."""
    return _versioned(slug, version, "t")


@bp.get("/p/<slug>/preview.webp")
def preview(slug: str):
    """The latest partial image of a poster being painted (the query string names its index)."""
    data = services().store.preview(slug) or abort(404)
    # The index only makes the URL new for each partial image; it is a number or it is ignored.
    index = request.args.get("i", 0, type=int)
    return _image(data, f"v{index if 0 <= index <= LARGEST_ID else 0}", "no-store")


@bp.get("/p/<slug>/thumb.webp")
def thumb(slug: str):
    """The thumbnail of the poster on show now."""
    return _current(slug, "t")
