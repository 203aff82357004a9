"""own projects: planning assumptions, service catalogue, change log, project travel links.

Also per-service participation status and start date, the basis of each baseline figure and
its source, a project's own services, and a season on travel links. Existing projects get
their assumptions on first use (the use cases fall back to defaults until then).

Revision ID: e80eafa48f2c
Revises: 1b8fc84d1220
Create Date: 2026-12-02 17:50:20.115627+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e80eafa48f2c"
down_revision: str | None = "1b8fc84d1220"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the tables and columns; existing rows get empty defaults."""
    op.create_table(
        "catalogue_entries",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_catalogue_entries")),
    )
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("project", sa.String(length=40), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("field", sa.String(length=100), nullable=False),
        sa.Column("old", sa.Text(), nullable=False),
        sa.Column("new", sa.Text(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_log")),
    )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index("ix_change_log_project_at", ["project", "at"], unique=False)

    op.create_table(
        "planning_assumptions",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("baseline_year", sa.Integer(), nullable=False),
        sa.Column("budget_year", sa.Integer(), nullable=False),
        sa.Column("horizon_years", sa.Integer(), nullable=False),
        sa.Column("discount_rate_pct", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("efficiency_gain_pct", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("cost_per_fte_nok", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("fixed_host_cost_nok", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("trips", sa.JSON(), nullable=False),
        sa.Column("bases", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_planning_assumptions_project_id_projects"),
        ),
        sa.PrimaryKeyConstraint("project_id", name=op.f("pk_planning_assumptions")),
    )
    op.create_table(
        "project_travel_links",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=60), nullable=False),
        sa.Column("destination", sa.String(length=60), nullable=False),
        sa.Column("km", sa.Numeric(precision=8, scale=2), nullable=False),
        sa.Column("minutes", sa.Numeric(precision=8, scale=2), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("fare_nok", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("wait_min", sa.Numeric(precision=8, scale=2), nullable=False),
        sa.Column("basis", sa.String(length=200), nullable=False),
        sa.Column("season", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_project_travel_links_project_id_projects"),
        ),
        sa.PrimaryKeyConstraint(
            "project_id", "origin", "destination", name=op.f("pk_project_travel_links")
        ),
    )
    with op.batch_alter_table("baselines", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("field_basis", sa.JSON(), server_default=sa.text("'{}'"), nullable=False)
        )
        batch_op.add_column(
            sa.Column("source", sa.String(length=300), server_default="", nullable=False)
        )
        batch_op.alter_column(
            "basis",
            existing_type=sa.VARCHAR(length=200),
            type_=sa.String(length=300),
            existing_nullable=False,
        )

    with op.batch_alter_table("participations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=20), server_default="deltar", nullable=False)
        )
        batch_op.add_column(sa.Column("joined_on", sa.Date(), nullable=True))

    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("created_by", sa.String(length=100), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("created_at", sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner", sa.String(length=40), nullable=True))

    with op.batch_alter_table("travel_links", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("season", sa.String(length=40), server_default="", nullable=False)
        )


def downgrade() -> None:
    """Drop them again (a baseline basis longer than 200 characters must be shortened first)."""
    with op.batch_alter_table("travel_links", schema=None) as batch_op:
        batch_op.drop_column("season")

    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.drop_column("owner")

    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.drop_column("created_at")
        batch_op.drop_column("created_by")

    with op.batch_alter_table("participations", schema=None) as batch_op:
        batch_op.drop_column("joined_on")
        batch_op.drop_column("status")

    with op.batch_alter_table("baselines", schema=None) as batch_op:
        batch_op.alter_column(
            "basis",
            existing_type=sa.String(length=300),
            type_=sa.VARCHAR(length=200),
            existing_nullable=False,
        )
        batch_op.drop_column("source")
        batch_op.drop_column("field_basis")

    op.drop_table("project_travel_links")
    op.drop_table("planning_assumptions")
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_index("ix_change_log_project_at")

    op.drop_table("change_log")
    op.drop_table("catalogue_entries")
