"""The pages: the idea form, the pitch permalink, and its poster images."""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for

from ...jobs import Busy
from ...pitch_text import card_version, cast_of, tagline
from ...services import services
from ...storage.budget import OverBudget
from ...studio import groups
from .. import page_cache
from ..errors import error_response, not_now, refusal_status, retry_after
from ..extensions import limit_creation
from ..forms import IdeaForm
from ..http_cache import IMMUTABLE, conditional, etag, revalidated, version_etag
from ..input_bounds import LARGEST_ID
from ..owner import ensure_owner, made, owns
from .access import mint_edit_links, pop_edit_link
from .meeting_present import meeting_page
from .present import (
    absolute_url,
    doing_now,
    page_words,
    pitch_document,
    poster_document,
    poster_note,
)
from .studio_present import studio_context

bp = Blueprint("pages", __name__)
bp.record_once(lambda state: page_cache.init_app(state.app))

LATEST_ON_HOME = 4


@bp.route("/", methods=["GET", "POST"])
@limit_creation
def index():
    """The form: an idea in, a queued pitch and a 303 to its page out."""
    if request.method == "POST" and request.is_json:
        return error_response(
            415,
            "This form takes what a browser sends. Programs can use the JSON API at /api/pitches.",
            title="Send the form",
        )
    form = IdeaForm()
    if form.validate_on_submit():
        slugs, target = _create(form)  # Busy and OverBudget: see form_refused
        mint_edit_links(slugs)
        return redirect(target, code=303)
    return render_template("index.html", form=form, latest=_latest()), 422 if form.errors else 200


@bp.errorhandler(Busy)
@bp.errorhandler(OverBudget)
def form_refused(error: Busy | OverBudget):
    """The form again, with what was typed, when its pitch does not fit now (503 busy, 429 over budget)."""
    if request.endpoint != "pages.index":
        return not_now(error)
    form = IdeaForm(formdata=request.form)
    code = refusal_status(error)
    if code == 503:
        notice = {"busy": True}
    else:  # a group that does not fit says so; a single pitch gets the page's own words
        notice = {"over_budget": error.message if len(form.members()) > 1 else True}
    return render_template("index.html", form=form, latest=_latest(), **notice), code, retry_after(code)


def _create(form: IdeaForm) -> tuple[list[str], str]:
    """Make what the form asks for: one pitch, or a group of them; (their slugs, the page to go to)."""
    members = form.members()
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
    # A finished pitch's page is rendered once per revision for every visitor who owns nothing (page_cache.py).
    visit = page_cache.Visit.of_request(slug)
    if page := visit.fresh():
        return _page(page.html, page.revision)
    state = services().poll(slug) or abort(404)
    if state.deleted_at:
        abort(410)
    if page := visit.current(state.status, state.revision):
        return _page(page.html, page.revision)
    view = services().store.view(slug) or abort(404)
    html = render_pitch(view)
    if not visit.keep(state.status, state.revision, view, html):
        return html
    return _page(html, view.revision)


@bp.get("/robots.txt")
def robots():
    """What crawlers may fetch: everything people see, nothing private or machine-facing."""
    response = Response(render_template("robots.txt"), mimetype="text/plain")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


def _page(html: str, revision: int) -> Response:
    return revalidated(etag("page-r", revision), lambda: Response(html, mimetype="text/html"), weak=True)


def render_pitch(view, **meeting) -> str:
    """The pitch page; for its owners with the meeting (and `meeting` extras: what a refused message said)."""
    is_owner = owns(view)
    return render_template(
        "pitch.html",
        pitch=view,
        doc=pitch_document(view),
        cast=cast_of(view),
        meeting=meeting_page(view, **meeting) if is_owner else None,
        poster=poster_document(view),
        is_owner=is_owner,
        is_maker=is_owner and made(view),
        # Kept while the page is live (it redraws itself once at the end), shown once after.
        edit_secret=pop_edit_link(view.slug, keep=view.active) if is_owner else None,
        permalink=absolute_url("pages.pitch", slug=view.slug),
        tagline=tagline(view),
        words=page_words(),
        doing=doing_now(view),
        poster_note=poster_note(view),
        card_absolute=absolute_url("exports.card_at", slug=view.slug, key=card_version(view)),
        **studio_context(view),
    )


def _versioned(slug: str, version: int, kind: str) -> Response:
    # The bytes behind a version never change. Revalidations (a matching If-None-Match) are
    # answered before the app, by http_cache.py; this serves the bytes themselves.
    blob = services().store.poster(slug, version) or abort(404)
    return conditional(blob.webp if kind == "p" else blob.thumb, "image/webp", version_etag(kind, version), IMMUTABLE)


def _current(slug: str, kind: str) -> Response:
    blob = services().store.poster(slug) or abort(404)
    # no-cache: keep it, but ask each time, since a new poster may be chosen later.
    return conditional(
        blob.webp if kind == "p" else blob.thumb, "image/webp", version_etag(kind, blob.version), "no-cache"
    )


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
    return conditional(data, "image/webp", etag("v", index if 0 <= index <= LARGEST_ID else 0), "no-store")


@bp.get("/p/<slug>/thumb.webp")
def thumb(slug: str):
    """The thumbnail of the poster on show now."""
    return _current(slug, "t")
