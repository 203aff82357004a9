"""Budget imports (original file, SHA-256, who, when), header mappings, function map.

Revision ID: 9351ddb92e50
Revises: 4f611eab77c9
Create Date: 2026-11-23 18:04:14.399655+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9351ddb92e50"
down_revision: str | None = "4f611eab77c9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "function_mappings",
        sa.Column("municipality", sa.String(length=4), nullable=False),
        sa.Column("valid_from", sa.Integer(), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality"],
            ["municipalities.number"],
            name=op.f("fk_function_mappings_municipality_municipalities"),
        ),
        sa.PrimaryKeyConstraint("municipality", "valid_from", name=op.f("pk_function_mappings")),
    )
    op.create_table(
        "budget_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality", sa.String(length=4), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("encoding", sa.String(length=40), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("imported_by", sa.String(length=100), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality"],
            ["municipalities.number"],
            name=op.f("fk_budget_imports_municipality_municipalities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_imports")),
        sa.UniqueConstraint(
            "municipality", "year", "kind", name=op.f("uq_budget_imports_municipality")
        ),
    )
    op.create_table(
        "header_mappings",
        sa.Column("municipality", sa.String(length=4), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality"],
            ["municipalities.number"],
            name=op.f("fk_header_mappings_municipality_municipalities"),
        ),
        sa.PrimaryKeyConstraint("municipality", name=op.f("pk_header_mappings")),
    )


def downgrade() -> None:
    op.drop_table("header_mappings")
    op.drop_table("budget_imports")
    op.drop_table("function_mappings")
