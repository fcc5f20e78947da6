"""Settings: embedded defaults, instance/config.py, then the environment."""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

from flask import Flask

from .providers.endpoints import chain_defaults
from .studio.settings import prepare_studio_settings

# Every setting and its default. The README's table mirrors this one.
DEFAULTS = {
    # Where pitches live. None means SQLite at instance/moviepitch.sqlite.
    "DATABASE_URL": None,
    # Bring an SQLite database's schema up to date as the app starts. A shared database
    # (PostgreSQL) is never migrated implicitly: run `flask --app moviepitch db upgrade`.
    "AUTO_MIGRATE": True,
    # Used by the scale-out deployment; read here so SECRET_KEY can be enforced.
    "REDIS_URL": None,
    # Absolute base for links in meta tags, e.g. https://pitch.example.com
    "PUBLIC_URL": None,
    # Site names a request's Host may carry (a list, or names separated by commas; "*" for any).
    # None trusts loopback, PUBLIC_URL's name and BIND's address; others are refused with 400.
    "TRUSTED_HOSTS": None,
    # Where gunicorn listens (gunicorn.conf.py reads MOVIEPITCH_BIND too), e.g. 127.0.0.1:8000.
    "BIND": None,
    # "openai" or "offline"; None picks openai when a key or base URL is set.
    "PROVIDER": None,
    # Where posters come from: "openai" or "offline"; None follows PROVIDER.
    "IMAGE_PROVIDER": None,
    "OPENAI_API_KEY": None,
    "OPENAI_BASE_URL": None,
    # Current models (none retired per the SDK's docstrings); see the README.
    "TEXT_MODEL": "gpt-5.4-mini",
    "IMAGE_MODEL": "gpt-image-2.5-sunburst",
    # The models a person may choose from: a JSON list of {"id", "label"} objects or "id=label" strings, or
    # "id=label" pairs separated by commas. TEXT_MODEL (and IMAGE_MODEL) is always offered, and is the default.
    "TEXT_MODELS": None,
    "IMAGE_MODELS": None,
    # A (fine-tuned) model for the synopsis step alone, for pitches made with the default text model.
    "SYNOPSIS_MODEL": None,
    # Which models take which sampling parameters, by model-name prefix (the longest that matches wins). A model
    # no prefix names takes none when it is a reasoning model (gpt-5*, o1*, o3*, o4*) and all otherwise.
    # Entries set in instance/config.py or MOVIEPITCH_SAMPLING_SUPPORT (JSON) are added over these.
    "SAMPLING_SUPPORT": {
        "gpt-5": [],
        "o1": [],
        "o3": [],
        "o4": [],
        "gpt-4.1": ["temperature", "top_p", "frequency_penalty", "presence_penalty"],
        "gpt-4o": ["temperature", "top_p", "frequency_penalty", "presence_penalty"],
    },
    # Prices, per model, per million tokens (see the README's Studio section): JSON, or a dict in
    # instance/config.py. None: usage is recorded and shown without cost. No price is ever built in.
    "PRICES": None,
    # The most the whole site may spend per day (UTC), in the price table's currency; None: no money cap.
    "DAILY_BUDGET": None,
    "IMAGE_SIZE": "1024x1536",
    "IMAGE_QUALITY": "medium",
    # What GPT image models send: webp (about a tenth of png, which is their default) at this
    # compression (0-100, webp and jpeg only). Empty sends neither, for servers that refuse them.
    "IMAGE_FORMAT": "webp",
    "IMAGE_COMPRESSION": 90,
    # Partial images streamed while a GPT image model paints (0 to 3; 0 turns streaming off).
    "IMAGE_PARTIALS": 2,
    # Send a hash of the owner as safety_identifier: None sends it to OpenAI's own API only.
    "SAFETY_IDENTIFIER": None,
    # Checks each idea before the synopsis is paid for; empty turns the check off.
    "MODERATION_MODEL": "omni-moderation-latest",
    # Whether a failing content check stops the idea: None means on OpenAI's own API only; elsewhere a
    # server without the endpoint lets ideas through unchecked (their pages say so) and is asked again later.
    "MODERATION_REQUIRED": None,
    # Seconds per text call in total (retries and a streamed answer's last token included). None means
    # 60, or 180 when OPENAI_BASE_URL is a loopback or private address (a laptop server is slower).
    "TEXT_TIMEOUT": None,
    # A poster can take two minutes, so the image timeout is long.
    "IMAGE_TIMEOUT": 300.0,
    # Text calls one pitch makes at once. None means 3 (all the chain can use), or 1 when OPENAI_BASE_URL
    # is a loopback or private address: such servers answer one request at a time, and 1 runs the chain
    # in critical-path order (synopsis, poster description, then the rest).
    "TEXT_CONCURRENCY": None,
    # The SDK's own retries (with backoff and Retry-After).
    "MAX_RETRIES": 2,
    # Seconds between streamed chunks of the offline writer, so a demo looks live.
    "OFFLINE_PACE": 0.03,
    # Background jobs per process, and how many may wait before we say "busy".
    "JOB_WORKERS": 4,
    "JOB_QUEUE": 16,
    # Processes per web process that check and encode posters at a lower CPU priority, so page
    # views are served first; 0 does it in the job's own thread. RQ workers always do the latter.
    "IMAGE_PROCESSES": 1,
    # Per-address limits (Flask-Limiter syntax) on what costs money or attention.
    # Page views are never limited.
    "CREATE_LIMIT": "5 per minute;50 per day",
    "REGENERATE_LIMIT": "5 per minute;50 per day",
    "REPORT_LIMIT": "5 per minute;30 per day",
    "LIKE_LIMIT": "30 per minute;500 per day",
    # Messages to the Movie Boss in pitch meetings, per address.
    "MEETING_LIMIT": "10 per minute;200 per day",
    # What the whole site may make per day (UTC), shared by every process and host.
    "DAILY_PITCHES": 1000,
    "DAILY_IMAGES": 1000,
    # Pitch meeting turns (each one or two text calls, three when older turns are summarised).
    "DAILY_TURNS": 5000,
    # About how many tokens of a meeting's conversation each turn sends; past it, the oldest turns are summarised.
    "MEETING_HISTORY_TOKENS": 2000,
    # How many reverse proxies to trust for X-Forwarded-* (0: not behind a proxy).
    "PROXY_HOPS": 0,
    # A finished page is rendered once per revision and kept per process; a kept page checked
    # against the database within this many seconds is served without reading it again, so a
    # change made in another process shows within this time (at once in the process that made it).
    "PAGE_CACHE_SECONDS": 1.0,
    # Request bodies larger than this get 413 (bytes).
    "MAX_CONTENT_LENGTH": 64 * 1024,
    # A running job beats every HEARTBEAT_SECONDS; one silent for STALE_RUNNING_SECONDS,
    # or queued and untaken for STALE_QUEUED_SECONDS, shows as interrupted and can be resumed.
    "HEARTBEAT_SECONDS": 5.0,
    "STALE_RUNNING_SECONDS": 30.0,
    "STALE_QUEUED_SECONDS": 300.0,
}

# Read without the MOVIEPITCH_ prefix too: these are the names the SDK and
# most hosting platforms already use.
PLAIN_ENV = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DATABASE_URL", "REDIS_URL")

SECRET_FILE = "secret_key"


def load_config(app: Flask, test_config: dict | None) -> None:
    """Fill app.config from defaults, instance/config.py, the environment, then test_config."""
    app.config.from_mapping(DEFAULTS)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        for name in PLAIN_ENV:
            if os.environ.get(name):
                app.config[name] = os.environ[name]
        app.config.from_prefixed_env("MOVIEPITCH")
    else:
        app.config.from_mapping(test_config)
    chain_defaults(app.config)
    prepare_studio_settings(app.config, DEFAULTS)
    if not app.config["DATABASE_URL"]:
        path = Path(app.instance_path) / "moviepitch.sqlite"
        app.config["DATABASE_URL"] = f"sqlite:///{path}"
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(app)


def uses_shared_services(config) -> bool:
    """True when the database or queue is a server other hosts may share."""
    return bool(config.get("REDIS_URL")) or not str(config["DATABASE_URL"]).startswith("sqlite")


def instance_secret_key(app: Flask) -> str:
    """Read instance/secret_key, creating it once; refuse when services are shared."""
    if uses_shared_services(app.config):
        raise RuntimeError(
            "MoviePitch needs an explicit secret key when DATABASE_URL or REDIS_URL "
            "points at a shared service: set MOVIEPITCH_SECRET_KEY to the same long "
            "random value on every host."
        )
    path = Path(app.instance_path) / SECRET_FILE
    try:
        # O_EXCL: when several gunicorn workers start at once, exactly one writes.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
    return _read_back(path)


def _read_back(path: Path, attempts: int = 50) -> str:
    # Another worker may have created the file and not yet written it.
    for _ in range(attempts):
        key = path.read_text().strip()
        if key:
            return key
        time.sleep(0.02)
    raise RuntimeError(f"The secret key file {path.name} in the instance folder is empty.")
