"""The store and its migrations."""

from __future__ import annotations

import threading

from sqlalchemy import inspect

from moviepitch.storage import db, models
from moviepitch.storage.models import Base


def test_migrations_go_up_down_and_up_again(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'm.sqlite'}")
    db.upgrade(engine)
    assert db.current_revision(engine) == db.head_revision()
    assert set(inspect(engine).get_table_names()) >= set(Base.metadata.tables)
    db.downgrade(engine, "base")
    assert db.current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) & set(Base.metadata.tables) == set()
    db.upgrade(engine)
    assert db.current_revision(engine) == db.head_revision()
    engine.dispose()


def test_the_migrations_match_the_models(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = db.make_engine(f"sqlite:///{tmp_path / 'm.sqlite'}")
    db.upgrade(engine)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
    engine.dispose()


def test_sqlite_runs_in_wal_mode(store):
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_slugs_are_unguessable_and_url_safe(store):
    slugs = {store.create_pitch("An idea", "o", "offline", {}) for _ in range(50)}
    assert len(slugs) == 50
    assert all(len(s) >= 10 and s.replace("-", "").replace("_", "").isalnum() for s in slugs)


def test_a_slug_never_starts_with_a_dash_or_an_underscore(monkeypatch):
    # A slug follows a command ("flask pitches hide SLUG"), where "-abc" would read as an option.
    drawn = iter(["-leadingdash", "_underscore", "Fine-slug_1"])
    monkeypatch.setattr(models.secrets, "token_urlsafe", lambda n: next(drawn))
    assert models.new_slug() == "Fine-slug_1"


def test_only_one_of_many_runners_claims_a_pitch(store):
    pitch_id = store.pitch_id(store.create_pitch("An idea", "o", "offline", {}))
    wins, start = [], threading.Barrier(8)

    def runner(n):
        start.wait()
        if store.claim(pitch_id, f"runner-{n}"):
            wins.append(n)

    threads = [threading.Thread(target=runner, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(wins) == 1


def test_outputs_are_versioned_with_a_current_pointer(store):
    slug = store.create_pitch("An idea", "o", "offline", {})
    pitch_id = store.pitch_id(slug)
    assert store.write_output(pitch_id, "title", "First") == 1
    assert store.write_output(pitch_id, "title", "Second") == 2
    assert store.view(slug).outputs["title"].body == "Second"
    assert store.view(slug).outputs["title"].version == 2


def test_every_change_moves_the_revision(store):
    slug = store.create_pitch("An idea", "o", "offline", {})
    before = store.poll(slug).revision
    store.start_step(store.pitch_id(slug), "reply")
    assert store.poll(slug).revision > before
    assert store.poll("missing") is None
