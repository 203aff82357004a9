"""SQLAlchemy 2 rows for the domain, one module per concept, with row ↔ domain mapping; no rules."""

# Loaded for their side effect only, so Base.metadata is complete and string relationships
# resolve whichever module a caller imports first. Import each name from its own module
# (coop.persistence.orm.projects.ProjectRow); nothing is re-exported here.
from coop.persistence.orm import (  # noqa: F401
    accounts,
    agreements,
    base,
    budget_imports,
    jobs,
    planning,
    projects,
    records,
    register,
)
