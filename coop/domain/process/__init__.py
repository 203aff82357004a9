"""From decision to follow-up: project plan, organisation, staff log, savings, money, goals."""
