"""policy threshold and grant receivers: «over 40 km» vs «fra 40 km», who gets the transition grant.

Issue 17: the 2007 slides say «over 40 km» and leave open who gets the omstillingstilskudd;
both become policy fields. Existing policies keep today's behaviour (inclusive, everyone).

Revision ID: a17e2c4f9b30
Revises: a4d2c8e6f031
Create Date: 2026-12-02 22:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a17e2c4f9b30"
down_revision: str | None = "a4d2c8e6f031"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("personnel_policies") as batch:
        batch.add_column(
            sa.Column("threshold_inclusive", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch.add_column(
            sa.Column("transition_grant_to", sa.String(20), nullable=False, server_default="alle")
        )


def downgrade() -> None:
    with op.batch_alter_table("personnel_policies") as batch:
        batch.drop_column("transition_grant_to")
        batch.drop_column("threshold_inclusive")
