"""proposals and project access: shared decisions wait for the steering group; users per project.

Existing projects get every existing user as a member, so nobody loses access on upgrade.

Revision ID: df8fb5de284d
Revises: e80eafa48f2c
Create Date: 2026-12-02 18:51:18.519463+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "df8fb5de284d"
down_revision: str | None = "e80eafa48f2c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create both tables; give every existing user access to every existing project."""
    op.create_table(
        "project_access",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_project_access_project_id_projects")
        ),
        sa.PrimaryKeyConstraint("project_id", "username", name=op.f("pk_project_access")),
    )
    op.execute(
        "INSERT INTO project_access (project_id, username) "
        "SELECT projects.id, users.username FROM projects CROSS JOIN users"
    )
    op.create_table(
        "proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("proposed_by", sa.String(length=100), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_proposals_project_id_projects")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposals")),
    )


def downgrade() -> None:
    """Drop both tables (pending proposals are lost)."""
    op.drop_table("proposals")
    op.drop_table("project_access")
