"""Dated Alembic revisions."""
