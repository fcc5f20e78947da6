"""The database engine, sessions and migrations."""

from __future__ import annotations

import fcntl
import os
import weakref
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str) -> Engine:
    """Build an engine; SQLite gets WAL, a busy timeout and foreign keys."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 15})
        event.listen(engine, "connect", _tune_sqlite)
    else:
        # Pre-ping: a pooled connection may have been closed by the server meanwhile.
        engine = create_engine(url, pool_pre_ping=True, pool_recycle=1800)
    _dispose_after_fork(engine)
    return engine


def _dispose_after_fork(engine: Engine) -> None:
    # A forked child (a gunicorn worker, an RQ work horse) must not reuse the parent's
    # sockets; close=False leaves them to the parent and starts a fresh pool.
    ref = weakref.ref(engine)

    def dispose() -> None:
        alive = ref()
        if alive is not None:
            alive.dispose(close=False)

    os.register_at_fork(after_in_child=dispose)


def _tune_sqlite(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers (page polls) run while a job writes.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _alembic_config(connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade_locked(engine: Engine, lock_path: str | os.PathLike) -> None:
    """Bring the schema to the newest revision, one process at a time (gunicorn starts several at once)."""
    with open(lock_path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if current_revision(engine) != head_revision():
                upgrade(engine)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def schema_problem(engine: Engine) -> str | None:
    """Why the database cannot serve this code yet, in one line, or None when its schema is current."""
    script = ScriptDirectory(str(MIGRATIONS))
    current, head = current_revision(engine), script.get_current_head()
    if current == head:
        return None
    fix = "run `flask --app moviepitch db upgrade`"
    if current is None:
        return f"The database has no MoviePitch tables yet: {fix}."
    if current not in {script_revision.revision for script_revision in script.walk_revisions()}:
        return f"The database is at revision {current}, which this version of MoviePitch does not know."
    return f"The database schema is behind (at {current}, this code needs {head}): {fix}."


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to `revision`."""
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Revert migrations down to `revision` ("base" for an empty database)."""
    with engine.begin() as connection:
        command.downgrade(_alembic_config(connection), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None when it has no schema."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The newest revision the code knows."""
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def make_revision(engine: Engine, message: str) -> None:
    """Autogenerate a new migration from the models (for developers)."""
    with engine.begin() as connection:
        command.revision(_alembic_config(connection), message=message, autogenerate=True)
