"""Background jobs: start, follow and cancel long tasks; run them in a thread or on RQ."""
