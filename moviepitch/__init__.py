"""MoviePitch: a one-line movie idea in, a saved pitch with a poster out."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

# The app's parts are imported inside the factory, as in Flask's tutorial: importing one plain
# module, such as posters in an image worker process, should not load the web app, the database
# layer and the openai SDK (a second and 60 MiB per process).
__all__ = ["create_app"]

# The project root holds templates/, static/ and instance/ beside this package.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def project_folders(
    root: str | os.PathLike | None = None, instance_path: str | os.PathLike | None = None
) -> dict[str, str]:
    """Absolute paths of templates/, static/ and instance/, or a clear error when missing."""
    root = Path(root or os.environ.get("MOVIEPITCH_ROOT") or PROJECT_ROOT).resolve()
    folders = {"template_folder": root / "templates", "static_folder": root / "static"}
    missing = [f"{path.name}/" for path in folders.values() if not path.is_dir()]
    if missing:
        raise RuntimeError(
            f"MoviePitch cannot find {' and '.join(missing)} in {root}. Run it from a checkout of "
            "the project, or set MOVIEPITCH_ROOT to the folder that holds templates/ and static/."
        )
    instance = Path(instance_path or os.environ.get("MOVIEPITCH_INSTANCE_PATH") or root / "instance")
    return {**{k: str(v) for k, v in folders.items()}, "instance_path": str(instance.resolve())}


def create_app(test_config: dict | None = None, *, root=None, instance_path=None, provider=None) -> Flask:
    """Build the app. `provider` lets tests substitute a scripted one."""
    from .cli import register_commands
    from .config import load_config
    from .web.errors import register_errorhandlers
    from .web.http_cache import VersionedRevalidation
    from .web.input_bounds import register_input_bounds
    from .web.owner import register_owner
    from .web.security import register_security

    app = Flask(__name__, instance_relative_config=True, **project_folders(root, instance_path))
    os.makedirs(app.instance_path, exist_ok=True)
    load_config(app, test_config)
    register_services(app, provider)
    register_extensions(app)
    register_input_bounds(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_owner(app)
    # Inside ProxyFix (added by register_security), so it sees the client's scheme.
    app.wsgi_app = VersionedRevalidation(app.wsgi_app)
    register_security(app)
    register_template_globals(app)
    register_commands(app)
    return app


def register_services(app: Flask, provider=None) -> None:
    """The store, provider and job runner, and a database schema that fits the code."""
    from .services import init_services
    from .storage.schema import prepare_schema, register_schema_gate

    services = init_services(app, provider)
    services.schema = prepare_schema(app, services.store.engine)
    register_schema_gate(app, services.schema)


def register_extensions(app: Flask) -> None:
    """CSRF for every form, and rate limits shared by every process."""
    from .web.extensions import csrf, limiter
    from .web.rate_limits import SCHEME
    from .web.views import api, meeting

    csrf.init_app(app)
    # Said for every app: the limiter is one object, and an app that switched it off must not
    # leave it off for the next app made in the same process.
    app.config.setdefault("RATELIMIT_ENABLED", True)
    # The JSON API takes only application/json or a bearer token, which no cross-site form can send.
    csrf.exempt(api.bp)
    csrf.exempt(meeting.api_bp)
    # Limits are shared by every process and host: in Redis when there is one, else in the app's
    # own database. MOVIEPITCH_RATELIMIT_STORAGE_URI picks another store (memory:// is per process).
    if not app.config.get("RATELIMIT_STORAGE_URI"):
        app.config["RATELIMIT_STORAGE_URI"] = app.config.get("REDIS_URL") or f"{SCHEME}://"
    if app.config["RATELIMIT_STORAGE_URI"].startswith(f"{SCHEME}:"):
        app.config["RATELIMIT_STORAGE_OPTIONS"] = {"engine": app.extensions["moviepitch"].store.engine}
    # With Redis down, count in this process until it is back rather than fail every POST.
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    limiter.init_app(app)


def register_blueprints(app: Flask) -> None:
    """The pages and the API."""
    from .web.views import actions, api, exports, groups, health, meeting, pages, share, studio

    app.register_blueprint(pages.bp)
    app.register_blueprint(studio.bp)
    app.register_blueprint(groups.bp)
    app.register_blueprint(actions.bp)
    app.register_blueprint(share.bp)
    app.register_blueprint(exports.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(meeting.bp)
    app.register_blueprint(meeting.api_bp)
    app.register_blueprint(health.bp)


def register_template_globals(app: Flask) -> None:
    """What every page shows in its footer (the provider in use), absolute links for meta tags, and the
    owner's report of failed steps."""
    from .services import services
    from .studio.knobs import knob_facts
    from .web.views.present import absolute_url, failure_report, short_model

    app.jinja_env.globals["absolute_url"] = absolute_url
    app.jinja_env.globals["failure_report"] = failure_report
    # Whether the chosen text model takes the knobs, for the form to say so beside them.
    app.jinja_env.globals["knob_facts"] = lambda model=None: knob_facts(services().provider, model)

    @app.context_processor
    def provider_facts():
        # Short names: a local model's name can be a path on the server, which visitors need not see.
        provider = services().provider
        models = {kind: short_model(name) for kind, name in services().models.items()}
        return {"provider_name": provider.name, "provider_models": models}
