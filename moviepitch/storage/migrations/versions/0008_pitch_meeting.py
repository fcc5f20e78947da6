"""The pitch meeting: its messages and summaries, the message a run carries out, and a daily count of turns.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28

"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from moviepitch.storage.models import MEETING_BUSY, UTCDateTime


# revision identifiers, used by Alembic.
revision: str = "0008"
down_revision: Union[str, Sequence[str], None] = "0007"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Add meeting_messages and meeting_summaries, pitches.run_message_id and daily_budget.turns."""
    op.create_table(
        "meeting_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pitch_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.Column("proposals", sa.JSON(), nullable=False),
        sa.Column("proposal_status", sa.String(length=16), nullable=True),
        sa.Column("chosen", sa.Integer(), nullable=True),
        sa.Column("paint", sa.Boolean(), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("model", sa.String(length=128), nullable=True),
        sa.Column("usage", sa.JSON(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["pitch_id"], ["pitches.id"], name=op.f("fk_meeting_messages_pitch_id_pitches"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_messages")),
    )
    with op.batch_alter_table("meeting_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_messages_pitch_id"), ["pitch_id"], unique=False)
        # One turn at a time per pitch: a second busy message cannot be inserted.
        batch_op.create_index(
            "uq_meeting_messages_busy",
            ["pitch_id"],
            unique=True,
            sqlite_where=sa.text(MEETING_BUSY),
            postgresql_where=sa.text(MEETING_BUSY),
        )

    op.create_table(
        "meeting_summaries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pitch_id", sa.Integer(), nullable=False),
        sa.Column("upto_id", sa.Integer(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["pitch_id"], ["pitches.id"], name=op.f("fk_meeting_summaries_pitch_id_pitches"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_summaries")),
    )
    with op.batch_alter_table("meeting_summaries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_summaries_pitch_id"), ["pitch_id"], unique=False)

    with op.batch_alter_table("pitches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("run_message_id", sa.Integer(), nullable=True))

    with op.batch_alter_table("daily_budget", schema=None) as batch_op:
        batch_op.add_column(sa.Column("turns", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    """Drop them."""
    with op.batch_alter_table("daily_budget", schema=None) as batch_op:
        batch_op.drop_column("turns")

    with op.batch_alter_table("pitches", schema=None) as batch_op:
        batch_op.drop_column("run_message_id")

    with op.batch_alter_table("meeting_summaries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_summaries_pitch_id"))
    op.drop_table("meeting_summaries")

    with op.batch_alter_table("meeting_messages", schema=None) as batch_op:
        batch_op.drop_index("uq_meeting_messages_busy")
        batch_op.drop_index(batch_op.f("ix_meeting_messages_pitch_id"))
    op.drop_table("meeting_messages")
