"""Use case: propose hosts with the placement MILP, from a project's data and rules.

Translates the domain (baselines, travel network, personnel policy) into the plain
``allocation.placement.optimise`` input, and the result back into names and kroner a council reads.
"""
