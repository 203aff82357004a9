"""Region design: who should cooperate with whom on a service, and who hosts each group."""
