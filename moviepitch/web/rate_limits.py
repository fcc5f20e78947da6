"""Rate-limit counters in the app's own database, shared by every process (and host) that uses it.

Flask-Limiter keeps its counters in a `limits` storage. Its in-memory one is per process, so
gunicorn's N workers would allow N times each limit; Redis is shared but not always there. This
storage keeps the counters in a table of the app's database, with one atomic upsert per hit.
It registers the `moviepitch-db://` scheme with `limits` (its documented way to add a storage);
the factory passes the engine as a storage option.
"""

from __future__ import annotations

import itertools
import time

from limits.storage import Storage
from sqlalchemy import case, delete, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from ..storage.models import RateLimit

SCHEME = "moviepitch-db"
# Expired counters are swept now and then rather than on every hit.
SWEEP_EVERY = 200


class DatabaseStorage(Storage):
    """Fixed-window counters in the rate_limits table (the default strategy needs nothing more)."""

    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, *, engine: Engine, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.engine = engine
        self._hits = itertools.count()

    @property
    def base_exceptions(self):
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Add `amount` to the key's counter, starting a new window when the last one ended."""
        now = time.time()
        insert = postgresql.insert if self.engine.dialect.name == "postgresql" else sqlite.insert
        expired = RateLimit.expires_at <= now
        statement = insert(RateLimit).values(key=key, hits=amount, expires_at=now + expiry)
        # One statement: two processes hitting the same key at once can never both read a stale count.
        statement = statement.on_conflict_do_update(
            index_elements=[RateLimit.key],
            set_={
                "hits": case((expired, amount), else_=RateLimit.hits + amount),
                "expires_at": case((expired, now + expiry), else_=RateLimit.expires_at),
            },
        ).returning(RateLimit.hits)
        with self.engine.begin() as connection:
            hits = connection.execute(statement).scalar_one()
            if next(self._hits) % SWEEP_EVERY == 0:
                connection.execute(delete(RateLimit).where(RateLimit.expires_at <= now))
        return hits

    def get(self, key: str) -> int:
        """The key's count in its current window (0 when none)."""
        with self.engine.connect() as connection:
            hits = connection.scalar(
                select(RateLimit.hits).where(RateLimit.key == key, RateLimit.expires_at > time.time())
            )
        return hits or 0

    def get_expiry(self, key: str) -> float:
        """When the key's window ends (now when it has none)."""
        now = time.time()
        with self.engine.connect() as connection:
            expires_at = connection.scalar(
                select(RateLimit.expires_at).where(RateLimit.key == key, RateLimit.expires_at > now)
            )
        return expires_at or now

    def check(self) -> bool:
        """True when the database answers."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return True
        except SQLAlchemyError:
            return False

    def reset(self) -> int | None:
        """Forget every counter."""
        with self.engine.begin() as connection:
            return connection.execute(delete(RateLimit)).rowcount

    def clear(self, key: str) -> None:
        """Forget one key's counter."""
        with self.engine.begin() as connection:
            connection.execute(delete(RateLimit).where(RateLimit.key == key))
