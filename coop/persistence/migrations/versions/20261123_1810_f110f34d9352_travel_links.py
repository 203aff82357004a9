"""The shared travel network: road, ferry and bridge/tunnel links between nodes.

Revision ID: f110f34d9352
Revises: 9351ddb92e50
Create Date: 2026-11-23 18:10:32.608540+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f110f34d9352"
down_revision: str | None = "9351ddb92e50"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "travel_links",
        sa.Column("origin", sa.String(length=60), nullable=False),
        sa.Column("destination", sa.String(length=60), nullable=False),
        sa.Column("km", sa.Numeric(precision=8, scale=2), nullable=False),
        sa.Column("minutes", sa.Numeric(precision=8, scale=2), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("fare_nok", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("wait_min", sa.Numeric(precision=8, scale=2), nullable=False),
        sa.Column("basis", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("origin", "destination", name=op.f("pk_travel_links")),
    )


def downgrade() -> None:
    op.drop_table("travel_links")
