"""What the owner of a pitch can do to it: stop, retry, regenerate a part, choose a version."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, url_for

from ...services import services
from ...storage.records import PitchView
from ...vocab import FINISHED, RETRYABLE, StepState
from ..errors import error_response
from ..extensions import limit_regeneration
from .access import back_to, owned

bp = Blueprint("actions", __name__)

# What each "new ..." button makes again: a new synopsis remakes everything that follows it.
REGENERATES = {
    "title": ("title",),
    "poster": ("poster",),
    "synopsis": ("synopsis", "title", "cast", "image_prompt", "poster"),
}
# What must already exist before a part can be made again.
REGENERATE_NEEDS = {"title": "synopsis", "poster": "image_prompt"}
CHOOSABLE = ("title", "synopsis", "poster")
# A synopsis comes back with the cast and poster description made from it.
MADE_FROM_SYNOPSIS = ("cast", "image_prompt")


def _start(view: PitchView):
    services().start(view.slug)  # Busy: 503, see errors.py
    return back_to(view.slug)


@bp.post("/p/<slug>/cancel")
def cancel(slug: str):
    """Stop a pitch in the making; what is done stays."""
    view = owned(slug)
    services().store.request_cancel(view.id)
    return back_to(slug)


@bp.post("/p/<slug>/retry")
@limit_regeneration
def retry(slug: str):
    """Resume from the step that failed (or was interrupted); finished steps are kept, not re-run."""
    view = owned(slug)
    if not services().store.reopen(view.id, RETRYABLE):
        return error_response(409, "Only a pitch that failed, stopped or was interrupted can be resumed.")
    return _start(view)


@bp.post("/p/<slug>/regenerate/<part>")
@limit_regeneration
def regenerate(slug: str, part: str):
    """Make a new title, synopsis or poster; earlier versions are kept."""
    if part not in REGENERATES:
        abort(404)
    view = owned(slug)
    if part == "synopsis" and view.steps["check"].state != StepState.DONE:
        return error_response(409, "This idea has not passed the content check, so it has no synopsis to redo.")
    if part in REGENERATE_NEEDS and not view.text(REGENERATE_NEEDS[part]):
        return error_response(409, f"There is no {REGENERATE_NEEDS[part].replace('_', ' ')} to work from yet.")
    if not services().store.reopen(view.id, FINISHED, REGENERATES[part]):
        return error_response(409, "Wait until this pitch is finished, then try again.")
    return _start(view)


@bp.post("/p/<slug>/choose/<part>/<int:version>")
def choose(slug: str, part: str, version: int):
    """Show another version of the title, synopsis or poster, for everyone (one click undoes a change)."""
    if part not in CHOOSABLE:
        abort(404)
    view = owned(slug)
    store = services().store
    chosen = {part: version}
    if part == "synopsis":
        if view.active:
            return error_response(409, "Wait until this pitch is finished, then choose a synopsis.")
        chosen.update(store.made_with(view.id, "synopsis", version, MADE_FROM_SYNOPSIS))
    if not store.choose_versions(view.id, chosen):
        abort(404)
    return redirect(url_for("pages.pitch", slug=slug, _anchor=f"versions-{part}"), code=303)
