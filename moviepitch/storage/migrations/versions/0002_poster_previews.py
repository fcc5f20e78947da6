"""Poster previews: the latest partial image of a poster being painted.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24

"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = "0002"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Add the poster_previews table."""
    op.create_table(
        "poster_previews",
        sa.Column("pitch_id", sa.Integer(), nullable=False),
        sa.Column("index", sa.Integer(), nullable=False),
        sa.Column("webp", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["pitch_id"], ["pitches.id"], name=op.f("fk_poster_previews_pitch_id_pitches"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("pitch_id", name=op.f("pk_poster_previews")),
    )


def downgrade() -> None:
    """Drop the poster_previews table."""
    op.drop_table("poster_previews")
