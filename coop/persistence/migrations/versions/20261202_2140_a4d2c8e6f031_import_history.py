"""import history: every budget import is kept, each pointing at the import it replaced.

Revision ID: a4d2c8e6f031
Revises: 7c3a9e51d2b4
Create Date: 2026-12-02 21:40:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a4d2c8e6f031"
down_revision: str | None = "7c3a9e51d2b4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Drop the one-import-per-year rule; add ``replaces_id``."""
    with op.batch_alter_table("budget_imports") as batch:
        batch.drop_constraint("uq_budget_imports_municipality", type_="unique")
        batch.add_column(sa.Column("replaces_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_budget_imports_replaces_id_budget_imports"),
            "budget_imports",
            ["replaces_id"],
            ["id"],
        )


def downgrade() -> None:
    """Keep only the newest import per municipality, year and kind (older ones are lost)."""
    with op.batch_alter_table("budget_imports") as batch:
        batch.drop_constraint(
            op.f("fk_budget_imports_replaces_id_budget_imports"), type_="foreignkey"
        )
        batch.drop_column("replaces_id")
    op.execute(
        "DELETE FROM budget_imports WHERE id NOT IN (SELECT max(id) FROM budget_imports "
        "GROUP BY municipality, year, kind)"
    )
    with op.batch_alter_table("budget_imports") as batch:
        batch.create_unique_constraint(
            "uq_budget_imports_municipality", ["municipality", "year", "kind"]
        )
