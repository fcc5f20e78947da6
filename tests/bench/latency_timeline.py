"""When page views are slow while pitches are being made: permalink latency second by second.

    python tests/bench/latency_timeline.py [--in-flight 20] [--seconds 26] [--env NAME=VALUE ...]

Measurement 4 of run.py gives one p99 for the whole window; this shows when in a pitch's life the
slow requests come (the POSTs, the text streams, each partial image, the poster), which is what
pointed at the causes recorded in docs/PERFORMANCE.md. It serves the app with the project's
gunicorn.conf.py against the simulated API in real time, loads one finished permalink from 8
keep-alive threads on loopback, posts the pitches after 5 idle seconds, and prints the latency of
each second. --env passes settings to the app (e.g. MOVIEPITCH_IMAGE_PROCESSES=0) to compare.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
for _path in (str(BENCH.parent.parent), str(BENCH)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

import simulated_openai as simapi  # noqa: E402
from load import percentile  # noqa: E402
from pitches import app_env, seed_instance, submit_many  # noqa: E402
from servers import HOST, Gunicorn, SimulatedAPI, cpu_ticks, descendants, gunicorn_conf  # noqa: E402

CLIENT_THREADS = 8
IDLE_SECONDS = 5


def ms(values: list[float], pct: float) -> float:
    """A percentile of latencies in seconds, in milliseconds."""
    return percentile(sorted(values), pct) * 1e3


def load(port: int, path: str, stop: threading.Event, samples: list[tuple[float, float]]) -> None:
    """GET path on one keep-alive connection until told to stop, recording (start, seconds) per request."""
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    while not stop.is_set():
        started = time.monotonic()
        connection.request("GET", path)
        connection.getresponse().read()
        samples.append((started, time.monotonic() - started))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Permalink latency per second while pitches are made.")
    parser.add_argument("--in-flight", type=int, default=20, help="pitches posted at once")
    parser.add_argument("--seconds", type=float, default=26.0, help="how long to load after the posts")
    parser.add_argument("--env", nargs="*", default=[], metavar="NAME=VALUE", help="settings for the app")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="moviepitch-timeline-"))
    sim = SimulatedAPI(simapi.Profile(), folder / "simulated_api.log", None)
    server = None
    samples: list[tuple[float, float]] = []
    stop = threading.Event()
    try:
        sim.start()
        slug = seed_instance(folder / "instance")[0]
        env = app_env(folder / "instance", sim.base_url, args.in_flight)  # as measurement 4 serves it
        env.update(dict(setting.split("=", 1) for setting in args.env))
        server = Gunicorn("wsgi:app", gunicorn_conf()[0], env, folder / "gunicorn.log", None, "/healthz").start()
        threads = [
            threading.Thread(target=load, args=(server.port, f"/p/{slug}", stop, samples), daemon=True)
            for _ in range(CLIENT_THREADS)
        ]
        for thread in threads:
            thread.start()
        time.sleep(IDLE_SECONDS)
        # CPU while the pitches are made: the web workers' (page views too) and their image processes'.
        workers = server.workers()
        helpers = [pid for worker in workers for pid in descendants(worker)]
        web_before, helpers_before = sum(map(cpu_ticks, workers)), sum(map(cpu_ticks, helpers))
        posted = time.monotonic()
        _, statuses = submit_many(server.url, args.in_flight)
        print(f"Posted {args.in_flight} pitches: {statuses}", flush=True)
        time.sleep(args.seconds)
        web_ticks = sum(map(cpu_ticks, workers)) - web_before
        helper_ticks = sum(map(cpu_ticks, helpers)) - helpers_before
        stop.set()
        for thread in threads:
            thread.join(timeout=15)
    finally:
        stop.set()
        if server is not None:
            server.stop()
        sim.stop()
        shutil.rmtree(folder, ignore_errors=True)

    idle = [seconds for started, seconds in samples if started < posted]
    busy = [seconds for started, seconds in samples if started >= posted]
    tick = os.sysconf("SC_CLK_TCK")
    print(
        f"CPU while the pitches were made: web workers {web_ticks / tick:.1f} s (their page views "
        f"included), image processes {helper_ticks / tick:.1f} s"
    )
    for label, values in (("idle", idle), ("in flight", busy)):
        print(f"{label:>9}: {len(values):6d} requests, p50 {ms(values, 50):6.1f} ms, p99 {ms(values, 99):6.1f} ms")
    print("\nsecond  requests   p50 ms   p99 ms   max ms   (0 = the posts)")
    for second in range(-2, int(args.seconds)):
        window = [s for started, s in samples if posted + second <= started < posted + second + 1]
        if window:
            print(f"{second:6d} {len(window):9d} {ms(window, 50):8.1f} {ms(window, 99):8.1f} {max(window) * 1e3:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
