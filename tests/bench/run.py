"""MoviePitch's benchmark harness: one run on this machine, a table of ratios against their targets.

    python -m tests.bench.run [--scale 1.0] [--out bench.md]      (from the project root)
    python tests/bench/run.py --scale 0.2                          (a quick run)

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

Only loopback addresses are used, and every load loop is bounded in count and in time. The load
client is wrk when installed (-t2 -c16 -d10s --latency), else loadclient.py (threads + http.client).
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import math
import os
import platform
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent.parent
for _path in (str(ROOT), str(BENCH)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

import simulated_openai as simapi  # noqa: E402

HOST = "127.0.0.1"
TEXT_MODEL = "sim-text"
IMAGE_MODEL = "gpt-image-2.5-sunburst"
SECRET = "moviepitch-benchmark-secret-key-not-for-production"
IDEA = "A lighthouse keeper hears her late father's voice in the lamp, warning of a storm."
SEED_IDEAS = (
    "A cowboy wakes up in modern-day Tokyo.",
    "Two rival chefs are stranded on a space station with one working oven.",
    "A retired spy opens a bakery that only sells to former enemies.",
    "A city where it rains only on liars.",
    "A chess prodigy discovers the pieces move on their own at night.",
)
POLL_INTERVAL = 0.05
# A load run in which one gunicorn worker did more than this share of the server's work is repeated:
# gthread workers keep the keep-alive connections they accept, so now and then all 16 land on one
# worker and the run measures a single process (about half the server) instead of the server.
LOPSIDED = 0.8
REPEATS = 2  # per run
REPEAT_BUDGET = 6  # per benchmark, which keeps a full run within about five minutes
# Which chat steps lie on MoviePitch's critical path, in order (reply runs beside the check).
CRITICAL_PATH = ("check", "synopsis", "image_prompt", "poster")

# The course's prompts (its chain, with chat models instead of completions): one per step.
COURSE_SYNOPSIS = ("Generate an engaging, professional and marketable movie synopsis based on an outline. "
                   "The synopsis should include actors names in brackets after each character. "
                   "Choose actors that would be ideal for this role.")
COURSE_TITLE = "Generate a catchy movie title for the text you are given."
COURSE_STARS = "Extract the names in brackets from the text you are given, separated by commas."
COURSE_IMAGE = ("Give a short description of an image which could be used to advertise a movie based on a "
                "title and synopsis. The description should be rich in visual detail but contain no names.")


# Results


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
        spread = f" ({min(self.rounds):,.0f}–{max(self.rounds):,.0f})" if len(self.rounds) > 1 else ""
        busiest = f"{self.busiest:.0%}" if self.busiest is not None else "n/a"
        return [self.name, f"{self.rps:,.0f}{spread}", fmt_ms(self.p50), fmt_ms(self.p99), f"{self.requests:,}",
                str(self.bad), str(self.errors), busiest]

    @classmethod
    def median_of(cls, runs: list[Load]) -> Load:
        """One line for several rounds: the median rate, p50 and p99, and the total counts."""
        def median(values: list[float]) -> float:
            ordered = sorted(values)
            middle = len(ordered) // 2
            return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
        first = runs[0]
        return cls(first.name, first.url, first.tool, sum(r.duration for r in runs),
                   rps=median([r.rps for r in runs]), p50=median([r.p50 for r in runs]),
                   p99=median([r.p99 for r in runs]), requests=sum(r.requests for r in runs),
                   bad=sum(r.bad for r in runs), errors=sum(r.errors for r in runs), rounds=[r.rps for r in runs],
                   busiest=max((r.busiest for r in runs if r.busiest is not None), default=None))


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    loads: list[Load] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    path_table: list[list[str]] = field(default_factory=list)

    def add(self, *args, **kwargs) -> Row:
        row = Row(*args, **kwargs)
        self.rows.append(row)
        print(f"  [{row.number}] {row.label}: {row.value}   target {row.target}   {row.verdict.strip('*')}",
              flush=True)
        return row

    def markdown(self) -> str:
        lines = ["# MoviePitch benchmark", ""]
        lines += [f"- **{name}**: {value}" for name, value in self.facts]
        lines += ["", "| # | measurement | value | target | result |", "|---|---|---|---|---|"]
        lines += [f"| {r.number} | {r.label} | {r.value} | {r.target} | {r.verdict} |" for r in self.rows]
        if self.path_table:
            lines += ["", "Critical path of the pitch, as the simulated API timed it (seconds from submit):", "",
                      "| step | started | took | gap before it |", "|---|---|---|---|"]
            lines += ["| " + " | ".join(cells) + " |" for cells in self.path_table]
        if self.loads:
            lines += ["", "Load runs (gunicorn; with several rounds: the median, the range of requests/s in "
                      "brackets, and the total requests; busiest worker: the largest share of the server's CPU "
                      "time one worker took in a kept run, 50% being even):", "",
                      "| route | requests/s | p50 | p99 | requests | non-2xx/3xx | socket errors | busiest worker |",
                      "|---|---|---|---|---|---|---|---|"]
            lines += ["| " + " | ".join(load.cells()) + " |" for load in self.loads]
        if self.notes:
            lines += ["", "Notes:", ""] + [f"- {note}" for note in self.notes]
        return "\n".join(lines) + "\n"


def fmt_ms(ms: float) -> str:
    if ms != ms:  # NaN
        return "n/a"
    return f"{ms:.2f} ms" if ms < 100 else f"{ms:,.0f} ms"


def ratio_row(report: Report, number: str, label: str, numerator: float | None, denominator: float | None,
              unit: str, target: str, test, digits: int = 3, suffix: str = "") -> Row:
    if not numerator or not denominator:
        return report.add(number, label, "not measured", target, False)
    ratio = numerator / denominator
    places = 0 if unit == "/s" else 2
    value = f"{numerator:,.{places}f} {unit} ÷ {denominator:,.{places}f} {unit}"
    return report.add(number, label, f"{value} = **{ratio:.{digits}f}**{suffix}", target, bool(test(ratio)))


# Small helpers


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def http_request(url: str, method: str = "GET", body: dict | None = None, headers: dict | None = None,
                 timeout: float = 30.0) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        data = json.dumps(body).encode() if body is not None else None
        all_headers = {**({"Content-Type": "application/json"} if body is not None else {}), **(headers or {})}
        conn.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body=data,
                     headers=all_headers)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def child_env(**extra: str) -> dict[str, str]:
    """The environment for servers we start: ours, minus any real keys or shared services."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("MOVIEPITCH_") and k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DATABASE_URL",
                                                            "REDIS_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID")}
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def cpu_plan() -> tuple[set[int] | None, set[int] | None, str]:
    """Cores for gunicorn and for everything else: two for the server when the machine has more."""
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else list(range(os.cpu_count() or 1))
    if len(cores) > 2:
        server, rest = set(cores[:2]), set(cores[2:])
        return server, rest, (f"gunicorn pinned to 2 cores ({cores[0]}, {cores[1]}); load client and simulated "
                              f"API on the other {len(rest)}")
    return None, None, (f"the machine has {len(cores)} core{'s' if len(cores) != 1 else ''}: gunicorn, the load "
                        "client and the simulated API share them")


def pinned(cores: set[int] | None):
    if not cores:
        return None
    return lambda: os.sched_setaffinity(0, cores)


def stop_process(proc: subprocess.Popen | None, timeout: float = 15.0) -> None:
    """Stop a process this harness started, by its own pid: TERM, then KILL after `timeout`."""
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)


# The simulated API, as a process of its own (its GIL is not the app's)


class SimulatedAPI:
    def __init__(self, profile: simapi.Profile, log_path: Path, cores: set[int] | None):
        self.profile, self.log_path, self.cores = profile, log_path, cores
        self.proc: subprocess.Popen | None = None
        self.base_url = ""

    def start(self, timeout: float = 60.0) -> SimulatedAPI:
        p = self.profile
        cmd = [sys.executable, str(BENCH / "simulated_openai.py"), "--scale", repr(p.scale),
               "--first-token", repr(p.first_token), "--tokens-per-second", repr(p.tokens_per_second),
               "--image-seconds", repr(p.image_seconds), "--moderation-seconds", repr(p.moderation_seconds),
               "--max-seconds", "3600"]
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self._log, text=True, cwd=str(ROOT),
                                     env=child_env(), preexec_fn=pinned(self.cores))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.proc.stdout], [], [], 0.5)
            if ready:
                line = self.proc.stdout.readline()
                if line.startswith("READY "):
                    self.base_url = line.split()[1]
                    return self
                if not line and self.proc.poll() is not None:
                    break
        raise RuntimeError(f"the simulated API did not start (see {self.log_path.name} in the run folder)")

    def calls(self, since: float = 0.0) -> list[dict]:
        root = self.base_url.rsplit("/v1", 1)[0]
        status, _, body = http_request(f"{root}/_bench/calls?since={since!r}")
        if status != 200:
            raise RuntimeError(f"the simulated API answered {status} for its call records")
        return json.loads(body)["calls"]

    def stop(self) -> None:
        stop_process(self.proc, timeout=5)
        if self.proc is not None and self.proc.stdout:
            self.proc.stdout.close()
        if getattr(self, "_log", None):
            self._log.close()


# Gunicorn


class Gunicorn:
    def __init__(self, app_spec: str, conf: Path, env: dict[str, str], log_path: Path, cores: set[int] | None,
                 ready_path: str, extra_args: tuple[str, ...] = ()):
        self.app_spec, self.conf, self.env, self.log_path = app_spec, conf, env, log_path
        self.cores, self.ready_path, self.extra_args = cores, ready_path, extra_args
        self.proc: subprocess.Popen | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self, timeout: float = 60.0) -> Gunicorn:
        self.port = free_port()
        cmd = [sys.executable, "-m", "gunicorn", "-c", str(self.conf), "-b", f"{HOST}:{self.port}",
               *self.extra_args, self.app_spec]
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(cmd, cwd=str(ROOT), env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
                                     preexec_fn=pinned(self.cores))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn {self.app_spec} exited: {self.log_tail()}")
            try:
                status, _, _ = http_request(self.url + self.ready_path, timeout=2)
                if status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            raise RuntimeError(f"gunicorn {self.app_spec} did not answer in {timeout:.0f} s: {self.log_tail()}")
        # Wait until the worker count stops changing (all workers booted).
        previous, stable_since = -1, time.monotonic()
        while time.monotonic() < deadline:
            count = len(self.workers())
            if count != previous:
                previous, stable_since = count, time.monotonic()
            elif time.monotonic() - stable_since > 1.0:
                break
            time.sleep(0.1)
        return self

    def log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log_path.read_text().splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def workers(self) -> list[int]:
        """The worker processes: the master's children."""
        if self.proc is None:
            return []
        pid = self.proc.pid
        try:
            return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except OSError:
            pass
        children = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    children.append(int(entry.name))
        return children

    def stop(self) -> None:
        stop_process(self.proc)
        if getattr(self, "_log", None):
            self._log.close()


def cpu_ticks(pid: int) -> int:
    """User + system CPU time of a process (all its threads), in clock ticks."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0


def memory_kib(pid: int) -> dict[str, int]:
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                values[key] = int(rest.split()[0])
    except OSError:
        pass
    return values


# Load clients


class LoadClient:
    def __init__(self, threads: int, connections: int, force_python: bool, cores: set[int] | None):
        self.threads, self.connections, self.cores = threads, connections, cores
        self.wrk = None if force_python else shutil.which("wrk")

    def describe(self) -> str:
        if self.wrk:
            version = subprocess.run([self.wrk, "-v"], capture_output=True, text=True).stdout.split("\n")[0]
            return f"wrk ({version.split(' [')[0].strip() or 'wrk'}): -t{self.threads} -c{self.connections} --latency"
        return (f"Python load client (loadclient.py: {self.threads} processes × "
                f"{self.connections // self.threads} threads with keep-alive http.client connections; "
                f"{'asked for with --python-client' if shutil.which('wrk') else 'wrk is not installed'}). "
                "Where it shares the server's CPUs it costs them more than wrk does, so rates are lower bounds")

    def run(self, name: str, url: str, duration: float, headers: dict[str, str] | None = None,
            workers: list[int] | None = None) -> Load:
        """One bounded load run; with the server's worker pids, also how its CPU time split between them."""
        duration = max(1.0, min(duration, 120.0))
        before = {pid: cpu_ticks(pid) for pid in workers or ()}
        load = (self._wrk(name, url, duration, headers or {}) if self.wrk
                else self._python(name, url, duration, headers or {}))
        spent = [max(0, cpu_ticks(pid) - start) for pid, start in before.items()]
        if len(spent) > 1 and sum(spent):
            load.busiest = max(spent) / sum(spent)
        return load

    def _wrk(self, name: str, url: str, duration: float, headers: dict[str, str]) -> Load:
        cmd = [self.wrk, f"-t{self.threads}", f"-c{self.connections}", f"-d{duration:g}s", "--latency",
               "--timeout", "10s"]
        for key, value in headers.items():
            cmd += ["-H", f"{key}: {value}"]
        out = subprocess.run(cmd + [url], capture_output=True, text=True, timeout=duration + 30,
                             preexec_fn=pinned(self.cores)).stdout
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
        procs = max(1, self.threads)
        per = max(1, self.connections // procs)
        start_at = time.monotonic() + 1.0  # room for the processes to start
        cmd = [sys.executable, str(BENCH / "loadclient.py"), url, "--duration", repr(duration),
               "--connections", str(per), "--start-at", repr(start_at), "--max-requests", "2000000"]
        for key, value in headers.items():
            cmd += ["--header", f"{key}: {value}"]
        running = [subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, preexec_fn=pinned(self.cores))
                   for _ in range(procs)]
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
        load = Load(name, url, "python", duration, requests=len(latencies),
                    errors=sum(r["errors"] for r in results), statuses=statuses)
        load.rps = len(latencies) / duration
        load.bad = sum(v for k, v in statuses.items() if not 200 <= int(k) < 400)
        if latencies:
            load.p50 = percentile(latencies, 50)
            load.p99 = percentile(latencies, 99)
        return load


def percentile(sorted_values: list[float], pct: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, math.ceil(pct / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


# 1, 2: a pitch in-process, and the course's chain


def course_chain(base_url: str) -> dict:
    """The course's chain with the openai SDK: every call plain (no streaming), one after the other."""
    import base64

    import openai

    client = openai.OpenAI(base_url=base_url, api_key="sim-key", max_retries=0, timeout=300)

    def chat(system: str, user: str) -> str:
        answer = client.chat.completions.create(
            model=TEXT_MODEL, messages=[{"role": "system", "content": system}, {"role": "user", "content": user}])
        return answer.choices[0].message.content

    started = time.monotonic()
    synopsis = chat(COURSE_SYNOPSIS, IDEA)
    # The course asked for the stars beside the title (it did not wait for them).
    stars: dict[str, str] = {}
    beside = threading.Thread(target=lambda: stars.update(text=chat(COURSE_STARS, synopsis)), daemon=True)
    beside.start()
    title = chat(COURSE_TITLE, synopsis)
    image_prompt = chat(COURSE_IMAGE, f"Title: {title}\nSynopsis: {synopsis}")
    image = client.images.generate(model=IMAGE_MODEL, prompt=f"{image_prompt} There should be no text in this image.",
                                   n=1, size="1024x1536")
    poster = base64.b64decode(image.data[0].b64_json)
    beside.join(timeout=120)
    finished = time.monotonic()
    client.close()
    return {"wall": finished - started, "started": started, "finished": finished, "title": title,
            "stars": stars.get("text"), "poster_bytes": len(poster)}


def in_process_pitch(sim: SimulatedAPI, folder: Path, bound: float) -> dict:
    """Submit one pitch to an in-process app over its JSON API and poll its status JSON every 50 ms."""
    from moviepitch import create_app, db
    from moviepitch.services import services

    app = create_app({"SECRET_KEY": SECRET, "OPENAI_BASE_URL": sim.base_url, "PROVIDER": None,
                      "TEXT_MODEL": TEXT_MODEL, "IMAGE_MODEL": IMAGE_MODEL}, instance_path=folder)
    with app.app_context():
        svc = services()
    db.upgrade(svc.store.engine)
    client = app.test_client()
    client.get("/healthz")  # the app's first request is not the pitch's business
    result: dict = {"first_words": None, "readable": None, "final": None, "status": None, "polls": 0}
    submitted = time.monotonic()
    response = client.post("/api/pitches", json={"idea": IDEA})
    if response.status_code != 202:
        raise RuntimeError(f"POST /api/pitches answered {response.status_code}: {response.get_data(as_text=True)}")
    slug = response.get_json()["slug"]
    job_done: dict[str, float] = {}

    def wait_for_job() -> None:
        try:
            svc.jobs.drain(timeout=bound)
        finally:
            job_done["at"] = time.monotonic()

    waiter = threading.Thread(target=wait_for_job, name="bench-drain", daemon=True)
    waiter.start()
    etag, deadline, tick = None, submitted + bound, 0
    while time.monotonic() < deadline and result["polls"] < int(bound / POLL_INTERVAL) + 10:
        response = client.get(f"/api/pitches/{slug}", headers={"If-None-Match": etag} if etag else {})
        now = time.monotonic()
        result["polls"] += 1
        if response.status_code == 200:
            etag = response.headers.get("ETag")
            doc = response.get_json()
            outputs = doc["outputs"]
            if result["first_words"] is None and outputs.get("synopsis"):
                result["first_words"] = now - submitted
            if (result["readable"] is None and outputs.get("title") and outputs.get("cast")
                    and outputs.get("synopsis") and outputs.get("synopsis_complete")):
                result["readable"] = now - submitted
            if not doc["active"]:
                result["final"], result["status"] = now - submitted, doc["status"]
                break
        tick += 1
        time.sleep(max(0.0, submitted + tick * POLL_INTERVAL - time.monotonic()))
    waiter.join(timeout=max(1.0, deadline - time.monotonic()))
    result["wall"] = job_done["at"] - submitted if "at" in job_done and result["status"] else None
    result["submitted"] = submitted
    result["slug"] = slug
    svc.jobs.shutdown()
    svc.store.engine.dispose()
    return result


def critical_path(calls: list[dict], submitted: float, wall: float | None) -> tuple[float | None, list[list[str]]]:
    """The floor (sum of the server-timed durations along the critical path) and a per-step table."""
    by_step = {}
    for call in sorted(calls, key=lambda c: c["start"]):
        by_step.setdefault(call["step"], call)
    if any(step not in by_step for step in CRITICAL_PATH):
        return None, []
    table, floor, previous_end = [], 0.0, submitted
    for step in CRITICAL_PATH:
        call = by_step[step]
        took = call["end"] - call["start"]
        floor += took
        table.append([step, f"{call['start'] - submitted:.3f}", f"{took:.3f}", f"{call['start'] - previous_end:.3f}"])
        previous_end = call["end"]
    for step in ("reply", "title"):
        if step in by_step:
            call = by_step[step]
            table.append([f"{step} (off the path)", f"{call['start'] - submitted:.3f}",
                          f"{call['end'] - call['start']:.3f}", "—"])
    if wall is not None:
        table.append(["job finished", f"{wall:.3f}", "—", f"{submitted + wall - previous_end:.3f}"])
    return floor, table


# 3, 4, 5: gunicorn


def seed_instance(folder: Path, count: int = 5) -> list[str]:
    """A migrated SQLite database with finished pitches (made against a very fast simulated API); one published."""
    from moviepitch import create_app, db, sharing
    from moviepitch.services import services

    with simapi.SimulatedOpenAI(simapi.Profile(scale=0.005)) as fast:
        app = create_app({"SECRET_KEY": SECRET, "OPENAI_BASE_URL": fast.base_url, "PROVIDER": None,
                          "TEXT_MODEL": TEXT_MODEL, "IMAGE_MODEL": IMAGE_MODEL}, instance_path=folder)
        with app.app_context():
            svc = services()
        db.upgrade(svc.store.engine)
        slugs = [svc.create_pitch(idea, "benchmark-owner") for idea in SEED_IDEAS[:count]]
        svc.jobs.drain(timeout=120)
        statuses = {slug: svc.store.view(slug).status for slug in slugs}
        if any(status != "done" for status in statuses.values()):
            raise RuntimeError(f"seeding pitches did not finish: {statuses}")
        sharing.publish(svc.store, svc.store.pitch_id(slugs[0]), True)
        svc.jobs.shutdown()
        svc.store.engine.dispose()
    return slugs


def gunicorn_conf() -> tuple[Path, str]:
    """The project's own gunicorn settings, for the app and the ceiling alike."""
    return ROOT / "gunicorn.conf.py", "the project's gunicorn.conf.py"


def submit_many(base: str, count: int) -> tuple[list[str], dict[int, int]]:
    """POST /api/pitches `count` times, each from its own loopback address (127.0.0.11, .12, ...), as that
    many people would: creation is rate-limited per address. The slugs accepted and the statuses."""
    parts = urlsplit(base)
    slugs, statuses = [], {}
    for index in range(count):
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30,
                                          source_address=(f"127.0.0.{11 + index}", 0))
        try:
            body = json.dumps({"idea": f"{IDEA} (take {index + 1})"}).encode()
            conn.request("POST", "/api/pitches", body=body, headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            data = response.read()
        finally:
            conn.close()
        statuses[response.status] = statuses.get(response.status, 0) + 1
        if response.status == 202:
            slugs.append(json.loads(data)["slug"])
    return slugs, statuses


def wait_finished(base: str, slugs: list[str], bound: float) -> tuple[dict[str, str], float]:
    """Poll each pitch until none is active or `bound` seconds pass; their statuses and the time it took."""
    started = time.monotonic()
    statuses: dict[str, str] = {}
    for _ in range(int(bound / 0.5) + 1):
        statuses = {}
        for slug in slugs:
            status, _, body = http_request(f"{base}/api/pitches/{slug}")
            statuses[slug] = json.loads(body)["status"] if status == 200 else f"HTTP {status}"
        if not any(s in ("queued", "running") for s in statuses.values()):
            break
        if time.monotonic() - started > bound:
            break
        time.sleep(0.5)
    return statuses, time.monotonic() - started


def max_concurrency(calls: list[dict], since: float, until: float) -> int:
    events = []
    for call in calls:
        start, end = max(call["start"], since), min(call["end"], until)
        if start < end:
            events += [(start, 1), (end, -1)]
    best = level = 0
    for _, delta in sorted(events):
        level += delta
        best = max(best, level)
    return best


# The run


def machine_facts() -> tuple[str, int, int]:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return model, os.cpu_count() or 1, usable


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run MoviePitch's benchmark and print a table of ratios.")
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies every simulated delay (1.0: real time)")
    parser.add_argument("--out", type=Path, help="also write the table as Markdown to this file")
    parser.add_argument("--first-token", type=float, default=simapi.Profile.first_token)
    parser.add_argument("--tokens-per-second", type=float, default=simapi.Profile.tokens_per_second)
    parser.add_argument("--image-seconds", type=float, default=simapi.Profile.image_seconds)
    parser.add_argument("--moderation-seconds", type=float, default=simapi.Profile.moderation_seconds)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of each load run (default 10)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="load runs per route in measurement 3, alternating ceiling and app (default 3)")
    parser.add_argument("--threads", type=int, default=2, help="load client threads (wrk -t)")
    parser.add_argument("--connections", type=int, default=16, help="load client connections (wrk -c)")
    parser.add_argument("--in-flight", type=int, default=20, help="pitches being made during measurement 4")
    parser.add_argument("--job-workers", type=int,
                        help="MOVIEPITCH_JOB_WORKERS for the gunicorn app (default: --in-flight, so all run at once; "
                             "the app's own default is 4 per process)")
    parser.add_argument("--python-client", action="store_true", help="use the Python load client even with wrk")
    parser.add_argument("--app", default="wsgi:app",
                        help="the WSGI app gunicorn serves for measurements 3-5 (default wsgi:app), e.g. a variant "
                             "to compare")
    parser.add_argument("--app-path", type=Path, help="a folder to put on gunicorn's Python path for --app")
    parser.add_argument("--keep", action="store_true", help="keep the run folder (databases and server logs)")
    args = parser.parse_args(argv)
    if (not 0 < args.scale <= 10 or not 0 < args.duration <= 60 or not 0 < args.in_flight <= 100
            or not 0 < args.rounds <= 5 or (args.job_workers is not None and not 0 < args.job_workers <= 100)):
        parser.error("--scale must be in (0, 10], --duration in (0, 60], --in-flight in (0, 100], --rounds in 1..5, "
                     "--job-workers in 1..100")

    profile = simapi.Profile(args.first_token, args.tokens_per_second, args.image_seconds, args.moderation_seconds,
                             args.scale)
    server_cores, other_cores, core_note = cpu_plan()
    loader = LoadClient(args.threads, args.connections, args.python_client, other_cores)
    conf, conf_note = gunicorn_conf()
    model, cores, usable = machine_facts()
    report = Report()
    report.facts = [
        ("Date", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        ("Machine", f"{model}, {cores} cores ({usable} usable), {platform.system()} {platform.machine()}, "
                    f"Python {platform.python_version()}"),
        ("Latency profile", profile.describe()),
        ("Load client", loader.describe()),
        ("Gunicorn", f"{conf_note}; {core_note}"),
    ]
    if args.app != "wsgi:app":
        report.facts.append(("App under gunicorn", f"{args.app} (not the default wsgi:app)"))
    for name, value in report.facts:
        print(f"{name}: {value}", flush=True)
    run_started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="moviepitch-bench-"))
    sim = SimulatedAPI(profile, folder / "simulated_api.log", other_cores)
    app_server = ceiling = None
    # Generous bounds: a pitch's expected time is about 22 s × scale.
    pitch_bound = 120.0 * args.scale + 30.0
    try:
        sim.start()

        # 1. The course's chain, then MoviePitch's pitch, each alone against the simulated API.
        print("\n1-2. The course's chain, then a MoviePitch pitch in-process ...", flush=True)
        course = course_chain(sim.base_url)
        pitch = in_process_pitch(sim, folder / "inprocess", pitch_bound)
        calls = [c for c in sim.calls(pitch["submitted"]) if c["end"] <= pitch["submitted"] + pitch_bound]
        floor, report.path_table = critical_path(calls, pitch["submitted"], pitch["wall"])
        if pitch["status"] != "done":
            report.notes.append(f"The in-process pitch ended {pitch['status']!r}, not 'done'.")
        ratio_row(report, "1", "Pitch wall time ÷ critical-path floor (check → synopsis → poster description → "
                  "poster, as the API timed them)", pitch["wall"], floor, "s", "≤ 1.05", lambda r: r <= 1.05)
        report.add("1", "The course's chain, wall time (synopsis → title, stars beside it → image prompt → "
                   "poster; plain SDK calls)", f"{course['wall']:.2f} s")
        if pitch["wall"]:
            report.add("1", "MoviePitch's pitch wall time ÷ the course's chain", f"{pitch['wall'] / course['wall']:.3f}")

        # 2. What the reader sees, and when.
        ratio_row(report, "2", "Title, cast and synopsis readable in the status JSON ÷ the course's time to show "
                  "anything (after the poster)", pitch["readable"], course["wall"], "s", "≤ 0.35",
                  lambda r: r <= 0.35)
        first_limit = profile.seconds(profile.first_token) + 0.3
        first = pitch["first_words"]
        report.add("2", "Submit → first synopsis words in the status JSON (polled every 50 ms)",
                   f"{first:.3f} s" if first is not None else "not seen", f"≤ {first_limit:.2f} s (first token + 0.3 s)",
                   first is not None and first <= first_limit)

        # 3. Under gunicorn: the ceiling, then the app.
        print("\n3. Under gunicorn ...", flush=True)
        seeded = seed_instance(folder / "instance")
        slug = seeded[0]
        env = child_env(MOVIEPITCH_INSTANCE_PATH=str(folder / "instance"), MOVIEPITCH_SECRET_KEY=SECRET,
                        OPENAI_BASE_URL=sim.base_url, MOVIEPITCH_TEXT_MODEL=TEXT_MODEL,
                        MOVIEPITCH_IMAGE_MODEL=IMAGE_MODEL,
                        # By default every pitch of measurement 4 runs at once, whichever worker takes it.
                        MOVIEPITCH_JOB_WORKERS=str(args.job_workers or args.in_flight), MOVIEPITCH_JOB_QUEUE="16")
        ceiling_env = child_env()
        if server_cores and "WEB_CONCURRENCY" not in os.environ:
            # The project's config reads WEB_CONCURRENCY; one worker per core the server is pinned to.
            env["WEB_CONCURRENCY"] = ceiling_env["WEB_CONCURRENCY"] = str(len(server_cores))
        # Both servers stay up (idle when not loaded), so their runs can alternate round by round.
        ceiling = Gunicorn("ceiling_app:app", conf, ceiling_env, folder / "gunicorn_ceiling.log", server_cores,
                           "/", ("--pythonpath", str(BENCH))).start()
        app_server = Gunicorn(args.app, conf, env, folder / "gunicorn_app.log", server_cores, "/healthz",
                              ("--pythonpath", str(args.app_path)) if args.app_path else ()).start()
        report.facts[4] = ("Gunicorn", f"{conf_note}, {len(app_server.workers())} web workers; {core_note}")
        base = app_server.url
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
        targets = (("ceiling: bare Flask route", ceiling.url + "/", None),
                   ("permalink /p/<slug>", permalink, None),
                   ("poster revalidation (304)", poster_url, {"If-None-Match": etag}),
                   ("gallery", f"{base}/gallery", None))
        for _, url, headers in targets:
            loader.run("warm-up", url, 1.0, headers)
        rounds: dict[str, list[Load]] = {name: [] for name, _, _ in targets}
        repeated = 0
        for number in range(args.rounds):
            print(f"  round {number + 1} of {args.rounds}", flush=True)
            for name, url, headers in targets:
                server = ceiling if url.startswith(ceiling.url) else app_server
                for attempt in range(REPEATS + 1):
                    load = loader.run(name, url, args.duration, headers, server.workers())
                    if not load.lopsided or attempt == REPEATS or repeated >= REPEAT_BUDGET:
                        break
                    repeated += 1
                    print(f"    {name}: one worker took {load.busiest:.0%} of the work; repeating", flush=True)
                rounds[name].append(load)
        for runs in rounds.values():
            report.loads.append(Load.median_of(runs))
            for load in runs:
                if load.bad or load.errors:
                    report.notes.append(f"{load.name}: {load.bad} responses other than 2xx/3xx, {load.errors} "
                                        "socket errors during a load run.")
        ceiling_load, page, poster, gallery = (report.loads[-4 + i] for i in range(4))
        if repeated:
            report.notes.append(f"{repeated} load run(s) of measurement 3 were repeated because one gunicorn worker "
                                f"took over {LOPSIDED:.0%} of the work (all keep-alive connections on one worker).")
        still = [load.name for runs in rounds.values() for load in runs if load.lopsided]
        if still:
            report.notes.append(f"Kept although lopsided (repeats are capped at {REPEATS} per run and "
                                f"{REPEAT_BUDGET} per benchmark): {', '.join(still)}.")
        ceiling.stop()
        ceiling = None

        def paired(name: str) -> str:
            ratios = [a.rps / c.rps for a, c in zip(rounds[name], rounds[targets[0][0]])]
            return f"; rounds in order: {', '.join(f'{r:.2f}' for r in ratios)}" if len(ratios) > 1 else ""

        report.add("3", "Ceiling (bare Flask route): requests/s, p50, p99",
                   f"{ceiling_load.rps:,.0f}/s, {fmt_ms(ceiling_load.p50)}, {fmt_ms(ceiling_load.p99)}")
        ratio_row(report, "3", "Finished permalink ÷ ceiling (requests/s)", page.rps, ceiling_load.rps, "/s",
                  "≥ 0.6", lambda r: r >= 0.6, suffix=paired(page.name))
        ratio_row(report, "3", "Poster revalidation (304) ÷ ceiling (requests/s)", poster.rps, ceiling_load.rps,
                  "/s", "≥ 0.8", lambda r: r >= 0.8, suffix=paired(poster.name))
        report.add("3", "Gallery: requests/s, p50, p99 (÷ ceiling)",
                   f"{gallery.rps:,.0f}/s, {fmt_ms(gallery.p50)}, {fmt_ms(gallery.p99)} "
                   f"({gallery.rps / ceiling_load.rps:.3f})")

        # 4. The permalink while pitches are being made by the same processes.
        print(f"\n4. The permalink with {args.in_flight} generations in flight ...", flush=True)
        # Load for as long as a pitch takes, so the window sees every stage (synopsis, partials, posters).
        window = max(args.duration, math.ceil(pitch["wall"] or 22.0 * args.scale))
        window = min(window, 60.0)
        posted_at = time.monotonic()
        slugs, post_statuses = submit_many(base, args.in_flight)
        loaded = loader.run(f"permalink, {len(slugs)} generations in flight", permalink, window, None,
                            app_server.workers())
        load_end = time.monotonic()
        report.loads.append(loaded)
        finished, waited = wait_finished(base, slugs, pitch_bound)
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
            f"{', so none waits in the job queue' if not args.job_workers else ''}).")
        if loaded.lopsided:
            report.notes.append(f"In measurement 4 one worker took {loaded.busiest:.0%} of the work (the permalink's "
                                "keep-alive connections landed mostly on one worker); its p99 is less comparable.")
        if loaded.bad or loaded.errors:
            report.notes.append(f"{loaded.name}: {loaded.bad} responses other than 2xx/3xx, {loaded.errors} socket "
                                "errors.")
        report.add("4", f"Permalink with {len(slugs)} generations in flight: requests/s, p50, p99",
                   f"{loaded.rps:,.0f}/s, {fmt_ms(loaded.p50)}, {fmt_ms(loaded.p99)}")
        ratio_row(report, "4", "Permalink p99 with generations in flight ÷ idle p99 (idle: measurement 3"
                  + (f", median of {args.rounds} rounds)" if args.rounds > 1 else ")"),
                  loaded.p99, page.p99, "ms",
                  "< 2", lambda r: r < 2, digits=2)
        if len(slugs) < args.in_flight:
            report.rows[-1].ok = False
            report.notes.append(f"Only {len(slugs)} of {args.in_flight} pitches were accepted, so fewer were in "
                                "flight than asked.")

        # 5. Peak memory of each web worker, after all of the above.
        workers = app_server.workers()
        memory = {pid: memory_kib(pid) for pid in workers}
        peaks = [m.get("VmHWM", 0) for m in memory.values()]
        if peaks:
            report.add("5", f"Peak RSS (VmHWM) per gunicorn web worker ({len(workers)} workers, after all loads)",
                       f"max {max(peaks) / 1024:.0f} MiB (" + ", ".join(f"{p / 1024:.0f}" for p in peaks) + " MiB)",
                       "none set")
        else:
            report.add("5", "Peak RSS per gunicorn web worker", "no workers found", "none set")
    finally:
        for server in (ceiling, app_server):
            if server is not None:
                server.stop()
        sim.stop()
        if args.keep:
            print(f"\nRun folder kept: {folder}", flush=True)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    if args.scale < 1.0:
        report.notes.append(f"Scale ×{args.scale:g}: the {args.in_flight} pitches of measurement 4 do their CPU work "
                            "(poster decoding and encoding, database writes) in a shorter window than in real time, "
                            "so measurement 4 is harsher than at scale 1.0, and the fixed costs of measurement 1 "
                            "weigh more; quote targets from a scale-1.0 run.")
    report.facts.append(("Run time", f"{time.monotonic() - run_started:.0f} s"))
    markdown = report.markdown()
    print("\n" + markdown, flush=True)
    if args.out:
        args.out.write_text(markdown)
        print(f"Written to {args.out}", flush=True)
    return 0 if all(row.ok is not False for row in report.rows) else 1


if __name__ == "__main__":
    sys.exit(main())
