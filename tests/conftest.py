"""Fixtures in the flaskr manner: an app on a tmp_path instance, its client and CLI runner."""

from __future__ import annotations

import pytest
from helpers import close_app, make_app, responder
from openai_stub import OpenAIStub

from moviepitch import runtime
from moviepitch.storage import db
from moviepitch.storage.store import Store


@pytest.fixture(scope="session", autouse=True)
def image_workers():
    """One pool of image workers per test run, shared by every app (they are per process), then stopped."""
    yield
    runtime.shutdown_pools()


@pytest.fixture
def provider():
    """The provider the app uses; None means the offline writer."""
    return None


@pytest.fixture
def app(tmp_path, provider):
    app = make_app(tmp_path, provider)
    yield app
    close_app(app)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def store(tmp_path) -> Store:
    """A migrated store with no web app around it."""
    engine = db.make_engine(f"sqlite:///{tmp_path / 'store.sqlite'}")
    db.upgrade(engine)
    yield Store(engine)
    engine.dispose()


@pytest.fixture
def stub():
    """The local OpenAI-compatible server, answering each step of the chain as a model would."""
    with OpenAIStub() as server:
        server.chat_responder = responder
        yield server
