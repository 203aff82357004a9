"""coop: planning and cost allocation for Norwegian host-municipality cooperation."""
