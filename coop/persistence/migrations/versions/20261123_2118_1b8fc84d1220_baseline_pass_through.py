"""baseline pass-through: measures (KOSTRA 251/252) charged to the home municipality.

Revision ID: 1b8fc84d1220
Revises: 35309b95ea98
Create Date: 2026-11-23 21:18:59.705146+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "1b8fc84d1220"
down_revision: str | None = "35309b95ea98"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Existing baselines have no pass-through lines: 0 kr."""
    with op.batch_alter_table("baselines", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "pass_through_nok",
                sa.Numeric(precision=14, scale=2),
                nullable=False,
                server_default="0",
            )
        )


def downgrade() -> None:
    """Drop the column (the amounts are part of gross cost, so nothing else is lost)."""
    with op.batch_alter_table("baselines", schema=None) as batch_op:
        batch_op.drop_column("pass_through_nok")
