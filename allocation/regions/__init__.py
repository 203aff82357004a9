"""Region design: which municipalities should cooperate on a service, and who hosts each group."""
