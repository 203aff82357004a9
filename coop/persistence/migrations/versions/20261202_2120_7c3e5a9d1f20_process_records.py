"""process records: each project's plan, groups, staff log, savings, money and goals.

Revision ID: 7c3e5a9d1f20
Revises: 3c5e0b7a9d21
Create Date: 2026-12-02 21:20:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7c3e5a9d1f20"
down_revision: str | None = "3c5e0b7a9d21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """One JSON document per project, with a version for optimistic locking."""
    op.create_table(
        "process_records",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_process_records_project_id_projects")
        ),
        sa.PrimaryKeyConstraint("project_id", name=op.f("pk_process_records")),
    )


def downgrade() -> None:
    """Drop the table (process records are lost)."""
    op.drop_table("process_records")
