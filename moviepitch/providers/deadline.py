"""One total deadline per model call: across the SDK's retries, and to a stream's last token.

The SDK's timeout bounds each wait for bytes, so a server that keeps talking (a base model that
never stops) or a retry after a timeout could each run far past it. A call sets a deadline here; an
httpx2 request hook shortens every attempt's timeouts to the time left, and a guard closes a stream
when the time is up, which also tells the server to stop generating.
"""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from contextvars import ContextVar

import httpx2

_deadline: ContextVar[float | None] = ContextVar("moviepitch_call_deadline", default=None)
_TIMEOUT_KEYS = ("connect", "read", "write", "pool")


@contextmanager
def within(seconds: float, clock=time.monotonic):
    """Run the calls inside within `seconds`, in total."""
    token = _deadline.set(clock() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def time_left(clock=time.monotonic) -> float | None:
    """Seconds left before the current call's deadline; None outside a deadline."""
    deadline = _deadline.get()
    return None if deadline is None else deadline - clock()


def bound_request(request: httpx2.Request) -> None:
    """An httpx2 request hook: no attempt waits past the call's deadline (retries included)."""
    left = time_left()
    if left is None:
        return
    if left <= 0:
        raise httpx2.ReadTimeout("The call's deadline passed before this attempt.", request=request)
    timeout = request.extensions.get("timeout") or {}
    request.extensions["timeout"] = {
        key: left if timeout.get(key) is None else min(timeout[key], left) for key in _TIMEOUT_KEYS
    }


class StreamGuard:
    """Closes a streamed answer when the call's deadline passes, even while it waits for a byte.

    Closing a socket another thread is reading does not wake that read on Linux; shutting it down does.
    `expired` tells the reader why its stream ended.
    """

    def __init__(self, stream, clock=time.monotonic):
        self.stream = stream
        self.expired = False
        self._lock = threading.Lock()
        self._done = False
        left = time_left(clock)
        self._timer = None if left is None else threading.Timer(max(left, 0), self._expire)
        if self._timer is not None:
            self._timer.daemon = True
            self._timer.start()

    def check(self) -> bool:
        """True (and the stream closed) once the deadline has passed; call it between chunks."""
        left = time_left()
        if left is not None and left <= 0:
            self.expired = True
            self.finish()
        return self.expired

    def finish(self) -> None:
        """Stop guarding and close the stream (idempotent)."""
        with self._lock:
            self._done = True
        if self._timer is not None:
            self._timer.cancel()
        self.stream.close()

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return  # finished in time; its connection may already serve another request
            self.expired = True
            network = self.stream.response.extensions.get("network_stream")
            sock = network.get_extra_info("socket") if network is not None else None
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass  # already closed
