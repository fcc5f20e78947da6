"""Flask extensions, created unbound here and attached to the app in the factory."""

from flask import current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
# Limits are per client address; the store is memory:// unless the factory is told otherwise.
limiter = Limiter(key_func=get_remote_address, default_limits=[], storage_uri="memory://")

# Creating a pitch costs the same from the form or the API, so they share one limit per address.
limit_creation = limiter.shared_limit(lambda: current_app.config["CREATE_LIMIT"], scope="create",
                                      methods=["POST"])
limit_regeneration = limiter.shared_limit(lambda: current_app.config["REGENERATE_LIMIT"], scope="regenerate")
