"""The processes the benchmark starts (the simulated API, gunicorn) and what it reads about them.

Imported by run.py, which puts the project root and tests/bench on sys.path first.
"""

from __future__ import annotations

import http.client
import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import simulated_openai as simapi

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent.parent
HOST = "127.0.0.1"  # loopback only: nothing the benchmark starts listens beyond this machine


def free_port() -> int:
    """A TCP port on HOST that is free now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def http_request(
    url: str, method: str = "GET", body: dict | None = None, headers: dict | None = None, timeout: float = 30.0
) -> tuple[int, dict[str, str], bytes]:
    """One request on a fresh connection: the status, the headers (lower-cased names) and the body."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        data = json.dumps(body).encode() if body is not None else None
        all_headers = {**({"Content-Type": "application/json"} if body is not None else {}), **(headers or {})}
        conn.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body=data, headers=all_headers)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def child_env(**extra: str) -> dict[str, str]:
    """The environment for servers we start: ours, minus any real keys or shared services."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("MOVIEPITCH_")
        and k
        not in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DATABASE_URL", "REDIS_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID")
    }
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def cpu_plan() -> tuple[set[int] | None, set[int] | None, str]:
    """Cores for gunicorn and for everything else: two for the server when the machine has more."""
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else list(range(os.cpu_count() or 1))
    if len(cores) > 2:
        server, rest = set(cores[:2]), set(cores[2:])
        return (
            server,
            rest,
            (
                f"gunicorn pinned to 2 cores ({cores[0]}, {cores[1]}); load client and simulated "
                f"API on the other {len(rest)}"
            ),
        )
    return (
        None,
        None,
        (
            f"the machine has {len(cores)} core{'s' if len(cores) != 1 else ''}: gunicorn, the load "
            "client and the simulated API share them"
        ),
    )


def pinned(cores: set[int] | None):
    """A Popen preexec_fn that pins the child to `cores` (None: no pinning)."""
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


def cpu_ticks(pid: int) -> int:
    """User + system CPU time of a process (all its threads), in clock ticks."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0


def memory_kib(pid: int) -> dict[str, int]:
    """A process's peak (VmHWM) and current (VmRSS) resident memory in KiB, from /proc; empty if it is gone."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                values[key] = int(rest.split()[0])
    except OSError:
        pass
    return values


def descendants(pid: int) -> list[int]:
    """Every process below pid (children, their children, ...), from /proc; empty if it is gone."""
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        try:
            children = [int(c) for c in Path(f"/proc/{parent}/task/{parent}/children").read_text().split()]
        except OSError:
            continue
        found += children
        todo += children
    return found


def proportional_kib(pid: int) -> int:
    """A process's proportional set size (PSS: shared pages split among their sharers) in KiB, or 0."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def machine_facts() -> tuple[str, int, int]:
    """The CPU model, the machine's core count and how many of them this process may use."""
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


class SimulatedAPI:
    """The simulated API as a process of its own, so that its GIL is not the app's."""

    def __init__(self, profile: simapi.Profile, log_path: Path, cores: set[int] | None):
        self.profile, self.log_path, self.cores = profile, log_path, cores
        self.proc: subprocess.Popen | None = None
        self.base_url = ""

    def start(self, timeout: float = 60.0) -> SimulatedAPI:
        """Start simulated_openai.py and wait for its "READY <base_url>" line."""
        p = self.profile
        cmd = [
            sys.executable,
            str(BENCH / "simulated_openai.py"),
            "--scale",
            repr(p.scale),
            "--first-token",
            repr(p.first_token),
            "--tokens-per-second",
            repr(p.tokens_per_second),
            "--image-seconds",
            repr(p.image_seconds),
            "--moderation-seconds",
            repr(p.moderation_seconds),
            "--max-seconds",
            "3600",
        ]
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            cwd=str(ROOT),
            env=child_env(),
            preexec_fn=pinned(self.cores),
        )
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
        """The calls the API timed that started at or after `since` (time.monotonic(), one clock system-wide)."""
        root = self.base_url.rsplit("/v1", 1)[0]
        status, _, body = http_request(f"{root}/_bench/calls?since={since!r}")
        if status != 200:
            raise RuntimeError(f"the simulated API answered {status} for its call records")
        return json.loads(body)["calls"]

    def stop(self) -> None:
        """Stop the process and close its pipe and log."""
        stop_process(self.proc, timeout=5)
        if self.proc is not None and self.proc.stdout:
            self.proc.stdout.close()
        if getattr(self, "_log", None):
            self._log.close()


class Gunicorn:
    """A gunicorn master serving `app_spec` on a free loopback port, with its log in the run folder."""

    def __init__(
        self,
        app_spec: str,
        conf: Path,
        env: dict[str, str],
        log_path: Path,
        cores: set[int] | None,
        ready_path: str,
        extra_args: tuple[str, ...] = (),
    ):
        self.app_spec, self.conf, self.env, self.log_path = app_spec, conf, env, log_path
        self.cores, self.ready_path, self.extra_args = cores, ready_path, extra_args
        self.proc: subprocess.Popen | None = None
        self.port = 0

    @property
    def url(self) -> str:
        """The server's base URL, without a trailing slash."""
        return f"http://{HOST}:{self.port}"

    def start(self, timeout: float = 60.0) -> Gunicorn:
        """Start gunicorn; return once `ready_path` answers 200 and every worker has booted."""
        self.port = free_port()
        cmd = [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            str(self.conf),
            "-b",
            f"{HOST}:{self.port}",
            *self.extra_args,
            self.app_spec,
        ]
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            cmd, cwd=str(ROOT), env=self.env, stdout=self._log, stderr=subprocess.STDOUT, preexec_fn=pinned(self.cores)
        )
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
        """The end of gunicorn's log, for error messages."""
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
        # Kernels without the children file: scan /proc for processes whose parent is the master.
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
        """Stop the master (it stops its workers) and close the log."""
        stop_process(self.proc)
        if getattr(self, "_log", None):
            self._log.close()


def gunicorn_conf() -> tuple[Path, str]:
    """The project's own gunicorn settings, for the app and the ceiling alike."""
    return ROOT / "gunicorn.conf.py", "the project's gunicorn.conf.py"
