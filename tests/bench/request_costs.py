"""What one request costs the app itself, in one process with no server and no load: a profiling aid.

    python tests/bench/request_costs.py                      (microseconds per request, best of 3)
    python tests/bench/request_costs.py --profile permalink  (and where that time goes, by cProfile)

Each route is called straight through the WSGI interface, beside the bare Flask route of
ceiling_app.py; gunicorn, sockets and the load client are left out, so these are the costs that
decide measurement 3 once the server's own per-request work is subtracted. docs/PERFORMANCE.md
records what this showed before and after tuning.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
for _path in (str(BENCH.parent.parent), str(BENCH)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from ceiling_app import app as ceiling  # noqa: E402
from pitches import SECRET, seed_instance  # noqa: E402
from werkzeug.test import EnvironBuilder  # noqa: E402


def call(wsgi, path: str, headers: dict[str, str] | None = None) -> tuple[str, bytes]:
    """One GET through the WSGI interface, as a loopback client without cookies: status and body."""
    environ = EnvironBuilder(path=path, headers=headers or {}, environ_base={"REMOTE_ADDR": "127.0.0.1"}).get_environ()
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = status

    body = b"".join(wsgi(environ, start_response))
    return answer["status"], body


def microseconds(wsgi, path: str, headers: dict[str, str] | None, count: int) -> float:
    """The best of three timed loops of `count` requests, after a warm-up, in µs per request."""
    for _ in range(min(200, count)):
        call(wsgi, path, headers)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for _ in range(count):
            call(wsgi, path, headers)
        best = min(best, (time.perf_counter() - started) / count * 1e6)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Microseconds per request in one process, beside the ceiling.")
    parser.add_argument("--count", type=int, default=3000, help="requests per timed loop")
    parser.add_argument("--profile", choices=["permalink", "poster304", "gallery"], help="also profile this route")
    args = parser.parse_args(argv)

    from moviepitch import create_app

    folder = Path(tempfile.mkdtemp(prefix="moviepitch-costs-"))
    slug = seed_instance(folder, 2)[1]
    app = create_app({"SECRET_KEY": SECRET, "PROVIDER": "offline"}, instance_path=folder)
    routes = {
        "permalink": (f"/p/{slug}", None),
        "poster304": (f"/p/{slug}/poster/1.webp", {"If-None-Match": '"p1"'}),
        "gallery": ("/gallery", None),
    }
    for name, (path, headers) in routes.items():
        status, _ = call(app, path, headers)
        if status.split()[0] not in ("200", "304"):
            raise RuntimeError(f"{name} answered {status}")
    base = microseconds(ceiling, "/", None, args.count)
    print(f"{'ceiling (bare Flask route)':28} {base:7.0f} µs")
    for name, (path, headers) in routes.items():
        cost = microseconds(app, path, headers, args.count // 3 if name == "gallery" else args.count)
        print(f"{name:28} {cost:7.0f} µs   ({base / cost:.2f} of the ceiling's rate, without a server)")
    if args.profile:
        path, headers = routes[args.profile]
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.count):
            call(app, path, headers)
        profiler.disable()
        print(f"\nWhere {args.profile} spends its time ({args.count} requests, cProfile adds its own overhead):")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    app.extensions["moviepitch"].jobs.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
