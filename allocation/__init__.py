"""Optimisation island: placement, cost games and fair splits on plain data (no coop, no DB)."""
