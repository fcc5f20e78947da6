"""What tests share besides fixtures: apps on tmp_path instances, the form as a browser posts it, the stub's
answers to the chain, and waiting for background jobs."""

from __future__ import annotations

import contextlib
import re

from moviepitch import create_app
from moviepitch.services import services
from moviepitch.storage import db

TEST_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test-secret-key",
    "PROVIDER": "offline",
    "OFFLINE_PACE": 0,
    # Generous limits: tests that are about limits set their own.
    "CREATE_LIMIT": "1000 per minute",
    "REGENERATE_LIMIT": "1000 per minute",
}


def make_app(tmp_path, provider=None, **config):
    """An app with its own instance folder and a migrated SQLite database."""
    app = create_app({**TEST_CONFIG, **config}, instance_path=tmp_path / "instance", provider=provider)
    db.upgrade(services_of(app).store.engine)
    return app


def services_of(app):
    """The app's services (store, jobs, provider)."""
    with app.app_context():
        return services()


def close_app(app) -> None:
    """Let the app's jobs finish, then stop its pool and close its database."""
    jobs = services_of(app).jobs
    jobs.drain(timeout=60)
    jobs.shutdown()
    services_of(app).store.engine.dispose()


CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token(client, path="/") -> str:
    """The CSRF token from a page's form."""
    match = CSRF.search(client.get(path).get_data(as_text=True))
    assert match, "no CSRF token on the page"
    return match.group(1)


def submit_idea(client, idea: str):
    """Post the idea form the way a browser does."""
    return client.post("/", data={"idea": idea, "csrf_token": csrf_token(client)})


def drain(app) -> None:
    """Wait for every background job of the app."""
    services_of(app).jobs.drain(timeout=60)


IDEA = "A marine biologist falls in love with a lighthouse that can talk."


def pitch_through(app, client, idea: str = IDEA) -> tuple[str, dict]:
    """Make a pitch through the form, wait for it, and return its slug and status document."""
    response = submit_idea(client, idea)
    assert response.status_code == 303
    drain(app)
    slug = response.headers["Location"].rsplit("/", 1)[-1]
    return slug, client.get(f"/api/pitches/{slug}").get_json()


def steps_of(doc: dict) -> dict[str, dict]:
    """A status document's steps by name."""
    return {step["name"]: step for step in doc["steps"]}


def is_step(marker: str):
    """A `when` for the stub: requests whose system prompt has this marker."""
    return lambda body: marker in body.get("messages", [{}])[0].get("content", "")


# The local OpenAI-compatible server, answering each step of the chain as a model would.

STUB_SYNOPSIS = (
    "On a drowned coast, lighthouse keeper Nora Vale (Saoirse Ronan) hears the lamp speak. "
    "Marine biologist Theo Marsh (Riz Ahmed) thinks she is mad, until the sea answers too."
)


def responder(body: dict) -> str:
    """Answer each step of the chain the way a model would, keyed on its instructions."""
    system = body["messages"][0]["content"]
    if "studio boss" in system:
        return "Wow, a talking lighthouse? I need a minute, but I love it!"
    if "synopses" in system:
        return STUB_SYNOPSIS
    if "titles" in system:
        return "The Keeper's Light"
    if "advertise" in system:
        return "A lone lighthouse on black rocks under a violet storm, its beam cutting through rain."
    return "Nora Vale: Saoirse Ronan"


def stub_app(tmp_path, stub, **config):
    """An app whose provider is the real SDK against the stub (text and posters), with short timeouts."""
    settings = dict(
        OPENAI_BASE_URL=stub.base_url,
        PROVIDER=None,
        TEXT_MODEL="gpt-4.1-mini",
        IMAGE_MODEL="gpt-image-2.5-sunburst",
        TEXT_TIMEOUT=5,
        IMAGE_TIMEOUT=5,
        MAX_RETRIES=1,
        IMAGE_PROCESSES=0,
    )
    return make_app(tmp_path, **{**settings, **config})


@contextlib.contextmanager
def stub_pitch(tmp_path, stub, body: dict | None = None, **config):
    """A pitch made through the API by a stub_app, waited for: yields (app, client, slug)."""
    app = stub_app(tmp_path, stub, **config)
    try:
        client = app.test_client()
        slug = client.post("/api/pitches", json=body or {"idea": IDEA}).get_json()["slug"]
        drain(app)
        yield app, client, slug
    finally:
        close_app(app)
