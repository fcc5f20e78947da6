"""The five measurements, each adding its rows, load runs and notes to the report.

run.py starts and stops the servers and decides which measurements run; these only measure.
Imported by run.py, which puts the project root and tests/bench on sys.path first.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import simulated_openai as simapi
from load import LoadClient
from pitches import course_chain, critical_path, in_process_pitch, max_concurrency, submit_many, wait_finished
from report import LOPSIDED, Load, Report, fmt_ms, ratio_row
from servers import Gunicorn, SimulatedAPI, descendants, http_request, memory_kib, proportional_kib

REPEATS = 2  # repeats of a lopsided load run, per run
REPEAT_BUDGET = 6  # per benchmark, which keeps a full run within about five minutes


@dataclass
class Target:
    """A URL to load, under the name it has in the load table."""

    name: str
    url: str
    headers: dict[str, str] | None = None


@dataclass
class Pages:
    """The seeded app's pages that measurements 3 and 4 load."""

    permalink: Target
    poster: Target  # a revalidation: If-None-Match with the poster's own ETag
    gallery: Target


def measure_pitch(report: Report, sim: SimulatedAPI, folder: Path, profile: simapi.Profile, bound: float) -> dict:
    """1 and 2: the course's chain, then one MoviePitch pitch in-process, each alone; the pitch's timings."""
    print("\n1-2. The course's chain, then a MoviePitch pitch in-process ...", flush=True)
    course = course_chain(sim.base_url)
    pitch = in_process_pitch(sim, folder, bound)
    calls = [c for c in sim.calls(pitch["submitted"]) if c["end"] <= pitch["submitted"] + bound]
    floor, report.path_table = critical_path(calls, pitch["submitted"], pitch["wall"])
    if pitch["status"] != "done":
        report.notes.append(f"The in-process pitch ended {pitch['status']!r}, not 'done'.")
    ratio_row(
        report,
        "1",
        "Pitch wall time ÷ critical-path floor (check → synopsis → poster description → poster, as the API timed them)",
        pitch["wall"],
        floor,
        "s",
        "≤ 1.05",
        lambda r: r <= 1.05,
    )
    report.add(
        "1",
        "The course's chain, wall time (synopsis → title, stars beside it → image prompt → poster; plain SDK calls)",
        f"{course['wall']:.2f} s",
    )
    if pitch["wall"]:
        report.add("1", "MoviePitch's pitch wall time ÷ the course's chain", f"{pitch['wall'] / course['wall']:.3f}")

    # 2. What the reader sees, and when.
    ratio_row(
        report,
        "2",
        "Title, cast and synopsis readable in the status JSON ÷ the course's time to show anything (after the poster)",
        pitch["readable"],
        course["wall"],
        "s",
        "≤ 0.35",
        lambda r: r <= 0.35,
    )
    first_limit = profile.seconds(profile.first_token) + 0.3
    first = pitch["first_words"]
    report.add(
        "2",
        "Submit → first synopsis words in the status JSON (polled every 50 ms)",
        f"{first:.3f} s" if first is not None else "not seen",
        f"≤ {first_limit:.2f} s (first token + 0.3 s)",
        first is not None and first <= first_limit,
    )
    return pitch


def check_pages(report: Report, base: str, slug: str) -> Pages:
    """Check that the seeded pages answer as a load run expects; the pages to load."""
    permalink = f"{base}/p/{slug}"
    poster_url = f"{base}/p/{slug}/poster/1.webp"
    status, headers, _ = http_request(poster_url)
    etag = headers.get("etag")
    if status != 200 or not etag:
        raise RuntimeError(f"the poster answered {status} with ETag {etag!r}")
    revalidated, _, _ = http_request(poster_url, headers={"If-None-Match": etag})
    if revalidated != 304:
        report.notes.append(f"The poster answered {revalidated}, not 304, to If-None-Match {etag}.")
    for url in (permalink, f"{base}/gallery"):
        status, _, _ = http_request(url)
        if status != 200:
            raise RuntimeError(f"{url} answered {status}")
    return Pages(
        Target("permalink /p/<slug>", permalink),
        Target("poster revalidation (304)", poster_url, {"If-None-Match": etag}),
        Target("gallery", f"{base}/gallery"),
    )


def load_rounds(
    loader: LoadClient, targets: list[Target], rounds: int, duration: float, server_of: Callable[[str], Gunicorn]
) -> tuple[dict[str, list[Load]], int]:
    """Warm up, then load the targets in turn, `rounds` times; each one's runs, and how many were repeated."""
    for target in targets:
        loader.run("warm-up", target.url, 1.0, target.headers)
    runs: dict[str, list[Load]] = {target.name: [] for target in targets}
    repeated = 0
    for number in range(rounds):
        print(f"  round {number + 1} of {rounds}", flush=True)
        for target in targets:
            server = server_of(target.url)
            for attempt in range(REPEATS + 1):
                load = loader.run(target.name, target.url, duration, target.headers, server.workers())
                if not load.lopsided or attempt == REPEATS or repeated >= REPEAT_BUDGET:
                    break
                repeated += 1
                print(f"    {target.name}: one worker took {load.busiest:.0%} of the work; repeating", flush=True)
            runs[target.name].append(load)
    return runs, repeated


def record_rounds(report: Report, runs: dict[str, list[Load]], repeated: int, what: str) -> dict[str, Load]:
    """Add each target's median to the load table, with notes on errors and repeats; the medians by name."""
    medians = {}
    for name, loads in runs.items():
        medians[name] = Load.median_of(loads)
        report.loads.append(medians[name])
        for load in loads:
            if load.bad or load.errors:
                report.notes.append(
                    f"{load.name}: {load.bad} responses other than 2xx/3xx, {load.errors} "
                    "socket errors during a load run."
                )
    if repeated:
        report.notes.append(
            f"{repeated} load run(s) of {what} were repeated because one gunicorn worker "
            f"took over {LOPSIDED:.0%} of the work (all keep-alive connections on one worker)."
        )
    still = [load.name for loads in runs.values() for load in loads if load.lopsided]
    if still:
        report.notes.append(
            f"Kept although lopsided (repeats are capped at {REPEATS} per run and "
            f"{REPEAT_BUDGET} per benchmark): {', '.join(still)}."
        )
    return medians


def measure_idle(report: Report, loader: LoadClient, args, ceiling: Gunicorn, app: Gunicorn, pages: Pages) -> Load:
    """3: the ceiling and the app's pages, alternating round by round; stops the ceiling; the permalink's median."""
    targets = [Target("ceiling: bare Flask route", ceiling.url + "/"), pages.permalink, pages.poster, pages.gallery]
    runs, repeated = load_rounds(
        loader, targets, args.rounds, args.duration, lambda url: ceiling if url.startswith(ceiling.url) else app
    )
    medians = record_rounds(report, runs, repeated, "measurement 3")
    ceiling_load, page, poster, gallery = (medians[target.name] for target in targets)
    ceiling.stop()  # measurements 4 and 5 load the app alone

    def paired(name: str) -> str:
        # Each round's app ÷ ceiling, in order: shows drift across the run that a median hides.
        ratios = [a.rps / c.rps for a, c in zip(runs[name], runs[targets[0].name])]
        return f"; rounds in order: {', '.join(f'{r:.2f}' for r in ratios)}" if len(ratios) > 1 else ""

    report.add(
        "3",
        "Ceiling (bare Flask route): requests/s, p50, p99",
        f"{ceiling_load.rps:,.0f}/s, {fmt_ms(ceiling_load.p50)}, {fmt_ms(ceiling_load.p99)}",
    )
    ratio_row(
        report,
        "3",
        "Finished permalink ÷ ceiling (requests/s)",
        page.rps,
        ceiling_load.rps,
        "/s",
        "≥ 0.6",
        lambda r: r >= 0.6,
        suffix=paired(page.name),
    )
    ratio_row(
        report,
        "3",
        "Poster revalidation (304) ÷ ceiling (requests/s)",
        poster.rps,
        ceiling_load.rps,
        "/s",
        "≥ 0.8",
        lambda r: r >= 0.8,
        suffix=paired(poster.name),
    )
    report.add(
        "3",
        "Gallery: requests/s, p50, p99 (÷ ceiling)",
        f"{gallery.rps:,.0f}/s, {fmt_ms(gallery.p50)}, {fmt_ms(gallery.p99)} ({gallery.rps / ceiling_load.rps:.3f})",
    )
    return page


def measure_idle_permalink(report: Report, loader: LoadClient, args, app: Gunicorn, pages: Pages) -> Load:
    """Measurement 4's denominator without measurement 3: the idle permalink's rounds alone; their median."""
    print("  the idle permalink alone, for measurement 4's ratio", flush=True)
    runs, repeated = load_rounds(loader, [pages.permalink], args.rounds, args.duration, lambda url: app)
    return record_rounds(report, runs, repeated, "the idle permalink")[pages.permalink.name]


def measure_in_flight(
    report: Report,
    loader: LoadClient,
    args,
    sim: SimulatedAPI,
    app: Gunicorn,
    pages: Pages,
    idle: Load,
    idle_source: str,
    window: float,
    bound: float,
) -> None:
    """4: the permalink while pitches are being made by the same web processes, against its idle p99."""
    print(f"\n4. The permalink with {args.in_flight} generations in flight ...", flush=True)
    posted_at = time.monotonic()
    slugs, post_statuses = submit_many(app.url, args.in_flight)
    loaded = loader.run(
        f"permalink, {len(slugs)} generations in flight", pages.permalink.url, window, None, app.workers()
    )
    load_end = time.monotonic()
    report.loads.append(loaded)
    finished, waited = wait_finished(app.url, slugs, bound)
    api_calls = [c for c in sim.calls(posted_at) if c["end"] is not None]
    concurrency = max_concurrency(api_calls, posted_at, load_end)
    counts = {}
    for value in finished.values():
        counts[value] = counts.get(value, 0) + 1
    report.notes.append(
        f"Measurement 4: {args.in_flight} POST /api/pitches answered {post_statuses}; the load ran "
        f"{window:.0f} s from just after the posts; up to {concurrency} simulated-API calls were open at "
        f"once during it; the pitches ended {counts} within {time.monotonic() - posted_at:.0f} s of the posts "
        f"(MOVIEPITCH_JOB_WORKERS={args.job_workers or args.in_flight} per web process"
        f"{', so none waits in the job queue' if not args.job_workers else ''})."
    )
    if loaded.lopsided:
        report.notes.append(
            f"In measurement 4 one worker took {loaded.busiest:.0%} of the work (the permalink's "
            "keep-alive connections landed mostly on one worker); its p99 is less comparable."
        )
    if loaded.bad or loaded.errors:
        report.notes.append(f"{loaded.name}: {loaded.bad} responses other than 2xx/3xx, {loaded.errors} socket errors.")
    report.add(
        "4",
        f"Permalink with {len(slugs)} generations in flight: requests/s, p50, p99",
        f"{loaded.rps:,.0f}/s, {fmt_ms(loaded.p50)}, {fmt_ms(loaded.p99)}",
    )
    ratio_row(
        report,
        "4",
        "Permalink p99 with generations in flight ÷ idle p99 (idle: "
        + idle_source
        + (f", median of {args.rounds} rounds)" if args.rounds > 1 else ")"),
        loaded.p99,
        idle.p99,
        "ms",
        "< 2",
        lambda r: r < 2,
        digits=2,
    )
    if len(slugs) < args.in_flight:
        report.rows[-1].ok = False
        report.notes.append(
            f"Only {len(slugs)} of {args.in_flight} pitches were accepted, so fewer were in flight than asked."
        )


def measure_memory(report: Report, app: Gunicorn) -> None:
    """5: the peak memory of each web worker, after all of the above."""
    workers = app.workers()
    memory = {pid: memory_kib(pid) for pid in workers}
    peaks = [m.get("VmHWM", 0) for m in memory.values()]
    if peaks:
        report.add(
            "5",
            f"Peak RSS (VmHWM) per gunicorn web worker ({len(workers)} workers, after all loads)",
            f"max {max(peaks) / 1024:.0f} MiB (" + ", ".join(f"{p / 1024:.0f}" for p in peaks) + " MiB)",
            "none set",
        )
    else:
        report.add("5", "Peak RSS per gunicorn web worker", "no workers found", "none set")
    # Each web worker's image processes (a fork server and its workers, see moviepitch/media/image_pool.py).
    helpers = {pid: descendants(pid) for pid in workers}
    if any(helpers.values()):
        report.add(
            "5",
            "Image processes per web worker (fork server and workers): count, RSS, PSS",
            "; ".join(
                f"{len(kids)}, {sum(memory_kib(k).get('VmRSS', 0) for k in kids) / 1024:.0f} MiB, "
                f"{sum(proportional_kib(k) for k in kids) / 1024:.0f} MiB"
                for kids in helpers.values()
            ),
            "none set",
        )
