"""Initial schema: register, services, projects, baselines, policies, keys, scenarios.

Revision ID: d171626767e2
Revises: (none)
Create Date: 2026-11-23 17:51:15.193971+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d171626767e2"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "municipalities",
        sa.Column("number", sa.String(length=4), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("county", sa.String(length=100), nullable=False),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.Column("population_date", sa.Date(), nullable=False),
        sa.Column("admin_centre", sa.String(length=100), nullable=False),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("coordinate_basis", sa.String(length=100), nullable=False),
        sa.Column("employer_tax_zone", sa.String(length=4), nullable=True),
        sa.Column("employer_tax_pct", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("chief_title", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_municipalities")),
    )
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_projects")),
        sa.UniqueConstraint("slug", name=op.f("uq_projects_slug")),
    )
    op.create_table(
        "services",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kostra_functions", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_services")),
    )
    op.create_table(
        "baselines",
        sa.Column("municipality", sa.String(length=4), nullable=False),
        sa.Column("service", sa.String(length=40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("fte", sa.Numeric(precision=6, scale=2), nullable=False),
        sa.Column("headcount", sa.Integer(), nullable=False),
        sa.Column("gross_cost_nok", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("pay_cost_nok", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("usage", sa.JSON(), nullable=False),
        sa.Column("basis", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality"],
            ["municipalities.number"],
            name=op.f("fk_baselines_municipality_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["service"], ["services.code"], name=op.f("fk_baselines_service_services")
        ),
        sa.PrimaryKeyConstraint("municipality", "service", "year", name=op.f("pk_baselines")),
    )
    op.create_table(
        "cost_keys",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("components", sa.JSON(), nullable=False),
        sa.Column("population_date", sa.Date(), nullable=True),
        sa.Column("host_overhead_pct", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_cost_keys_project_id_projects")
        ),
        sa.PrimaryKeyConstraint("project_id", "name", name=op.f("pk_cost_keys")),
    )
    op.create_table(
        "participations",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("service", sa.String(length=40), nullable=False),
        sa.Column("municipality", sa.String(length=4), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality"],
            ["municipalities.number"],
            name=op.f("fk_participations_municipality_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_participations_project_id_projects")
        ),
        sa.ForeignKeyConstraint(
            ["service"], ["services.code"], name=op.f("fk_participations_service_services")
        ),
        sa.PrimaryKeyConstraint(
            "project_id", "service", "municipality", name=op.f("pk_participations")
        ),
    )
    op.create_table(
        "personnel_policies",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("bands", sa.JSON(), nullable=False),
        sa.Column("grant_years", sa.Integer(), nullable=False),
        sa.Column("yearly", sa.Boolean(), nullable=False),
        sa.Column("one_way_km", sa.Boolean(), nullable=False),
        sa.Column("relocation_nok", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("relocation_share", sa.Numeric(precision=5, scale=4), nullable=False),
        sa.Column("transition_grant_nok", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_personnel_policies_project_id_projects")
        ),
        sa.PrimaryKeyConstraint("project_id", "name", name=op.f("pk_personnel_policies")),
    )
    op.create_table(
        "project_members",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("municipality", sa.String(length=4), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality"],
            ["municipalities.number"],
            name=op.f("fk_project_members_municipality_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_project_members_project_id_projects")
        ),
        sa.PrimaryKeyConstraint("project_id", "municipality", name=op.f("pk_project_members")),
    )
    op.create_table(
        "project_services",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("service", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_project_services_project_id_projects")
        ),
        sa.ForeignKeyConstraint(
            ["service"], ["services.code"], name=op.f("fk_project_services_service_services")
        ),
        sa.PrimaryKeyConstraint("project_id", "service", name=op.f("pk_project_services")),
    )
    op.create_table(
        "scenarios",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("policy", sa.String(length=100), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_scenarios_project_id_projects")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scenarios")),
        sa.UniqueConstraint("project_id", "name", name=op.f("uq_scenarios_project_id")),
    )
    op.create_table(
        "arrangements",
        sa.Column("scenario_id", sa.Integer(), nullable=False),
        sa.Column("service", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("host", sa.String(length=4), nullable=False),
        sa.Column("participants", sa.String(length=500), nullable=False),
        sa.Column("legal_form", sa.String(length=10), nullable=False),
        sa.Column("joint_fte", sa.Numeric(precision=6, scale=2), nullable=False),
        sa.Column("local_fte", sa.Numeric(precision=6, scale=2), nullable=False),
        sa.Column("cost_key", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["host"], ["municipalities.number"], name=op.f("fk_arrangements_host_municipalities")
        ),
        sa.ForeignKeyConstraint(
            ["scenario_id"], ["scenarios.id"], name=op.f("fk_arrangements_scenario_id_scenarios")
        ),
        sa.ForeignKeyConstraint(
            ["service"], ["services.code"], name=op.f("fk_arrangements_service_services")
        ),
        sa.PrimaryKeyConstraint("scenario_id", "service", name=op.f("pk_arrangements")),
    )


def downgrade() -> None:
    op.drop_table("arrangements")
    op.drop_table("scenarios")
    op.drop_table("project_services")
    op.drop_table("project_members")
    op.drop_table("personnel_policies")
    op.drop_table("participations")
    op.drop_table("cost_keys")
    op.drop_table("baselines")
    op.drop_table("services")
    op.drop_table("projects")
    op.drop_table("municipalities")
