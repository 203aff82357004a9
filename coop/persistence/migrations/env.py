"""Alembic environment: uses the connection handed over by ``coop.persistence.migrate``."""

from alembic import context

from coop.persistence.orm.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
