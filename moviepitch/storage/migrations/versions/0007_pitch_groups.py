"""Pitch groups: three takes of an idea, or one idea written by two or three models, read side by side.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27

"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from moviepitch.storage.models import UTCDateTime


# revision identifiers, used by Alembic.
revision: str = "0007"
down_revision: Union[str, Sequence[str], None] = "0006"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Add pitch_groups and group_members."""
    op.create_table(
        "pitch_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("idea", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pitch_groups")),
        sa.UniqueConstraint("slug", name=op.f("uq_pitch_groups_slug")),
    )
    with op.batch_alter_table("pitch_groups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pitch_groups_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "group_members",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("pitch_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["pitch_groups.id"], name=op.f("fk_group_members_group_id_pitch_groups"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["pitch_id"], ["pitches.id"], name=op.f("fk_group_members_pitch_id_pitches"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("group_id", "position", name=op.f("pk_group_members")),
        sa.UniqueConstraint("pitch_id", name=op.f("uq_group_members_pitch_id")),
    )


def downgrade() -> None:
    """Drop them."""
    op.drop_table("group_members")
    with op.batch_alter_table("pitch_groups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pitch_groups_owner_id"))

    op.drop_table("pitch_groups")
