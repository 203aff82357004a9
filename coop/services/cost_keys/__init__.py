"""Cost key use cases: listing, editing with version checks, and form input."""
