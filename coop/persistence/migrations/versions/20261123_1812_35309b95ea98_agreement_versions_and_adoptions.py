"""Agreement versions (text, hash, input snapshot, status) and council decisions per version.

Revision ID: 35309b95ea98
Revises: f110f34d9352
Create Date: 2026-11-23 18:12:43.093010+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "35309b95ea98"
down_revision: str | None = "f110f34d9352"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agreement_adoptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("scenario", sa.String(length=100), nullable=False),
        sa.Column("service", sa.String(length=40), nullable=False),
        sa.Column("version_hash", sa.String(length=64), nullable=False),
        sa.Column("participant", sa.String(length=4), nullable=False),
        sa.Column("body", sa.String(length=20), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=False),
        sa.Column("case_number", sa.String(length=50), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant"],
            ["municipalities.number"],
            name=op.f("fk_agreement_adoptions_participant_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_agreement_adoptions_project_id_projects")
        ),
        sa.ForeignKeyConstraint(
            ["service"], ["services.code"], name=op.f("fk_agreement_adoptions_service_services")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_adoptions")),
    )
    op.create_table(
        "agreement_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("scenario", sa.String(length=100), nullable=False),
        sa.Column("service", sa.String(length=40), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("participants", sa.String(length=500), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("saved_by", sa.String(length=100), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_agreement_versions_project_id_projects")
        ),
        sa.ForeignKeyConstraint(
            ["service"], ["services.code"], name=op.f("fk_agreement_versions_service_services")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_versions")),
        sa.UniqueConstraint(
            "project_id",
            "scenario",
            "service",
            "number",
            name=op.f("uq_agreement_versions_project_id"),
        ),
    )


def downgrade() -> None:
    op.drop_table("agreement_versions")
    op.drop_table("agreement_adoptions")
