"""Usage and cost as people read them: a pitch's and a step's cost, and the `flask usage` report over the ledger."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select

from ..storage.models import UsageEntry, utcnow
from ..storage.records import PitchView
from ..storage.store import Store
from .prices import amount

GROUPINGS = ("model", "day")


def step_cost(cost: dict | None) -> dict | None:
    """A step's stored cost as the status JSON shows it: {"amount", "currency"}; None when it was not priced."""
    return {"amount": amount(cost["nanos"]), "currency": cost["currency"]} if cost else None


def pitch_cost(view: PitchView) -> dict | None:
    """What every call made for the pitch cost when it was made: {"amount", "currency", "complete"}, where
    complete is false when some calls had no price; None when none had one."""
    if not view.costs:
        return None
    # One currency in practice; were the table's currency changed meanwhile, the larger part is shown as incomplete.
    currency = max(view.costs, key=view.costs.get)
    return {
        "amount": amount(view.costs[currency]),
        "currency": currency,
        "complete": view.unpriced == 0 and len(view.costs) == 1,
    }


@dataclass
class UsageRow:
    """The usage and cost of one model or one day."""

    key: str
    calls: int = 0
    usage: Counter = field(default_factory=Counter)
    costs: Counter = field(default_factory=Counter)  # nanos by currency
    unpriced: int = 0


def usage_report(store: Store, days: int, by: str = "model") -> list[UsageRow]:
    """Usage and cost of the last `days` days (today included), by model or by day (UTC), from the ledger."""
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {', '.join(GROUPINGS)}")
    since = (utcnow() - timedelta(days=days - 1)).replace(hour=0, minute=0, second=0, microsecond=0)
    rows: dict[str, UsageRow] = {}
    with store.session() as s:
        query = (
            select(
                UsageEntry.model, UsageEntry.created_at, UsageEntry.usage, UsageEntry.cost_nanos, UsageEntry.currency
            )
            .where(UsageEntry.created_at >= since)
            .execution_options(yield_per=500)
        )
        for model, created_at, usage, nanos, currency in s.execute(query):
            key = (model or "unknown") if by == "model" else created_at.date().isoformat()
            row = rows.setdefault(key, UsageRow(key))
            row.calls += 1
            row.usage.update(usage or {})
            if currency is None:
                row.unpriced += 1
            else:
                row.costs[currency] += nanos or 0
    return sorted(rows.values(), key=lambda row: row.key, reverse=by == "day")


# The table's columns and the usage keys (providers.base.USAGE_KEYS) they add up.
COLUMNS = (
    ("calls", None),
    ("input", "input_tokens"),
    ("cached", "cached_input_tokens"),
    ("output", "output_tokens"),
    ("reasoning", "reasoning_tokens"),
    ("image in", "image_input_tokens"),
    ("image out", "image_output_tokens"),
    ("images", "images"),
)


def format_report(rows: list[UsageRow], by: str) -> str:
    """The report as a plain-text table with a total line; a cost of "-" means no price was configured."""
    total = UsageRow("total")
    for row in rows:
        total.calls += row.calls
        total.usage.update(row.usage)
        total.costs.update(row.costs)
        total.unpriced += row.unpriced
    header = [by, *(name for name, _ in COLUMNS), "cost"]
    lines = [[row.key, *(_cell(row, key) for _, key in COLUMNS), _money(row)] for row in [*rows, total]]
    widths = [max(len(str(line[i])) for line in [header, *lines]) for i in range(len(header))]

    def render(cells):
        return "  ".join(
            str(cell).ljust(widths[0]) if i == 0 else str(cell).rjust(widths[i]) for i, cell in enumerate(cells)
        ).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([render(header), rule, *map(render, lines[:-1]), rule, render(lines[-1])])


def _cell(row: UsageRow, key: str | None) -> str:
    return f"{row.calls:,}" if key is None else f"{row.usage.get(key, 0):,}"


def _money(row: UsageRow) -> str:
    if not row.costs:
        return "-"
    shown = " + ".join(f"{amount(nanos):.4f} {currency}" for currency, nanos in sorted(row.costs.items()))
    # A "+" after the amount: some calls in this row had no price, so it cost more than shown.
    return f"{shown}+" if row.unpriced else shown
