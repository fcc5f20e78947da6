"""Flask extensions, created unbound here and attached to the app in the factory."""

from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

from .forms import submitted_idea_problem, submitted_message_problem, submitted_pitch_count

csrf = CSRFProtect()
# Limits are per client address. The store comes from RATELIMIT_STORAGE_URI, which the factory
# sets (Redis when configured, else the app's own database), so it is never fixed here.
limiter = Limiter(key_func=get_remote_address, default_limits=[])


@limiter.request_filter
def _page_views_are_never_limited() -> bool:
    # Every limit guards a POST. Exempting reads up front spares every page view, poster and
    # poll the limiter's per-request bookkeeping, which was a quarter of a cached page's cost.
    return request.method in ("GET", "HEAD", "OPTIONS")


def _invalid_idea() -> bool:
    # An idea refused as invalid (422) makes nothing, so it costs nothing. This is decided before
    # the limit is checked, not after, so the check stays one atomic hit that concurrent
    # submissions cannot slip past.
    return submitted_idea_problem() is not None


# Creating a pitch costs the same from the form or the API, so they share one limit per address; three takes
# count as three pitches, and are refused as a whole when they do not all fit.
limit_creation = limiter.shared_limit(
    lambda: current_app.config["CREATE_LIMIT"],
    scope="create",
    methods=["POST"],
    exempt_when=_invalid_idea,
    cost=submitted_pitch_count,
)
limit_regeneration = limiter.shared_limit(lambda: current_app.config["REGENERATE_LIMIT"], scope="regenerate")
# A message to the Movie Boss costs a text call; one refused as invalid (422) costs nothing, so it is not counted.
limit_meeting = limiter.shared_limit(
    lambda: current_app.config["MEETING_LIMIT"],
    scope="meeting",
    methods=["POST"],
    exempt_when=lambda: submitted_message_problem() is not None,
)
# Likes cost nothing, but a new cookie is a new visitor: this keeps one address from stuffing the count.
limit_likes = limiter.shared_limit(lambda: current_app.config["LIKE_LIMIT"], scope="like")
