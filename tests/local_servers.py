"""Throwaway PostgreSQL and Redis servers on loopback for the test suite."""

from __future__ import annotations

import atexit
import glob
import http.client
import json as jsonlib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

import pytest

HOST = "127.0.0.1"
PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
# A free port can be taken by someone else between our probe and the server's bind.
PORT_ATTEMPTS = 3

# Servers still running; stopped at interpreter exit in case a teardown never ran.
_running: set[_Server] = set()


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def require(server_class) -> str | None:
    """A reason to skip tests needing server_class, or None; under CI a missing server raises."""
    reason = server_class.available()
    if reason and os.environ.get("CI") == "true":
        raise RuntimeError(f"CI needs {server_class.__name__}: {reason}")
    return reason


def serving(server_class):
    """For a fixture: a running server_class, stopped afterwards; a skip when it is not installed."""
    if reason := require(server_class):
        pytest.skip(reason)
    with server_class() as server:
        yield server


def accepts(port: int) -> bool:
    """Whether something accepts TCP connections on the loopback port."""
    try:
        socket.create_connection((HOST, port), timeout=1).close()
        return True
    except OSError:
        return False


def _version(path: str) -> list[int]:
    """The numbers of /usr/lib/postgresql/<version>/bin/<name>, for sorting."""
    return [int(part) for part in re.findall(r"\d+", path.split("/")[-3])]


def _world_traversable(path: str) -> bool:
    """Whether every folder down to path lets other users through (the postgres user is one)."""
    path = os.path.abspath(path)
    while True:
        if not os.stat(path).st_mode & 0o001:
            return False
        parent = os.path.dirname(path)
        if parent == path:
            return True
        path = parent


class _Server:
    """What both servers share: a temp folder, a process group, a log and a clean stop."""

    port: int | None = None
    _proc: subprocess.Popen | None = None
    # Environment variables the server starts with, besides the test run's own.
    env: dict[str, str] = {}

    def __init__(self) -> None:
        self.tmpdir: str | None = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def log_path(self) -> str:
        return os.path.join(self.tmpdir, "server.log")

    def log(self) -> str:
        """What the server printed so far (for failure messages)."""
        try:
            with open(self.log_path, errors="replace") as fh:
                return fh.read()
        except OSError:
            return ""

    def start(self):
        """Start on a free port and wait until it serves; retry if the port got taken."""
        _running.add(self)
        try:
            self._prepare()
            for attempt in range(PORT_ATTEMPTS):
                self.port = free_port()
                self._launch()
                if self._wait_ready():
                    return self
                if attempt + 1 < PORT_ATTEMPTS and "in use" in self.log():
                    continue
                raise RuntimeError(f"{type(self).__name__} did not start:\n{self.log()[-3000:]}")
        except BaseException:
            self.stop()
            raise

    def _launch(self) -> None:
        """Run the server in its own process group, so stop() can end all of it."""
        with open(self.log_path, "ab") as log:
            self._proc = subprocess.Popen(
                self._command(),
                cwd=self.tmpdir,
                stdin=subprocess.DEVNULL,
                env={**os.environ, **self.env},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def _wait_ready(self) -> bool:
        """Poll until the server answers; False once the process has died."""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                return False
            if self._ready():
                return True
            time.sleep(0.02)
        return False

    def stop(self) -> None:
        """Stop the server, kill whatever is left of its process group, remove the folder."""
        proc, self._proc = self._proc, None
        if proc is not None:
            if proc.poll() is None:
                self._shutdown(proc)
                try:
                    proc.wait(STOP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    pass
            # The group outlives its leader when children linger; nothing of it may stay.
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            proc.wait()
        if self.tmpdir:
            shutil.rmtree(self.tmpdir, ignore_errors=True)
            self.tmpdir = None
        _running.discard(self)

    def _shutdown(self, proc: subprocess.Popen) -> None:
        proc.terminate()


class PostgresServer(_Server):
    """A PostgreSQL cluster in a temp folder, trusting everyone, with a `moviepitch` database."""

    def __init__(self, database: str = "moviepitch") -> None:
        super().__init__()
        self.database = database

    @property
    def url(self) -> str:
        """SQLAlchemy URL (psycopg 3 driver)."""
        return f"postgresql+psycopg://postgres@{HOST}:{self.port}/{self.database}"

    @property
    def dsn(self) -> str:
        """Connection string for psycopg itself."""
        return f"postgresql://postgres@{HOST}:{self.port}/{self.database}"

    @staticmethod
    def binary(name: str) -> str | None:
        """initdb/postgres/pg_ctl from Debian's highest installed version, else from PATH."""
        # Sort numerically: version 9 must not beat version 16.
        found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_version)
        return found[-1] if found else shutil.which(name)

    @classmethod
    def available(cls) -> str | None:
        """None when a server can start here, else why not."""
        missing = [n for n in ("initdb", "postgres") if not cls.binary(n)]
        if missing:
            return f"PostgreSQL not installed ({', '.join(missing)} not found)"
        if os.geteuid() == 0:
            # PostgreSQL refuses to run as root, so root runs it as the postgres user.
            if not shutil.which("runuser"):
                return "running as root but runuser is missing"
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                return "running as root but there is no postgres user"
        try:
            import psycopg  # noqa: F401
        except ImportError:
            return "psycopg is not installed"
        return None

    def _as_server_user(self, argv: list[str]) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv

    def _prepare(self) -> None:
        if reason := self.available():
            raise RuntimeError(reason)
        root = os.geteuid() == 0
        base = tempfile.gettempdir()
        if root and not _world_traversable(base):
            base = "/tmp"  # the postgres user could not reach a folder under a private TMPDIR
        self.tmpdir = tempfile.mkdtemp(prefix="moviepitch-pg-", dir=base)
        if root:
            user = pwd.getpwnam("postgres")
            os.chown(self.tmpdir, user.pw_uid, user.pw_gid)
        # --no-locale: the machine's locale may not be generated, and tests need none.
        initdb = [
            self.binary("initdb"),
            "-D",
            self.datadir,
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
            "-E",
            "UTF8",
            "--no-locale",
        ]
        with open(self.log_path, "ab") as log:
            done = subprocess.run(
                self._as_server_user(initdb),
                cwd=self.tmpdir,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        if done.returncode:
            raise RuntimeError(f"initdb failed:\n{self.log()[-3000:]}")

    @property
    def datadir(self) -> str:
        return os.path.join(self.tmpdir, "data")

    def _command(self) -> list[str]:
        # fsync and friends off: a test cluster never needs to survive a crash.
        return self._as_server_user(
            [
                self.binary("postgres"),
                "-D",
                self.datadir,
                "-p",
                str(self.port),
                "-c",
                f"listen_addresses={HOST}",
                "-k",
                self.tmpdir,
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
            ]
        )

    def _ready(self) -> bool:
        import psycopg

        try:
            conn = psycopg.connect(
                host=HOST, port=self.port, user="postgres", dbname="postgres", connect_timeout=2, autocommit=True
            )
        except psycopg.OperationalError:
            return False  # refused, or "the database system is starting up"
        with conn:
            conn.execute(f'CREATE DATABASE "{self.database}"')
        return True

    def _shutdown(self, proc: subprocess.Popen) -> None:
        # SIGINT to the postmaster is a fast shutdown: it ends open sessions instead of
        # waiting for them. Under runuser our child is runuser, so signal the postmaster
        # by the pid it wrote down.
        try:
            with open(os.path.join(self.datadir, "postmaster.pid")) as fh:
                os.kill(int(fh.readline()), signal.SIGINT)
        except (OSError, ValueError):
            proc.terminate()


class RedisServer(_Server):
    """A redis-server that keeps nothing on disk."""

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    @staticmethod
    def available() -> str | None:
        """None when redis-server is installed, else why not."""
        return None if shutil.which("redis-server") else "redis-server not installed"

    def _prepare(self) -> None:
        if reason := self.available():
            raise RuntimeError(reason)
        self.tmpdir = tempfile.mkdtemp(prefix="moviepitch-redis-")

    def _command(self) -> list[str]:
        return [
            "redis-server",
            "--save",
            "",
            "--appendonly",
            "no",
            "--port",
            str(self.port),
            "--bind",
            HOST,
            "--daemonize",
            "no",
            "--dir",
            self.tmpdir,
        ]

    def _ready(self) -> bool:
        # A bare RESP PING, so waiting needs no client library.
        try:
            with socket.create_connection((HOST, self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


class AppServer(_Server):
    """MoviePitch itself, served the way a user starts it (`gunicorn wsgi:app` or `flask run`).

    The instance folder is new and empty unless `instance` names one, so every start is a first run.
    """

    def __init__(self, how: str = "gunicorn", env: dict[str, str] | None = None, instance: str | None = None):
        super().__init__()
        self.how, self.env, self.instance = how, dict(env or {}), instance

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def _prepare(self) -> None:
        self.tmpdir = tempfile.mkdtemp(prefix="moviepitch-app-")
        self.instance = self.instance or os.path.join(self.tmpdir, "instance")
        self.env.setdefault("MOVIEPITCH_INSTANCE_PATH", self.instance)
        self.env.setdefault("MOVIEPITCH_OFFLINE_PACE", "0")
        # Whatever key the machine has, a test server never calls a real API.
        self.env.setdefault("MOVIEPITCH_PROVIDER", "offline")

    def _command(self) -> list[str]:
        bin_dir = os.path.dirname(sys.executable)
        if self.how == "flask":
            return [
                os.path.join(bin_dir, "flask"),
                "--app",
                "moviepitch",
                "run",
                "--host",
                HOST,
                "--port",
                str(self.port),
            ]
        self.env["MOVIEPITCH_BIND"] = f"{HOST}:{self.port}"
        return [
            os.path.join(bin_dir, "gunicorn"),
            "--chdir",
            PROJECT_ROOT,
            "-c",
            os.path.join(PROJECT_ROOT, "gunicorn.conf.py"),
            "wsgi:app",
        ]

    def _ready(self) -> bool:
        try:
            return self.call("GET", "/healthz", timeout=2)[0] == 200
        except OSError:
            return False

    def call(
        self, method: str, path: str, json: object = None, headers: dict | None = None, timeout: float = 30
    ) -> tuple[int, dict[str, str], bytes]:
        """One request on a new connection (no redirects followed): status, headers, body."""
        connection = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            body = None if json is None else jsonlib.dumps(json).encode()
            sent = {**({"Content-Type": "application/json"} if body else {}), **(headers or {})}
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
        finally:
            connection.close()

    def make_pitch(self, idea: str, timeout: float = 60) -> dict:
        """Create a pitch through the API and wait until it is finished: its status document."""
        status, _, body = self.call("POST", "/api/pitches", json={"idea": idea})
        assert status == 202, body
        slug = jsonlib.loads(body)["slug"]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            document = jsonlib.loads(self.call("GET", f"/api/pitches/{slug}")[2])
            if not document["active"]:
                return document
            time.sleep(0.1)
        raise AssertionError(f"pitch {slug} did not finish:\n{self.log()[-3000:]}")


@atexit.register
def _stop_all() -> None:
    for server in list(_running):
        server.stop()
