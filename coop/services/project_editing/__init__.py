"""Use cases that create and change a project: members, services, participation, details.

Any region can start from the municipality register and the service catalogue. A new
project gets what the engines need to work at once — planning assumptions, a personnel
policy from the presets and a population key — each labelled a default. Removing a member or
a service that options, keys or agreements use is refused with the list of what uses it;
nothing is silently deleted. Every change is written to the change log.
"""
