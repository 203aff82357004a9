"""Alembic migrations for coop's schema (run through ``coop.persistence.migrate``)."""
