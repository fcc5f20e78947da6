"""The load client: wrk when installed, else loadclient.py processes; every run bounded in time.

Imported by run.py, which puts the project root and tests/bench on sys.path first.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import sys
import time

from report import Load
from servers import BENCH, cpu_ticks, pinned


class LoadClient:
    """Runs one load against one URL at a time, with fixed threads and connections."""

    def __init__(self, threads: int, connections: int, force_python: bool, cores: set[int] | None):
        self.threads, self.connections, self.cores = threads, connections, cores
        self.wrk = None if force_python else shutil.which("wrk")

    def describe(self) -> str:
        """The load client's line in the report's facts."""
        if self.wrk:
            version = subprocess.run([self.wrk, "-v"], capture_output=True, text=True).stdout.split("\n")[0]
            return f"wrk ({version.split(' [')[0].strip() or 'wrk'}): -t{self.threads} -c{self.connections} --latency"
        return (
            f"Python load client (loadclient.py: {self.threads} processes × "
            f"{self.connections // self.threads} threads with keep-alive http.client connections; "
            f"{'asked for with --python-client' if shutil.which('wrk') else 'wrk is not installed'}). "
            "Where it shares the server's CPUs it costs them more than wrk does, so rates are lower bounds"
        )

    def run(
        self,
        name: str,
        url: str,
        duration: float,
        headers: dict[str, str] | None = None,
        workers: list[int] | None = None,
    ) -> Load:
        """One bounded load run; with the server's worker pids, also how its CPU time split between them."""
        duration = max(1.0, min(duration, 120.0))
        before = {pid: cpu_ticks(pid) for pid in workers or ()}
        load = (
            self._wrk(name, url, duration, headers or {})
            if self.wrk
            else self._python(name, url, duration, headers or {})
        )
        spent = [max(0, cpu_ticks(pid) - start) for pid, start in before.items()]
        if len(spent) > 1 and sum(spent):
            load.busiest = max(spent) / sum(spent)
        return load

    def _wrk(self, name: str, url: str, duration: float, headers: dict[str, str]) -> Load:
        cmd = [
            self.wrk,
            f"-t{self.threads}",
            f"-c{self.connections}",
            f"-d{duration:g}s",
            "--latency",
            "--timeout",
            "10s",
        ]
        for key, value in headers.items():
            cmd += ["-H", f"{key}: {value}"]
        out = subprocess.run(
            cmd + [url], capture_output=True, text=True, timeout=duration + 30, preexec_fn=pinned(self.cores)
        ).stdout
        load = Load(name, url, "wrk", duration)
        if match := re.search(r"Requests/sec:\s+([\d.]+)", out):
            load.rps = float(match[1])
        if match := re.search(r"(\d+) requests in", out):
            load.requests = int(match[1])
        for pct, attr in (("50", "p50"), ("99", "p99")):
            if match := re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.MULTILINE):
                setattr(load, attr, float(match[1]) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[match[2]])
        if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out):
            load.bad = int(match[1])
        if match := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
            load.errors = sum(int(g) for g in match.groups())
        if not load.requests:
            raise RuntimeError(f"wrk gave no result for {name}:\n{out}")
        return load

    def _python(self, name: str, url: str, duration: float, headers: dict[str, str]) -> Load:
        # Several processes, like wrk's threads, so that one process's GIL does not cap the rate.
        procs = max(1, self.threads)
        per = max(1, self.connections // procs)
        start_at = time.monotonic() + 1.0  # room for the processes to start
        cmd = [
            sys.executable,
            str(BENCH / "loadclient.py"),
            url,
            "--duration",
            repr(duration),
            "--connections",
            str(per),
            "--start-at",
            repr(start_at),
            "--max-requests",
            "2000000",
        ]
        for key, value in headers.items():
            cmd += ["--header", f"{key}: {value}"]
        running = [
            subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, preexec_fn=pinned(self.cores))
            for _ in range(procs)
        ]
        results = []
        for proc in running:
            try:
                out, _ = proc.communicate(timeout=duration + 40)
            except subprocess.TimeoutExpired:
                proc.kill()
                out, _ = proc.communicate()
            results.append(json.loads(out))
        latencies = sorted(ms for r in results for ms in r["latencies_ms"])
        statuses: dict[str, int] = {}
        for r in results:
            for key, value in r["statuses"].items():
                statuses[key] = statuses.get(key, 0) + value
        load = Load(
            name,
            url,
            "python",
            duration,
            requests=len(latencies),
            errors=sum(r["errors"] for r in results),
            statuses=statuses,
        )
        load.rps = len(latencies) / duration
        load.bad = sum(v for k, v in statuses.items() if not 200 <= int(k) < 400)
        if latencies:
            load.p50 = percentile(latencies, 50)
            load.p99 = percentile(latencies, 99)
        return load


def percentile(sorted_values: list[float], pct: float) -> float:
    """The nearest-rank percentile of already sorted values (NaN when there are none)."""
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, math.ceil(pct / 100 * len(sorted_values)) - 1))
    return sorted_values[index]
