"""Personnel policies and what moving joint-service staff to a host costs."""
