"""The store's two ways of deleting a pitch clear the same content: erase_pitch the row too, tombstone_pitch not."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from moviepitch.storage.models import Base, Pitch, UsageEntry

# Every table with a pitch_id column holds content that goes with the pitch, but for the usage ledger (the money was
# spent) and group membership (a group's page shows the pitch as deleted; erasing the row cascades it away).
KEPT = {"usage_entries", "group_members"}
CONTENT = [table for table in Base.metadata.sorted_tables if "pitch_id" in table.c and table.name not in KEPT]


def full_pitch(store) -> tuple[str, int]:
    """A published pitch with a row in every content table: outputs, poster, preview, rendition, co-owner, report,
    like, a meeting turn and a summary, and one paid call in the ledger."""
    slug = store.create_pitch("A lighthouse that can talk", "maker", "offline", {})
    pitch_id = store.pitch_id(slug)
    assert store.claim(pitch_id, "runner")
    store.start_step(pitch_id, "synopsis")
    store.write_output(pitch_id, "synopsis", "A keeper (Tilda Swinton) hears the light speak.")
    store.finish_step(pitch_id, "synopsis", {"output_tokens": 12}, model="offline")
    store.save_preview(pitch_id, b"preview", 1)
    store.save_poster(pitch_id, webp=b"poster", thumb=b"thumb", width=2, height=3, meta={})
    store.save_preview(pitch_id, b"preview", 2)
    store.keep_rendition(pitch_id, "card-1-1-1", b"card")
    store.finish(pitch_id, "done")
    assert store.publish(pitch_id, True)
    assert store.join_by_edit_link(slug, store.new_edit_link(pitch_id), "co-owner")
    assert store.report(pitch_id, "reader", "Spoils the ending")
    assert store.like(pitch_id, "fan").liked
    asked, _ = store.start_turn(pitch_id, "Make it a heist", None, 1)
    store.save_summary(pitch_id, asked, "They asked for a heist.", "model")
    return slug, pitch_id


def rows_of(store, pitch_id: int) -> dict[str, int]:
    """How many rows each content table holds for the pitch."""
    with store.engine.connect() as connection:
        return {
            table.name: connection.scalar(select(func.count()).select_from(table).where(table.c.pitch_id == pitch_id))
            for table in CONTENT
        }


def ledger_rows(store) -> int:
    with store.engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(UsageEntry))


@pytest.mark.parametrize(
    "delete, row_kept",
    [
        (lambda store, slug, pitch_id: store.erase_pitch(slug), False),
        (lambda store, slug, pitch_id: store.tombstone_pitch(pitch_id), True),
    ],
    ids=["erase", "tombstone"],
)
def test_both_deletions_clear_every_content_table_reports_included(store, delete, row_kept):
    slug, pitch_id = full_pitch(store)
    other_slug, other_id = full_pitch(store)
    assert all(rows_of(store, pitch_id).values()), rows_of(store, pitch_id)  # every table had something to delete
    paid = ledger_rows(store)

    delete(store, slug, pitch_id)

    assert rows_of(store, pitch_id) == {table.name: 0 for table in CONTENT}
    assert all(rows_of(store, other_id).values())  # the other pitch keeps all of its own
    assert ledger_rows(store) == paid  # the money was spent either way
    with store.engine.connect() as connection:
        status = connection.scalar(select(Pitch.status).where(Pitch.id == pitch_id))
    assert (status == "deleted") if row_kept else (status is None)
    assert store.view(other_slug).status == "done"
