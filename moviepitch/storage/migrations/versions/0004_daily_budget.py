"""The daily budget: pitches and images made per day, shared by every process.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24

"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "0004"
down_revision: Union[str, Sequence[str], None] = "0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Add the daily_budget table."""
    op.create_table(
        "daily_budget",
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("pitches", sa.Integer(), nullable=False),
        sa.Column("images", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_daily_budget")),
    )


def downgrade() -> None:
    """Drop it."""
    op.drop_table("daily_budget")
