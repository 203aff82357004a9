"""Alembic environment: uses the connection handed over by ``coop.migrate``."""

from alembic import context

import coop.agreement_store  # noqa: F401 - registers the agreement tables on Base
from coop.orm import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
