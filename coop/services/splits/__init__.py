"""Splitting a service's cost: by key and by fair-division methods, and the finance page."""
