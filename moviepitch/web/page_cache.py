"""Rendered pages of finished pitches, kept per process for visitors who own nothing: when a page may be
kept, and when it is forgotten.

A finished pitch looks the same to every such visitor of one site name until something changes it,
and every change bumps its revision. (Its absolute links follow the request's host when no public URL
is set, so a page is only ever served again under the host it was rendered for.) So a page is kept
with the revision it shows and served again for as long as that is still the revision. Checking costs
a database read, the larger part of a cached view, so a page checked within the last `fresh_seconds`
is served without one. A change made through this
process forgets the page at once (see `init_app`); one made by another process or host is seen
within `fresh_seconds`.

The pitch view asks a `Visit` (what one request may take from the cache, and give it) and nothing else.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from flask import Flask, current_app, request, session

from ..storage.records import ACTIVE, PitchView
from .owner import current_owner

EXTENSION = "moviepitch.pages"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


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


def init_app(app: Flask) -> None:
    """Give the app its cache of finished pages, and forget a pitch's page after any request that may change it."""
    app.extensions[EXTENSION] = PageCache(float(app.config["PAGE_CACHE_SECONDS"]))
    app.teardown_request(_forget_changed_page)


def _forget_changed_page(exc=None) -> None:
    # Every route that changes a pitch names it by `slug` and is not a GET (a GET changes nothing), so this
    # process shows the change at once without each such route having to remember the cache.
    slug = (request.view_args or {}).get("slug")
    if slug and request.method not in SAFE_METHODS:
        current_app.extensions[EXTENSION].forget(slug)


@dataclass
class Visit:
    """One request for a pitch's page, as the cache sees it: whether it may share the kept page, and whose host."""

    slug: str
    cache: PageCache | None  # None for a visitor who must get a page of their own
    host: str

    @classmethod
    def of_request(cls, slug: str) -> Visit:
        """This request's visit: visitors who own nothing and have no message waiting all see the same page."""
        shared = current_owner() is None and not session.get("_flashes")
        # Absolute links follow the request's host unless a public URL is set: keep pages per host.
        host = "" if current_app.config.get("PUBLIC_URL") else request.host
        return cls(slug, current_app.extensions[EXTENSION] if shared else None, host)

    def fresh(self) -> CachedPage | None:
        """The kept page, if it was checked against the database within fresh_seconds."""
        return self.cache.fresh(self.slug, self.host) if self.cache else None

    def current(self, status: str, revision: int) -> CachedPage | None:
        """The kept page of a finished pitch, if it shows the revision the database has now."""
        if self.cache is None or status in ACTIVE:
            return None
        return self.cache.current(self.slug, revision, self.host)

    def keep(self, status: str, revision: int, view: PitchView, html: str) -> bool:
        """Keep a freshly rendered page when it is the shared one; whether it is (a live page never is)."""
        if self.cache is None or status in ACTIVE:
            return False
        if view.revision == revision:  # rendered from what was polled, not from a change made since
            self.cache.put(self.slug, view.revision, html, self.host)
        return True
