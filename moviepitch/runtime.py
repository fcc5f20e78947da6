"""Process tuning: what a long-lived serving process does that the domain code need not know about.

Each layer stays because the bench shows it matters; docs/PERFORMANCE.md ("What was slow, how it was
found, and what fixed it") has the measurements. Here: `warm`, which gunicorn's post_worker_init
(gunicorn.conf.py) calls before a worker takes requests, and the bench calls as a booted worker would.
Elsewhere, where their code lives:

- media/image_pool.py: posters checked and encoded in a few niced forkserver processes, one pool per OS
  process (rebuilt after fork), so page views keep their core;
- storage/store.py: POLL, the status poll's query built once and run on a bare connection;
- web/: the page cache and the revalidation middleware in front of Flask.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from .media import image_pool

if TYPE_CHECKING:
    from .services import Services


def warm(services: Services) -> None:
    """Get this process ready to serve: the provider's client and image workers, and a quiet collector."""
    services.provider.warm()
    if services.schema is not None:
        services.schema.warn_once()  # the operator sees it as the server starts, not at the first visit
    image_pool.warm(services.image_processes)
    freeze_collector()


def freeze_collector() -> None:
    """Keep the objects loaded so far out of every later garbage collection.

    The app, the SDK and their modules live as long as the process; left to the collector, each full
    collection walks them all with every thread stopped (docs/PERFORMANCE.md, "The first synopsis words").
    """
    gc.collect()
    gc.freeze()
