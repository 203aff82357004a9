"""sessions, tokens and login failures: per-user session generation, several API tokens, throttling.

The one API token a user could have moves to ``api_tokens`` (label «standard»).

Revision ID: 7c3a9e51d2b4
Revises: 7c3e5a9d1f20
Create Date: 2026-12-02 21:30:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7c3a9e51d2b4"
down_revision: str | None = "7c3e5a9d1f20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the generation column and both tables; move existing tokens; drop the old column."""
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    op.create_index(op.f("ix_api_tokens_user_id"), "api_tokens", ["user_id"])
    op.execute(
        "INSERT INTO api_tokens (user_id, label, token_hash, created_at) "
        "SELECT id, 'standard', api_token_hash, CURRENT_TIMESTAMP FROM users "
        "WHERE api_token_hash IS NOT NULL"
    )
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    for column in ("username", "address", "at"):
        op.create_index(op.f(f"ix_login_failures_{column}"), "login_failures", [column])
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("session_generation", sa.Integer(), server_default="0", nullable=False)
        )
        batch.drop_constraint("uq_users_api_token_hash", type_="unique")
        batch.drop_column("api_token_hash")


def downgrade() -> None:
    """Put one token per user back on ``users`` (the newest); drop the new tables and column."""
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("api_token_hash", sa.String(length=64), nullable=True))
        batch.create_unique_constraint("uq_users_api_token_hash", ["api_token_hash"])
        batch.drop_column("session_generation")
    op.execute(
        "UPDATE users SET api_token_hash = (SELECT t.token_hash FROM api_tokens t "
        "WHERE t.user_id = users.id ORDER BY t.id DESC LIMIT 1)"
    )
    for column in ("username", "address", "at"):
        op.drop_index(op.f(f"ix_login_failures_{column}"), table_name="login_failures")
    op.drop_table("login_failures")
    op.drop_index(op.f("ix_api_tokens_user_id"), table_name="api_tokens")
    op.drop_table("api_tokens")
