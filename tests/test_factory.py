"""The factory: folders, settings, the secret key, and its refusals."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from moviepitch import PROJECT_ROOT, create_app


def test_folders_are_absolute_and_found_from_the_package(tmp_path):
    app = create_app({"SECRET_KEY": "x", "PROVIDER": "offline"}, instance_path=tmp_path)
    assert Path(app.template_folder).is_absolute() and Path(app.template_folder).name == "templates"
    assert Path(app.static_folder) == PROJECT_ROOT / "static"
    assert app.instance_path == str(tmp_path.resolve())
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path.resolve() / 'moviepitch.sqlite'}"


def test_a_missing_folder_is_named_at_start_up(tmp_path):
    (tmp_path / "static").mkdir()
    with pytest.raises(RuntimeError, match=r"cannot find templates/ .*MOVIEPITCH_ROOT"):
        create_app({"SECRET_KEY": "x"}, root=tmp_path, instance_path=tmp_path / "instance")


def test_settings_come_from_instance_config_and_the_environment(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text('TEXT_MODEL = "from-instance"\nIMAGE_MODEL = "from-instance"\n')
    monkeypatch.setenv("MOVIEPITCH_IMAGE_MODEL", "from-env")
    monkeypatch.setenv("MOVIEPITCH_TEXT_TIMEOUT", "12.5")
    monkeypatch.setenv("MOVIEPITCH_PUBLIC_URL", "https://pitch.example")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    app = create_app(instance_path=tmp_path)
    assert app.config["TEXT_MODEL"] == "from-instance"
    assert app.config["IMAGE_MODEL"] == "from-env"
    assert app.config["TEXT_TIMEOUT"] == 12.5
    assert app.config["OPENAI_BASE_URL"] == "http://127.0.0.1:9/v1"
    assert app.extensions["moviepitch"].provider.name == "openai"


def test_a_secret_key_is_made_once_with_private_permissions(tmp_path, monkeypatch):
    for name in ("MOVIEPITCH_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "MOVIEPITCH_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    first = create_app(instance_path=tmp_path)
    second = create_app(instance_path=tmp_path)
    key_file = tmp_path / "secret_key"
    assert first.secret_key == second.secret_key == key_file.read_text().strip()
    assert len(first.secret_key) == 64
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600


@pytest.mark.parametrize(
    "variable, value",
    [
        ("DATABASE_URL", "postgresql+psycopg://db.internal/moviepitch"),
        ("REDIS_URL", "redis://127.0.0.1:6379/0"),
    ],
)
def test_shared_services_need_an_explicit_secret_key(tmp_path, monkeypatch, variable, value):
    monkeypatch.delenv("MOVIEPITCH_SECRET_KEY", raising=False)
    monkeypatch.setenv(variable, value)
    with pytest.raises(RuntimeError, match="MOVIEPITCH_SECRET_KEY"):
        create_app(instance_path=tmp_path)
    assert not (tmp_path / "secret_key").exists()


def test_an_explicit_secret_key_is_used_as_given(tmp_path, monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("MOVIEPITCH_SECRET_KEY", "a-long-shared-secret")
    assert create_app(instance_path=tmp_path).secret_key == "a-long-shared-secret"


def test_no_network_client_exists_after_start_up(tmp_path):
    app = create_app({"SECRET_KEY": "x", "OPENAI_API_KEY": "sk-test"}, instance_path=tmp_path)
    assert app.extensions["moviepitch"].provider._client is None


def test_workers_starting_together_agree_on_one_secret_key(tmp_path, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from moviepitch.config import instance_secret_key

    class FakeApp:
        instance_path = str(tmp_path)
        config = {"DATABASE_URL": "sqlite:///x.sqlite", "REDIS_URL": None}

    with ThreadPoolExecutor(max_workers=8) as pool:
        keys = set(pool.map(lambda _: instance_secret_key(FakeApp), range(16)))
    assert len(keys) == 1
