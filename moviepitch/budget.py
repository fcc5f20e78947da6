"""The daily budget: at most so many pitches and images a day, counted atomically in the database."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite

from .models import DailyBudget, utcnow
from .store import Store

class OverBudget(Exception):
    """Today's budget for new pitches is spent."""


def seconds_until_tomorrow() -> int:
    """Seconds until the budget starts afresh (midnight UTC)."""
    now = utcnow()
    return int(86400 - (now.hour * 3600 + now.minute * 60 + now.second))


class Budget:
    """Caps per day; `spend` takes one unit or says no, whatever process or host asks."""

    def __init__(self, store: Store, pitches: int, images: int):
        self.store = store
        self.caps = {"pitches": int(pitches), "images": int(images)}

    def spend(self, kind: str) -> bool:
        """Take one pitch or image from today's budget; False when it is spent."""
        column = getattr(DailyBudget, kind)
        day = utcnow().date().isoformat()
        with self.store.session.begin() as s:
            s.execute(_insert_if_missing(s.bind.dialect.name, day))
            # One conditional UPDATE: two processes can never both take the last unit.
            result = s.execute(update(DailyBudget).where(DailyBudget.day == day, column < self.caps[kind])
                               .values({column: column + 1}))
            return result.rowcount == 1

    def refund(self, kind: str) -> None:
        """Give a unit back (the pitch could not be started after all)."""
        column = getattr(DailyBudget, kind)
        with self.store.session.begin() as s:
            s.execute(update(DailyBudget).where(DailyBudget.day == utcnow().date().isoformat(), column > 0)
                      .values({column: column - 1}))


def _insert_if_missing(dialect: str, day: str):
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(DailyBudget).values(day=day, pitches=0, images=0).on_conflict_do_nothing()
