"""Reference data used at run time: the municipality register (package data)."""
