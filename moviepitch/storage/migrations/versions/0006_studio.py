"""The studio: knobs and chosen models on pitches, likes, step costs, the usage ledger and the money budget.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from moviepitch.storage.models import UTCDateTime


# revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: Union[str, Sequence[str], None] = "0005"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Add likes and usage_entries; knobs, chosen models and a like count on pitches; a cost on steps; money spent
    per day."""
    op.create_table(
        "likes",
        sa.Column("pitch_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["pitch_id"], ["pitches.id"], name=op.f("fk_likes_pitch_id_pitches"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("pitch_id", "owner_id", name=op.f("pk_likes")),
    )
    with op.batch_alter_table("likes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_likes_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "usage_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pitch_id", sa.Integer(), nullable=True),
        sa.Column("step", sa.String(length=32), nullable=False),
        sa.Column("model", sa.String(length=128), nullable=False),
        sa.Column("usage", sa.JSON(), nullable=False),
        sa.Column("cost_nanos", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(length=8), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["pitch_id"], ["pitches.id"], name=op.f("fk_usage_entries_pitch_id_pitches"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_usage_entries")),
    )
    with op.batch_alter_table("usage_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_usage_entries_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_usage_entries_pitch_id"), ["pitch_id"], unique=False)

    with op.batch_alter_table("daily_budget", schema=None) as batch_op:
        batch_op.add_column(sa.Column("spent_nanos", sa.BigInteger(), server_default="0", nullable=False))

    with op.batch_alter_table("pitches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("knobs", sa.JSON(), server_default="{}", nullable=False))
        batch_op.add_column(sa.Column("text_model", sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column("image_model", sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column("likes", sa.Integer(), server_default="0", nullable=False))
        batch_op.create_index("ix_pitches_likes_published", ["likes", "published_at", "id"], unique=False)

    with op.batch_alter_table("steps", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cost", sa.JSON(), nullable=True))


def downgrade() -> None:
    """Drop them."""
    with op.batch_alter_table("steps", schema=None) as batch_op:
        batch_op.drop_column("cost")

    with op.batch_alter_table("pitches", schema=None) as batch_op:
        batch_op.drop_index("ix_pitches_likes_published")
        batch_op.drop_column("likes")
        batch_op.drop_column("image_model")
        batch_op.drop_column("text_model")
        batch_op.drop_column("knobs")

    with op.batch_alter_table("daily_budget", schema=None) as batch_op:
        batch_op.drop_column("spent_nanos")

    with op.batch_alter_table("usage_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_usage_entries_pitch_id"))
        batch_op.drop_index(batch_op.f("ix_usage_entries_created_at"))

    op.drop_table("usage_entries")
    with op.batch_alter_table("likes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_likes_owner_id"))

    op.drop_table("likes")
