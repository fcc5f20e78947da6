"""Pictures drawn from a pitch (its share card, its poster as a PNG), drawn once per version and kept.

A card takes about a fifth of a second to draw and a full-size PNG more than half a second, and a
shared link can bring many requests at once. So each is drawn once for the versions it shows, in
the low-priority image workers, kept in the database for every process and host, and served at a
versioned URL that browsers and proxies may keep for a year.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable

from ..storage.store import Store

# One lock per picture being drawn, so a burst of requests in one process draws it once.
_drawing: weakref.WeakValueDictionary[str, threading.Lock] = weakref.WeakValueDictionary()
_drawing_guard = threading.Lock()


def kept_or_drawn(store: Store, pitch_id: int, name: str, draw: Callable[[], bytes]) -> bytes:
    """The kept picture, or draw it now (once, however many ask at the same time) and keep it."""
    body = store.rendition(pitch_id, name)
    if body is not None:
        return body
    with _lock_for(f"{pitch_id}/{name}"):
        body = store.rendition(pitch_id, name)
        if body is None:
            body = draw()
            store.keep_rendition(pitch_id, name, body)
    return body


def _lock_for(key: str) -> threading.Lock:
    with _drawing_guard:
        lock = _drawing.get(key)
        if lock is None:
            lock = _drawing[key] = threading.Lock()
        return lock
