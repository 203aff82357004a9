"""Cost keys, key splits, a konto and the exit calculator."""
