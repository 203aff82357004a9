"""Pure domain: municipalities, services, scenarios and their rules (stdlib + networkx only)."""
