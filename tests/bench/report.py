"""The benchmark's results: table rows, load runs, and the Markdown report they make."""

from __future__ import annotations

from dataclasses import dataclass, field

# A load run in which one gunicorn worker did more than this share of the server's work is repeated:
# gthread workers keep the keep-alive connections they accept, so now and then all 16 land on one
# worker and the run measures a single process (about half the server) instead of the server.
LOPSIDED = 0.8


@dataclass
class Row:
    """One line of the table: a measurement, its value, its target and whether it met it."""

    number: str
    label: str
    value: str
    target: str = "—"
    ok: bool | None = None  # None: informational

    @property
    def verdict(self) -> str:
        """The result cell: pass, **miss** (bold, so misses stand out in the table) or info."""
        return "info" if self.ok is None else ("pass" if self.ok else "**miss**")


@dataclass
class Load:
    """One load run against one URL."""

    name: str
    url: str
    tool: str
    duration: float
    rps: float = 0.0
    p50: float = float("nan")
    p99: float = float("nan")
    requests: int = 0
    bad: int = 0  # responses other than 2xx/3xx
    errors: int = 0  # socket errors and timeouts
    statuses: dict = field(default_factory=dict)
    rounds: list[float] = field(default_factory=list)  # requests/s of each round, when several
    # The busiest gunicorn worker's share of the server's CPU time during the run (0.5 is even with two).
    busiest: float | None = None

    @property
    def lopsided(self) -> bool:
        """Keep-alive connections all stuck on one worker: the run measured one process, not the server."""
        return self.busiest is not None and self.busiest > LOPSIDED

    def cells(self) -> list[str]:
        """The run's cells in the load table."""
        spread = f" ({min(self.rounds):,.0f}–{max(self.rounds):,.0f})" if len(self.rounds) > 1 else ""
        busiest = f"{self.busiest:.0%}" if self.busiest is not None else "n/a"
        return [
            self.name,
            f"{self.rps:,.0f}{spread}",
            fmt_ms(self.p50),
            fmt_ms(self.p99),
            f"{self.requests:,}",
            str(self.bad),
            str(self.errors),
            busiest,
        ]

    @classmethod
    def median_of(cls, runs: list[Load]) -> Load:
        """One line for several rounds: the median rate, p50 and p99, and the total counts."""

        def median(values: list[float]) -> float:
            ordered = sorted(values)
            middle = len(ordered) // 2
            return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2

        first = runs[0]
        return cls(
            first.name,
            first.url,
            first.tool,
            sum(r.duration for r in runs),
            rps=median([r.rps for r in runs]),
            p50=median([r.p50 for r in runs]),
            p99=median([r.p99 for r in runs]),
            requests=sum(r.requests for r in runs),
            bad=sum(r.bad for r in runs),
            errors=sum(r.errors for r in runs),
            rounds=[r.rps for r in runs],
            busiest=max((r.busiest for r in runs if r.busiest is not None), default=None),
        )


@dataclass
class Report:
    """Everything a run found: facts about the machine, table rows, load runs, the critical path and notes."""

    rows: list[Row] = field(default_factory=list)
    loads: list[Load] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    path_table: list[list[str]] = field(default_factory=list)

    def add(self, *args, **kwargs) -> Row:
        """Add a row (Row's arguments) and print it at once, so a long run shows its progress."""
        row = Row(*args, **kwargs)
        self.rows.append(row)
        print(f"  [{row.number}] {row.label}: {row.value}   target {row.target}   {row.verdict.strip('*')}", flush=True)
        return row

    def markdown(self) -> str:
        """The whole report as Markdown: facts, the table, the critical path, the load runs and the notes."""
        lines = ["# MoviePitch benchmark", ""]
        lines += [f"- **{name}**: {value}" for name, value in self.facts]
        lines += ["", "| # | measurement | value | target | result |", "|---|---|---|---|---|"]
        lines += [f"| {r.number} | {r.label} | {r.value} | {r.target} | {r.verdict} |" for r in self.rows]
        if self.path_table:
            lines += [
                "",
                "Critical path of the pitch, as the simulated API timed it (seconds from submit):",
                "",
                "| step | started | took | gap before it |",
                "|---|---|---|---|",
            ]
            lines += ["| " + " | ".join(cells) + " |" for cells in self.path_table]
        if self.loads:
            lines += [
                "",
                "Load runs (gunicorn; with several rounds: the median, the range of requests/s in "
                "brackets, and the total requests; busiest worker: the largest share of the server's CPU "
                "time one worker took in a kept run, 50% being even):",
                "",
                "| route | requests/s | p50 | p99 | requests | non-2xx/3xx | socket errors | busiest worker |",
                "|---|---|---|---|---|---|---|---|",
            ]
            lines += ["| " + " | ".join(load.cells()) + " |" for load in self.loads]
        if self.notes:
            lines += ["", "Notes:", ""] + [f"- {note}" for note in self.notes]
        return "\n".join(lines) + "\n"


def fmt_ms(ms: float) -> str:
    """Milliseconds for the table: two decimals below 100 ms, whole ones above, "n/a" for NaN (no data)."""
    if ms != ms:  # NaN
        return "n/a"
    return f"{ms:.2f} ms" if ms < 100 else f"{ms:,.0f} ms"


def ratio_row(
    report: Report,
    number: str,
    label: str,
    numerator: float | None,
    denominator: float | None,
    unit: str,
    target: str,
    test,
    digits: int = 3,
    suffix: str = "",
) -> Row:
    """Add a row showing numerator ÷ denominator = ratio, judged by `test(ratio)`; a missing value is a miss."""
    if not numerator or not denominator:
        return report.add(number, label, "not measured", target, False)
    ratio = numerator / denominator
    places = 0 if unit == "/s" else 2
    value = f"{numerator:,.{places}f} {unit} ÷ {denominator:,.{places}f} {unit}"
    return report.add(number, label, f"{value} = **{ratio:.{digits}f}**{suffix}", target, bool(test(ratio)))
