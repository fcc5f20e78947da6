"""Sharing: publishing, hiding, tombstones, edit links, co-owners and reports.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Add publishing, tombstones, edit links, co-owners and reports."""
    op.create_table(
        "co_owners",
        sa.Column("pitch_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["pitch_id"], ["pitches.id"], name=op.f("fk_co_owners_pitch_id_pitches"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("pitch_id", "owner_id", name=op.f("pk_co_owners")),
    )
    with op.batch_alter_table("co_owners", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_co_owners_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pitch_id", sa.Integer(), nullable=False),
        sa.Column("reporter", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["pitch_id"], ["pitches.id"], name=op.f("fk_reports_pitch_id_pitches"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
        sa.UniqueConstraint("pitch_id", "reporter", name=op.f("uq_reports_pitch_id")),
    )
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reports_pitch_id"), ["pitch_id"], unique=False)

    with op.batch_alter_table("pitches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("published_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("edit_hash", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_pitches_published_at"), ["published_at"], unique=False)


def downgrade() -> None:
    """Remove them again."""
    with op.batch_alter_table("pitches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pitches_published_at"))
        batch_op.drop_column("edit_hash")
        batch_op.drop_column("deleted_at")
        batch_op.drop_column("hidden_at")
        batch_op.drop_column("published_at")

    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reports_pitch_id"))

    op.drop_table("reports")
    with op.batch_alter_table("co_owners", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_co_owners_owner_id"))

    op.drop_table("co_owners")
