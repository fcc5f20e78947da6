"""The daily budget: at most so many pitches and images a day, and money, counted atomically in the database."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite

from .models import DailyBudget, utcnow
from .store import Store


class OverBudget(Exception):
    """Today's budget for new pitches (or money) is spent."""

    def __init__(self, message: str = "Today's budget of new pitches is spent. Try again tomorrow."):
        super().__init__(message)
        self.message = message


def seconds_until_tomorrow() -> int:
    """Seconds until the budget starts afresh (midnight UTC)."""
    now = utcnow()
    return int(86400 - (now.hour * 3600 + now.minute * 60 + now.second))


class Budget:
    """Caps per day; `spend` takes one unit or says no, whatever process or host asks. With a money cap (in
    billionths of the price table's currency), `add_spend` counts what each priced call cost."""

    def __init__(self, store: Store, pitches: int, images: int, money_nanos: int | None = None, turns: int = 2000):
        self.store = store
        # Meeting turns are counted apart from pitches, so talking a pitch over never uses up new pitches.
        self.caps = {"pitches": int(pitches), "images": int(images), "turns": int(turns)}
        self.money_nanos = money_nanos

    def add_spend(self, nanos: int) -> None:
        """Add what a call cost to today's spend: one atomic UPDATE, so concurrent steps all count."""
        if nanos <= 0:
            return
        day = utcnow().date().isoformat()
        with self.store.session.begin() as s:
            s.execute(_insert_if_missing(s.bind.dialect.name, day))
            s.execute(
                update(DailyBudget)
                .where(DailyBudget.day == day)
                .values(spent_nanos=DailyBudget.spent_nanos + int(nanos))
            )

    def spent_today(self) -> int:
        """What today's priced calls cost so far, in billionths of the currency."""
        with self.store.session() as s:
            spent = s.scalar(select(DailyBudget.spent_nanos).where(DailyBudget.day == utcnow().date().isoformat()))
        return int(spent or 0)

    def money_spent(self) -> bool:
        """True when there is a money cap and today's spend has reached it."""
        return self.money_nanos is not None and self.spent_today() >= self.money_nanos

    def spend(self, kind: str, count: int = 1) -> bool:
        """Take `count` pitches, images or meeting turns from today's budget, all or none; False if short."""
        column = getattr(DailyBudget, kind)
        day = utcnow().date().isoformat()
        with self.store.session.begin() as s:
            s.execute(_insert_if_missing(s.bind.dialect.name, day))
            # One conditional UPDATE: two processes can never both take the last units.
            result = s.execute(
                update(DailyBudget)
                .where(DailyBudget.day == day, column <= self.caps[kind] - count)
                .values({column: column + count})
            )
            return result.rowcount == 1

    def refund(self, kind: str, count: int = 1) -> None:
        """Give units back (the pitches could not be started after all)."""
        column = getattr(DailyBudget, kind)
        with self.store.session.begin() as s:
            s.execute(
                update(DailyBudget)
                .where(DailyBudget.day == utcnow().date().isoformat(), column >= count)
                .values({column: column - count})
            )


def _insert_if_missing(dialect: str, day: str):
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(DailyBudget).values(day=day, pitches=0, images=0, turns=0, spent_nanos=0).on_conflict_do_nothing()
