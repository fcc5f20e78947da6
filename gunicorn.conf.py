"""gunicorn settings for MoviePitch: `gunicorn wsgi:app` (or `make serve`) reads this file."""

import multiprocessing
import os

bind = os.environ.get("MOVIEPITCH_BIND", "127.0.0.1:8000")
# gthread: pages poll the status JSON several times a second; threads make that cheap.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
threads = int(os.environ.get("MOVIEPITCH_THREADS", "8"))
# Every request is short (no long polling, no SSE), so a stuck one is a real problem.
timeout = 30
graceful_timeout = 20
keepalive = 5
# Pools and database connections are built after the fork, in each worker.
preload_app = False
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'


def _services(worker):
    app = getattr(worker, "wsgi", None)
    return getattr(app, "extensions", {}).get("moviepitch") if app is not None else None


def post_worker_init(worker):
    """Before the worker takes requests, start what its first pitch would wait for (moviepitch/runtime.py)."""
    services = _services(worker)
    if services is not None:
        services.warm()


def worker_exit(server, worker):
    """A worker stopping gracefully hands its unfinished pitches back as interrupted."""
    services = _services(worker)
    if services is not None:
        for slug in services.interrupt_in_flight():
            server.log.info("Pitch %s interrupted by the restart; its owner can resume it", slug)
