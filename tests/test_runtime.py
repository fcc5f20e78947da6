"""runtime.warm readies a serving process: it freezes the start-up objects out of the collector."""

from __future__ import annotations

import gc

from helpers import services_of

from moviepitch import runtime


def test_warming_freezes_what_is_loaded_so_far(app):
    gc.unfreeze()
    try:
        services_of(app).warm()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    runtime.freeze_collector()
    assert gc.get_freeze_count() > 0
    gc.unfreeze()
