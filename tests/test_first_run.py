"""A first run, every way a Flask user starts the app: on a fresh instance folder, with no step by hand."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from local_servers import AppServer, PostgresServer, serving
from setuptools.config.setupcfg import read_configuration

from moviepitch import create_app
from moviepitch.storage import db

ROOT = Path(__file__).resolve().parent.parent
FLASK = str(Path(sys.executable).with_name("flask"))
IDEA = "A lighthouse keeper befriends a storm."


def flask_cli(*args: str, instance: Path, **env: str) -> subprocess.CompletedProcess:
    """`flask --app moviepitch ARGS` in a subprocess, as an operator types it."""
    environment = {
        **os.environ,
        "MOVIEPITCH_INSTANCE_PATH": str(instance),
        "MOVIEPITCH_PROVIDER": "offline",
        "MOVIEPITCH_OFFLINE_PACE": "0",
        **env,
    }
    return subprocess.run(
        [FLASK, "--app", "moviepitch", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_flask_pitch_on_a_fresh_instance_makes_a_pitch_and_prints_a_link(tmp_path):
    done = flask_cli("pitch", IDEA, instance=tmp_path / "instance")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    last = done.stdout.strip().splitlines()[-1]
    assert last.startswith("Permalink: http://127.0.0.1:5000/p/")


def test_the_printed_link_uses_the_public_url(tmp_path):
    done = flask_cli("pitch", IDEA, instance=tmp_path / "instance", MOVIEPITCH_PUBLIC_URL="https://pitch.example.com/")
    assert done.stdout.strip().splitlines()[-1].startswith("Permalink: https://pitch.example.com/p/")


def test_an_undecodable_idea_on_the_command_line_is_refused_in_one_line(tmp_path):
    # What a shell passes for $'A spy \xff in Paris': bytes that are not UTF-8.
    done = subprocess.run(
        [FLASK, "--app", "moviepitch", "pitch", b"A spy \xff in Paris"],
        cwd=ROOT,
        env={**os.environ, "MOVIEPITCH_INSTANCE_PATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "not valid text" in done.stderr
    assert "Traceback" not in done.stderr


def test_db_upgrade_says_what_happened(tmp_path):
    instance = tmp_path / "instance"
    first = flask_cli("db", "upgrade", instance=instance, MOVIEPITCH_AUTO_MIGRATE="false")
    assert first.returncode == 0
    assert f"Database upgraded from empty to revision {db.head_revision()} (the newest)." in first.stdout
    again = flask_cli("db", "upgrade", instance=instance)
    assert "Database is up to date" in again.stdout and "nothing to do" in again.stdout


@pytest.mark.parametrize("how", ["gunicorn", "flask"])
def test_a_server_on_a_fresh_instance_makes_a_pitch(how):
    # Three gunicorn workers start at once on the empty database: the migration runs exactly once.
    with AppServer(how, env={"WEB_CONCURRENCY": "3"}) as server:
        assert server.call("GET", "/")[0] == 200
        assert server.make_pitch(IDEA)["status"] == "done"
        log = server.log()
    assert "Traceback" not in log and "no such table" not in log


def test_with_migrations_off_a_fresh_instance_says_what_to_run(tmp_path):
    instance = tmp_path / "instance"
    done = flask_cli("pitch", IDEA, instance=instance, MOVIEPITCH_AUTO_MIGRATE="false")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip() == (
        "Error: The database has no MoviePitch tables yet: run `flask --app moviepitch db upgrade`."
    )

    app = create_app({"SECRET_KEY": "x", "AUTO_MIGRATE": False, "PROVIDER": "offline"}, instance_path=instance)
    client = app.test_client()
    page = client.get("/")
    assert page.status_code == 503 and "still being set up" in page.get_data(as_text=True)
    assert client.get("/healthz").status_code == 200
    ready = client.get("/readyz")
    assert ready.status_code == 503 and "flask --app moviepitch db upgrade" in ready.get_json()["checks"]["schema"]

    assert flask_cli("db", "upgrade", instance=instance).returncode == 0
    app.extensions["moviepitch"].schema.recheck = 0  # no need to wait for the next look
    assert client.get("/").status_code == 200
    assert client.get("/readyz").status_code == 200


@pytest.fixture(scope="module")
def postgres():
    yield from serving(PostgresServer)


def test_a_shared_database_is_never_migrated_implicitly(postgres, caplog):
    app = create_app({"SECRET_KEY": "x", "DATABASE_URL": postgres.url, "PROVIDER": "offline"})
    mp = app.extensions["moviepitch"]
    assert db.current_revision(mp.store.engine) is None  # nothing was run behind the operator's back
    client = app.test_client()
    assert client.get("/").status_code == 503
    ready = client.get("/readyz").get_json()
    assert ready["checks"]["schema"].endswith("run `flask --app moviepitch db upgrade`.")
    # The log says it once, as one line, with no traceback.
    said = [r for r in caplog.records if "no MoviePitch tables" in r.getMessage()]
    assert len(said) == 1 and said[0].exc_info is None
    assert client.get("/gallery").status_code == 503
    assert len([r for r in caplog.records if "no MoviePitch tables" in r.getMessage()]) == 1
    mp.store.engine.dispose()


def test_rate_limits_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("MOVIEPITCH_RATELIMIT_ENABLED", "false")
    monkeypatch.setenv("MOVIEPITCH_CREATE_LIMIT", "1 per minute")
    monkeypatch.setenv("MOVIEPITCH_PROVIDER", "offline")
    monkeypatch.setenv("MOVIEPITCH_OFFLINE_PACE", "0")
    app = create_app(instance_path=tmp_path / "instance")
    client = app.test_client()
    assert [client.post("/api/pitches", json={"idea": IDEA}).status_code for _ in range(3)] == [202] * 3
    app.extensions["moviepitch"].jobs.drain(timeout=60)
    app.extensions["moviepitch"].jobs.shutdown()


def test_an_app_made_after_one_with_limits_off_has_them_on(tmp_path):
    # The limiter is one object for every app in a process: switching it off for one app must not leak.
    create_app({"SECRET_KEY": "x", "RATELIMIT_ENABLED": False}, instance_path=tmp_path / "off")
    app = create_app(
        {"SECRET_KEY": "x", "CREATE_LIMIT": "1 per minute", "PROVIDER": "offline", "OFFLINE_PACE": 0},
        instance_path=tmp_path / "on",
    )
    client = app.test_client()
    assert [client.post("/api/pitches", json={"idea": IDEA}).status_code for _ in range(2)] == [202, 429]
    app.extensions["moviepitch"].jobs.drain(timeout=60)
    app.extensions["moviepitch"].jobs.shutdown()


def test_the_migrations_are_packages_so_the_install_is_quiet():
    packages = read_configuration(ROOT / "setup.cfg")["options"]["packages"]
    assert {"moviepitch.storage.migrations", "moviepitch.storage.migrations.versions"} <= set(packages)
