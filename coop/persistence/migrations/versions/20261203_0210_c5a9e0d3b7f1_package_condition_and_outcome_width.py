"""package condition and outcome width: the council package's condition, «vedtatt med endringer».

Issue 17: Salangen's 2007 condition (identical resolutions in every council, or all cases are
reopened) is project data; «vedtatt med endringer» (21 characters) needs a wider outcome column.

Revision ID: c5a9e0d3b7f1
Revises: a17e2c4f9b30
Create Date: 2026-12-03 02:10:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c5a9e0d3b7f1"
down_revision: str | None = "a17e2c4f9b30"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("projects") as batch:
        batch.add_column(
            sa.Column("package_condition", sa.Text(), nullable=False, server_default="")
        )
    with op.batch_alter_table("agreement_adoptions") as batch:
        batch.alter_column(
            "outcome", existing_type=sa.String(20), type_=sa.String(30), existing_nullable=False
        )


def downgrade() -> None:
    with op.batch_alter_table("agreement_adoptions") as batch:
        batch.alter_column(
            "outcome", existing_type=sa.String(30), type_=sa.String(20), existing_nullable=False
        )
    with op.batch_alter_table("projects") as batch:
        batch.drop_column("package_condition")
