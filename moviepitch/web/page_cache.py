"""Rendered pages of finished pitches, kept per process for visitors who own nothing.

A finished pitch looks the same to every such visitor of one site name until something changes it,
and every change bumps its revision. (Its absolute links follow the request's host when no public URL
is set, so a page is only ever served again under the host it was rendered for.) So a page is kept with the revision it shows and served again for as long as
that is still the revision. Checking costs a database read, the larger part of a cached view, so a
page checked within the last `fresh_seconds` is served without one. A change made through this
process forgets the page at once (see `forget`); one made by another process or host is seen
within `fresh_seconds`.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass


@dataclass
class CachedPage:
    revision: int
    html: str
    checked_at: float
    host: str = ""


class PageCache:
    """A small LRU of rendered pages by slug, each with the revision it shows."""

    def __init__(self, fresh_seconds: float = 1.0, size: int = 512, clock=time.monotonic):
        self.fresh_seconds, self.size, self.clock = fresh_seconds, size, clock
        self._pages: OrderedDict[str, CachedPage] = OrderedDict()
        self._lock = threading.Lock()

    def fresh(self, slug: str, host: str = "") -> CachedPage | None:
        """The page of slug for this host if it was checked against the database within fresh_seconds."""
        with self._lock:
            page = self._pages.get(slug)
            if page is None or page.host != host or self.clock() - page.checked_at >= self.fresh_seconds:
                return None
            self._pages.move_to_end(slug)
            return page

    def current(self, slug: str, revision: int, host: str = "") -> CachedPage | None:
        """The page of slug for this host if it shows this revision, now marked as just checked."""
        with self._lock:
            page = self._pages.get(slug)
            if page is None or page.host != host or page.revision != revision:
                return None
            page.checked_at = self.clock()
            self._pages.move_to_end(slug)
            return page

    def put(self, slug: str, revision: int, html: str, host: str = "") -> None:
        """Keep a page rendered for host, forgetting the least recently used past the size."""
        with self._lock:
            self._pages[slug] = CachedPage(revision, html, self.clock(), host)
            self._pages.move_to_end(slug)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)

    def forget(self, slug: str) -> None:
        """Drop the page of slug, so the next view reads the database."""
        with self._lock:
            self._pages.pop(slug, None)
