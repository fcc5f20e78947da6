"""MoviePitch's benchmark harness: one run on this machine, a table of ratios against their targets.

    python -m tests.bench.run [--scale 1.0] [--out bench.md]      (from the project root)
    python tests/bench/run.py --scale 0.2                          (a quick run)
    python tests/bench/run.py --only 3,4                           (some measurements, when profiling)

What it measures, all against a simulated OpenAI-compatible API with a latency profile
(simulated_openai.py, run as its own process on a free loopback port):

1. A pitch's wall time ÷ the critical-path floor: the durations the simulated API itself timed for
   the content check, the synopsis, the poster description and the poster. Beside it, the course's
   chain (synopsis → title, with the stars beside it → image prompt → poster; plain calls, one after
   the other) run directly with the openai SDK.
2. The time until title, cast and synopsis are all readable in the status JSON ÷ the time the
   course's app took to show anything (everything at once, after the poster); and the time from
   submit to the first synopsis words.
3. Under gunicorn (gthread, a worker per core, 8 threads): requests/s and p50/p99 for a bare Flask
   route (the ceiling), the finished permalink page, a poster revalidation (304) and the gallery.
   Both servers stay up and the runs alternate, three rounds by default; the table shows medians.
   A run in which one worker did over 80% of the server's work (gthread workers keep the keep-alive
   connections they accept, so all 16 often land on one) is repeated, at most twice per run and six
   times in all.
4. The permalink again while 20 pitches are being made by the same web processes (posted to the
   JSON API, each from its own loopback address as creation is limited per address; the load runs
   for as long as one pitch took in measurement 1, so it sees every stage, posters included).
5. The peak memory (VmHWM) of each gunicorn web worker.
6. The offline writer and painter, in this process: writing time and painting CPU per pitch, and the
   cold start of the lexicon and language model (offline_costs.py).
7. A pitch meeting turn in-process: the owner's message to the boss's first reply words in the meeting's JSON
   (polled every 50 ms), against the simulated API's first-token time plus 0.5 s (meeting_turn.py).

--only runs some of them: 1 and 2 come from one pitch, so they run together; 4 without 3 runs only
the idle permalink rounds its ratio needs; 4 without 1 loads for the critical path the latency
profile implies instead of a measured pitch's wall time.

Only loopback addresses are used, and every load loop is bounded in count and in time. The load
client is wrk when installed (-t2 -c16 -d10s --latency), else loadclient.py (threads + http.client).

The code: report.py (rows, load runs, the Markdown), servers.py (the processes it starts),
load.py (the load client), pitches.py (making pitches), measurements.py (the five measurements),
meeting_turn.py (measurement 7).
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent.parent
# The project root for moviepitch, tests/bench for the modules beside this one: run as a script or with
# `python -m tests.bench.run`, they are imported by their own names either way.
for _path in (str(ROOT), str(BENCH)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

import simulated_openai as simapi  # noqa: E402
from load import LoadClient  # noqa: E402
from measurements import (  # noqa: E402
    check_pages,
    measure_idle,
    measure_idle_permalink,
    measure_in_flight,
    measure_memory,
    measure_pitch,
)
from meeting_turn import measure_meeting  # noqa: E402
from offline_costs import measure_offline  # noqa: E402
from pitches import app_env, expected_floor, seed_instance  # noqa: E402
from report import Report  # noqa: E402
from servers import Gunicorn, SimulatedAPI, child_env, cpu_plan, gunicorn_conf, machine_facts  # noqa: E402

MEASUREMENTS = frozenset(range(1, 8))


def parse_only(text: str) -> frozenset[int]:
    """--only's value: measurement numbers separated by commas, with 1 and 2 always together."""
    try:
        chosen = {int(part) for part in text.split(",") if part.strip()}
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a comma-separated list of numbers") from None
    if not chosen or not chosen <= MEASUREMENTS:
        raise argparse.ArgumentTypeError(f"{text!r}: measurements are numbered 1 to 7")
    if chosen & {1, 2}:
        chosen |= {1, 2}  # one pitch gives both, so neither costs anything without the other
    return frozenset(chosen)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line, checked against the bounds that keep a run short and its loops bounded."""
    parser = argparse.ArgumentParser(description="Run MoviePitch's benchmark and print a table of ratios.")
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies every simulated delay (1.0: real time)")
    parser.add_argument("--out", type=Path, help="also write the table as Markdown to this file")
    parser.add_argument("--first-token", type=float, default=simapi.Profile.first_token)
    parser.add_argument("--tokens-per-second", type=float, default=simapi.Profile.tokens_per_second)
    parser.add_argument("--image-seconds", type=float, default=simapi.Profile.image_seconds)
    parser.add_argument("--moderation-seconds", type=float, default=simapi.Profile.moderation_seconds)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of each load run (default 10)")
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="load runs per route in measurement 3, alternating ceiling and app (default 3); "
        "with --only 4 but not 3, the idle permalink's runs",
    )
    parser.add_argument("--threads", type=int, default=2, help="load client threads (wrk -t)")
    parser.add_argument("--connections", type=int, default=16, help="load client connections (wrk -c)")
    parser.add_argument("--in-flight", type=int, default=20, help="pitches being made during measurement 4")
    parser.add_argument(
        "--job-workers",
        type=int,
        help="MOVIEPITCH_JOB_WORKERS for the gunicorn app (default: --in-flight, so all run at once; "
        "the app's own default is 4 per process)",
    )
    parser.add_argument("--python-client", action="store_true", help="use the Python load client even with wrk")
    parser.add_argument(
        "--app",
        default="wsgi:app",
        help="the WSGI app gunicorn serves for measurements 3-5 (default wsgi:app), e.g. a variant to compare",
    )
    parser.add_argument("--app-path", type=Path, help="a folder to put on gunicorn's Python path for --app")
    parser.add_argument("--keep", action="store_true", help="keep the run folder (databases and server logs)")
    parser.add_argument(
        "--only",
        type=parse_only,
        default=MEASUREMENTS,
        metavar="N[,N...]",
        help="run only these measurements, e.g. 3,4 or 7 (default: all seven); 1 and 2 run "
        "together, and 4 without 3 runs just the idle permalink rounds its ratio needs",
    )
    args = parser.parse_args(argv)
    if (
        not 0 < args.scale <= 10
        or not 0 < args.duration <= 60
        or not 0 < args.in_flight <= 100
        or not 0 < args.rounds <= 5
        or (args.job_workers is not None and not 0 < args.job_workers <= 100)
    ):
        parser.error(
            "--scale must be in (0, 10], --duration in (0, 60], --in-flight in (0, 100], --rounds in 1..5, "
            "--job-workers in 1..100"
        )
    return args


def gunicorn_envs(
    args: argparse.Namespace, instance: Path, api_url: str, server_cores: set[int] | None
) -> tuple[dict[str, str], dict[str, str]]:
    """The environments of the app's gunicorn and of the ceiling's."""
    # By default every pitch of measurement 4 runs at once, whichever worker takes it.
    env = app_env(instance, api_url, args.job_workers or args.in_flight)
    ceiling_env = child_env()
    if server_cores and "WEB_CONCURRENCY" not in os.environ:
        # The project's config reads WEB_CONCURRENCY; one worker per core the server is pinned to.
        env["WEB_CONCURRENCY"] = ceiling_env["WEB_CONCURRENCY"] = str(len(server_cores))
    return env, ceiling_env


def load_window(report: Report, args: argparse.Namespace, profile: simapi.Profile, pitch: dict | None) -> float:
    """How long measurement 4 loads the permalink: as long as a pitch takes, so the window sees every stage."""
    if pitch is not None:
        seconds = pitch["wall"] or 22.0 * args.scale
    else:
        # No pitch was timed: the floor the profile implies is what measurement 1 would have come close to.
        seconds = expected_floor(profile)
    window = min(max(args.duration, math.ceil(seconds)), 60.0)
    if pitch is None:
        report.notes.append(
            f"Measurement 1 was not run, so measurement 4's load window came from the latency "
            f"profile's critical path (check → synopsis → poster description → poster: "
            f"{seconds:.1f} s at scale ×{args.scale:g}) instead of a measured pitch's wall time: "
            f"{window:.0f} s (at least --duration, at most 60 s)."
        )
    return window


def main(argv: list[str] | None = None) -> int:
    """Run the chosen measurements and print the report (and write it with --out); 1 if a target was missed."""
    args = parse_args(argv)
    only = args.only
    profile = simapi.Profile(
        args.first_token, args.tokens_per_second, args.image_seconds, args.moderation_seconds, args.scale
    )
    server_cores, other_cores, core_note = cpu_plan()
    loader = LoadClient(args.threads, args.connections, args.python_client, other_cores)
    conf, conf_note = gunicorn_conf()
    model, cores, usable = machine_facts()
    report = Report()
    report.facts = [
        ("Date", datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")),
        (
            "Machine",
            f"{model}, {cores} cores ({usable} usable), {platform.system()} {platform.machine()}, "
            f"Python {platform.python_version()}",
        ),
        ("Latency profile", profile.describe()),
        ("Load client", loader.describe()),
        ("Gunicorn", f"{conf_note}; {core_note}"),
    ]
    if args.app != "wsgi:app":
        report.facts.append(("App under gunicorn", f"{args.app} (not the default wsgi:app)"))
    for name, value in report.facts:
        print(f"{name}: {value}", flush=True)
    if only != MEASUREMENTS:
        chosen = sorted(only)
        report.notes.append(
            f"Only measurement{'s' if len(chosen) > 1 else ''} {', '.join(map(str, chosen))} "
            f"{'were' if len(chosen) > 1 else 'was'} run (--only)"
            + (
                "; measurement 3 only as the idle permalink rounds that measurement 4's ratio needs, "
                "without the ceiling"
                if 4 in only and 3 not in only
                else ""
            )
            + "."
        )
    run_started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="moviepitch-bench-"))
    sim = SimulatedAPI(profile, folder / "simulated_api.log", other_cores)
    app_server = ceiling = None
    pitch = None
    # Generous bounds: a pitch's expected time is about 22 s × scale.
    pitch_bound = 120.0 * args.scale + 30.0
    try:
        if 6 in only:
            measure_offline(report)
        if only & {1, 2, 3, 4, 5, 7}:
            sim.start()
        if 1 in only:
            pitch = measure_pitch(report, sim, folder / "inprocess", profile, pitch_bound)
        if 7 in only:
            measure_meeting(report, sim, folder / "meeting", profile, 30.0 * args.scale + 30.0)
        if only & {3, 4, 5}:
            print("\n3. Under gunicorn ..." if 3 in only else "\nUnder gunicorn ...", flush=True)
            slug = seed_instance(folder / "instance")[0]
            env, ceiling_env = gunicorn_envs(args, folder / "instance", sim.base_url, server_cores)
            # Both servers stay up (idle when not loaded), so their runs can alternate round by round.
            if 3 in only:
                ceiling = Gunicorn(
                    "ceiling_app:app",
                    conf,
                    ceiling_env,
                    folder / "gunicorn_ceiling.log",
                    server_cores,
                    "/",
                    ("--pythonpath", str(BENCH)),
                ).start()
            app_server = Gunicorn(
                args.app,
                conf,
                env,
                folder / "gunicorn_app.log",
                server_cores,
                "/healthz",
                ("--pythonpath", str(args.app_path)) if args.app_path else (),
            ).start()
            report.facts[4] = ("Gunicorn", f"{conf_note}, {len(app_server.workers())} web workers; {core_note}")
            pages = check_pages(report, app_server.url, slug)
            if 3 in only:
                idle = measure_idle(report, loader, args, ceiling, app_server, pages)  # stops the ceiling
                ceiling = None
            elif 4 in only:
                idle = measure_idle_permalink(report, loader, args, app_server, pages)
            if 4 in only:
                window = load_window(report, args, profile, pitch)
                measure_in_flight(
                    report,
                    loader,
                    args,
                    sim,
                    app_server,
                    pages,
                    idle,
                    "measurement 3" if 3 in only else "the permalink alone",
                    window,
                    pitch_bound,
                )
            if 5 in only:
                measure_memory(report, app_server)
    finally:
        for server in (ceiling, app_server):
            if server is not None:
                server.stop()
        sim.stop()
        if args.keep:
            print(f"\nRun folder kept: {folder}", flush=True)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    if args.scale < 1.0 and only & {1, 4}:
        report.notes.append(
            f"Scale ×{args.scale:g}: the {args.in_flight} pitches of measurement 4 do their CPU work "
            "(poster decoding and encoding, database writes) in a shorter window than in real time, "
            "so measurement 4 is harsher than at scale 1.0, and the fixed costs of measurement 1 "
            "weigh more; quote targets from a scale-1.0 run."
        )
    report.facts.append(("Run time", f"{time.monotonic() - run_started:.0f} s"))
    markdown = report.markdown()
    print("\n" + markdown, flush=True)
    if args.out:
        args.out.write_text(markdown)
        print(f"Written to {args.out}", flush=True)
    return 0 if all(row.ok is not False for row in report.rows) else 1


if __name__ == "__main__":
    sys.exit(main())
