"""A bounded HTTP load client (threads + http.client), for machines without wrk.

One process runs `--connections` threads, each with its own keep-alive connection, sending GETs
back to back until `--duration` seconds have passed (from `--start-at`, a time.monotonic() value,
so several processes can start together) or `--max-requests` have been sent. It prints one JSON
object: the request count, the statuses, the errors and every latency in milliseconds.

The harness runs a few of these processes side by side (like wrk's threads), so one process's
GIL does not cap the measured rate.
"""

from __future__ import annotations

import argparse
import http.client
import json
import sys
import threading
import time
from collections import Counter
from urllib.parse import urlsplit

TIMEOUT = 10.0


def hammer(
    host: str, port: int, path: str, headers: dict[str, str], stop_at: float, max_requests: int, out: dict
) -> None:
    """One connection's loop; bounded by time and by count."""
    latencies: list[float] = []
    statuses: Counter = Counter()
    errors = 0
    conn = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
    while len(latencies) + errors < max_requests and time.monotonic() < stop_at:
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
            continue
        latencies.append((time.perf_counter() - started) * 1000.0)
        statuses[response.status] += 1
        if response.will_close:
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
    conn.close()
    out["latencies"], out["statuses"], out["errors"] = latencies, statuses, errors


def run(
    url: str,
    duration: float,
    connections: int,
    headers: dict[str, str],
    start_at: float | None = None,
    max_requests: int = 1_000_000,
) -> dict:
    """Load `url` and return the counts and latencies."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    start_at = start_at if start_at is not None else time.monotonic()
    delay = start_at - time.monotonic()
    if delay > 0:
        time.sleep(min(delay, 30.0))
    stop_at = start_at + duration
    per_connection = max(1, max_requests // max(1, connections))
    outs = [{} for _ in range(connections)]
    threads = [
        threading.Thread(
            target=hammer,
            args=(parts.hostname, parts.port or 80, path or "/", headers, stop_at, per_connection, out),
            daemon=True,
        )
        for out in outs
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + TIMEOUT + 5)
    latencies = [ms for out in outs for ms in out.get("latencies", [])]
    statuses: Counter = Counter()
    for out in outs:
        statuses.update(out.get("statuses", {}))
    return {
        "count": len(latencies),
        "errors": sum(out.get("errors", 0) for out in outs),
        "statuses": {str(k): v for k, v in statuses.items()},
        "latencies_ms": latencies,
        "duration": duration,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--header", action="append", default=[], help="Name: value (repeatable)")
    parser.add_argument("--start-at", type=float, default=None, help="a time.monotonic() value to start at")
    parser.add_argument("--max-requests", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    if not 0 < args.duration <= 600:
        parser.error("--duration must be within (0, 600] seconds")
    headers = dict(h.split(":", 1) for h in args.header)
    headers = {k.strip(): v.strip() for k, v in headers.items()}
    result = run(args.url, args.duration, args.connections, headers, args.start_at, args.max_requests)
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
