"""Repositories by natural key over the SQLAlchemy rows, one module per concept."""
